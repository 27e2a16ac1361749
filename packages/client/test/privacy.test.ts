/**
 * No error, message or log ever holds the bearer token, a citizen's phone, real name, remark or
 * private place, or the tracking code that opens their message: every error a call can end in is
 * provoked with a token and a body full of private fields, and searched everywhere it can be read.
 */
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient, type FetchLike } from '../src/index.js'
import { caught, CLOSED_BOARD, PRIVATE, submission, TOKENS, useBoard } from './board.js'

const SECRETS = [TOKENS.admin, PRIVATE.phone, PRIVATE.realName, PRIVATE.remark, PRIVATE.place]

/** Every way an error is read: string, message, JSON, stack, cause, Node's inspect. */
function expectClean(error: unknown, extra: string[] = []): void {
  expect(error).toBeInstanceOf(Error)
  const e = error as Error
  const cause = e.cause as Error | undefined
  const views = [
    String(e),
    e.message,
    JSON.stringify(e),
    e.stack ?? '',
    String(cause),
    cause?.message ?? '',
    JSON.stringify(cause) ?? '',
    inspect(e, { depth: 10, showHidden: true }),
  ]
  for (const view of views) for (const secret of [...SECRETS, ...extra]) expect(view, view).not.toContain(secret)
}

describe('privacy of errors', () => {
  const board = useBoard()
  const consoles = ['log', 'info', 'warn', 'error', 'debug'] as const
  let spies: ReturnType<typeof vi.spyOn>[] = []
  beforeEach(() => {
    spies = consoles.map((name) => vi.spyOn(console, name))
  })
  afterEach(() => {
    // The SDK logs nothing of its own, so nothing can leak that way.
    for (const spy of spies) expect(spy).not.toHaveBeenCalled()
    vi.restoreAllMocks()
  })

  const staff = (fetch?: FetchLike) => board().client({ as: 'admin', maxRetries: 0, ...(fetch ? { fetch } : {}) })

  it('a fetch whose error quotes the Authorization header, the raw token and the body', async () => {
    const leaky: FetchLike = async (url, init) => {
      throw new Error(`connect failed for ${url} with Authorization: ${init.headers.Authorization} (token ${TOKENS.admin}) body ${String(init.body)}`)
    }
    const error = await caught(() => staff(leaky).messages.submit(submission()))
    expect(error).toMatchObject({ name: 'ConnectionError' })
    expect(((error as Error).cause as Error).message).toContain('Bearer ***')
    expectClean(error)
  })

  it('a fetch error that carries the request as its cause', async () => {
    const leaky: FetchLike = async (url, init) => {
      throw new TypeError('fetch failed', { cause: { request: { url, ...init }, code: 'ECONNRESET' } })
    }
    const error = await caught(() => staff(leaky).messages.act('m1', { action: 'reply', content: `请联系${PRIVATE.realName}` }))
    expectClean(error)
  })

  it('a proxy whose problem document echoes the request', async () => {
    const echo: FetchLike = async (_url, init) =>
      Response.json(
        { type: 'about:blank', title: `Rejected ${init.headers.Authorization}`, status: 400, code: 'bad_request', detail: `body was ${String(init.body)}`, issues: [{ path: ['author', 'phone'], code: 'x', message: `bad phone ${PRIVATE.phone}` }] },
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
      )
    const error = await caught(() => staff(echo).messages.submit(submission()))
    expect(error).toMatchObject({ name: 'BadRequestError', status: 400 })
    expectClean(error)
  })

  it('a 2xx body that does not fit the contract and holds private data', async () => {
    const odd: FetchLike = async () => Response.json({ items: [{ id: 'x', author: { phone: PRIVATE.phone, realName: PRIVATE.realName } }], nextCursor: null })
    const error = await caught(() => staff(odd).inbox.list())
    expect(error).toMatchObject({ name: 'InvalidResponseError' })
    expectClean(error)
  })

  it('errors of the real server: 422 on a body with private fields, 401 on a wrong token, 404 on a tracking code', async () => {
    const refused = await caught(() => staff().messages.submit(submission({ boardId: CLOSED_BOARD })))
    expect(refused).toMatchObject({ name: 'UnprocessableEntityError' })
    expectClean(refused)

    const wrongToken = 'lyt_wrong_c2VjcmV0LXdyb25nLXRva2VuLXZhbHVl'
    const unauthorized = await caught(() => board().client({ token: wrongToken }).inbox.list())
    expect(unauthorized).toMatchObject({ name: 'AuthenticationError' })
    expectClean(unauthorized, [wrongToken])

    const code = 'Zq8KmR3tWx7P'
    const missing = await caught(() => staff().tracking.followUp(code, { content: `我是${PRIVATE.realName}，电话${PRIVATE.phone}` }))
    expect(missing).toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('/tracking/***/follow-ups') })
    expectClean(missing, [code])
  })

  it('ValidationError on a body with private fields', async () => {
    const error = await caught(() => staff().messages.submit(submission({ title: '短', author: { nickname: '', realName: PRIVATE.realName, phone: `${PRIVATE.phone}0` } })))
    expect(error).toMatchObject({ name: 'ValidationError' })
    expectClean(error, [`${PRIVATE.phone}0`])
  })

  it('timeouts, connection errors and rate limits', async () => {
    const never: FetchLike = (_url, init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error(`aborted ${init.headers.Authorization} ${String(init.body)}`))))
    expectClean(await caught(() => board().client({ as: 'admin', fetch: never, timeoutMs: 50, maxRetries: 0 }).messages.submit(submission())))
    const closed = createClient({ baseUrl: 'http://127.0.0.1:9/api/v1', token: TOKENS.admin, maxRetries: 0 })
    expectClean(await caught(() => closed.messages.submit(submission())))
    const limited: FetchLike = async () => new Response(null, { status: 429, headers: { 'Retry-After': '7' } })
    const rateLimited = await caught(() => staff(limited).messages.submit(submission()))
    expect(rateLimited).toMatchObject({ name: 'RateLimitError', retryAfter: 7 })
    expectClean(rateLimited)
  })

  it('the server’s request log of all these calls holds no secret either', () => {
    const log = JSON.stringify(board().logs)
    expect(board().logs.length).toBeGreaterThan(0)
    for (const secret of [...SECRETS, 'Zq8KmR3tWx7P']) expect(log).not.toContain(secret)
  })
})
