// Board subtrees and statistics, on every store: lists take subtree roots, boardStats gives what
// computeStats gives over the rows of the subtree and the days asked for, and the supervision table
// equals a count of this file's own from the raw messages, however the messages were written.
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createWorkCalendar, DOMAINS, MESSAGE_TYPES, REVIEW_WORKING_DAYS } from '@liuyan/core'
import type { Board, Message, MessageStatus } from '@liuyan/core'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { createBoardService } from '../service.js'
import { computeStats } from '../stats.js'
import { unitStats } from '../unit-stats.js'
import { freshDatabase, openingStore } from '../../test/postgres-database.js'
import { createMemoryStore } from './memory.js'
import { createPostgresStore } from './postgres.js'
import { chinaDay, statsRowOf } from './shared.js'
import { createSqliteStore } from './sqlite.js'
import { board, makeMessage } from '../../test/store-fixtures.js'
import type { Store } from './types.js'


/** province p → cities c1, c2 → units u1 (under c1), u2 (under c2); m stands apart. */
const TREE = [board('p', null), board('c1', 'p'), board('c2', 'p'), board('u1', 'c1'), board('u2', 'c2'), board('m', null)]
const BOARD_IDS = TREE.map((b) => b.id)

/** A message of u1 unless `overrides` say otherwise (the contract suite's `makeMessage`). */
const message = (id: string, overrides: Partial<Message>): Message => makeMessage({ id, boardId: 'u1', ...overrides })

