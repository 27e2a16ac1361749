/**
 * Fault injection through the `fetch` option, wrapping the real fetch to the real server: resets
 * before and after the server got the request, 5xx, 429 with Retry-After, a hung connection,
 * answers that are not JSON. Each outcome is checked, and so is the staff inbox: a retried
 * submission is stored exactly once, because every attempt carries the same Idempotency-Key.
 */
import { describe, expect, it } from 'vitest'
import { InternalServerError, InvalidResponseError, type FetchInit, type FetchLike, type FetchResponse } from '../src/index.js'
import { caught, submission, useBoard, type TestBoard } from './board.js'

/** What one attempt meets. */
type Fault =
  /** Call the server and return its answer. */
  | 'pass'
  /** The connection resets before the request left: the server never sees it. */
  | 'reset-before'
  /** The server handles the request; the connection resets before the answer arrives. */
  | 'reset-after'
  /** The server handles the request; the answer never comes (until the SDK gives up). */
  | 'hang-after'
  /** A canned answer from a proxy in between; the server never sees the request. */
  | { status: number; body?: string; headers?: Record<string, string>; callThrough?: boolean }

interface Attempt {
  at: number
  method: string
  headers: Record<string, string>
}

function econnreset(): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })
}

/** A fetch that meets `faults` in order (then passes) and records every attempt. */
function inject(...faults: Fault[]): { fetch: FetchLike; attempts: Attempt[] } {
  const attempts: Attempt[] = []
  const fetch: FetchLike = async (url: string, init: FetchInit): Promise<FetchResponse> => {
    attempts.push({ at: Date.now(), method: init.method, headers: { ...init.headers } })
    const fault = faults[attempts.length - 1] ?? 'pass'
    if (fault === 'reset-before') throw econnreset()
    if (typeof fault === 'object') {
      if (fault.callThrough) await (await globalThis.fetch(url, init)).text()
      return new Response(fault.body ?? null, { status: fault.status, ...(fault.headers ? { headers: fault.headers } : {}) })
    }
    const response = await globalThis.fetch(url, init)
    if (fault === 'pass') return response
    await response.text() // the server finished: the message is stored
    if (fault === 'reset-after') throw econnreset()
    return new Promise<never>((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true })
    })
  }
  return { fetch, attempts }
}

/** Every attempt carried the same Idempotency-Key (and there was one). */
function expectOneKey(attempts: Attempt[], count: number): void {
  expect(attempts).toHaveLength(count)
  const keys = new Set(attempts.map((a) => a.headers['Idempotency-Key']))
  expect(keys.size).toBe(1)
  expect([...keys][0]).toMatch(/^[0-9a-f]{32}$/)
}

/** How many messages with this title the staff inbox lists. */
async function inboxCount(board: TestBoard, title: string): Promise<number> {
  let n = 0
  for await (const m of board.client({ as: 'admin' }).inbox.list({ limit: 100 })) if (m.title === title) n++
  return n
}

