// The events of <liuyan-message-form>; `liuyan-error` is in events.ts.
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
