/**
 * The same client against the server's msw handlers (`@liuyan/server/msw`): the real rules over an
 * in-memory store seeded with the demo boards and messages, no port and no server process. This is
 * also how an application tests its own code that talks to a Liuyan board (see the README).
 */
import { createMswHandlers } from '@liuyan/server/msw'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient, createPublicClient, isAPIError, type LiuyanClient, type PublicClient } from '../src/index.js'

const baseUrl = 'https://board.test/api/v1'
const board = createMswHandlers({ baseUrl })
const server = setupServer(...board.handlers)

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  await board.ready
})
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** An application function under test: the titles of a board's answered messages. */
async function answeredTitles(client: PublicClient, boardId: string): Promise<string[]> {
  try {
    const page = await client.messages.list({ boardId, status: ['replied', 'closed'], limit: 5 })
    return page.items.map((m) => m.title)
  } catch (error) {
    if (isAPIError(error) && error.status >= 500) return []
    throw error
  }
}

describe('the client against createMswHandlers', () => {
  const citizen = createClient({ baseUrl })
  const staff = createClient({ baseUrl, token: 'demo-token' })

  it('lists the demo boards and messages', async () => {
    const boards = await citizen.boards.list()
    expect(boards.items.map((b) => b.id)).toContain('220100-gov')
    const page = await citizen.messages.list({ limit: 10 })
    expect(page.items.length).toBeGreaterThan(0)
    for (const m of page.items) expect(m.author).not.toHaveProperty('phone')
    let all = 0
    for await (const _ of citizen.messages.list({ limit: 10 })) all++
    expect(all).toBeGreaterThanOrEqual(page.items.length)
  })

  it('submits, tracks, and staff act with the demo token', async () => {
    const { id, trackingCode } = await citizen.messages.submit({
      boardId: '220100-gov', type: 'complain', domain: 'urban', title: '小区门口路灯坏了',
      content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
      author: { nickname: '市民', phone: '13812345678' }, publish: true,
    })
    expect((await citizen.tracking.get(trackingCode)).status).toBe('pending')

    expect((await staff.inbox.get(id)).author.phone).toBe('13812345678')
    await staff.messages.accept(id)
    await staff.messages.assign(id, '220100-zjj')
    await staff.messages.start(id)
    await staff.messages.reply(id, '您好，路灯已于本周更换。')

    const mine = await citizen.tracking.get(trackingCode)
    expect(mine).toMatchObject({ status: 'replied', canEvaluate: true })
    expect((await citizen.tracking.evaluate(trackingCode, { overall: 5, resolution: 5, attitude: 5, speed: 5 })).evaluation?.overall).toBe(5)
    // The handlers' service is the state behind them: a test may arrange or inspect it directly.
    expect((await board.service.getPublic(id)).status).toBe('replied')
  })

  it('tests application code, including how it copes when the board is down', async () => {
    const client = createClient({ baseUrl, maxRetries: 0 })
    expect((await answeredTitles(client, '220100-gov')).length).toBeGreaterThan(0)
    // One test's override on top of the board: GET /messages fails, everything else still works.
    server.use(http.get(`${baseUrl}/messages`, () => HttpResponse.json({ title: '服务器出错了', status: 503, code: 'internal_error' }, { status: 503 })))
    expect(await answeredTitles(client, '220100-gov')).toEqual([])
    expect((await client.boards.get('220100-gov')).name).toBe('长春市人民政府')
  })
})

describe('createPublicClient', () => {
  it('has the citizen’s resources only, which behave as createClient’s', async () => {
    const client = createPublicClient({ baseUrl, locale: 'en' })
    expect(Object.keys(client).sort()).toEqual(['boards', 'messages', 'tracking'])
    expect(await answeredTitles(client, '220100-gov')).toEqual(await answeredTitles(createClient({ baseUrl }), '220100-gov'))
    const refused = await client.messages.submit({ boardId: '220100-gov' } as never).catch((error: unknown) => error)
    expect(refused).toMatchObject({ name: 'ValidationError', code: 'validation_failed' })
    expect(() => createPublicClient({ baseUrl: 'board.test' })).toThrow(/createPublicClient needs a baseUrl/)
  })
})
