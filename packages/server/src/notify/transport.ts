/**
 * The seam between the webhook delivery worker (`service/webhooks.ts`) and the places an agency
 * gets told: a Standard Webhooks endpoint, a DingTalk, WeCom or Feishu group robot, or e-mail
 * (docs/architecture.md §7). The worker picks a subscription's transport by its `kind`, hands it
 * one event, and records the {@link DeliveryResult} of the attempt; it retries what is
 * `retryable` with backoff and dead-letters the rest. Transports never throw for a receiver's
 * failure: they answer a result. They run inside the fetch handler's graph, so they use only
 * web-standard APIs (fetch, Web Crypto) — e-mail, which needs a socket, is given by the Node host.
 */

/** Where a subscription delivers. `secret` signs (Standard Webhooks, robot signing) when set. */
export interface NotifyTarget {
  url: string
  secret?: string | undefined
}

/**
 * One event as the transports see it: the event's stable id (receivers deduplicate on it), its
 * type (core's `EVENT_TYPES`), when it happened, and its payload — the public view of the message
 * unless the subscription may see private fields. Never a tracking code or a token.
 */
export interface NotifyEvent {
  id: string
  type: string
  /** ISO instant of the change. */
  timestamp: string
  /** The JSON payload delivered as the body of a Standard Webhooks request. */
  data: Record<string, unknown>
}

/** What a robot or mail transport shows: a short title, lines of text, a link to the message. */
export interface NotifyMessage {
  title: string
  lines: string[]
  link?: string | undefined
}

/** The outcome of one attempt. */
export interface DeliveryResult {
  ok: boolean
  /** HTTP status of the receiver's answer, when there was one. */
  status?: number | undefined
  /** Why it failed, for the attempt log (never a secret). */
  error?: string | undefined
  /** Worth trying again later (timeouts, 5xx, 429, connection errors); false dead-letters at once. */
  retryable: boolean
}

export interface NotifyTransport {
  /** The subscription kind it serves: `standard`, `dingtalk`, `wecom`, `feishu`, `email`. */
  readonly kind: string
  send(target: NotifyTarget, event: NotifyEvent, signal: AbortSignal): Promise<DeliveryResult>
}
