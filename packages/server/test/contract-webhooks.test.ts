/**
 * The staff routes of webhook subscriptions over HTTP, on every store: create (secret once),
 * list, get, delete, the attempt log and replay, each scoped to the token's boards; private
 * subscriptions for supervisors only.
 */
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWebhookWorker } from '../src/service/webhooks.js'
import { ADMIN_TOKEN, CITY, conformanceTest, expectProblem, inNode, MINISTRY, PRIVATE, PROVINCE, STORES, submission, tokenOf, UNIT, UNIT_HANDLER_TOKEN, useBoard } from './harness.js'
import { startReceiver, type Receiver } from './receiver.js'

let receiver: Receiver
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
})

describe.each(STORES)('webhook subscriptions (%s store)', (kind) => {
  const board = useBoard(kind)
  const body = (extra: object = {}) => ({ url: `${receiver.url}/ok`, boardId: CITY, events: ['message.submitted', 'message.accepted'], ...extra })

  it('creates a subscription with its secret shown once, then shows it without', async () => {
    const created = await board().post('/webhooks', body({ description: '市政务服务热线' }), { token: tokenOf('reviewer') })
    expect(created.status, created.text).toBe(201)
    expect(created.body).toMatchObject({ url: `${receiver.url}/ok`, kind: 'standard', boardId: CITY, private: false, createdBy: 'reviewer@province' })
    expect(created.body.secret).toMatch(/^whsec_/)
    expect(created.headers.get('Location')).toBe(`/api/v1/webhooks/${created.body.id}`)
    expect(created.headers.get('Cache-Control')).toBe('no-store')
    const shown = await board().get(`/webhooks/${created.body.id}`, { token: tokenOf('handler') })
    expect(shown.status).toBe(200)
    expect(shown.text).not.toContain(created.body.secret)
    expect(shown.text).not.toContain('ownerHash')
    const listed = await board().get('/webhooks', { token: tokenOf('supervisor') })
    expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id)
    expect(listed.text).not.toContain(created.body.secret)
    // Another scope sees nothing of it.
    expect((await board().get('/webhooks', { token: tokenOf('supervisor', 'ministry') })).body).toEqual({ items: [], nextCursor: null })
    expectProblem(await board().get(`/webhooks/${created.body.id}`, { token: tokenOf('reviewer', 'ministry') }), 404, 'not_found')
    expectProblem(await board().call('DELETE', `/webhooks/${created.body.id}`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
  })

  it('refuses a private subscription without the supervisor role, a board outside the token and a malformed one', async () => {
    expectProblem(await board().post('/webhooks', body({ private: true }), { token: tokenOf('reviewer') }), 403, 'forbidden_role')
    expect((await board().post('/webhooks', body({ private: true }), { token: tokenOf('supervisor') })).status).toBe(201)
    expectProblem(await board().post('/webhooks', body(), { token: tokenOf('reviewer', 'ministry') }), 404, 'not_found')
    expectProblem(await board().post('/webhooks', body({ boardId: MINISTRY, url: 'ftp://example.org/' }), { token: ADMIN_TOKEN }), 422, 'validation_failed')
    expectProblem(await board().post('/webhooks', body({ events: [] }), { token: ADMIN_TOKEN }), 422, 'validation_failed')
    expectProblem(await board().post('/webhooks', body({ kind: 'fax' }), { token: ADMIN_TOKEN }), 422, 'validation_failed')
    expectProblem(await board().post('/webhooks', body(), {}), 401, 'unauthorized')
  })

  it.skipIf(!inNode(kind))('shows each attempt to the subscription’s scope, replays an event under its own id, and deletes', async () => {
    const created = await board().post('/webhooks', body({ boardId: UNIT, url: `${receiver.url}/ok`, events: ['message.assigned'] }), { token: UNIT_HANDLER_TOKEN })
    expect(created.status, created.text).toBe(201)
    const id = created.body.id as string
    const message = await board().arrange('assigned')
    const worker = createWebhookWorker({ store: board().service.store, now: board().clock.now, random: () => 0.5 })
    while ((await worker.runOnce()).attempted > 0);
    const attempts = await board().get(`/webhooks/${id}/attempts?limit=1`, { token: UNIT_HANDLER_TOKEN })
    expect(attempts.status, attempts.text).toBe(200)
    expect(attempts.body).toMatchObject({ items: [{ webhookId: id, eventType: 'message.assigned', ok: true, status: 204, state: 'delivered', attempt: 1 }], nextCursor: null })
    const eventId = attempts.body.items[0].eventId as string
    expect(eventId).toBe(`evt_${message.id}_3`)

    const replayed = await board().post(`/webhooks/${id}/replays`, { eventId }, { token: UNIT_HANDLER_TOKEN })
    expect(replayed.status, replayed.text).toBe(202)
    expect(await worker.runOnce()).toMatchObject({ attempted: 1, delivered: 1 })
    const copies = receiver.received.filter((r) => r.headers['webhook-id'] === eventId)
    expect(copies).toHaveLength(2)
    for (const copy of copies) {
      expect(new Webhook(created.body.secret).verify(copy.body, copy.headers)).toMatchObject({ type: 'message.assigned', data: { message: { id: message.id, assigneeBoardId: UNIT } } })
      for (const secret of [PRIVATE.realName, PRIVATE.phone, PRIVATE.remark, message.trackingCode]) expect(copy.body).not.toContain(secret)
    }
    const log = await board().get(`/webhooks/${id}/attempts?limit=1`, { token: UNIT_HANDLER_TOKEN })
    expect(log.body.nextCursor).toEqual(expect.any(String))
    expect((await board().get(`/webhooks/${id}/attempts?limit=1&cursor=${log.body.nextCursor}`, { token: UNIT_HANDLER_TOKEN })).body.items).toHaveLength(1)
    // Only events the subscription would have received: not the submission, not another board's.
    expectProblem(await board().post(`/webhooks/${id}/replays`, { eventId: `evt_${message.id}_1` }, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
    expectProblem(await board().post(`/webhooks/${id}/replays`, { eventId: 'evt_nothing_1' }, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')

    const removed = await board().call('DELETE', `/webhooks/${id}`, { token: UNIT_HANDLER_TOKEN })
    expect(removed.status).toBe(204)
    expect(removed.text).toBe('')
    expectProblem(await board().get(`/webhooks/${id}`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
    expectProblem(await board().get(`/webhooks/${id}/attempts`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
    expect(await board().service.store.read.outbox.countDeliveries({ webhookId: id })).toBe(0)
  })

  it.skipIf(!inNode(kind))('answers a submission at once while a subscribed receiver hangs', async () => {
    await board().post('/webhooks', body({ url: `${receiver.url}/hang`, boardId: PROVINCE }), { token: ADMIN_TOKEN })
    const worker = createWebhookWorker({ store: board().service.store, now: board().clock.now, timeoutMs: 60_000, pollMs: 10 })
    worker.start()
    try {
      await board().submit()
      await receiver.waitFor('/hang', 1)
      // The worker holds a request open; the API still answers.
      const second = await board().post('/messages', submission())
      expect(second.status).toBe(201)
    } finally {
      receiver.release()
      await worker.stop()
    }
  })

  conformanceTest()
})
