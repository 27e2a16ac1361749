/**
 * The Node adapter over a real socket: what it believes of a reverse proxy's headers, and only
 * when told to.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BASE_PATH, conformanceTest, expectProblem, submission, useBoard, type TestBoard } from './harness.js'

/** POST /messages as the client a proxy names in X-Forwarded-For. */
const submitAs = (board: TestBoard, forwardedFor: string) =>
  board.post('/messages', submission(), { headers: { 'X-Forwarded-For': forwardedFor } })

const servers = async (board: TestBoard, headers: Record<string, string>) => (await board.get('/openapi.json', { headers })).body.servers

// The limiter counts per wall-clock minute; pin the wall clock so no window ends mid-test.
afterEach(() => {
  vi.useRealTimers()
})

describe('behind a reverse proxy (trustProxy: true)', () => {
  const board = useBoard('memory', { handler: { submissionsPerMinute: 1 }, serve: { trustProxy: true } })

  it('gives each client named in X-Forwarded-For its own rate-limit budget', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:10Z') })
    expect((await submitAs(board(), '203.0.113.7')).status).toBe(201)
    expectProblem(await submitAs(board(), '203.0.113.7'), 429, 'rate_limited')
    expect((await submitAs(board(), '198.51.100.2')).status).toBe(201)
    // Only the first entry counts: the one a proxy that overwrites the header writes.
    expect((await submitAs(board(), '198.51.100.3, 10.0.0.1')).status).toBe(201)
    expectProblem(await submitAs(board(), '198.51.100.3'), 429, 'rate_limited')
  })

  it('advertises the scheme and host the citizen used in the OpenAPI servers', async () => {
    const host = new URL(board().origin).host
    expect(await servers(board(), { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'board.example.gov.cn' })).toEqual([
      { url: `https://board.example.gov.cn${BASE_PATH}` },
    ])
    // Without X-Forwarded-Host the Host header (which nginx passes on) names the host.
    expect(await servers(board(), { 'X-Forwarded-Proto': 'HTTPS, http' })).toEqual([{ url: `https://${host}${BASE_PATH}` }])
    // Values that are not a scheme or a plain host[:port] are ignored, not pasted into the URL.
    for (const [proto, forwardedHost] of [['javascript', 'evil.example/x?'], ['ftp', 'user@evil.example'], ['https:', 'evil example']]) {
      expect(await servers(board(), { 'X-Forwarded-Proto': proto!, 'X-Forwarded-Host': forwardedHost! }), `${proto} ${forwardedHost}`).toEqual([
        { url: `http://${host}${BASE_PATH}` },
      ])
    }
  })
})

describe('without a trusted proxy (the default)', () => {
  const board = useBoard('memory', { handler: { submissionsPerMinute: 1 } })

  it('ignores X-Forwarded-For: a client cannot buy a new budget by naming another address', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:10Z') })
    expect((await submitAs(board(), '203.0.113.7')).status).toBe(201)
    expectProblem(await submitAs(board(), '198.51.100.2'), 429, 'rate_limited')
  })

  it('ignores X-Forwarded-Proto and X-Forwarded-Host in the OpenAPI servers', async () => {
    expect(await servers(board(), { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example' })).toEqual([{ url: board().base }])
  })
})

conformanceTest()
