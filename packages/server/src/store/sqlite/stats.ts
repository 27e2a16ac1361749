// The SQLite store's statistics counters (docs/architecture.md §6): `stats_counts` keeps, per board
// of a message's scope (its `message_scope` rows) and per period of its submission day, the sum of
// the contributions of `stats-counts.ts`, written in the transaction of each change; sums read one
// primary-key range per board and period range. Overdue messages due today come from an index of
// open messages by deadline.
import type { Message } from '@liuyan/core'
import { OPEN_STATUSES } from '@liuyan/core'
import type Database from 'better-sqlite3'
import { DAY, firstDueKey, overdueOf, todayBounds, type PeriodRange } from '../../stats-counts.js'
import { addSum, changeRows, contributionOf, counterRows, createdBounds, periodRanges, queryDays, widenedDays, type Contribution, type CounterRow } from '../stats-keeping.js'
import type { BoardCounts, StatsCountsQuery } from '../types.js'
import type { Connection } from './connection.js'

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

/** Migration 5: the counters, the index of open messages by deadline, and the counters of the rows already stored. */
export const STATS_MIGRATION_SQL = `
  CREATE TABLE stats_counts (
    board TEXT NOT NULL,
    grain INTEGER NOT NULL,
    period INTEGER NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (board, grain, period, key)
  ) WITHOUT ROWID;
  CREATE INDEX message_scope_due ON message_scope (ancestor, due_ms, created_ms) WHERE status IN (${OPEN_SQL});
`

/** Adds counter rows to every board of the message's scope, as `message_scope` has it now (the migration's backfill). */
const APPLY = `INSERT INTO stats_counts (board, grain, period, key, n)
  SELECT s.ancestor, d.value ->> 0, d.value ->> 1, d.value ->> 2, d.value ->> 3
  FROM messages m JOIN message_scope s ON s.rid = m.rid, json_each(?) d
  WHERE m.id = ?
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (board, grain, period, key) DO UPDATE SET n = n + excluded.n`

const SCOPE = 'SELECT s.ancestor FROM messages m JOIN message_scope s ON s.rid = m.rid WHERE m.id = ?'

/**
 * Adds counter rows to every board of the message's scope: `boards` when given (a message just
 * inserted, see paths.ts), else as `message_scope` has it now. They wait, summed, with the
 * transaction's other counter changes (pending.ts) until a statement reads `stats_counts` or the
 * transaction ends.
 */
export function applyCounters(connection: Connection, messageId: string, rows: readonly CounterRow[], boards?: readonly string[]): void {
  if (rows.length === 0) return
  connection.pending.addCounters(boards ?? (connection.statement(SCOPE, 'pluck').all(messageId) as string[]), rows)
}

/**
 * Writes the counters of an update of a message from `before` (its stored doc) to `after` around
 * `update`, the statement that rewrites the row (and, by trigger, its `message_scope`).
 */
export function updateCounters(connection: Connection, before: Message, after: Message, update: () => void): void {
  const prev = contributionOf(before)
  const next = contributionOf(after)
  const sameScope = before.boardId === after.boardId && before.assigneeBoardId === after.assigneeBoardId
  const delta = sameScope ? changeRows(prev, next) : undefined
  if (!delta) applyCounters(connection, after.id, counterRows(prev, -1))
  update()
  applyCounters(connection, after.id, delta ?? counterRows(next))
}

/** The contributions of the messages `where` selects (on `messages m`), by id. */
export function contributionsWhere(connection: Connection, where: string, params: Record<string, unknown>): Map<string, Contribution> {
  const rows = connection.statement(`SELECT m.id, m.doc FROM messages m WHERE ${where}`, 'raw').all(params) as Array<[string, string]>
  return new Map(rows.map(([id, doc]) => [id, contributionOf(JSON.parse(doc) as Message)]))
}

/** Counts the rows stored before migration 5, in the migration's transaction. */
export function backfillCounters(db: Database.Database): void {
  const select = db.prepare('SELECT rid, id, doc FROM messages WHERE rid > ? ORDER BY rid LIMIT 1000').raw(true)
  const apply = db.prepare(APPLY)
  for (let after = 0; ; ) {
    const rows = select.all(after) as Array<[number, string, string]>
    for (const [, id, doc] of rows) {
      const counters = counterRows(contributionOf(JSON.parse(doc) as Message))
      if (counters.length > 0) apply.run(JSON.stringify(counters), id)
    }
    if (rows.length < 1000) break
    after = rows[rows.length - 1]![0]
  }
}

/**
 * The rows summed: every key of the periods but the `due:` keys before today's (overdueOf reads
 * `due` less those from today on). A month or a year holds the deadlines of many days, so its rows
 * are read as two primary-key ranges of each period (`period IN`, a seek each): the keys before
 * `due:` and those from `due:<today>` up; a subtree with open messages due on many past days reads
 * none of those rows. A day's few deadlines are read and left out.
 */
const IN_PERIODS = `board = @board AND grain = @grain AND period IN (SELECT value FROM json_each(@periods))`
const ROWS = `SELECT period, key, n FROM stats_counts WHERE ${IN_PERIODS} AND key < 'due:'
  UNION ALL SELECT period, key, n FROM stats_counts WHERE ${IN_PERIODS} AND key >= @due`
