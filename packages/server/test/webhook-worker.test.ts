// The delivery worker's running loop on every store, against real receivers on loopback HTTP: a
// backlog delivered by two server instances on one database (each delivery once, every attempt
// recorded), and stopping, which always settles: attempts in flight are cut short and recorded,
// deliveries claimed ahead are handed back at once, and a transport that ignores its abort signal
// is waited for only so long.
import { NewMessageSchema, type EventType } from '@liuyan/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { createNodeFetch } from '../src/notify/node-fetch.js'
import { createTransports } from '../src/notify/registry.js'
import { createWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from '../src/service/webhooks.js'
import { WebhookSubscriptions } from '../src/service/subscriptions.js'
import type { Store } from '../src/store/types.js'
import { PROVINCE, STORES, submission } from './harness.js'
import { closeStoresAfterEach, outboxBoard, secondInstance, until, type OutboxBoard } from './outbox-board.js'
import { startReceiver, type Receiver } from './receiver.js'

closeStoresAfterEach()

let receiver: Receiver
beforeEach(async () => {
  receiver = await startReceiver()
})
afterEach(async () => {
  await receiver.close()
})

describe.each(STORES)('the running webhook worker on the %s store', (kind) => {
  let board: OutboxBoard
  let subscriptions: WebhookSubscriptions

  async function setUp() {
    board = await outboxBoard(kind)
    subscriptions = new WebhookSubscriptions(board.service)
  }

  function subscribe(path: string, events: EventType[] = ['message.submitted']) {
    return subscriptions.create(board.admin, { url: `${receiver.url}${path}`, boardId: PROVINCE, events })
  }

  function worker(options: Partial<WebhookWorkerOptions> = {}, store: Store = board.store): WebhookWorker {
    return createWebhookWorker({ store, now: board.clock.now, random: () => 0.5, timeoutMs: 2_000, pollMs: 10, ...options })
  }

  const submit = () => board.service.submit(z.parse(NewMessageSchema, submission()))

  it('delivers a backlog with two instances on one database: each delivery once, every attempt recorded', async () => {
    await setUp()
    const hooks = [await subscribe('/ok'), await subscribe('/ok'), await subscribe('/ok')]
    const events: string[] = []
    for (let i = 0; i < 20; i++) events.push(`evt_${(await submit()).id}_1`)
    // A second server on the same database (the memory store has one instance: a second worker on it).
    const other = (await secondInstance(board.store)) ?? board.store
    const workers = [worker({ concurrency: 4, perWebhook: 2 }), worker({ concurrency: 4, perWebhook: 2 }, other)]
    for (const w of workers) w.start()
    try {
      await until(async () => (await board.store.read.outbox.countDeliveries({ state: 'delivered' })) === 60)
    } finally {
      await Promise.all(workers.map((w) => w.stop()))
    }
    const ids = receiver.received.filter((r) => r.path === '/ok').map((r) => r.headers['webhook-id']!)
    // Nothing failed and no lease ran out, so no delivery was attempted twice.
    expect(ids).toHaveLength(60)
    for (const id of events) expect(ids.filter((x) => x === id)).toHaveLength(3)
    for (const hook of hooks) {
      const log = await board.store.read.outbox.listAttempts(hook.id, { limit: 100 })
      expect(log.items).toHaveLength(20)
      expect(new Set(log.items.map((a) => a.eventId))).toEqual(new Set(events))
      expect(log.items.every((a) => a.ok && a.state === 'delivered' && a.attempt === 1)).toBe(true)
    }
  })

  it('stops at once: the attempt in flight is recorded as cut short, claims held ahead are handed back', async () => {
    await setUp()
    const hook = await subscribe('/hang')
    for (let i = 0; i < 3; i++) await submit()
    // One slot, two deliveries of the subscription claimed: one in flight, one waiting for the slot.
    const w = worker({ concurrency: 1, perWebhook: 2, timeoutMs: 60_000 })
    w.start()
    await receiver.waitFor('/hang', 1)
    await w.stop()
    const [cut] = (await subscriptions.attempts(board.admin, hook.id, {})).items
    expect(cut).toMatchObject({ attempt: 1, ok: false, error: 'aborted', state: 'pending', nextAt: board.clock.now().toISOString() })
    // At the same instant every delivery is due and free: the one cut short, the one handed back
    // (its lease would otherwise run for another two minutes) and the one never claimed.
    receiver.open()
    expect(await worker({ concurrency: 3, perWebhook: 3 }).runOnce()).toEqual({ attempted: 3, delivered: 3, retried: 0, dead: 0 })
    expect(receiver.received.filter((r) => r.path === '/hang')).toHaveLength(4)
    // A worker stopped again, or never started, settles at once too.
    await w.stop()
    await worker().stop()
  })

  it('settles a stop even when a transport ignores its abort signal; the delivery is retried after its lease', async () => {
    await setUp()
    await subscribe('/hang')
    await submit()
    // Node's HTTP client, its abort signal dropped: the request stays open however the worker asks.
    const fetch = createNodeFetch()
    const deaf: typeof globalThis.fetch = (input, init = {}) => fetch(input, { ...init, signal: null })
    const w = worker({ transports: createTransports({ fetch: deaf }), timeoutMs: 60_000, leaseMs: 130_000, stopWaitMs: 100 })
    w.start()
    await receiver.waitFor('/hang', 1)
    await w.stop()
    // Nothing was recorded: the delivery stays leased until its lease ends, then another worker takes it.
    expect(await board.store.read.outbox.countDeliveries({ state: 'pending' })).toBe(1)
    receiver.open()
    expect(await worker().runOnce()).toMatchObject({ attempted: 0 })
    board.clock.advance(130_000)
    expect(await worker().runOnce()).toMatchObject({ attempted: 1, delivered: 1 })
  })
})