const open: Store[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

async function seed(store: Store, messages: readonly Message[]): Promise<Store> {
  open.push(store)
  await store.transaction(async (tx) => {
    for (const b of TREE) await tx.putBoard(b)
    for (const m of messages) await tx.insertMessage(m, createHash('sha256').update(m.id).digest('hex'))
  })
  return store
}

const NOW = '2026-03-10T00:00:00Z'
const STATUSES: MessageStatus[] = ['pending', 'accepted', 'assigned', 'processing', 'replied', 'closed', 'rejected']

/** Messages in any board, of any status, with or without review, reply, deadline and rating. */
const messagesArbitrary = fc
  .array(
    fc.record({
      boardId: fc.constantFrom(...BOARD_IDS),
      assignee: fc.option(fc.constantFrom(...BOARD_IDS), { nil: undefined }),
      status: fc.constantFrom(...STATUSES),
      type: fc.constantFrom(...MESSAGE_TYPES),
      domain: fc.constantFrom(...DOMAINS),
      // Creation over three months around NOW (so ranges cut months and span them), at minute
      // resolution, in either offset.
      // Most in three months; some up to 15 months before, so ranges hold whole years and cut ones.
      createdMin: fc.oneof(fc.integer({ min: 0, max: 90 * 1440 }), fc.integer({ min: -450 * 1440, max: 90 * 1440 })),
      plusEight: fc.boolean(),
      reviewAfterMin: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      replyAfterMs: fc.option(fc.integer({ min: 0, max: 12 * 86_400_000 }), { nil: undefined }),
      supervised: fc.boolean(),
      dueAfterMin: fc.option(fc.integer({ min: 0, max: 10 * 1440 }), { nil: undefined }),
      overall: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    }),
    { maxLength: 40 },
  )
  .map((specs) =>
    specs.map((spec, index) => {
      const base = Date.parse('2026-02-01T00:00:00Z') + spec.createdMin * 60_000
      const iso = (ms: number) =>
        spec.plusEight ? new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00') : new Date(ms).toISOString()
      const reviewedMs = spec.reviewAfterMin === undefined ? undefined : base + spec.reviewAfterMin * 60_000
      const overrides: Partial<Message> = {
        boardId: spec.boardId,
        status: spec.status,
        type: spec.type,
        domain: spec.domain,
        createdAt: iso(base),
        supervised: spec.supervised,
      }
      if (spec.assignee !== undefined) overrides.assigneeBoardId = spec.assignee
      if (reviewedMs !== undefined) overrides.reviewedAt = iso(reviewedMs)
      if (spec.replyAfterMs !== undefined) overrides.repliedAt = iso((reviewedMs ?? base) + spec.replyAfterMs)
      if (spec.dueAfterMin !== undefined) overrides.dueAt = iso(base + spec.dueAfterMin * 60_000)
      if (spec.overall !== undefined) {
        overrides.evaluation = { overall: spec.overall, resolution: spec.overall, attitude: spec.overall, speed: spec.overall }
      }
      return message(`x${String(index).padStart(3, '0')}`, overrides)
    }),
  )

const dayArbitrary = fc.option(
  fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: -480, max: 100 }), fc.constantFrom(-390, -389, -25, -24)).map((d) => new Date(Date.parse('2026-01-25T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10)),
  { nil: undefined },
)

/** What boardStats must answer: computeStats over the rows in the subtree and the day range. */
function expected(messages: readonly Message[], root: string, from: string | undefined, to: string | undefined) {
  const subtree = new Set<string>([root])
  for (let grew = true; grew; ) {
    grew = false
    for (const b of TREE) {
      if (b.parentId !== null && subtree.has(b.parentId) && !subtree.has(b.id)) {
        subtree.add(b.id)
        grew = true
      }
    }
  }
  const dayOf = (m: Message) => new Date(chinaDay(Date.parse(m.createdAt)) * 86_400_000).toISOString().slice(0, 10)
  const rows = messages
    .filter((m) => subtree.has(m.boardId) || (m.assigneeBoardId !== undefined && subtree.has(m.assigneeBoardId)))
    .filter((m) => (from === undefined || dayOf(m) >= from) && (to === undefined || dayOf(m) <= to))
    .map(statsRowOf)
  return computeStats(root, rows, new Date(NOW))
}

describe.each<[string, () => Store]>([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'))],
  // Its sums and scans answered by a worker thread (sqlite/read-pool.ts, the worker from dist).
  ['sqlite with read workers', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'), { readWorkers: 2 })],
  ['postgres', () => openingStore(freshDatabase().then(createPostgresStore))],
])('%s store: board subtrees and statistics', (_name, create) => {
  it('lists a board with every board below it, by its board or its assigned unit', async () => {
    const store = await seed(create(), [
      message('a', { boardId: 'u1', createdAt: '2026-03-01T00:00:00Z' }),
      message('b', { boardId: 'c2', createdAt: '2026-03-01T01:00:00Z' }),
      message('c', { boardId: 'm', assigneeBoardId: 'u2', createdAt: '2026-03-01T02:00:00Z' }),
      message('d', { boardId: 'gone', createdAt: '2026-03-01T03:00:00Z' }),
    ])
    const ids = async (boardIds: string[]) => (await store.read.listMessages({ boardIds, limit: 10 })).items.map((m) => m.id)
    expect(await ids(['p'])).toEqual(['c', 'b', 'a'])
    expect(await ids(['c1'])).toEqual(['a'])
    expect(await ids(['c2'])).toEqual(['c', 'b'])
    expect(await ids(['m'])).toEqual(['c'])
    expect(await ids(['u1', 'm'])).toEqual(['c', 'a'])
    expect(await ids(['gone'])).toEqual(['d'])
    expect(await ids([])).toEqual([])
  })

  it('follows a board added above stored messages, and a board moved to another parent', async () => {
    const store = await seed(create(), [message('a', { boardId: 'u9', createdAt: '2026-03-01T00:00:00Z' })])
    const ids = async (root: string) => (await store.read.listMessages({ boardIds: [root], limit: 10 })).items.map((m) => m.id)
    expect(await ids('p')).toEqual([])
    await store.transaction(async (tx) => tx.putBoard(board('u9', 'c1')))
    expect(await ids('p')).toEqual(['a'])
    expect(await ids('c1')).toEqual(['a'])
    await store.transaction(async (tx) => tx.putBoard(board('c1', 'm')))
    expect(await ids('p')).toEqual([])
    expect(await ids('m')).toEqual(['a'])
    expect((await store.read.boardStats({ boardId: 'm', now: NOW })).boardId).toBe('m')
  })

  it('counts a board subtree in China-time days, both ends inclusive', async () => {
    const store = await seed(create(), [
      // 2026-03-01 23:30 in China, though 15:30 UTC on the 1st.
      message('a', { boardId: 'u1', status: 'replied', createdAt: '2026-03-01T15:30:00Z', reviewedAt: '2026-03-01T16:00:00Z', repliedAt: '2026-03-01T17:00:00Z' }),
      // 2026-03-02 00:30 in China.
      message('b', { boardId: 'c1', status: 'accepted', type: 'consult', createdAt: '2026-03-01T16:30:00Z', reviewedAt: '2026-03-01T16:30:00Z', dueAt: '2026-03-05T00:00:00Z' }),
      message('c', { boardId: 'u2', status: 'pending', createdAt: '2026-03-03T00:00:00+08:00' }),
    ])
    const stats = (from?: string, to?: string) =>
      store.read.boardStats({ boardId: 'p', now: NOW, ...(from ? { from } : {}), ...(to ? { to } : {}) })
    expect(await stats()).toEqual({
      boardId: 'p',
      received: 2,
      replied: 1,
      replyRate: 0.5,
      medianReplyWorkingDays: 0,
      overdue: 1,
      satisfaction: { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
      byType: { complain: 1, consult: 1 },
      byDomain: { urban: 2 },
    })
    expect((await stats('2026-03-01', '2026-03-01')).received).toBe(1)
    expect((await stats('2026-03-02')).byType).toEqual({ consult: 1 })
    expect((await stats(undefined, '2026-02-28')).received).toBe(0)
    expect((await store.read.boardStats({ boardId: 'c2', now: NOW })).received).toBe(0)
    await expect(stats('2026-02-30')).rejects.toThrow(RangeError)
  })

  it('gives what computeStats gives over the subtree and the days (property)', async () => {
    await fc.assert(
      fc.asyncProperty(messagesArbitrary, fc.constantFrom(...BOARD_IDS), dayArbitrary, dayArbitrary, async (messages, root, from, to) => {
        const store = await seed(create(), messages)
        const query = { boardId: root, now: NOW, ...(from ? { from } : {}), ...(to ? { to } : {}) }
        expect(await store.read.boardStats(query)).toEqual(expected(messages, root, from, to))
        await store.close()
      }),
      { numRuns: 40, seed: 12 },
    )
  }, 60_000)
})

// ── The supervision table, against a count of its own from the raw messages ─────────────────────

const calendar = createWorkCalendar()
const DAY_MS = 86_400_000
const chinaText = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)
const chinaDayNumber = (ms: number) => Math.floor((ms + 8 * 3600_000) / DAY_MS)

/** Working days after the China day of `startMs` up to and including that of `endMs`. */
function workingDaysAfter(startMs: number, endMs: number): number {
  let n = 0
  for (let day = chinaDayNumber(startMs) + 1; day <= chinaDayNumber(endMs); day++) if (calendar.isWorkingDay(chinaText(day * DAY_MS))) n++
  return n
}

/** The last instant of the REVIEW_WORKING_DAYS-th working day after the China day of `ms`. */
function reviewDeadline(ms: number): number {
  let day = chinaDayNumber(ms)
  for (let left = REVIEW_WORKING_DAYS; left > 0; ) if (calendar.isWorkingDay(chinaText(++day * DAY_MS))) left--
  return (day + 1) * DAY_MS - 8 * 3600_000 - 1
}

/** What a supervision row must say, counted here from the messages. */
function expectedUnit(messages: readonly Message[], tree: readonly Board[], id: string, nowMs: number) {
  const below = new Set([id])
  for (let grew = true; grew; ) {
    grew = false
    for (const b of tree) if (b.parentId !== null && below.has(b.parentId) && !below.has(b.id)) grew = below.add(b.id) !== undefined
  }
  const mine = messages.filter((m) => (below.has(m.boardId) || (m.assigneeBoardId !== undefined && below.has(m.assigneeBoardId))) && m.status !== 'pending' && m.status !== 'rejected')
  const days = mine.filter((m) => m.repliedAt && m.reviewedAt).map((m) => workingDaysAfter(Date.parse(m.reviewedAt!), Date.parse(m.repliedAt!))).sort((a, b) => a - b)
  const rated = mine.filter((m) => m.evaluation).map((m) => m.evaluation!.overall)
  const satisfied = rated.filter((score) => score >= 4).length
  const replied = mine.filter((m) => m.repliedAt).length
  return {
    received: mine.length,
    acceptedOnTime: mine.filter((m) => m.reviewedAt && Date.parse(m.reviewedAt) <= reviewDeadline(Date.parse(m.createdAt))).length,
    replied,
    replyRate: mine.length ? replied / mine.length : 0,
    medianReplyWorkingDays: days.length ? (days[(days.length - 1) >> 1]! + days[days.length >> 1]!) / 2 : null,
    overdue: mine.filter((m) => ['accepted', 'assigned', 'processing'].includes(m.status) && m.dueAt && Date.parse(m.dueAt) < nowMs).length,
    supervised: mine.filter((m) => m.supervised).length,
    satisfaction: {
      count: rated.length,
      average: rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 100) / 100 : null,
      satisfied,
      satisfiedShare: rated.length ? satisfied / rated.length : null,
    },
    months: mine.map((m) => [chinaText(Date.parse(m.createdAt)).slice(0, 7), m.repliedAt ? 1 : 0] as const),
  }
}

/** Writes each message as life does: submitted, reviewed and sent to another unit, then as it ends. */
async function seedStepwise(store: Store, messages: readonly Message[]): Promise<Store> {
  await seed(store, messages.map((m) => ({ ...m, status: 'pending' as const, reviewedAt: undefined, repliedAt: undefined, dueAt: undefined, evaluation: undefined, assigneeBoardId: undefined, supervised: false })))
  await store.transaction(async (tx) => {
    for (const m of messages) {
      await tx.updateMessage({ ...m, status: 'accepted', assigneeBoardId: 'u2', repliedAt: undefined, evaluation: undefined })
      await tx.updateMessage(m)
    }
  })
  return store
}

describe.each<[string, () => Store]>([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'))],
  // Its sums and scans answered by a worker thread (sqlite/read-pool.ts, the worker from dist).
  ['sqlite with read workers', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'), { readWorkers: 2 })],
  ['postgres', () => openingStore(freshDatabase().then(createPostgresStore))],
])('%s store: the supervision table', (_name, create) => {
  it('equals a count from the raw messages per unit and month, written at once or step by step, before and after a move (property)', async () => {
    const nowArbitrary = fc.integer({ min: 0, max: 100 * 1440 }).map((min) => Date.parse('2026-02-01T00:00:00Z') + min * 60_000)
    await fc.assert(
      fc.asyncProperty(messagesArbitrary, fc.constantFrom('p', 'c1', 'm'), dayArbitrary, dayArbitrary, nowArbitrary, fc.boolean(), fc.boolean(), async (messages, root, from, to, nowMs, stepwise, move) => {
        fc.pre(from === undefined || to === undefined || from <= to)
        const store = await (stepwise ? seedStepwise : seed)(create(), messages)
        const tree = move ? TREE.map((b) => (b.id === 'c1' ? board('c1', 'm') : b)) : TREE
        if (move) await store.transaction((tx) => tx.putBoard(board('c1', 'm')))
        const service = createBoardService({ store, now: () => new Date(nowMs) })
        const table = await unitStats(service, root, { ...(from ? { from } : {}), ...(to ? { to } : {}), units: 'subtree' })
        const inRange = messages.filter((m) => {
          const day = chinaText(Date.parse(m.createdAt))
          return (from === undefined || day >= from) && (to === undefined || day <= to)
        })
        for (const unit of table.units) {
          const { months: _months, ...figures } = expectedUnit(inRange, tree, unit.boardId, nowMs)
          expect(unit, unit.boardId).toMatchObject(figures)
          const stats = await store.read.boardStats({ boardId: unit.boardId, now: new Date(nowMs).toISOString(), ...(from ? { from } : {}), ...(to ? { to } : {}) })
          expect([stats.received, stats.replied, stats.medianReplyWorkingDays, stats.overdue]).toEqual([unit.received, unit.replied, unit.medianReplyWorkingDays, unit.overdue])
        }
        const byMonth = new Map<string, { received: number; replied: number }>()
        for (const [month, replied] of expectedUnit(inRange, tree, root, nowMs).months) {
          const m = byMonth.get(month) ?? { received: 0, replied: 0 }
          byMonth.set(month, { received: m.received + 1, replied: m.replied + replied })
        }
        expect(table.trend).toEqual([...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, m]) => ({ month, ...m })))
        await store.close()
      }),
      { numRuns: 30, seed: 14 },
    )
  }, 120_000)
})
