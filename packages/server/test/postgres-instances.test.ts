/**
 * Two instances of the Board API on one PostgreSQL database, behind a round-robin proxy on
 * loopback: what one stores the other serves at once, and an Idempotency-Key sent to both stores
 * one message; rate limits count the requests of both; a message accepted through one is in the
 * other's public list at once (the PostgreSQL store keeps no page cache, docs/architecture.md §6).
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { randomTrackingKey } from '../src/tracking-key.js'
import { ADMIN_TOKEN, call, PROVINCE, startBoard, submission, type ApiReply, type TestBoard } from './harness.js'

/** A reverse proxy that sends each request to the next of `origins` in turn. */
async function roundRobin(origins: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0
  const server: Server = createServer((incoming, outgoing) => {
    const target = new URL(incoming.url ?? '/', origins[next++ % origins.length])
    const forward = request(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(outgoing)
    })
    forward.on('error', () => outgoing.writeHead(502).end())
    incoming.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

describe('two instances on one PostgreSQL database behind a round-robin', () => {
  let a: TestBoard
  let b: TestBoard
  let proxy: Awaited<ReturnType<typeof roundRobin>>
  const via = (method: string, path: string, options?: Parameters<typeof call>[2]): Promise<ApiReply> => call(method, proxy.url + path, options)

  // Every instance of one database shares its tracking key.
  const service = { trackingKey: randomTrackingKey() }

  beforeAll(async () => {
    a = await startBoard('postgres', { service })
    b = await startBoard('postgres', { service, databaseUrl: a.databaseUrl! })
    proxy = await roundRobin([a.origin, b.origin])
  })
  afterAll(async () => {
    await proxy?.close()
    await a?.close()
    await b?.close()
  })

  it('serves through one instance what the other stored, at once', async () => {
    const submitted = await via('POST', '/messages', { json: submission({ title: '两个实例之间的留言' }) })
    expect(submitted.status, submitted.text).toBe(201)
    // The next requests alternate: each instance answers half of them.
    const accepted = await via('POST', `/messages/${submitted.body.id}/actions`, { json: { action: 'accept' }, token: ADMIN_TOKEN })
    expect(accepted.status, accepted.text).toBe(200)
    for (let i = 0; i < 4; i++) {
      const listed = await via('GET', '/messages?limit=5')
      expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(submitted.body.id)
    }
    for (let i = 0; i < 4; i++) expect((await via('GET', `/tracking/${submitted.body.trackingCode}`)).body.status).toBe('accepted')
    for (const instance of [a, b]) {
      expect(instance.logs.filter((e) => e.method === 'GET' && e.path === '/api/v1/messages' && e.status === 200)).toHaveLength(2)
      expect(instance.logs.filter((e) => e.path === '/api/v1/tracking/***' && e.status === 200)).toHaveLength(2)
    }
  })

  it('stores one message for an Idempotency-Key sent to both instances, one after the other and at once', async () => {
    const body = submission({ title: '同一个幂等键的留言' })
    const headers = { 'Idempotency-Key': 'both-instances-1' }
    const first = await via('POST', '/messages', { json: body, headers })
    const second = await via('POST', '/messages', { json: body, headers })
    expect([first.status, second.status]).toEqual([201, 201])
    expect(second.body).toEqual(first.body)

    const together = { 'Idempotency-Key': 'both-instances-2' }
    const racing = await Promise.all([via('POST', '/messages', { json: body, headers: together }), via('POST', '/messages', { json: body, headers: together })])
    // One ran; the other replayed its answer or was told it is still running.
    expect(racing.map((r) => r.status).sort()).toSatisfy((statuses: number[]) => statuses[0] === 201 && [201, 409].includes(statuses[1]!))
    const replay = await via('POST', '/messages', { json: body, headers: together })
    expect(replay.status).toBe(201)
    expect(replay.body).toEqual(racing.find((r) => r.status === 201)!.body)

    const inbox = await via('GET', '/inbox?limit=100', { token: ADMIN_TOKEN })
    expect(inbox.body.items.filter((m: { title: string }) => m.title === body.title)).toHaveLength(2)
  })

  it('lists in one instance’s public list, within a second, a message accepted through the other', async () => {
    const submitted = await a.submit({ title: '另一个实例马上能看到的留言' })
    expect((await a.act(submitted.id, 'accept')).status).toBe(200)
    // Polled with a deadline (no fixed sleep): the page must change within a second.
    const started = performance.now()
    let listed: string[] = []
    while (performance.now() - started < 1000) {
      const page = await b.get(`/messages?limit=5&boardId=${PROVINCE}`)
      listed = page.body.items.map((m: { id: string }) => m.id)
      if (listed.includes(submitted.id)) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(listed).toContain(submitted.id)
    expect((await b.get(`/messages?keyword=${encodeURIComponent('马上能看到')}`)).body.items.map((m: { id: string }) => m.id)).toEqual([submitted.id])
  })

  it('counts rate limits across both instances: a client’s budget is one, whichever instance answers', async () => {
    // Windows of the limiter follow Date; pinned, so no request falls into the next minute.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:10Z') })
    const handler = { searchesPerMinute: 4, submissionsPerMinute: 2 }
    const c = await startBoard('postgres', { service, handler })
    const d = await startBoard('postgres', { service, handler, databaseUrl: c.databaseUrl! })
    const pair = await roundRobin([c.origin, d.origin])
    try {
      const search = async () => (await call('GET', `${pair.url}/messages?keyword=${encodeURIComponent('路灯')}`)).status
      const submit = async () => (await call('POST', `${pair.url}/messages`, { json: submission() })).status
      const searches: number[] = []
      for (let i = 0; i < 6; i++) searches.push(await search())
      // Each instance answered three: counting apart, neither would have refused one.
      expect(searches).toEqual([200, 200, 200, 200, 429, 429])
      expect([await submit(), await submit(), await submit(), await submit()]).toEqual([201, 201, 429, 429])
      for (const instance of [c, d]) expect(instance.logs.filter((e) => e.status === 429)).toHaveLength(2)
      // The next minute renews the budget on both.
      vi.setSystemTime(new Date('2030-01-01T00:01:00Z'))
      expect([await search(), await search(), await submit()]).toEqual([200, 200, 201])
    } finally {
      vi.useRealTimers()
      await pair.close()
      await c.close()
      await d.close()
    }
  })
})
