/**
 * What the stores share to keep and read the statistics counters (docs/architecture.md §6): the
 * rows of a change (its contribution per period, with the sign of the change), the sums asked for,
 * and BoardStats from them. Each store writes the rows in the transaction of the change and sums
 * them in its own SQL; the memory store keeps them in a table of its own (see `memory-stats.ts`).
 * @internal
 */
import type { BoardStats, Message } from '@liuyan/core'
import { boardStatsOf } from '../stats.js'
import { calendarBounds, contribution, coveringPeriods, dayOf, MONTH, monthOfPeriod, monthText, OPEN_END, periodsOfDay, YEAR, type PeriodRange, type StatsCounts } from '../stats-counts.js'
import { instant, statsDays, statsRowOf } from './shared.js'
import type { BoardCounts, StatsCountsQuery, StatsQuery, StoreReader } from './types.js'

/** One counter change: grain, period, key, amount. */
export type CounterRow = [grain: number, period: number, key: string, n: number]

/** A message's contribution with the day it was submitted on, or undefined when it adds nothing. */
export interface Contribution {
  day: number
  counts: StatsCounts
}

/** The contribution of a stored message (see `stats-counts.ts`). */
export function contributionOf(message: Message): Contribution {
  return { day: dayOf(instant(message.createdAt, 'createdAt')), counts: contribution(statsRowOf(message)) }
}

/** The counter rows that add `sign` × `c` to every period of its day, in a fixed order (so two writers lock rows in the same order). */
export function counterRows(c: Contribution, sign = 1): CounterRow[] {
  const out: CounterRow[] = []
  const keys = Object.keys(c.counts).sort()
  for (const [grain, period] of periodsOfDay(c.day)) for (const key of keys) if (c.counts[key]) out.push([grain, period, key, sign * c.counts[key]!])
  return out
}

/**
 * The counter rows of a change from `before` to `after` when the message keeps its scope (board,
 * assigned unit) and day: only what differs. Undefined when the two must be written apart (a new
 * scope or day: `before` leaves the old boards, `after` joins the new ones).
 */
export function changeRows(before: Contribution, after: Contribution): CounterRow[] | undefined {
  if (before.day !== after.day) return undefined
  const delta: StatsCounts = { ...after.counts }
  for (const key in before.counts) delta[key] = (delta[key] ?? 0) - before.counts[key]!
  return counterRows({ day: after.day, counts: delta })
}

/** The days of a query (±Infinity when open) and its instant. */
export function queryDays(query: { from?: string; to?: string; now: string }): { fromDay: number; toDay: number; nowMs: number } {
  const { fromDay, toDay } = statsDays(query as StatsQuery)
  return { fromDay, toDay, nowMs: instant(query.now, 'now') }
}

/**
 * The days `fromDay`…`toDay` (±Infinity when open) widened, for one board, over days it has no
 * counters on (`empty(from, to)`, both inclusive): to the end of the last one's year, else its
 * month, and back to the start of the first one's year, else its month. The sums are the same and
 * read fewer periods: a year to today is one year's rows, not eleven months and a week of days.
 */
export function widenedDays(fromDay: number, toDay: number, empty: (from: number, to: number) => boolean): { fromDay: number; toDay: number } {
  let from = fromDay
  let to = toDay
  if (Number.isFinite(toDay)) {
    const { month, year } = calendarBounds(toDay)
    if (year[1] > toDay && empty(toDay + 1, year[1])) to = year[1]
    else if (month[1] > toDay && empty(toDay + 1, month[1])) to = month[1]
  }
  if (Number.isFinite(fromDay)) {
    const { month, year } = calendarBounds(fromDay)
    if (year[0] < fromDay && empty(year[0], fromDay - 1)) from = year[0]
    else if (month[0] < fromDay && empty(month[0], fromDay - 1)) from = month[0]
  }
  return { fromDay: from, toDay: to }
}

/** The ranges of periods of the days `fromDay`…`toDay`, with open ends as ±{@link OPEN_END}; no years when figures go by month. */
export function periodRanges(fromDay: number, toDay: number, byMonth: boolean): PeriodRange[] {
  return coveringPeriods(fromDay, toDay, !byMonth).map((r) => ({
    grain: r.grain,
    from: Number.isFinite(r.from) ? r.from : -OPEN_END,
    to: Number.isFinite(r.to) ? r.to : OPEN_END,
  }))
}

/**
 * The migration that adds the counters of each year (summed from its months' rows) and the `due`
 * key of each period (summed from its `due:<day>` rows) to a store's `stats_counts` (SQLite 12,
 * PostgreSQL 10). Rows there already are kept: a database counted by this code's first counting
 * migration has them.
 */
export const YEAR_COUNTERS_MIGRATION_SQL = `
  INSERT INTO stats_counts (board, grain, period, key, n)
    SELECT board, ${YEAR}, period / 12, key, sum(n) FROM stats_counts WHERE grain = ${MONTH} GROUP BY board, period / 12, key
    ON CONFLICT (board, grain, period, key) DO NOTHING;
  INSERT INTO stats_counts (board, grain, period, key, n)
    SELECT board, grain, period, 'due', sum(n) FROM stats_counts WHERE key LIKE 'due:%' GROUP BY board, grain, period
    ON CONFLICT (board, grain, period, key) DO NOTHING;
`

/** Creation instants (epoch ms, end exclusive) of a query's days, for an index of creation times. */
export function createdBounds(fromDay: number, toDay: number): { fromMs: number; toMs: number } {
  const CHINA_OFFSET_MS = 8 * 3_600_000
  return {
    fromMs: Number.isFinite(fromDay) ? fromDay * 86_400_000 - CHINA_OFFSET_MS : -8.64e15,
    toMs: Number.isFinite(toDay) ? (toDay + 1) * 86_400_000 - CHINA_OFFSET_MS : 8.64e15,
  }
}

/** Adds a summed row (grain, period, key, n) to a board's counts and, when asked, to its month's. */
export function addSum(target: BoardCounts, grain: number, period: number, key: string, n: number, byMonth: boolean): void {
  target.counts[key] = (target.counts[key] ?? 0) + n
  if (!byMonth) return
  const month = monthText(monthOfPeriod(grain, period))
  const months = (target.months ??= {})
  const counts = (months[month] ??= {})
  counts[key] = (counts[key] ?? 0) + n
}

/** BoardStats of one board from a store's counters. */
export async function boardStatsFromCounts(reader: Pick<StoreReader, 'statsCounts'>, query: StatsQuery): Promise<BoardStats> {
  const [counts] = await reader.statsCounts({ ...query, boardIds: [query.boardId] } as StatsCountsQuery)
  return boardStatsOf(query.boardId, counts!.counts, counts!.overdue)
}
