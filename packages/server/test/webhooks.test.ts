// The delivery worker against real receivers on loopback HTTP: signed with the Standard Webhooks
// reference library, retried with backoff after a 500 or a timeout, dead-lettered after a day or
// a 410, and never held up by a receiver that does not answer.
import { NewMessageSchema, type EventType } from '@liuyan/core'
import { Webhook } from 'standardwebhooks'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { createNodeFetch } from '../src/notify/node-fetch.js'
import { createTransports } from '../src/notify/registry.js'
import { createWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from '../src/service/webhooks.js'
import { WebhookSubscriptions } from '../src/service/subscriptions.js'
import { CITY, PRIVATE, PROVINCE, STORES, submission } from './harness.js'
import { closeStoresAfterEach, outboxBoard, until, type OutboxBoard } from './outbox-board.js'
import { startReceiver, type Receiver } from './receiver.js'

closeStoresAfterEach()

let receiver: Receiver
beforeEach(async () => {
  receiver = await startReceiver({ slowMs: 250 })
})
afterEach(async () => {
  await receiver.close()
})

describe.each(STORES)('webhooks on the %s store', (kind) => {
  let board: OutboxBoard
  let subscriptions: WebhookSubscriptions

  async function setUp() {
    board = await outboxBoard(kind)
    subscriptions = new WebhookSubscriptions(board.service)
  }

  function subscribe(path: string, events: EventType[] = ['message.submitted'], extra: { private?: boolean; boardId?: string } = {}) {
    return subscriptions.create(board.admin, { url: `${receiver.url}${path}`, boardId: extra.boardId ?? PROVINCE, events, ...(extra.private ? { private: true } : {}) })
  }

  function worker(options: Partial<WebhookWorkerOptions> = {}): WebhookWorker {
    return createWebhookWorker({ store: board.store, now: board.clock.now, random: () => 0.5, timeoutMs: 2_000, ...options })
  }

  const submit = () => board.service.submit(z.parse(NewMessageSchema, submission()))

  it('delivers the public view, signed per Standard Webhooks, and records the attempt', async () => {
    await setUp()
    const hook = await subscribe('/ok')
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const { id, trackingCode } = await submit()
    expect(await worker().runOnce()).toEqual({ attempted: 1, delivered: 1, retried: 0, dead: 0 })
    const [request] = receiver.received
    expect(request!.headers['webhook-id']).toBe(`evt_${id}_1`)
    const verified = new Webhook(hook.secret).verify(request!.body, request!.headers) as { type: string; data: { message: { id: string } } }
    expect(verified).toMatchObject({ type: 'message.submitted', data: { message: { id, status: 'pending' } } })
    // A body changed on the way, or another secret, fails the check.
    expect(() => new Webhook(hook.secret).verify(request!.body.replace('pending', 'closed'), request!.headers)).toThrow()
    for (const secret of [PRIVATE.realName, PRIVATE.phone, PRIVATE.remark, PRIVATE.place, trackingCode, hook.secret]) expect(request!.body).not.toContain(secret)
    const attempts = await subscriptions.attempts(board.admin, hook.id, {})
    expect(attempts.items).toMatchObject([{ eventId: `evt_${id}_1`, eventType: 'message.submitted', attempt: 1, ok: true, status: 204, state: 'delivered' }])
    expect(await worker().runOnce()).toMatchObject({ attempted: 0 })
  })

  it('retries a failing receiver with backoff and full jitter, and dead-letters after 24 hours', async () => {
    await setUp()
    const hook = await subscribe('/fail')
    await submit()
    const w = worker()
    expect(await w.runOnce()).toMatchObject({ attempted: 1, retried: 1 })
    // Attempt n waits up to 5 s · 2^(n−1); the pinned jitter takes half of it.
    expect(w.backoff(1)).toBe(2_500)
    expect(w.backoff(3)).toBe(10_000)
    expect(w.backoff(30)).toBe(1_800_000)
    expect(await w.runOnce()).toMatchObject({ attempted: 0 })
    board.clock.advance(2_500)
    expect(await w.runOnce()).toMatchObject({ attempted: 1, retried: 1 })
    let [last] = (await subscriptions.attempts(board.admin, hook.id, {})).items
    expect(last).toMatchObject({ attempt: 2, ok: false, status: 500, error: 'HTTP 500', state: 'pending', nextAt: new Date(board.clock.ms + 5_000).toISOString() })
    board.clock.advance(86_400_000)
    expect(await w.runOnce()).toMatchObject({ attempted: 1, dead: 1 })
    ;[last] = (await subscriptions.attempts(board.admin, hook.id, {})).items
    expect(last).toMatchObject({ attempt: 3, state: 'dead' })
    expect(last!.nextAt).toBeUndefined()
    board.clock.advance(86_400_000)
    expect(await w.runOnce()).toMatchObject({ attempted: 0 })
    expect(await board.store.read.outbox.countDeliveries({ state: 'dead' })).toBe(1)
    expect(receiver.received.filter((r) => r.path === '/fail')).toHaveLength(3)
  })

  it('gives up on a receiver that does not answer in time, and dead-letters a 410 at once', async () => {
    await setUp()
    const hanging = await subscribe('/hang')
    const gone = await subscribe('/gone')
    const slow = await subscribe('/slow')
    await submit()
    expect(await worker({ timeoutMs: 1_000 }).runOnce()).toEqual({ attempted: 3, delivered: 1, retried: 1, dead: 1 })
    expect((await subscriptions.attempts(board.admin, hanging.id, {})).items).toMatchObject([{ ok: false, error: 'timeout', state: 'pending' }])
    expect((await subscriptions.attempts(board.admin, gone.id, {})).items).toMatchObject([{ ok: false, status: 410, state: 'dead' }])
    const [answered] = (await subscriptions.attempts(board.admin, slow.id, {})).items
    expect(answered).toMatchObject({ ok: true, status: 204, state: 'delivered' })
    expect(answered!.durationMs).toBeGreaterThanOrEqual(200)
  })

  it('delivers, times out and retries the same way through the Node host’s HTTP client', async () => {
    await setUp()
    const ok = await subscribe('/ok')
    const hanging = await subscribe('/hang')
    const failing = await subscribe('/fail')
    const { id } = await submit()
    const transports = createTransports({ fetch: createNodeFetch() })
    expect(await worker({ transports, timeoutMs: 500 }).runOnce()).toEqual({ attempted: 3, delivered: 1, retried: 2, dead: 0 })
    const request = receiver.received.find((r) => r.path === '/ok')!
    expect(new Webhook(ok.secret).verify(request.body, request.headers)).toMatchObject({ data: { message: { id } } })
    expect((await subscriptions.attempts(board.admin, hanging.id, {})).items).toMatchObject([{ error: 'timeout', state: 'pending' }])
    expect((await subscriptions.attempts(board.admin, failing.id, {})).items).toMatchObject([{ status: 500, state: 'pending' }])
  })

  it('keeps delivering to other subscriptions while one receiver holds its requests', async () => {
    await setUp()
    const hanging = await subscribe('/hang')
    const ok = await subscribe('/ok')
    const w = worker({ timeoutMs: 60_000, concurrency: 4, perWebhook: 1, pollMs: 20 })
    w.start()
    try {
      await submit()
      await submit()
      // Both events reach the good receiver while the first request to the other one is still open.
      await receiver.waitFor('/ok', 2)
      await receiver.waitFor('/hang', 1)
      expect(receiver.received.filter((r) => r.path === '/hang')).toHaveLength(1)
      await until(async () => (await board.store.read.outbox.countDeliveries({ webhookId: ok.id, state: 'delivered' })) === 2)
      expect(await board.store.read.outbox.countDeliveries({ webhookId: hanging.id, state: 'delivered' })).toBe(0)
      receiver.release()
      await receiver.waitFor('/hang', 2)
      receiver.release()
      await until(async () => (await board.store.read.outbox.countDeliveries({ webhookId: hanging.id, state: 'delivered' })) === 2)
    } finally {
      await w.stop()
    }
  })

  it('delivers each due attempt once with two workers claiming together, and the staff view only to a private subscription', async () => {
    await setUp()
    await subscribe('/flaky', ['message.submitted', 'message.accepted'])
    const secret = await subscribe('/ok', ['message.accepted', 'message.code_reissued'], { private: true, boardId: CITY })
    for (let i = 0; i < 5; i++) {
      const { id } = await submit()
      await board.service.act(board.admin, id, { action: 'accept' })
    }
    await board.service.act(board.admin, (await submit()).id, { action: 'reissue-code', reason: '留言人遗失查询码，电话核实身份后补发' })
    const [a, b] = [worker({ concurrency: 3 }), worker({ concurrency: 3 })]
    const drain = async () => {
      let total = 0
      for (;;) {
        const runs = await Promise.all([a.runOnce(), b.runOnce()])
        const attempted = runs.reduce((n, r) => n + r.attempted, 0)
        if (attempted === 0) return total
        total += attempted
      }
    }
    expect(await drain()).toBe(11 + 6)
    board.clock.advance(3_000)
    expect(await drain()).toBe(11)
    const ids = receiver.received.filter((r) => r.path === '/flaky').map((r) => r.headers['webhook-id'])
    // Exactly twice each (the first answer is a 500): never two attempts of one delivery at once.
    expect(ids).toHaveLength(22)
    expect(new Set(ids).size).toBe(11)
    const private_ = receiver.received.filter((r) => r.path === '/ok')
    expect(private_).toHaveLength(6)
    const reissued = private_.find((r) => r.body.includes('message.code_reissued'))!
    expect(new Webhook(secret.secret).verify(reissued.body, reissued.headers)).toMatchObject({ data: { message: { author: { realName: PRIVATE.realName } } } })
    for (const r of private_) expect(r.body).not.toMatch(/"trackingCode"/)
  })
})
