/**
 * Every error class of the SDK, each produced by a real response of the real server (or, for the
 * network errors, by a real socket): the class, its literal `name`, the HTTP status, the stable
 * `code`, the server's problem document and request id, and what the guards say.
 */
import { createFetchHandler } from '@liuyan/server'
import { serve } from '@liuyan/server/node'
import { describe, expect, it, vi } from 'vitest'
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  createClient,
  InternalServerError,
  InvalidResponseError,
  isAPIError,
  isConnectionError,
  isLiuyanError,
  isNotFoundError,
  isRateLimitError,
  isTimeoutError,
  isValidationError,
  LiuyanError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
  ValidationError,
  type FetchLike,
  type StaffAction,
} from '../src/index.js'
import { caught, CLOSED_BOARD, submission, UNIT, useBoard, type TestBoard } from './board.js'

/** Asserts an HTTP error as the server sent it: class, name, status, code, problem, request id. */
function expectAPIError(error: unknown, Class: typeof APIError, name: string, status: number, code: string): asserts error is APIError {
  expect(error).toBeInstanceOf(Class)
  expect(error).toBeInstanceOf(LiuyanError)
  const e = error as APIError
  expect(e.name).toBe(name)
  expect(e.status).toBe(status)
  expect(e.code).toBe(code)
  expect(e.problem).toMatchObject({ status, code, title: expect.any(String), type: `urn:liuyan:problem:${code}` })
  expect(e.requestId).toEqual(expect.any(String))
  expect(e.requestId).toBe(e.problem?.requestId)
  expect(e.message).toContain(String(status))
  expect(isAPIError(e)).toBe(true)
  expect(isLiuyanError(e)).toBe(true)
}

/** A message moved to `assigned` through the service. */
async function assignedMessage(board: TestBoard): Promise<string> {
  const { id } = await board.store()
  await board.service.act(board.admin, id, { action: 'accept' })
  await board.service.act(board.admin, id, { action: 'assign', boardId: UNIT })
  return id
}

