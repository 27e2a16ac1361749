// Private: the rules of a call that the SDK's transport follows and that a request sent without
// the client follows too (`@liuyan/client/http`, for the widget's first view): defaults, the URL,
// when to retry and how long to wait. Written once, here.
import type { Problem } from '@liuyan/core'

/** `timeoutMs` by default: per attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000
/** `maxRetries` by default. */
export const DEFAULT_MAX_RETRIES = 2
/** The longest `Retry-After` waited for; a longer one is the caller's decision (`RateLimitError.retryAfter`). */
export const MAX_RETRY_AFTER_MS = 60_000

/**
 * 408, 429 and 5xx are worth another try. A 409 only when the server says it is passing (the same
 * request is still running: `idempotency_in_progress`, or a `Retry-After`): a 409 about the
 * message's status answers the same every time.
 */
export function isRetryable(status: number, problem: Problem | undefined, retryAfter: number | undefined): boolean {
  if (status === 409) return problem?.code === 'idempotency_in_progress' || retryAfter !== undefined
  return status === 408 || status === 429 || status >= 500
}

/** Exponential backoff with jitter: ~0.5 s, 1 s, 2 s … capped at 8 s, each minus up to 25 %. */
export function backoff(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 8_000) * (1 - Math.random() * 0.25)
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined if unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value?.trim()) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  if (!Number.isFinite(ms)) return undefined
  return Math.max(0, ms)
}

/** The URL of a call: the base URL without trailing slashes, the path, and the query without empty values. */
export function buildUrl(baseUrl: string, path: string, query?: Record<string, string | undefined>): string {
  let url = baseUrl.replace(/\/+$/, '') + path
  if (query) {
    const params = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    if (params.length) url += `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`
  }
  return url
}

/** Query-string form of list filters. */
export function toQuery(filters: object): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue
    query[key] = Array.isArray(value) ? value.join(',') : String(value)
  }
  return query
}
