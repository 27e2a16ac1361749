import {
  DOMAINS,
  isOverdue,
  isWorkingDay,
  MESSAGE_TYPES,
  MessageSchema,
  STATUSES,
  toPublicMessage,
  type Board,
  type Message,
} from '@liuyan/core'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_BOARDS, seedDemo } from './seed.js'
import { createBoardService, type BoardService } from './service.js'
import { createMemoryStore } from './store/memory.js'
import { createSqliteStore } from './store/sqlite.js'
import type { Store } from './store/types.js'

async function allMessages(service: BoardService): Promise<Message[]> {
  const out: Message[] = []
  let cursor: string | undefined
  do {
    const page = await service.store.read.listMessages({ limit: 100, ...(cursor ? { cursor } : {}) })
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

async function seeded(now: Date) {
  const service = createBoardService({ store: createMemoryStore(), now: () => now })
  const result = await seedDemo(service)
  return { service, result, messages: await allMessages(service) }
}

const china = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000)

describe('seedDemo', () => {
  const now = new Date('2026-03-20T10:00:00+08:00')

  it('loads the board tree and messages covering every type, domain and status', async () => {
    const { service, result, messages } = await seeded(now)
    expect(result).toEqual({ seeded: true, boards: DEMO_BOARDS.length, messages: messages.length })
    expect(messages.length).toBeGreaterThanOrEqual(25)
    expect(new Set(messages.map((m) => m.type))).toEqual(new Set(MESSAGE_TYPES))
    expect(new Set(messages.map((m) => m.domain))).toEqual(new Set(DOMAINS))
    expect(new Set(messages.map((m) => m.status))).toEqual(new Set(STATUSES))

    const boards = await service.listBoards()
    expect(boards.map((b) => b.id).sort()).toEqual(DEMO_BOARDS.map((b) => b.id).sort())
    const byId = new Map(boards.map((b) => [b.id, b]))
    for (const board of boards) if (board.parentId) expect(byId.has(board.parentId)).toBe(true)
    expect(boards.find((b) => b.level === 'ministry')).toMatchObject({ parentId: null, acceptsMessages: true })
    expect(boards.some((b) => !b.acceptsMessages)).toBe(true)
    expect(boards.some((b) => b.kind === 'leader')).toBe(true)
    // Messages go only to boards that take them.
    for (const m of messages) expect(byId.get(m.boardId)?.acceptsMessages).toBe(true)
  })

  it('builds every message as a valid, real sequence of lifecycle steps in the past', async () => {
    const { messages } = await seeded(now)
    const boards = new Map(DEMO_BOARDS.map((b) => [b.id, b]))
    for (const message of messages) {
      expect(MessageSchema.safeParse(message).success, message.title).toBe(true)
      const [submit, ...events] = message.timeline
      expect(submit).toMatchObject({ type: 'submit', actor: { role: 'citizen' }, to: 'pending', at: message.createdAt })
      let status = 'pending'
      let previous = Date.parse(message.createdAt)
      for (const event of events) {
        expect(event.from, `${message.title}: ${event.type}`).toBe(status)
        status = event.to!
        const at = Date.parse(event.at)
        expect(at).toBeGreaterThan(previous)
        previous = at
        if (event.actor.role !== 'citizen') {
          // Staff act in office hours on working days, China time.
          expect(isWorkingDay(new Date(at), { outsideCalendar: 'weekends' }), `${message.title}: ${event.type} ${event.at}`).toBe(true)
          expect(china(event.at).getUTCHours()).toBeGreaterThanOrEqual(8)
          expect(china(event.at).getUTCHours()).toBeLessThan(18)
        }
      }
      expect(status).toBe(message.status)
      expect(previous).toBeLessThan(now.getTime())
      expect(previous).toBeGreaterThan(now.getTime() - 75 * 86_400_000)
      // Official replies are signed by the unit that handled the message.
      for (const post of message.posts) {
        if (post.kind === 'reply') expect(post.organization).toBe(boards.get(post.boardId!)!.name)
      }
    }
  })

  it('has overdue, supervised, reminded, rated, private and masked examples', async () => {
    const { messages } = await seeded(now)
    expect(messages.filter((m) => isOverdue(m, now)).length).toBeGreaterThanOrEqual(1)
    expect(messages.some((m) => m.supervised)).toBe(true)
    expect(messages.some((m) => m.reminders > 0)).toBe(true)
    expect(messages.some((m) => m.timeline.some((e) => e.type === 'extend'))).toBe(true)
    expect(messages.some((m) => m.timeline.some((e) => e.type === 'transfer'))).toBe(true)
    expect(messages.some((m) => m.timeline.some((e) => e.type === 'reopen'))).toBe(true)
    expect(messages.some((m) => m.posts.some((p) => p.kind === 'follow-up'))).toBe(true)

    const answered = messages.filter((m) => m.status === 'replied' || m.status === 'closed')
    const rated = answered.filter((m) => m.evaluation)
    expect(rated.length / answered.length).toBeGreaterThan(0.3)
    expect(rated.length / answered.length).toBeLessThan(0.7)
    expect(new Set(rated.map((m) => m.evaluation!.overall)).size).toBeGreaterThanOrEqual(4)

    expect(messages.some((m) => !m.publish)).toBe(true)
    expect(messages.some((m) => m.author.maskNickname)).toBe(true)
    expect(messages.some((m) => m.place?.public === true)).toBe(true)
    expect(messages.some((m) => m.place?.public === false)).toBe(true)
    expect(messages.some((m) => m.remark)).toBe(true)
  })

  it('keeps real names and phones in the private fields only', async () => {
    const { messages } = await seeded(now)
    for (const message of messages) {
      expect(message.author.realName).toBeTruthy()
      expect(message.author.phone).toMatch(/^1[3-9]\d{9}$/)
      const view = JSON.stringify(toPublicMessage(message))
      expect(view).not.toContain(message.author.realName)
      expect(view).not.toContain(message.author.phone)
      if (message.remark) expect(view).not.toContain(message.remark)
    }
  })

  it.each([
    ['a working day', '2026-03-20T10:00:00+08:00'],
    ['just after the Spring Festival holiday', '2026-02-24T08:30:00+08:00'],
    ['a Monday before office hours', '2026-06-01T07:00:00+08:00'],
    ['a year without a State Council calendar', '2031-07-15T15:00:00+08:00'],
  ])('fits the history before now on %s', async (_, iso) => {
    const at = new Date(iso)
    const { messages } = await seeded(at)
    expect(messages.length).toBeGreaterThanOrEqual(25)
    for (const m of messages) for (const e of m.timeline) expect(Date.parse(e.at)).toBeLessThan(at.getTime())
    expect(messages.some((m) => isOverdue(m, at))).toBe(true)
  })

  it('serves the demo boards at once, even to a service that read the empty store before', async () => {
    const service = createBoardService({ store: createMemoryStore(), now: () => now })
    expect(await service.listBoards()).toEqual([])
    await seedDemo(service)
    expect((await service.listBoards()).map((b) => b.id).sort()).toEqual(DEMO_BOARDS.map((b) => b.id).sort())
  })

  it('does not duplicate when two seeds race on one store', async () => {
    const service = createBoardService({ store: createMemoryStore(), now: () => now })
    const results = await Promise.all([seedDemo(service), seedDemo(service)])
    expect(results.filter((r) => r.seeded)).toHaveLength(1)
    expect(await service.store.read.countMessages()).toBe(results.find((r) => r.seeded)!.messages)
  })
})

describe.each<[string, () => Store]>([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-seed-')), 'board.db'))],
])('seedDemo on a %s store that holds data', (_, create) => {
  const now = new Date('2026-03-20T10:00:00+08:00')
  const stores: Store[] = []
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()))
  })

  function newService(): BoardService {
    const store = create()
    stores.push(store)
    return createBoardService({ store, now: () => now })
  }

  /** Every board and message of the store, to compare before and after. */
  async function contents(service: BoardService) {
    return { boards: await service.store.read.listBoards(), messages: await allMessages(service) }
  }

  // An agency's own board under an id the demo also uses, with settings of its own.
  const agencyBoard: Board = {
    id: '220100-gov', name: '长春市人民政府（正式）', kind: 'agency', level: 'city', parentId: null, region: '220100',
    acceptsMessages: false, deadlines: { consult: 3 },
  }

  it('touches nothing when the store has a board, even one with a demo id', async () => {
    const service = newService()
    await service.putBoards([agencyBoard])
    expect(await seedDemo(service)).toEqual({ seeded: false, boards: 0, messages: 0 })
    expect(await contents(service)).toEqual({ boards: [agencyBoard], messages: [] })
    expect(await service.getBoard('220100-gov')).toEqual(agencyBoard)
  })

  it('touches nothing when the store has a message and no board', async () => {
    const service = newService()
    const source = createBoardService({ store: createMemoryStore(), now: () => now })
    await seedDemo(source)
    const [message] = await allMessages(source)
    await service.store.transaction(async (tx) => tx.insertMessage(message!, 'f'.repeat(64)))
    expect(await seedDemo(service)).toEqual({ seeded: false, boards: 0, messages: 0 })
    expect(await contents(service)).toEqual({ boards: [], messages: [message] })
  })

  it('changes nothing when run again on a store it seeded, nor after staff changed a demo board', async () => {
    const service = newService()
    const first = await seedDemo(service)
    expect(first.seeded).toBe(true)
    await service.putBoards([{ ...DEMO_BOARDS[0]!, name: '改过的名称' }])
    const before = await contents(service)
    expect(await seedDemo(service, { now: new Date('2026-06-01T10:00:00+08:00') })).toEqual({ seeded: false, boards: 0, messages: 0 })
    expect(await contents(service)).toEqual(before)
    expect(before.messages).toHaveLength(first.messages)
    expect((await service.getBoard(DEMO_BOARDS[0]!.id)).name).toBe('改过的名称')
  })
})
