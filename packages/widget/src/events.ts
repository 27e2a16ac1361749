import type { NewMessageInput, SubmissionResult } from '@liuyan/core'

/**
 * Fired before a message is sent. Cancel it (`event.preventDefault()`) to stop the submission, e.g.
 * to add your own check. It carries the message as the citizen typed it (fields the page already
 * has; it leaves the component only inside the page).
 */
export class LiuyanBeforeSubmitEvent extends Event {
  constructor(readonly message: NewMessageInput) {
    super('liuyan-before-submit', { bubbles: true, composed: true, cancelable: true })
  }
}

/** Fired after a message was stored. Carries the id and the tracking code, never private fields. */
export class LiuyanSubmittedEvent extends Event {
  readonly id: string
  readonly trackingCode: string
  constructor(result: Pick<SubmissionResult, 'id' | 'trackingCode'>) {
    super('liuyan-submitted', { bubbles: true, composed: true })
    this.id = result.id
    this.trackingCode = result.trackingCode
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
    'liuyan-before-submit': LiuyanBeforeSubmitEvent
    'liuyan-submitted': LiuyanSubmittedEvent
    'liuyan-error': LiuyanErrorEvent
  }
}
