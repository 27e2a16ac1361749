// The `standard` kind: a signed JSON POST per the Standard Webhooks specification
// (https://www.standardwebhooks.com): headers `webhook-id` (the event's stable id, so a receiver
// deduplicates), `webhook-timestamp` (seconds) and `webhook-signature` (`v1,` and the base64 of
// HMAC-SHA256 over `id.timestamp.body` under the secret's bytes), signed by the reference library.
import { Webhook } from 'standardwebhooks'
import type { DeliveryResult, NotifyEvent, NotifyTarget, NotifyTransport } from './transport.js'

/** Options of the transports (see `registry.ts`). */
export interface TransportOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /**
   * The clock of `webhook-timestamp`. Receivers check it against their own (the reference library
   * allows five minutes), so it is the wall clock even when the worker's schedule runs on a pinned one.
   * @default () => new Date()
   */
  now?: () => Date
}

/** Whether an HTTP status is worth another attempt: timeouts, conflicts, rate limits and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 409 || status === 425 || status === 429
}

/** What a failed request says for the attempt log: the error's code, never the URL (which may hold a key). */
export function describeFailure(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return signal.reason instanceof Error && signal.reason.name === 'TimeoutError' ? 'timeout' : 'aborted'
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const text = cause?.code ?? cause?.message ?? (error as Error).message ?? String(error)
  return String(text).replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>').slice(0, 200)
}

/** The body of a Standard Webhooks delivery: `{ type, timestamp, data }`. */
export function standardBody(event: NotifyEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data })
}

export function createStandardTransport(options: TransportOptions = {}): NotifyTransport {
  const now = options.now ?? (() => new Date())
  return {
    kind: 'standard',
    async send(target: NotifyTarget, event: NotifyEvent, signal: AbortSignal): Promise<DeliveryResult> {
      const body = standardBody(event)
      const sentAt = now()
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'User-Agent': 'Liuyan-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      }
      if (target.secret) headers['webhook-signature'] = new Webhook(target.secret).sign(event.id, sentAt, body)
      try {
        const response = await (options.fetch ?? fetch)(target.url, { method: 'POST', headers, body, signal, redirect: 'manual' })
        // Only the status counts; the body is not read (a receiver cannot make the worker hold it).
        await response.body?.cancel().catch(() => {})
        if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, retryable: false }
        return { ok: false, status: response.status, error: `HTTP ${response.status}`, retryable: isRetryableStatus(response.status) }
      } catch (error) {
        return { ok: false, error: describeFailure(error, signal), retryable: true }
      }
    },
  }
}