const DAY_ROWS = `SELECT period, key, n FROM stats_counts WHERE board = @board AND grain = ${DAY} AND period BETWEEN @from AND @to AND (key < 'due:' OR key >= @due)`
/**
 * The sums as one JSON value (an object by key; by period, an array of `[period, key, n]`): to
 * parse one value costs half of fetching its rows one by one (better-sqlite3 builds each row).
 */
const sumOf = (rows: string) => `SELECT json_group_object(key, n) FROM (SELECT key, sum(n) AS n FROM (${rows}) GROUP BY key)`
const sumByPeriodOf = (rows: string) => `SELECT json_group_array(json_array(period, key, n)) FROM (SELECT period, key, sum(n) AS n FROM (${rows}) GROUP BY period, key)`
/**
 * The keys of a supervision table's figures (StatsCountsQuery.unitFigures), in key order: `due`,
 * the `due:` keys from today's, `o` to `s5`, then `v` and `w:` (no `t:` or `d:`).
 */
const UNIT_KEYS = ["key = 'due'", "key >= @due AND key < 'due;'", "key >= 'o' AND key < 't:'", "key >= 'u'"]
/** Each range of UNIT_KEYS a seek of its own in each period (an OR of them would visit every row of the periods). */
const unitRows = (periods: string) => UNIT_KEYS.map((keys) => `SELECT period, key, n FROM stats_counts WHERE ${periods} AND ${keys}`).join(' UNION ALL ')
const UNIT_ROWS = unitRows(IN_PERIODS)
const SUM = { wide: sumOf(ROWS), day: sumOf(DAY_ROWS), units: sumOf(UNIT_ROWS) }
const SUM_BY_PERIOD = { wide: sumByPeriodOf(ROWS), day: sumByPeriodOf(DAY_ROWS), units: sumByPeriodOf(UNIT_ROWS) }
const ANY_DAY = `SELECT 1 FROM stats_counts WHERE board = ? AND grain = ${DAY} AND period BETWEEN ? AND ? LIMIT 1`
const LOWEST = 'SELECT min(period) FROM stats_counts WHERE board = ? AND grain = ? AND period >= ?'
const HIGHEST = 'SELECT max(period) FROM stats_counts WHERE board = ? AND grain = ? AND period <= ?'
/**
 * The open messages of a subtree due earlier today: a range of `message_scope_due` by deadline
 * (named: the planner would otherwise walk every open row in `message_scope_open`, which also
 * holds the deadline and status, by creation time).
 */
export const DUE_TODAY_SQL = `SELECT count(*) FROM message_scope INDEXED BY message_scope_due WHERE ancestor = ? AND status IN (${OPEN_SQL})
  AND due_ms >= ? AND due_ms < ? AND created_ms >= ? AND created_ms < ?`

/** A range's periods one by one; an open or long range first narrowed to the periods the board has. */
function periodsOf(connection: Connection, boardId: string, range: PeriodRange): number[] {
  let { from, to } = range
  if (to - from >= 64) {
    from = (connection.statement(LOWEST, 'pluck').get(boardId, range.grain, from) as number | null) ?? Infinity
    to = (connection.statement(HIGHEST, 'pluck').get(boardId, range.grain, to) as number | null) ?? -Infinity
  }
  const out: number[] = []
  for (let period = from; period <= to; period++) out.push(period)
  return out
}

/** The sums of a {@link StatsCountsQuery}: per board, one primary-key range per range of periods. */
export function sqliteStatsCounts(connection: Connection, query: StatsCountsQuery): BoardCounts[] {
  const { fromDay, toDay, nowMs } = queryDays(query)
  const { startMs } = todayBounds(nowMs)
  const { fromMs, toMs } = createdBounds(fromDay, toDay)
  const byMonth = query.byMonth ?? false
  const due = firstDueKey(nowMs)
  return connection.snapshot(() =>
    query.boardIds.map((boardId) => {
      const target: BoardCounts = { boardId, counts: {}, overdue: 0 }
      const empty = (from: number, to: number) => connection.statement(ANY_DAY, 'pluck').get(boardId, from, to) === undefined
      const days = widenedDays(fromDay, toDay, empty)
      for (const range of periodRanges(days.fromDay, days.toDay, byMonth)) {
        // The days of a range (at most a month's) are read as one range, or, for the units' keys, each day apart.
        const day = range.grain === DAY && !query.unitFigures
        const periods = day ? [] : periodsOf(connection, boardId, range)
        if (!day && periods.length === 0) continue
        const params = day ? { board: boardId, from: range.from, to: range.to, due } : { board: boardId, grain: range.grain, periods: JSON.stringify(periods), due }
        const rows = query.unitFigures ? 'units' : day ? 'day' : 'wide'
        if (byMonth) {
          const sums = JSON.parse(connection.statement(SUM_BY_PERIOD[rows], 'pluck').get(params) as string) as Array<[number, string, number]>
          for (const [period, key, n] of sums) addSum(target, range.grain, period, key, n, true)
        } else {
          const sums = JSON.parse(connection.statement(SUM[rows], 'pluck').get(params) as string) as Record<string, number>
          for (const key in sums) addSum(target, range.grain, 0, key, sums[key]!, false)
        }
      }
      const dueToday = connection.statement(DUE_TODAY_SQL, 'pluck').get(boardId, startMs, nowMs, fromMs, toMs) as number
      target.overdue = overdueOf(target.counts, nowMs, dueToday)
      return target
    }),
  )
}
