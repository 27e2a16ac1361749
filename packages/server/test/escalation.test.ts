// Deadline escalation on the working-day calendar (docs/architecture.md §7), with a pinned clock,
// on every store: one deadline.approaching with its automatic 催办, one deadline.overdue (and an
// automatic 督办 where the board asks for it) per message and deadline, whatever the number of
// runs, instances or restarts.
import type { Message } from '@liuyan/core'
import { afterAll, describe, expect, it } from 'vitest'
import { escalate, escalationEventId } from '../src/escalation/escalate.js'
import type { BoardService } from '../src/service.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import { createPostgresStore } from '../src/store/postgres.js'
import { createBoardService } from '../src/service.js'
import { BOARDS, CITY, COUNTY, PROVINCE, STORES, startBoard, tokenOf, UNIT, type TestBoard } from './harness.js'

const HOUR = 3_600_000

/** Subscribes a recording webhook to the deadline events, so deliveries count what was emitted. */
async function subscribe(service: BoardService): Promise<string> {
  const id = 'wh_escalation'
  await service.store.transaction((tx) =>
    tx.outbox.putWebhook({
      id, url: 'https://ops.example.gov.cn/hook', kind: 'standard', boardId: PROVINCE, events: ['deadline.approaching', 'deadline.overdue', 'message.reminded', 'message.supervised'],
      private: false, createdBy: 'test', createdAt: new Date(0).toISOString(), secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=', ownerHash: 'test',
    }),
  )
  return id
}

async function message(service: BoardService, id: string): Promise<Message> {
  return (await service.store.read.getMessage(id))!
}

for (const kind of STORES) {
  describe(`deadline escalation (${kind})`, () => {
    const boards: TestBoard[] = []
    afterAll(async () => {
      for (const board of boards) await board.close()
    })
    const start = async () => {
      const board = await startBoard(kind)
      boards.push(board)
      return board
    }

    it('emits deadline.approaching with one automatic 催办, then deadline.overdue once, however often it runs', async () => {
      const board = await start()
      const webhook = await subscribe(board.service)
      const { id } = await board.arrange('assigned')
      const due = Date.parse((await message(board.service, id)).dueAt!)

      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 0, supervised: 0 })
      // Half a day before the deadline: within the default two working days.
      board.clock.ms = due - 12 * HOUR
      expect(await escalate(board.service)).toEqual({ approaching: 1, overdue: 0, supervised: 0 })
      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 0, supervised: 0 })
      const reminded = await message(board.service, id)
      expect(reminded.reminders).toBe(1)
      expect(reminded.timeline.at(-1)).toMatchObject({ type: 'remind', actor: { role: 'supervisor', name: '系统自动督办' } })
      expect(await board.service.store.read.outbox.getEvent(escalationEventId(id, 'approaching', reminded.dueAt!))).toMatchObject({ type: 'deadline.approaching' })

      board.clock.ms = due + HOUR
      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 1, supervised: 0 })
      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 0, supervised: 0 })
      const overdue = await message(board.service, id)
      // No automatic 督办 unless the board asks for it.
      expect(overdue.supervised).toBe(false)
      expect(overdue.reminders).toBe(1)
      // deadline.approaching, message.reminded, deadline.overdue: one delivery each.
      expect(await board.service.store.read.outbox.countDeliveries({ webhookId: webhook })).toBe(3)
    })

    it('catches up after downtime: a deadline that passed while nothing ran gets deadline.overdue only', async () => {
      const board = await start()
      const { id } = await board.arrange('processing')
      board.clock.ms = Date.parse((await message(board.service, id)).dueAt!) + 30 * 24 * HOUR
      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 1, supervised: 0 })
      expect((await message(board.service, id)).reminders).toBe(0)
    })

    it('puts an overdue message under 督办 where its board says so, for the parent board’s supervisors to see', async () => {
      const board = await start()
      const county = BOARDS.find((b) => b.id === COUNTY)!
      await board.service.putBoards([{ ...county, escalation: { superviseOverdue: true, approachingDays: 0 } }])
      const { id } = await board.arrange('assigned')
      board.clock.ms = Date.parse((await message(board.service, id)).dueAt!) + HOUR
      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 1, supervised: 1 })
      const supervised = await message(board.service, id)
      expect(supervised.supervised).toBe(true)
      expect(supervised.timeline.at(-1)).toMatchObject({ type: 'supervise', actor: { role: 'supervisor', name: '系统自动督办' } })
      // The city's supervisors (a board above the unit) find it among the supervised.
      const inbox = await board.get('/inbox?overdue=true', { token: tokenOf('supervisor') })
      expect(inbox.body.items.map((m: Message) => [m.id, m.supervised])).toContainEqual([id, true])
      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 0, supervised: 0 })
    })

    it('arms again when the deadline moves (延期), and leaves answered messages alone', async () => {
      const board = await start()
      const { id } = await board.arrange('processing')
      const { id: answered } = await board.arrange('replied')
      const due = Date.parse((await message(board.service, id)).dueAt!)
      board.clock.ms = due - 12 * HOUR
      expect(await escalate(board.service)).toEqual({ approaching: 1, overdue: 0, supervised: 0 })
      expect((await board.act(id, { action: 'extend', days: 5, reason: '需要协调供电公司' })).status).toBe(200)
      const extended = Date.parse((await message(board.service, id)).dueAt!)
      expect(extended).toBeGreaterThan(due)
      board.clock.ms = extended - 12 * HOUR
      expect(await escalate(board.service)).toEqual({ approaching: 1, overdue: 0, supervised: 0 })
      board.clock.ms = extended + HOUR
      expect(await escalate(board.service)).toEqual({ approaching: 0, overdue: 1, supervised: 0 })
      expect((await message(board.service, answered)).reminders).toBe(0)
    })

    if (kind === 'memory') return

    it('happens once across two instances running at the same time, and not again after a restart', async () => {
      const board = await start()
      const webhook = await subscribe(board.service)
      const ids = []
      for (let i = 0; i < 6; i++) ids.push((await board.arrange('assigned', { boardId: i % 2 ? CITY : UNIT })).id)
      const due = Math.max(...(await Promise.all(ids.map(async (id) => Date.parse((await message(board.service, id)).dueAt!)))))
      const now = new Date(due + HOUR)
      // A second instance: its own store on the same database, its own service.
      const second = kind === 'sqlite' ? createSqliteStore(board.sqlitePath!) : await createPostgresStore(board.databaseUrl!)
      try {
        const other = createBoardService({ store: second, now: () => now })
        const runs = await Promise.all([escalate(board.service, { now }), escalate(other, { now }), escalate(board.service, { now }), escalate(other, { now })])
        expect(runs.reduce((sum, run) => sum + run.overdue, 0)).toBe(ids.length)
        expect(await board.service.store.read.outbox.countDeliveries({ webhookId: webhook, state: 'pending' })).toBe(ids.length)
      } finally {
        await second.close()
      }
      // A restart: a new store and service over the same database finds nothing left to do.
      const again = kind === 'sqlite' ? createSqliteStore(board.sqlitePath!) : await createPostgresStore(board.databaseUrl!)
      try {
        expect(await escalate(createBoardService({ store: again, now: () => now }))).toEqual({ approaching: 0, overdue: 0, supervised: 0 })
      } finally {
        await again.close()
      }
    })
  })
}