describe('HTTP errors from the real server', () => {
  const board = useBoard()

  it('400 BadRequestError: an Idempotency-Key longer than 255 characters', async () => {
    const error = await caught(() => board().client().messages.submit(submission(), { idempotencyKey: 'k'.repeat(300) }))
    expectAPIError(error, BadRequestError, 'BadRequestError', 400, 'bad_request')
    expect(error.issues).toEqual([expect.objectContaining({ path: ['Idempotency-Key'] })])
  })

  it('401 AuthenticationError: no token, or an unknown one', async () => {
    expectAPIError(await caught(() => board().client().inbox.list()), AuthenticationError, 'AuthenticationError', 401, 'unauthorized')
    const wrong = board().client({ token: 'lyt_not_a_real_token' })
    expectAPIError(await caught(() => wrong.inbox.me()), AuthenticationError, 'AuthenticationError', 401, 'unauthorized')
  })

  it('403 PermissionDeniedError: a reviewer cannot start handling', async () => {
    const id = await assignedMessage(board())
    const error = await caught(() => board().client({ as: 'reviewer' }).messages.start(id))
    expectAPIError(error, PermissionDeniedError, 'PermissionDeniedError', 403, 'forbidden')
  })

  it('404 NotFoundError: unknown board, message, tracking code; a message outside the token’s boards', async () => {
    const client = board().client()
    for (const call of [() => client.boards.get('no-such-board'), () => client.boards.stats('no-such-board'), () => client.messages.get('no-such-message'), () => client.tracking.get('ABCDEFGHJKMN')]) {
      const error = await caught(call)
      expectAPIError(error, NotFoundError, 'NotFoundError', 404, 'not_found')
      expect(isNotFoundError(error)).toBe(true)
    }
    const { id } = await board().store()
    expectAPIError(await caught(() => board().client({ as: 'ministry' }).inbox.get(id)), NotFoundError, 'NotFoundError', 404, 'not_found')
  })

  it('409 ConflictError: the status does not allow the action; it is answered at once, not retried', async () => {
    const { id } = await board().store()
    await board().service.act(board().admin, id, { action: 'accept' })
    const spy = vi.fn<FetchLike>((url, init) => globalThis.fetch(url, init))
    const started = Date.now()
    const error = await caught(() => board().client({ as: 'reviewer', fetch: spy }).messages.accept(id))
    expectAPIError(error, ConflictError, 'ConflictError', 409, 'invalid_status')
    expect(spy).toHaveBeenCalledTimes(1)
    expect(Date.now() - started).toBeLessThan(400)
  })

  it('422 UnprocessableEntityError: the server’s own checks, with its localized issues', async () => {
    const closed = await caught(() => board().client().messages.submit(submission({ boardId: CLOSED_BOARD })))
    expectAPIError(closed, UnprocessableEntityError, 'UnprocessableEntityError', 422, 'validation_failed')
    expect(closed.issues).toEqual([{ path: ['boardId'], code: 'board_closed', message: '该留言对象暂不接受留言' }])
    const closedEn = await caught(() => board().client({ locale: 'en' }).messages.submit(submission({ boardId: CLOSED_BOARD })))
    expectAPIError(closedEn, UnprocessableEntityError, 'UnprocessableEntityError', 422, 'validation_failed')
    expect(closedEn.issues).toEqual([{ path: ['boardId'], code: 'board_closed', message: 'This recipient does not take messages at the moment.' }])

    // A cursor the server did not issue: the issue is in the client's locale (sent as Accept-Language).
    const zh = await caught(() => board().client().messages.list({ cursor: 'not-a-cursor' }))
    const en = await caught(() => board().client({ locale: 'en' }).messages.list({ cursor: 'not-a-cursor' }))
    expectAPIError(zh, UnprocessableEntityError, 'UnprocessableEntityError', 422, 'validation_failed')
    expectAPIError(en, UnprocessableEntityError, 'UnprocessableEntityError', 422, 'validation_failed')
    expect(zh.issues).toEqual([{ path: ['cursor'], code: 'invalid_format', message: expect.stringMatching(/[\u4e00-\u9fff]/) }])
    expect(en.issues).toEqual([{ path: ['cursor'], code: 'invalid_format', message: expect.stringMatching(/^[\x20-\x7e]+$/) }])
    expect(zh.problem?.title).toBe('提交的内容有误')
    expect(en.problem?.title).toBe('The submitted data is not valid')

    // The same Idempotency-Key with another body.
    const client = board().client()
    await client.messages.submit(submission(), { idempotencyKey: 'same-key-other-body' })
    const reused = await caught(() => client.messages.submit(submission({ title: '另一条留言的标题' }), { idempotencyKey: 'same-key-other-body' }))
    expectAPIError(reused, UnprocessableEntityError, 'UnprocessableEntityError', 422, 'idempotency_key_reused')
  })

  it('500 InternalServerError: a store that fails', async () => {
    const failing = await import('./board.js').then(({ startBoard }) =>
      startBoard({
        store: (store) => ({
          read: new Proxy(store.read, { get: () => () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')) }),
          transaction: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')),
          close: () => store.close(),
        }),
      }),
    )
    try {
      const spy = vi.fn<FetchLike>((url, init) => globalThis.fetch(url, init))
      const error = await caught(() => failing.client({ fetch: spy, maxRetries: 0 }).boards.list())
      expectAPIError(error, InternalServerError, 'InternalServerError', 500, 'internal_error')
      expect(spy).toHaveBeenCalledTimes(1)
      expect(error.message).not.toContain('SQLITE') // the server's internals stay in its log
      expect(failing.logs.at(-1)).toMatchObject({ status: 500, code: 'internal_error', error: expect.stringContaining('SQLITE_IOERR') })
    } finally {
      await failing.close()
    }
  })
})

describe('429 RateLimitError (submissionsPerMinute: 1)', () => {
  const board = useBoard({ handler: { submissionsPerMinute: 1 } })

  it('carries the server’s Retry-After in seconds', async () => {
    const client = board().client({ maxRetries: 0 })
    await client.messages.submit(submission())
    const error = await caught(() => client.messages.submit(submission({ title: '第二条留言的标题' })))
    expectAPIError(error, RateLimitError, 'RateLimitError', 429, 'rate_limited')
    expect(isRateLimitError(error)).toBe(true)
    expect((error as RateLimitError).retryAfter).toBeGreaterThanOrEqual(1)
    expect((error as RateLimitError).retryAfter).toBeLessThanOrEqual(60)
  })
})

describe('errors without an HTTP error status', () => {
  const board = useBoard()

  it('ConnectionError: nothing listens on the port', async () => {
    const running = await serve(createFetchHandler(board().service), { port: 0 })
    await running.close()
    const error = await caught(() => createClient({ baseUrl: `${running.url}/api/v1`, maxRetries: 0 }).boards.list())
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'connection_error' })
    expect(isConnectionError(error)).toBe(true)
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('TimeoutError: the server answers later than timeoutMs', async () => {
    const handle = createFetchHandler(board().service)
    const slow = await serve(async (request, context) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      return handle(request, context)
    }, { port: 0 })
    try {
      const started = Date.now()
      const error = await caught(() => createClient({ baseUrl: `${slow.url}/api/v1`, timeoutMs: 200, maxRetries: 0 }).boards.list())
      expect(error).toBeInstanceOf(TimeoutError)
      expect(error).toMatchObject({ name: 'TimeoutError', code: 'timeout', message: expect.stringContaining('200 ms') })
      expect(isTimeoutError(error)).toBe(true)
      expect(Date.now() - started).toBeLessThan(1_000) // it did not wait for the answer
    } finally {
      slow.server.closeAllConnections()
      await slow.close()
    }
  })

  it('ValidationError: nothing is sent; issues are localized; the promise rejects, it does not throw', async () => {
    const spy = vi.fn<FetchLike>((url, init) => globalThis.fetch(url, init))
    const client = board().client({ fetch: spy })
    const pending = client.messages.submit(submission({ title: '关于小区门口路灯长期损坏无人维修的问题情况反映' }))
    const error = await caught(() => pending)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ name: 'ValidationError', code: 'validation_failed' })
    expect(isValidationError(error)).toBe(true)
    expect((error as ValidationError).issues).toEqual([{ path: ['title'], code: 'too_big', message: '标题不能超过22个字' }])

    const en = await caught(() => board().client({ fetch: spy, locale: 'en' }).messages.submit(submission({ author: { nickname: '市民', phone: '12345' } })))
    expect((en as ValidationError).issues).toEqual([{ path: ['author', 'phone'], code: 'invalid_phone', message: 'Please enter a valid 11-digit mainland mobile number.' }])

    const staff = board().client({ as: 'admin', fetch: spy })
    await expect(staff.messages.act('x', { action: 'reject' } as StaffAction)).rejects.toMatchObject({ name: 'ValidationError', issues: [expect.objectContaining({ path: ['reason'] })] })
    await expect(staff.messages.list({ limit: 500 })).rejects.toBeInstanceOf(ValidationError)
    await expect(staff.inbox.list({ status: 'bogus' as 'pending' })).rejects.toBeInstanceOf(ValidationError)
    await expect(staff.tracking.evaluate('ABCDEFGHJKMN', { overall: 6, resolution: 5, attitude: 5, speed: 5 })).rejects.toBeInstanceOf(ValidationError)
    await expect(staff.tracking.followUp('ABCDEFGHJKMN', { content: '' })).rejects.toBeInstanceOf(ValidationError)
    expect(spy).not.toHaveBeenCalled()
  })

  it('InvalidResponseError: a web page, or JSON that is not the Board API', async () => {
    const html = await caught(() => createClient({ baseUrl: `${board().origin}/site` }).boards.list())
    expect(html).toBeInstanceOf(InvalidResponseError)
    expect(html).toMatchObject({ name: 'InvalidResponseError', code: 'invalid_response', message: expect.stringContaining('not JSON') })
    const other = await caught(() => createClient({ baseUrl: `${board().origin}/other-api` }).boards.list())
    expect(other).toBeInstanceOf(InvalidResponseError)
    expect((other as InvalidResponseError).issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['items'] })]))
    expect(isLiuyanError(other)).toBe(true)
    expect(isAPIError(other)).toBe(false)
  })
})

describe('the guards', () => {
  it('check the literal name, so they work across realms and bundles', () => {
    const foreign = { name: 'RateLimitError', status: 429, retryAfter: 3 }
    expect(isRateLimitError(foreign)).toBe(true)
    expect(isAPIError(foreign)).toBe(true)
    expect(isNotFoundError(foreign)).toBe(false)
    expect(isLiuyanError(new Error('x'))).toBe(false)
    expect(isLiuyanError(null)).toBe(false)
  })
})
