// What a composite element (<liuyan-board>, <liuyan-tracking>) shares with the parts it renders:
// the client (or the API's URL), the language, the size and the theme. A part asks when it connects (also when its
// chunk is defined after it was rendered) with a composed event, as the Context protocol does;
// the nearest provider around it answers now and after each change, until the part disconnects.
// Twenty lines instead of @lit/context, whose ~1 KB would count against the first view's budget.
import type { LiuyanClient } from '@liuyan/client'
import type { Locale } from '@liuyan/core'

export interface Shared {
  /** A client given to the composite element (or to one around it); otherwise the parts make theirs from `api`. */
  client: LiuyanClient | undefined
  /** The composite element's `api`. */
  api: string
  locale: Locale
  size: 'normal' | 'large' | undefined
  theme: 'light' | 'dark' | undefined
}

type Subscriber = (shared: Shared) => void

/** Dispatched by a part on connect; a provider sets `unsubscribe` when it takes the request. */
export class SharedRequestEvent extends Event {
  unsubscribe: (() => void) | undefined
  constructor(readonly subscriber: Subscriber) {
    super('liuyan-shared-request', { bubbles: true, composed: true })
  }
}

/** Answers the requests of the parts inside `host`; `set` shares a new value with all of them. */
export function provide(host: HTMLElement): { set(shared: Shared): void; readonly value: Shared | undefined } {
  const subscribers = new Set<Subscriber>()
  let value: Shared | undefined
  host.addEventListener('liuyan-shared-request', (event) => {
    const request = event as SharedRequestEvent
    if (request.composedPath()[0] === host) return // its own request goes to the provider around it
    request.stopPropagation()
    subscribers.add(request.subscriber)
    request.unsubscribe = () => subscribers.delete(request.subscriber)
    if (value) request.subscriber(value)
  })
  return {
    set(shared) {
      value = shared
      for (const subscriber of subscribers) subscriber(shared)
    },
    get value() {
      return value
    },
  }
}
