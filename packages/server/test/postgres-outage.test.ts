/**
 * The Board API over the PostgreSQL store while its database goes away (`pg_ctl stop` on the test
 * file's real cluster) and comes back: 503 problem documents in the request's language, nothing
 * acknowledged lost, and service as before once the database is back, a request cut off half-way
 * included.
 */
import { describe, expect, it } from 'vitest'
import type { Store, StoreTransaction } from '../src/store/types.js'
import { ADMIN_TOKEN, conformanceTest, expectProblem, submission, useBoard, type ApiReply, type TestBoard } from './harness.js'
import { testCluster } from './postgres-database.js'

/** Runs `fn` with the cluster stopped, starting it again whatever happens. */
async function whileDown<T>(fn: () => Promise<T>): Promise<T> {
  const cluster = await testCluster()
  await cluster.pause()
  try {
    return await fn()
  } finally {
    await cluster.resume()
  }
}

function expectUnavailable(reply: ApiReply, title: string): void {
  expectProblem(reply, 503, 'service_unavailable')
  expect(reply.body.title).toBe(title)
  expect(reply.headers.get('Retry-After')).toBe('5')
}

/** Whether the next insertMessage of the board's store stops the database first. */
let cutNextInsert = false

/** The store with a switch: the database goes away just before a message is written. */
function cutting(store: Store): Store {
  return {
    read: store.read,
    close: () => store.close(),
    transaction: (fn) =>
      store.transaction((tx) => {
        const cut = new Proxy(tx, {
          get(target, name: keyof StoreTransaction) {
            if (name !== 'insertMessage' || !cutNextInsert) {
              const value = target[name]
              return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
            }
            cutNextInsert = false
            return async (...args: Parameters<StoreTransaction['insertMessage']>) => {
              await (await testCluster()).pause()
              return target.insertMessage(...args)
            }
          },
        })
        return fn(cut)
      }),
  }
}

describe('the Board API on PostgreSQL while the database goes away', () => {
  const board = useBoard('postgres', { wrapStore: cutting })

  it('answers 503 in the request’s language while it is away, and serves what was acknowledged once it is back', async () => {
    const b: TestBoard = board()
    const before = await b.submit()
    const accepted = await b.act(before.id, 'accept')
    expect(accepted.status, accepted.text).toBe(200)

    await whileDown(async () => {
      expectUnavailable(await b.get('/messages'), '服务暂时不可用，请稍后重试')
      expectUnavailable(await b.get('/messages', { lang: 'zh-TW' }), '服務暫時無法使用，請稍後重試')
      expectUnavailable(await b.get(`/messages/${before.id}`, { lang: 'en' }), 'The service is unavailable for the moment; try again shortly')
      expectUnavailable(await b.post('/messages', submission()), '服务暂时不可用，请稍后重试')
      expectUnavailable(await b.get(`/tracking/${before.trackingCode}`), '服务暂时不可用，请稍后重试')
      expectUnavailable(await b.get('/inbox', { token: ADMIN_TOKEN }), '服务暂时不可用，请稍后重试')
      expectUnavailable(await b.act(before.id, 'assign'), '服务暂时不可用，请稍后重试')
    })
    const logged = b.logs.filter((entry) => entry.status === 503)
    expect(logged.length).toBe(7)
    expect(logged.every((entry) => entry.code === 'service_unavailable')).toBe(true)

    // Back: the acknowledged submission and its acceptance are there, and work goes on.
    const listed = await b.get('/messages')
    expect(listed.status).toBe(200)
    expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(before.id)
    expect((await b.get(`/tracking/${before.trackingCode}`)).body).toMatchObject({ id: before.id, status: 'accepted' })
    expect((await b.act(before.id, 'assign')).status).toBe(200)
    await b.submit()
  })

  it('answers 503 to a submission the database left half-way, and stores its retry once, under the same Idempotency-Key', async () => {
    const b: TestBoard = board()
    const body = submission({ title: '断线重试的留言标题' })
    const headers = { 'Idempotency-Key': 'cut-mid-request' }
    cutNextInsert = true
    let cut: ApiReply
    try {
      cut = await b.post('/messages', body, { headers })
    } finally {
      await (await testCluster()).resume()
    }
    expectUnavailable(cut, '服务暂时不可用，请稍后重试')

    // The claim of the key did not outlive the request: the retry runs, then replays.
    const retry = await b.post('/messages', body, { headers })
    expect(retry.status, retry.text).toBe(201)
    const replay = await b.post('/messages', body, { headers })
    expect(replay.status).toBe(201)
    expect(replay.body).toEqual(retry.body)
    const inbox = await b.get('/inbox?limit=100', { token: ADMIN_TOKEN })
    expect(inbox.body.items.filter((m: { title: string }) => m.title === body.title)).toHaveLength(1)
  })

  conformanceTest()
})
