// The reads of the script-tag build (reads.fetch.ts, on the SDK's rules and errors
// from `@liuyan/client/http`) answer as the SDK does for the widget's own client: the same data,
// and the same errors (class, name, code, status, message) for every kind of failure, retried the
// same way.
import * as sdk from '@liuyan/client'
import { createClient } from '@liuyan/client'
import { http, HttpResponse } from 'msw'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { API, apiWorker, startBoard } from '../test-utils.js'
import * as viaFetch from './reads.fetch.js'
import type { ReadContext } from './reads.js'

const BOARD = '220100-gov'
const baseUrl = `${location.origin}${API}`
const context: ReadContext = { client: undefined, baseUrl, locale: 'en' }
const client = createClient({ baseUrl, locale: 'en', validateResponses: false, validateQueries: false })

/** What a caller can see of an outcome. */
async function outcome(run: () => PromiseLike<unknown>) {
  try {
    return { value: await run() }
  } catch (error) {
    const e = error as sdk.APIError & { retryAfter?: number }
    return { class: e.constructor.name, name: e.name, code: e.code, status: e.status, message: e.message, retryAfter: e.retryAfter, requestId: e.requestId }
  }
}

describe('the first view’s reads without the SDK', () => {
  beforeAll(async () => {
    await startBoard()
  })

  it('read the same page of messages, the same figures and the same message as the SDK', async () => {
    const query = { boardId: BOARD, status: ['replied', 'closed'] as ('replied' | 'closed')[], keyword: undefined, limit: 3, type: undefined }
    const page = await viaFetch.listMessages(context, query)
    expect(page.items.length).toBeGreaterThan(0)
    expect(page).toEqual(await client.messages.list(query))
    const next = { ...query, cursor: page.nextCursor! }
    expect(await viaFetch.listMessages(context, next)).toEqual(await client.messages.list(next))
    expect(await viaFetch.boardStats(context, BOARD)).toEqual(await client.boards.stats(BOARD))
    const id = page.items[0]!.id
    expect((await viaFetch.getMessage(context, id)).posts.length).toBeGreaterThan(0)
    expect(await viaFetch.getMessage(context, id)).toEqual(await client.messages.get(id))
    const missing = async (run: () => PromiseLike<unknown>) => ({ ...(await outcome(run)), requestId: undefined }) // each answer has its own
    expect(await missing(() => viaFetch.getMessage(context, 'no such/id'))).toEqual(await missing(() => client.messages.get('no such/id')))
  })

  it('use a given client as it is', async () => {
    const seen: string[] = []
    const given = createClient({ baseUrl, fetch: (url, init) => (seen.push(url), fetch(url, init)) })
    await viaFetch.boardStats({ ...context, client: given }, BOARD)
    await viaFetch.listMessages({ ...context, client: given }, { limit: 1 })
    await outcome(() => viaFetch.getMessage({ ...context, client: given }, 'm/1'))
    expect(seen).toEqual([`${baseUrl}/boards/${BOARD}/stats`, `${baseUrl}/messages?limit=1`, `${baseUrl}/messages/m%2F1`])
  })
})

describe('their errors', () => {
  let calls = 0
  afterEach(() => apiWorker().resetHandlers())

  const answer = (respond: (n: number) => Response) => {
    apiWorker().use(http.get(`${baseUrl}/*`, () => respond(calls++)))
  }
  /** Both outcomes and how many requests each made. */
  async function both(respond: (n: number) => Response) {
    calls = 0
    answer(respond)
    const mine = await outcome(() => viaFetch.boardStats(context, 'b-1'))
    const mineCalls = calls
    calls = 0
    const theirs = await outcome(() => client.boards.stats('b-1'))
    return { mine: { ...mine, calls: mineCalls }, theirs: { ...theirs, calls } }
  }
  const problem = (status: number, code: string, detail?: string) => HttpResponse.json({ type: 'about:blank', title: 'Nope', status, code, ...(detail ? { detail } : {}) }, { status })

  it.each([
    ['404 with a problem', () => problem(404, 'not_found', 'no board b-1')],
    ['400 with a problem', () => problem(400, 'bad_request')],
    ['403 without a problem', () => new HttpResponse('forbidden', { status: 403 })],
    ['a 200 that is not JSON', () => new HttpResponse('<html>', { status: 200 })],
    ['429 asking for more than a minute', () => HttpResponse.json({ title: 'Slow down', status: 429, code: 'rate_limited' }, { status: 429, headers: { 'Retry-After': '120', 'X-Request-Id': 'r-1' } })],
  ])('%s', async (_, respond) => {
    const { mine, theirs } = await both(respond)
    expect(mine).toEqual(theirs)
    expect(mine.calls).toBe(1)
  })

  it('retries a 503 and a 429 that asks for no wait, then succeeds', async () => {
    const { mine, theirs } = await both((n) =>
      n === 0 ? problem(503, 'unavailable') : n === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0' } }) : HttpResponse.json({ received: 1 }),
    )
    expect(mine).toEqual(theirs)
    expect(mine).toEqual({ value: { received: 1 }, calls: 3 })
  })

  it('gives up after two retries of a 500, and of a network error', async () => {
    const failing = await both(() => problem(500, 'internal'))
    expect(failing.mine).toEqual(failing.theirs)
    expect(failing.mine).toMatchObject({ name: 'InternalServerError', code: 'internal', status: 500, calls: 3 })
    const down = await both(() => HttpResponse.error())
    expect(down.mine).toEqual(down.theirs)
    expect(down.mine).toMatchObject({ name: 'ConnectionError', code: 'connection_error' })
    expect(sdk.isConnectionError(down.mine)).toBe(true)
  }, 20_000)
})
