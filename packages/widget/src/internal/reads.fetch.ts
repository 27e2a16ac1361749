// The reads of the first view in the script-tag build (scripts/build-script-tag.mjs puts this
// module in place of reads.ts): the two public GETs of the list and the figures, sent as the SDK
// sends them for the widget's own client (internal/clients.ts: no schema checks) without carrying
// the SDK, which is ~3.5 KB min+gzip of the first view. The same request and the same answers:
// `Accept-Language`, 30 s per attempt, two retries after a connection error, a timeout, 408, 429
// or 5xx (backoff with jitter, `Retry-After` up to 60 s), and on failure an error with the name,
// code, status and message of the SDK's (its `is…` guards read the name, so failure.ts and
// `liuyan-error` see no difference). A client given to the element is used as it is.
// Keep in step with packages/client/src/internal/transport.ts.
import type { BoardStats, MessageListQuery, Page, Problem, PublicMessage } from '@liuyan/core'
import type { ReadContext } from './reads.js'

const TIMEOUT_MS = 30_000
const MAX_RETRIES = 2
const NAMES: Record<number, string> = { 400: 'BadRequest', 401: 'Authentication', 403: 'PermissionDenied', 404: 'NotFound', 409: 'Conflict', 422: 'UnprocessableEntity', 429: 'RateLimit' }

const fail = (name: string, code: string, message: string, more?: object) => Object.assign(new Error(message), { name, code }, more)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const backoff = (attempt: number) => Math.min(500 * 2 ** attempt, 8_000) * (1 - Math.random() * 0.25)

function retryAfterMs(value: string | null): number | undefined {
  if (!value?.trim()) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined
}

function problemOf(text: string): Problem | undefined {
  try {
    const p = JSON.parse(text) as Problem
    return typeof p?.title === 'string' && typeof p.code === 'string' && Number.isInteger(p.status) ? p : undefined
  } catch {
    return undefined
  }
}

async function get<T>(context: ReadContext, path: string, query: Record<string, unknown>): Promise<T> {
  const params = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`)
  const url = context.baseUrl.replace(/\/+$/, '') + path + (params.length ? `?${params.join('&')}` : '')
  const headers = { Accept: 'application/json', 'Accept-Language': context.locale }
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, TIMEOUT_MS)
    let response: Response | undefined
    let text: string
    try {
      response = await fetch(url, { headers, signal: controller.signal })
      text = await response.text()
    } catch (cause) {
      clearTimeout(timer)
      if (attempt < MAX_RETRIES) {
        await sleep(backoff(attempt))
        continue
      }
      throw timedOut
        ? fail('TimeoutError', 'timeout', `The Board API did not answer within ${TIMEOUT_MS} ms. Retry later or raise timeoutMs.`)
        : fail('ConnectionError', 'connection_error', response ? 'The connection broke while reading the response. Retry later.' : 'Could not reach the Board API. Check the network and the baseUrl, then retry.', { cause })
    }
    clearTimeout(timer)
    const { status } = response
    if (response.ok) {
      try {
        return JSON.parse(text) as T
      } catch {
        throw fail('InvalidResponseError', 'invalid_response', 'The Board API sent a response the SDK cannot read: the body is not JSON. Is baseUrl a Liuyan Board API?', { issues: [] })
      }
    }
    const retryAfter = retryAfterMs(response.headers.get('Retry-After'))
    const problem = problemOf(text)
    const retryable = status === 409 ? problem?.code === 'idempotency_in_progress' || retryAfter !== undefined : status === 408 || status === 429 || status >= 500
    if (retryable && (retryAfter ?? 0) <= 60_000 && attempt < MAX_RETRIES) {
      await sleep(retryAfter ?? backoff(attempt))
      continue
    }
    throw fail(
      status >= 500 ? 'InternalServerError' : NAMES[status] ? `${NAMES[status]}Error` : 'APIError',
      problem?.code ?? `http_${status}`,
      `GET ${path} failed with ${status}${problem ? `: ${problem.title}${problem.detail ? ` (${problem.detail})` : ''}` : ''}`,
      {
        status,
        problem,
        requestId: response.headers.get('X-Request-Id') ?? problem?.requestId,
        ...(status === 429 ? { retryAfter: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000) } : {}),
      },
    )
  }
}

/** A page of public messages (`GET /messages`). */
export const listMessages = (context: ReadContext, query: MessageListQuery): Promise<Page<PublicMessage>> =>
  context.client ? Promise.resolve(context.client.messages.list(query)) : get(context, '/messages', query)

/** A board's figures (`GET /boards/{id}/stats`). */
export const boardStats = (context: ReadContext, board: string): Promise<BoardStats> =>
  context.client ? context.client.boards.stats(board) : get(context, `/boards/${encodeURIComponent(board)}/stats`, {})
