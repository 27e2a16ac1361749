// The public reads in the script-tag build (scripts/build-script-tag.mjs puts this module in place
// of reads.ts): the three GETs of the list, the figures and a message, sent as the SDK sends them
// for the widget's own client (internal/clients.ts: no schema checks) without carrying the SDK's
// client and resources: the first view has them, and the thread's chunk reads through them too.
// The rules are the SDK's own, from `@liuyan/client/http`: the defaults (30 s per attempt, two
// retries), the URL, which answers are retried and how long to wait (`Retry-After` up to 60 s, else
// backoff with jitter), and the same error classes. A client given to the element is used as it is. reads.browser.test.ts checks the outcomes against the SDK's.
import {
  backoff,
  buildUrl,
  ConnectionError,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  InvalidResponseError,
  isRetryable,
  makeAPIError,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  TimeoutError,
  toQuery,
} from '@liuyan/client/http'
import type { BoardStats, MessageListQuery, Page, Problem, PublicMessage } from '@liuyan/core'
import type { ReadContext } from './reads.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The problem of a failed answer, by its shape (the SDK checks it with core's schema, which the
 * first view does not carry: a problem's `title`, `code` and `status` are what the errors read).
 */
function problemOf(text: string): Problem | undefined {
  try {
    const p = JSON.parse(text) as Problem
    return typeof p?.title === 'string' && typeof p.code === 'string' && Number.isInteger(p.status) ? p : undefined
  } catch {
    return undefined
  }
}

async function get<T>(context: ReadContext, path: string, query: object): Promise<T> {
  const url = buildUrl(context.baseUrl, path, toQuery(query))
  const headers = { Accept: 'application/json', 'Accept-Language': context.locale }
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, DEFAULT_TIMEOUT_MS)
    let response: Response | undefined
    let text: string
    try {
      response = await fetch(url, { headers, signal: controller.signal })
      text = await response.text()
    } catch {
      clearTimeout(timer)
      if (attempt < DEFAULT_MAX_RETRIES) {
        await sleep(backoff(attempt))
        continue
      }
      throw timedOut ? new TimeoutError(DEFAULT_TIMEOUT_MS) : new ConnectionError(response ? 'The connection broke while reading the response. Retry later.' : undefined)
    }
    clearTimeout(timer)
    if (response.ok) {
      try {
        return JSON.parse(text) as T
      } catch {
        throw new InvalidResponseError('the body is not JSON')
      }
    }
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
    const problem = problemOf(text)
    if (isRetryable(response.status, problem, retryAfter) && (retryAfter ?? 0) <= MAX_RETRY_AFTER_MS && attempt < DEFAULT_MAX_RETRIES) {
      await sleep(retryAfter ?? backoff(attempt))
      continue
    }
    throw makeAPIError(response.status, problem, response.headers.get('X-Request-Id') ?? undefined, `GET ${path}`, retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000))
  }
}

/** A page of public messages (`GET /messages`). */
export const listMessages = (context: ReadContext, query: MessageListQuery): Promise<Page<PublicMessage>> =>
  context.client ? Promise.resolve(context.client.messages.list(query)) : get(context, '/messages', query)

/** A board's figures (`GET /boards/{id}/stats`). */
export const boardStats = (context: ReadContext, board: string): Promise<BoardStats> =>
  context.client ? context.client.boards.stats(board) : get(context, `/boards/${encodeURIComponent(board)}/stats`, {})

/** A public message with its thread (`GET /messages/{id}`). */
export const getMessage = (context: ReadContext, id: string): Promise<PublicMessage> =>
  context.client ? context.client.messages.get(id) : get(context, `/messages/${encodeURIComponent(id)}`, {})
