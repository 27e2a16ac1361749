import { describe, expect, it } from 'vitest'
import { createClient, InvalidResponseError, type FetchLike } from '../index.js'
import { parseRetryAfter } from './transport.js'

/** A fetch that answers `responses` in order and counts the calls. */
function scripted(...responses: (() => Response)[]): FetchLike & { calls: number } {
  const fetch = Object.assign(async () => responses[fetch.calls++]!(), { calls: 0 })
  return fetch
}
const problem = (status: number, code: string, headers: Record<string, string> = {}) => () =>
  Response.json({ title: code, status, code }, { status, headers: { 'Content-Type': 'application/problem+json', ...headers } })
const boards = () => Response.json({ items: [], nextCursor: null })

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter('1')).toBe(1000)
    expect(parseRetryAfter('0')).toBe(0)
    const inTenSeconds = parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())!
    expect(inTenSeconds).toBeGreaterThan(8_000)
    expect(inTenSeconds).toBeLessThanOrEqual(10_000)
    expect(parseRetryAfter(new Date(Date.now() - 10_000).toUTCString())).toBe(0)
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter(' ')).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
  })
})

describe('what is retried', () => {
  it('a 409 saying the same request is still running', async () => {
    const fetch = scripted(problem(409, 'idempotency_in_progress', { 'Retry-After': '0' }), boards)
    await expect(createClient({ baseUrl: 'https://b.test/api/v1', fetch }).boards.list()).resolves.toEqual({ items: [], nextCursor: null })
    expect(fetch.calls).toBe(2)
  })

  it('not a 409 about the message’s status', async () => {
    const fetch = scripted(problem(409, 'invalid_status'), boards)
    await expect(createClient({ baseUrl: 'https://b.test/api/v1', fetch }).messages.accept('m1')).rejects.toMatchObject({ name: 'ConflictError', code: 'invalid_status' })
    expect(fetch.calls).toBe(1)
  })

  it('not a 429 that asks for more than a minute: the caller gets the wait', async () => {
    const fetch = scripted(problem(429, 'rate_limited', { 'Retry-After': '3600' }), boards)
    await expect(createClient({ baseUrl: 'https://b.test/api/v1', fetch }).boards.list()).rejects.toMatchObject({ name: 'RateLimitError', retryAfter: 3600 })
    expect(fetch.calls).toBe(1)
  })

  it('not a 4xx other than 408 and 429', async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      const fetch = scripted(problem(status, 'x'), boards)
      await expect(createClient({ baseUrl: 'https://b.test/api/v1', fetch }).boards.list()).rejects.toMatchObject({ status })
      expect(fetch.calls).toBe(1)
    }
  })

  it('a 408', async () => {
    const fetch = scripted(() => new Response(null, { status: 408, headers: { 'Retry-After': '0' } }), boards)
    await createClient({ baseUrl: 'https://b.test/api/v1', fetch }).boards.list()
    expect(fetch.calls).toBe(2)
  })
})

describe('requests', () => {
  it('carry the locale, the token, JSON and an Idempotency-Key on POST only', async () => {
    const seen: { url: string; headers: Record<string, string>; body?: string }[] = []
    const fetch: FetchLike = async (url, init) => {
      seen.push({ url, headers: init.headers, ...(init.body ? { body: init.body } : {}) })
      return Response.json({ items: [], nextCursor: null })
    }
    const client = createClient({ baseUrl: 'https://b.test/api/v1/', token: 'tok', locale: 'en', fetch, headers: { 'X-Agency': 'cc' } })
    await client.messages.list({ status: ['replied', 'closed'], keyword: '路灯 坏了', limit: 5 })
    expect(seen[0]!.url).toBe('https://b.test/api/v1/messages?status=replied%2Cclosed&keyword=%E8%B7%AF%E7%81%AF%20%E5%9D%8F%E4%BA%86&limit=5')
    expect(seen[0]!.headers).toMatchObject({ Accept: 'application/json', 'Accept-Language': 'en', Authorization: 'Bearer tok', 'X-Agency': 'cc' })
    expect(seen[0]!.headers).not.toHaveProperty('Idempotency-Key')
    await client.messages.act('m/1', { action: 'accept' }).catch(() => {})
    expect(seen[1]!.url).toBe('https://b.test/api/v1/messages/m%2F1/actions')
    expect(seen[1]!.headers).toMatchObject({ 'Content-Type': 'application/json', 'Idempotency-Key': expect.stringMatching(/^[0-9a-f]{32}$/) })
    expect(JSON.parse(seen[1]!.body!)).toEqual({ action: 'accept' })
  })
})

describe('validateResponses', () => {
  // A board whose id is a number and whose name is missing: out of the contract in two places.
  const malformed = { id: 42, parentId: null, unknownField: 'kept' }
  const answer = (body: string) => async () => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } })

  it('by default, a body out of the contract raises InvalidResponseError with the paths that differ', async () => {
    const client = createClient({ baseUrl: 'https://b.test/api/v1', fetch: answer(JSON.stringify(malformed)) })
    const error = await client.boards.get('b1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidResponseError)
    expect(error).toMatchObject({ name: 'InvalidResponseError', code: 'invalid_response' })
    expect((error as InvalidResponseError).issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['id', 'name']))
  })

  it('with false, the parsed body is returned as the server sent it', async () => {
    const client = createClient({ baseUrl: 'https://b.test/api/v1', fetch: answer(JSON.stringify(malformed)), validateResponses: false })
    await expect(client.boards.get('b1')).resolves.toStrictEqual(malformed)
  })

  it('with false, a body that is not JSON still raises InvalidResponseError', async () => {
    const client = createClient({ baseUrl: 'https://b.test/api/v1', fetch: answer('<html>502 Bad Gateway</html>'), validateResponses: false })
    await expect(client.boards.get('b1')).rejects.toMatchObject({ name: 'InvalidResponseError', message: expect.stringContaining('not JSON') })
  })
})

describe('validateQueries', () => {
  const seen: string[] = []
  const fetch: FetchLike = async (url) => {
    seen.push(url)
    return Response.json({ items: [], nextCursor: null })
  }

  it('by default, a bad list filter raises a localized ValidationError and sends nothing', async () => {
    seen.length = 0
    const client = createClient({ baseUrl: 'https://b.test/api/v1', fetch, locale: 'en' })
    await expect(client.messages.list({ limit: 5000 })).rejects.toMatchObject({ name: 'ValidationError', issues: [expect.objectContaining({ path: ['limit'] })] })
    expect(seen).toEqual([])
  })

  it('with false, the filters are sent as given for the server to judge; bodies are still checked', async () => {
    seen.length = 0
    const client = createClient({ baseUrl: 'https://b.test/api/v1', fetch, validateQueries: false })
    await client.messages.list({ limit: 5000 })
    expect(seen).toEqual(['https://b.test/api/v1/messages?limit=5000'])
    await expect(client.tracking.followUp('K7mPq2xR9tWz', { content: '' })).rejects.toMatchObject({ name: 'ValidationError' })
    expect(seen).toHaveLength(1)
  })
})
