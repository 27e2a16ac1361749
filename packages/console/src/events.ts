import type { Message, StaffActionName } from '@liuyan/core'

/** Fired when a member of staff signed in: carries the token's label, roles and number of boards, never the token. */
export class LiuyanSignInEvent extends Event {
  constructor(
    readonly label: string,
    readonly roles: readonly string[],
    readonly boardCount: number,
  ) {
    super('liuyan-sign-in', { bubbles: true, composed: true })
  }
}

/** Fired when a member of staff signed out (the tab forgot the token). */
export class LiuyanSignOutEvent extends Event {
  constructor() {
    super('liuyan-sign-out', { bubbles: true, composed: true })
  }
}

/** Fired by the inbox when a message is opened. `<liuyan-console>` shows it in `<liuyan-case>`. */
export class LiuyanOpenCaseEvent extends Event {
  constructor(readonly id: string) {
    super('liuyan-open-case', { bubbles: true, composed: true })
  }
}

/** The figures of the supervision table that open the messages behind them. */
export type DrillDownFigure = 'all' | 'overdue' | 'supervised'

/**
 * Fired by the supervision view when a figure is opened (drill-down): the messages of the unit
 * `boardId` (with the boards below it) submitted on the days `from`–`to` (China time, inclusive,
 * `YYYY-MM-DD`), all of them or only the `overdue` (or the `supervised`, 督办) ones.
 * `<liuyan-console>` shows them in the inbox.
 */
export class LiuyanDrillDownEvent extends Event {
  constructor(
    readonly boardId: string,
    readonly figure: DrillDownFigure,
    readonly from: string,
    readonly to: string,
  ) {
    super('liuyan-drill-down', { bubbles: true, composed: true })
  }
}

/** Fired after a staff action succeeded: the message's id, the action and the status it is in now. */
export class LiuyanActedEvent extends Event {
  constructor(
    readonly id: string,
    readonly action: StaffActionName,
    readonly status: Message['status'],
  ) {
    super('liuyan-acted', { bubbles: true, composed: true })
  }
}

/** Fired after a message was marked as a duplicate (与…重复) of another: both ids. */
export class LiuyanDuplicateLinkedEvent extends Event {
  constructor(
    readonly id: string,
    readonly of: string,
  ) {
    super('liuyan-duplicate-linked', { bubbles: true, composed: true })
  }
}

/** Fired when a call to the Board API failed. `code` is the SDK's stable error code. */
export class LiuyanErrorEvent extends Event {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {
    super('liuyan-error', { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'liuyan-sign-in': LiuyanSignInEvent
    'liuyan-sign-out': LiuyanSignOutEvent
    'liuyan-open-case': LiuyanOpenCaseEvent
    'liuyan-acted': LiuyanActedEvent
    'liuyan-duplicate-linked': LiuyanDuplicateLinkedEvent
    'liuyan-drill-down': LiuyanDrillDownEvent
    'liuyan-error': LiuyanErrorEvent
  }
}
