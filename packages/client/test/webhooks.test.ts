/**
 * The SDK's webhook methods against the server's msw handlers (`@liuyan/server/msw`, the real
 * rules over an in-memory store): subscribe (the secret once), list, get, the attempt log as pages,
 * replay and delete, with the server's delivery worker posting to a receiver on loopback HTTP (let
 * through by msw). The server's own tests check the signatures with the Standard Webhooks library.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createWebhookWorker } from '@liuyan/server'
import { createMswHandlers } from '@liuyan/server/msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError, createClient, NotFoundError, ValidationError, type DeliveryAttempt } from '../src/index.js'

const baseUrl = 'https://board.test/api/v1'
const board = createMswHandlers({ baseUrl })
const server = setupServer(...board.handlers)
const received: Array<{ headers: Record<string, string>; body: string }> = []
let receiver: Server
let hookUrl: string

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/liuyan`
  // The board is mocked; the receiver is real, so its requests go through.
  server.listen({ onUnhandledRequest: (request, print) => (request.url.startsWith(hookUrl) ? undefined : print.error()) })
  await board.ready
})
afterAll(async () => {
  server.close()
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
})

describe('webhooks (SDK on the msw handlers)', () => {
  const staff = createClient({ baseUrl, token: 'demo-token' })
  const citizen = createClient({ baseUrl })
  const worker = createWebhookWorker({ store: board.service.store })

  it('subscribes with the secret shown once, delivers, shows the attempts, replays and deletes', async () => {
    const created = await staff.webhooks.create({ url: hookUrl, boardId: '220100-gov', events: ['message.submitted'], description: '市热线' })
    expect(created).toMatchObject({ url: hookUrl, kind: 'standard', boardId: '220100-gov', private: false, description: '市热线' })
    expect(created.secret).toMatch(/^whsec_/)
    const { secret, ...shown } = created
    expect(await staff.webhooks.get(created.id)).toEqual(shown)
    const listed = await staff.webhooks.list()
    expect(listed.items).toContainEqual(shown)
    expect(JSON.stringify(listed)).not.toContain(secret)

    const { id } = await citizen.messages.submit({
      boardId: '220100-gov', type: 'complain', domain: 'urban', title: '小区门口路灯坏了',
      content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
      author: { nickname: '市民', realName: '王小明', phone: '13812345678' }, publish: true,
    })
    expect(await worker.runOnce()).toMatchObject({ attempted: 1, delivered: 1 })
    const eventId = `evt_${id}_1`
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([eventId])
    expect(received[0]!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'message.submitted', data: { message: { id } } })
    expect(received[0]!.body).not.toContain('13812345678')

    const replayed = await staff.webhooks.replay(created.id, eventId)
    expect(replayed).toEqual({ eventId, deliveryId: expect.any(String) })
    expect(await worker.runOnce()).toMatchObject({ attempted: 1, delivered: 1 })
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId])

    // The attempt log, newest first, a page at a time or walked across pages.
    const first = await staff.webhooks.attempts(created.id, { limit: 1 })
    expect(first.items).toMatchObject([{ webhookId: created.id, eventId, eventType: 'message.submitted', attempt: 1, ok: true, status: 204, state: 'delivered' }])
    expect(first.nextCursor).toEqual(expect.any(String))
    const all: DeliveryAttempt[] = []
    for await (const attempt of staff.webhooks.attempts(created.id, { limit: 1 })) all.push(attempt)
    expect(all).toHaveLength(2)
    expect(all[0]).toEqual(first.items[0])

    await expect(staff.webhooks.delete(created.id)).resolves.toBeUndefined()
    await expect(staff.webhooks.get(created.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(staff.webhooks.delete(created.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(staff.webhooks.replay(created.id, eventId)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('checks input before sending, and needs a staff token', async () => {
    const before = received.length
    await expect(staff.webhooks.create({ url: 'ftp://example.org/', boardId: '220100-gov', events: ['message.submitted'] })).rejects.toBeInstanceOf(ValidationError)
    await expect(staff.webhooks.create({ url: hookUrl, boardId: '220100-gov', events: [] })).rejects.toBeInstanceOf(ValidationError)
    await expect(staff.webhooks.attempts('wh_none', { limit: 0 })).rejects.toBeInstanceOf(ValidationError)
    await expect(staff.webhooks.replay('wh_none', '')).rejects.toBeInstanceOf(ValidationError)
    await expect(staff.webhooks.attempts('wh_none')).rejects.toBeInstanceOf(NotFoundError)
    await expect(citizen.webhooks.list()).rejects.toBeInstanceOf(AuthenticationError)
    expect(received).toHaveLength(before)
  })
})
