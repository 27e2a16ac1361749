// The event every element sends. The form's own are in form-events.ts, so that the script tag's
// first view, which sends only `liuyan-error`, does not carry them (a re-export from here would).
import type { LiuyanBeforeSubmitEvent, LiuyanSubmittedEvent } from './form-events.js'

export type { LiuyanBeforeSubmitEvent, LiuyanSubmittedEvent } from './form-events.js'

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