describe('fault injection on the real server', () => {
  const board = useBoard()

  it('a reset before the server got the request: retried, stored once', async () => {
    const title = '故障一号楼前路灯坏了'
    const { fetch, attempts } = inject('reset-before')
    const result = await board().client({ fetch }).messages.submit(submission({ title }))
    expect(result.status).toBe('pending')
    expectOneKey(attempts, 2)
    expect(await inboxCount(board(), title)).toBe(1)
  })

  it('a reset after the server stored it: the retry is answered from the first attempt, stored once', async () => {
    const title = '故障二号楼前路灯坏了'
    const { fetch, attempts } = inject('reset-after')
    const result = await board().client({ fetch }).messages.submit(submission({ title }))
    expectOneKey(attempts, 2)
    expect(await inboxCount(board(), title)).toBe(1)
    const [stored] = (await board().client({ as: 'admin' }).inbox.list({ keyword: '故障二号' })).items
    expect(stored).toMatchObject({ id: result.id })
    // The replayed answer (stored sealed) carries the code of the first attempt: it finds the message.
    expect((await board().client().tracking.get(result.trackingCode)).id).toBe(result.id)
  })

  it('503 twice (the first after the server stored it), then success: stored once', async () => {
    const title = '故障三号楼前路灯坏了'
    const { fetch, attempts } = inject({ status: 503, callThrough: true }, { status: 503 })
    const started = Date.now()
    const result = await board().client({ fetch }).messages.submit(submission({ title }))
    expect(result.status).toBe('pending')
    expectOneKey(attempts, 3)
    // Backoff with jitter: ~0.5 s then ~1 s, each minus up to 25 %.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(370)
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(740)
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(await inboxCount(board(), title)).toBe(1)
  })

  it('a staff action through 503 and a reset: applied once', async () => {
    const { id } = await board().store({ title: '故障四号楼前路灯坏了' })
    const { fetch, attempts } = inject({ status: 503, callThrough: true }, 'reset-after')
    const accepted = await board().client({ as: 'reviewer', fetch }).messages.accept(id)
    expect(accepted.status).toBe('accepted')
    expectOneKey(attempts, 3)
    expect(attempts.every((a) => a.headers.Authorization === attempts[0]!.headers.Authorization)).toBe(true)
    const message = await board().client({ as: 'admin' }).inbox.get(id)
    expect(message.timeline.filter((e) => e.type === 'accept')).toHaveLength(1)
  })

  it('429 with Retry-After: 1 waits about a second, then succeeds; stored once', async () => {
    const title = '故障五号楼前路灯坏了'
    const { fetch, attempts } = inject({ status: 429, headers: { 'Retry-After': '1' } })
    await board().client({ fetch }).messages.submit(submission({ title }))
    expectOneKey(attempts, 2)
    const waited = attempts[1]!.at - attempts[0]!.at
    expect(waited).toBeGreaterThanOrEqual(950)
    expect(waited).toBeLessThan(3_000)
    expect(await inboxCount(board(), title)).toBe(1)
  })

  it('a timeout after the server stored it (timeoutMs: 200): retried, stored once', async () => {
    const title = '故障六号楼前路灯坏了'
    const { fetch, attempts } = inject('hang-after')
    const result = await board().client({ fetch, timeoutMs: 200 }).messages.submit(submission({ title }))
    expect(result.status).toBe('pending')
    expectOneKey(attempts, 2)
    expect(await inboxCount(board(), title)).toBe(1)
  })

  it('a connection that hangs every time ends in TimeoutError after the retries, nothing stored', async () => {
    const title = '故障七号楼前路灯坏了'
    const attempts: Attempt[] = []
    const hang: FetchLike = (_url, init) => {
      attempts.push({ at: Date.now(), method: init.method, headers: { ...init.headers } })
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }))
    }
    const started = Date.now()
    const error = await caught(() => board().client({ fetch: hang, timeoutMs: 200, maxRetries: 1 }).messages.submit(submission({ title })))
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'timeout' })
    expectOneKey(attempts, 2)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(await inboxCount(board(), title)).toBe(0)
  })

  it('a fetch that ignores the signal still times out', async () => {
    const deaf: FetchLike = () => new Promise(() => {})
    const error = await caught(() => board().client({ fetch: deaf, timeoutMs: 200, maxRetries: 0 }).boards.list())
    expect(error).toMatchObject({ name: 'TimeoutError' })
  })

  it('the caller’s signal aborts the call and its retries', async () => {
    const controller = new AbortController()
    const { fetch, attempts } = inject({ status: 503 }, { status: 503 }, { status: 503 })
    setTimeout(() => controller.abort(new Error('user left the page')), 150)
    const error = await caught(() => board().client({ fetch }).boards.list({ signal: controller.signal }))
    expect(error).toMatchObject({ message: 'user left the page' })
    expect(attempts).toHaveLength(1)
  })

  it('200 with an HTML page: InvalidResponseError, not retried', async () => {
    const { fetch, attempts } = inject({ status: 200, body: '<!doctype html><h1>维护中</h1>', headers: { 'Content-Type': 'text/html' } })
    const error = await caught(() => board().client({ fetch }).messages.list())
    expect(error).toBeInstanceOf(InvalidResponseError)
    expect(attempts).toHaveLength(1)
  })

  it('502 with an HTML page: InternalServerError without a problem document', async () => {
    const { fetch } = inject({ status: 502, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'Content-Type': 'text/html' } })
    const error = await caught(() => board().client({ fetch, maxRetries: 0 }).boards.get('220100-gov'))
    expect(error).toBeInstanceOf(InternalServerError)
    expect(error).toMatchObject({ name: 'InternalServerError', status: 502, code: 'http_502', problem: undefined })
    expect((error as InternalServerError).message).toBe('GET /boards/220100-gov failed with 502')
  })

  it('a 500 from a proxy after the server stored it, with retries off: the error, and a retry by hand with the same key is answered once', async () => {
    const title = '故障八号楼前路灯坏了'
    const { fetch } = inject({ status: 500, callThrough: true })
    const client = board().client({ fetch, maxRetries: 0 })
    const error = await caught(() => client.messages.submit(submission({ title }), { idempotencyKey: 'manual-retry-key-8' }))
    expect(error).toBeInstanceOf(InternalServerError)
    const result = await client.messages.submit(submission({ title }), { idempotencyKey: 'manual-retry-key-8' })
    expect(result.status).toBe('pending')
    expect(await inboxCount(board(), title)).toBe(1)
  })
})
