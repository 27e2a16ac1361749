// The outbox on every store: each change of a message appends its events in the transaction of
// the change, matching subscriptions get a delivery, and workers claim deliveries under a lease.
import { NewMessageSchema, type EventType } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import type { BoardService, StaffPrincipal } from '../src/service.js'
import { eventId, messageEvent } from '../src/service/events.js'
import { bulkAct } from '../src/staff-tools.js'
import type { WebhookRecord } from '../src/store/outbox-types.js'
import type { Store } from '../src/store/types.js'
import { CITY, COUNTY, MINISTRY, PRIVATE, PROVINCE, STORES, submission, UNIT, type Clock } from './harness.js'
import { closeStoresAfterEach, outboxBoard } from './outbox-board.js'

closeStoresAfterEach()

function webhook(id: string, boardId: string, events: EventType[], extra: Partial<WebhookRecord> = {}): WebhookRecord {
  return {
    id, url: `http://127.0.0.1:9/${id}`, kind: 'standard', boardId, events, private: false, createdBy: 'test',
    createdAt: `2026-03-01T00:00:0${id.length % 10}Z`, secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXM=', ownerHash: 'f'.repeat(64), ...extra,
  }
}

describe.each(STORES)('%s outbox', (kind) => {
  let service: BoardService
  let admin: StaffPrincipal
  let clock: Clock

  async function board(): Promise<Store> {
    const made = await outboxBoard(kind)
    ;({ service, admin, clock } = made)
    return made.store
  }

  it('writes the event of each change with the change: stable ids, the public view, the private one apart', async () => {
    const store = await board()
    const { id, trackingCode } = await service.submit(z.parse(NewMessageSchema, submission()))
    await service.act(admin, id, { action: 'accept' })
    await service.act(admin, id, { action: 'assign', boardId: UNIT })
    const submitted = await store.read.outbox.getEvent(eventId(id, 1))
    expect(submitted).toMatchObject({ type: 'message.submitted', messageId: id, boardIds: [CITY], staffOnly: false })
    expect(await store.read.outbox.getEvent(eventId(id, 2))).toMatchObject({ type: 'message.accepted' })
    const assigned = (await store.read.outbox.getEvent(eventId(id, 3)))!
    expect(assigned).toMatchObject({ type: 'message.assigned', boardIds: [CITY, UNIT] })
    expect(await store.read.outbox.getEvent(eventId(id, 4))).toBeUndefined()
    for (const event of [submitted!, assigned]) {
      for (const secret of [PRIVATE.realName, PRIVATE.phone, PRIVATE.remark, PRIVATE.place, trackingCode]) expect(event.payload).not.toContain(secret)
      expect(JSON.parse(event.payload).message.id).toBe(id)
      expect(event.privatePayload).toContain(PRIVATE.realName)
      expect(event.privatePayload).not.toContain(trackingCode)
    }
    expect(JSON.parse(assigned.payload).event).toMatchObject({ type: 'assign', to: 'assigned' })
  })

  it('writes the events of bulk actions with them, one per message changed, none for an item refused', async () => {
    const store = await board()
    const first = (await service.submit(z.parse(NewMessageSchema, submission()))).id
    const second = (await service.submit(z.parse(NewMessageSchema, submission()))).id
    const accepted = await bulkAct(service, admin, { ids: [first, second], action: { action: 'accept' } }, 'zh-CN')
    expect(accepted.results.map((r) => r.ok)).toEqual([true, true])
    // The second accept of `first` is refused (it is accepted already): it writes nothing.
    const again = await bulkAct(service, admin, { ids: [first], action: { action: 'accept' } }, 'zh-CN')
    expect(again.results.map((r) => r.ok)).toEqual([false])
    await bulkAct(service, admin, { ids: [second], action: { action: 'assign', boardId: UNIT } }, 'zh-CN')
    for (const id of [first, second]) expect(await store.read.outbox.getEvent(eventId(id, 2))).toMatchObject({ type: 'message.accepted', messageId: id })
    expect(await store.read.outbox.getEvent(eventId(first, 3))).toBeUndefined()
    expect(await store.read.outbox.getEvent(eventId(second, 3))).toMatchObject({ type: 'message.assigned', boardIds: [CITY, UNIT] })
  })

  it('keeps no event of a change that rolled back, and appends an event id once', async () => {
    const store = await board()
    const { id } = await service.submit(z.parse(NewMessageSchema, submission()))
    const message = (await store.read.getMessage(id))!
    const overdue = messageEvent(message, { id: `evt_${id}_overdue`, type: 'deadline.overdue', at: clock.now().toISOString(), data: { dueAt: '2026-03-10T23:59:59+08:00' } })
    await expect(store.transaction(async (tx) => {
      await tx.outbox.appendEvents([overdue], clock.now().toISOString())
      throw new Error('rolled back')
    })).rejects.toThrow('rolled back')
    expect(await store.read.outbox.getEvent(overdue.id)).toBeUndefined()
    // A refused action writes nothing either.
    await expect(service.act(admin, id, { action: 'reply', content: '已修复路灯，感谢监督。' })).rejects.toMatchObject({ status: 409 })
    expect(await store.read.outbox.getEvent(eventId(id, 2))).toBeUndefined()

    await store.transaction((tx) => tx.outbox.putWebhook(webhook('w-city', CITY, ['deadline.overdue'])))
    for (let i = 0; i < 2; i++) await store.transaction((tx) => tx.outbox.appendEvents([overdue], clock.now().toISOString()))
    expect(JSON.parse((await store.read.outbox.getEvent(overdue.id))!.payload)).toMatchObject({ dueAt: '2026-03-10T23:59:59+08:00', message: { id } })
    expect(await store.read.outbox.countDeliveries({ webhookId: 'w-city' })).toBe(1)
  })

  it('queues a delivery for each subscription whose subtree, events and privacy match', async () => {
    const store = await board()
    await store.transaction(async (tx) => {
      await tx.outbox.putWebhook(webhook('w-province', PROVINCE, ['message.submitted', 'message.assigned']))
      await tx.outbox.putWebhook(webhook('w-unit', UNIT, ['message.submitted', 'message.assigned', 'message.code_reissued']))
      await tx.outbox.putWebhook(webhook('w-ministry', MINISTRY, ['message.submitted']))
      await tx.outbox.putWebhook(webhook('w-county-accepts', COUNTY, ['message.accepted']))
      await tx.outbox.putWebhook(webhook('w-private', CITY, ['message.code_reissued'], { private: true }))
    })
    const { id } = await service.submit(z.parse(NewMessageSchema, submission({ boardId: COUNTY })))
    await service.act(admin, id, { action: 'accept' })
    await service.act(admin, id, { action: 'assign', boardId: UNIT })
    await service.act(admin, id, { action: 'reissue-code', reason: '留言人遗失查询码，电话核实身份后补发' })
    const count = (webhookId: string) => store.read.outbox.countDeliveries({ webhookId })
    expect(await count('w-province')).toBe(2) // submitted, assigned
    expect(await count('w-unit')).toBe(1) // assigned (to the unit); the code reissue is staff-only
    expect(await count('w-ministry')).toBe(0)
    expect(await count('w-county-accepts')).toBe(1)
    expect(await count('w-private')).toBe(1)
    expect(await store.read.outbox.countDeliveries({ state: 'pending' })).toBe(5)
  })

  it('leases a claimed delivery: no second claim while it runs, another worker after it ran out', async () => {
    const store = await board()
    await store.transaction((tx) => tx.outbox.putWebhook(webhook('w-a', PROVINCE, ['message.submitted'])))
    await store.transaction((tx) => tx.outbox.putWebhook(webhook('w-bb', PROVINCE, ['message.submitted'])))
    for (let i = 0; i < 3; i++) await service.submit(z.parse(NewMessageSchema, submission()))
    const now = clock.now().toISOString()
    const later = new Date(clock.ms + 60_000).toISOString()
    const claim = (lease: string, at: string, extra: object = {}) =>
      store.transaction((tx) => tx.outbox.claimDeliveries({ now: at, leaseUntil: new Date(Date.parse(at) + 60_000).toISOString(), lease, limit: 10, perWebhook: 2, ...extra }))
    const first = await claim('lease-1', now)
    // Two of each subscription, oldest first.
    expect(first.map((c) => c.delivery.webhookId).sort()).toEqual(['w-a', 'w-a', 'w-bb', 'w-bb'])
    expect(first[0]!.event.type).toBe('message.submitted')
    const second = await claim('lease-2', now, { exclude: ['w-bb'] })
    expect(second.map((c) => c.delivery.webhookId)).toEqual(['w-a'])
    expect(await claim('lease-3', now)).toMatchObject([{ delivery: { webhookId: 'w-bb' } }])
    expect(await claim('lease-4', now)).toEqual([])

    const [held] = first
    const attempt = {
      deliveryId: held!.delivery.id, webhookId: held!.delivery.webhookId, eventId: held!.event.id, eventType: held!.event.type,
      attempt: 1, at: now, durationMs: 12, ok: false, status: 500, state: 'pending' as const, nextAt: later,
    }
    // The lease ran out and another worker took the delivery: the first one's result only goes to the log.
    const retaken = await claim('lease-5', new Date(clock.ms + 61_000).toISOString())
    expect(retaken.map((c) => c.delivery.id)).toContain(held!.delivery.id)
    expect(await store.transaction((tx) => tx.outbox.recordAttempt(attempt, 'lease-1'))).toBe(false)
    expect(await store.transaction((tx) => tx.outbox.recordAttempt({ ...attempt, ok: true, status: 204, state: 'delivered', nextAt: undefined }, 'lease-5'))).toBe(true)
    expect(await store.read.outbox.countDeliveries({ webhookId: held!.delivery.webhookId, state: 'delivered' })).toBe(1)

    const log = await store.read.outbox.listAttempts(held!.delivery.webhookId, { limit: 1 })
    expect(log.items).toMatchObject([{ ok: true, status: 204, state: 'delivered' }])
    const next = await store.read.outbox.listAttempts(held!.delivery.webhookId, { limit: 1, cursor: log.nextCursor! })
    expect(next).toMatchObject({ items: [{ ok: false, status: 500 }], nextCursor: null })

    const replay = await store.transaction((tx) => tx.outbox.queueDelivery('w-a', held!.event.id, later))
    expect(replay).toMatchObject({ state: 'pending', attempts: 0, eventId: held!.event.id })
    expect(await store.transaction((tx) => tx.outbox.deleteWebhook('w-a'))).toBe(true)
    expect(await store.read.outbox.countDeliveries({ webhookId: 'w-a' })).toBe(0)
    expect((await store.read.outbox.listAttempts('w-a', { limit: 10 })).items).toEqual([])
    expect((await store.read.outbox.listWebhooks()).map((w) => w.id)).toEqual(['w-bb'])
  })

  it('records many attempts in one call, each only under its lease, and hands back unattempted claims', async () => {
    const store = await board()
    await store.transaction((tx) => tx.outbox.putWebhook(webhook('w-a', PROVINCE, ['message.submitted'])))
    await store.transaction((tx) => tx.outbox.putWebhook(webhook('w-bb', PROVINCE, ['message.submitted'])))
    for (let i = 0; i < 3; i++) await service.submit(z.parse(NewMessageSchema, submission()))
    const now = clock.now().toISOString()
    const leaseUntil = new Date(clock.ms + 60_000).toISOString()
    const claim = (lease: string) => store.transaction((tx) => tx.outbox.claimDeliveries({ now, leaseUntil, lease, limit: 10, perWebhook: 10 }))
    const claimed = await claim('lease-1')
    expect(claimed).toHaveLength(6)
    const [first, second, third, ...rest] = claimed
    const attempt = (c: (typeof claimed)[number], ok: boolean) => ({
      deliveryId: c.delivery.id, webhookId: c.delivery.webhookId, eventId: c.event.id, eventType: c.event.type, attempt: 1, at: now, durationMs: 3,
      ok, state: ok ? ('delivered' as const) : ('pending' as const), ...(ok ? { status: 204 } : { status: 503, nextAt: leaseUntil }),
    })
    const moved = await store.transaction((tx) =>
      tx.outbox.recordAttempts([{ attempt: attempt(first!, true), lease: 'lease-1' }, { attempt: attempt(second!, false), lease: 'lease-1' }, { attempt: attempt(third!, true), lease: 'lease-other' }]),
    )
    expect(moved).toEqual([true, true, false])
    expect(await store.read.outbox.countDeliveries({ state: 'delivered' })).toBe(1)
    // The third is still leased (its attempt was recorded under another lease): nothing to claim yet.
    expect(await claim('lease-2')).toEqual([])
    // Released, the three never attempted are claimable at once; the third's lease-1 still held it too.
    const released = await store.transaction((tx) => tx.outbox.releaseDeliveries([third!, ...rest].map((c) => c.delivery.id), 'lease-1'))
    expect(released).toBe(4)
    expect(await store.transaction((tx) => tx.outbox.releaseDeliveries([first!.delivery.id, second!.delivery.id], 'lease-1'))).toBe(0)
    expect((await claim('lease-3')).map((c) => c.delivery.id).sort()).toEqual([third!, ...rest].map((c) => c.delivery.id).sort())
    // Every attempt is in the log, the one under a stale lease too, each once.
    const log = await store.read.outbox.listAttempts(first!.delivery.webhookId, { limit: 10 })
    const all = [...log.items, ...(await store.read.outbox.listAttempts(first!.delivery.webhookId === 'w-a' ? 'w-bb' : 'w-a', { limit: 10 })).items]
    expect(all.map((a) => a.deliveryId).sort()).toEqual([first!, second!, third!].map((c) => c.delivery.id).sort())
  })
})
