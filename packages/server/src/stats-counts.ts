/**
 * The contribution of one message to the statistics, and the day and month periods they are kept
 * by: the one definition of every figure (docs/architecture.md §6). Stores keep, per board of a
 * message's scope (its board, its assigned unit and every board above either) and per period of
 * its submission day, the sum of these counters, updated in the transaction of each change by
 * subtracting the old row's contribution and adding the new one; `computeStats` folds the same
 * contributions over raw rows. Nothing here reads a store.
 */
import { OPEN_STATUSES, reviewDueAt, workingDaysBetween, type DeadlineOptions, type Domain, type MessageStatus, type MessageType } from '@liuyan/core'

/** Counters by key: see {@link contribution} for the keys. */
export type StatsCounts = Record<string, number>

/** What statistics read of each message. */
export interface StatsRow {
  status: MessageStatus
  type: MessageType
  domain: Domain
  createdAt: string
  reviewedAt?: string | undefined
  repliedAt?: string | undefined
  dueAt?: string | undefined
  overall?: number | undefined
  supervised?: boolean | undefined
}

/**
 * The working-day calendar the counters are kept on: core's process-wide set (which
 * `registerCalendar` and the CLI's `--calendar` extend), weekends only in a year it does not know,
 * as the board service counts deadlines by default. A contribution is counted when it is written.
 */
export const STATS_CALENDAR: DeadlineOptions = { outsideCalendar: 'weekends' }

const OPEN = new Set<string>(OPEN_STATUSES)
const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

/** The China-time day number (days since 1970-01-01) of an instant in epoch milliseconds. */
export function dayOf(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS)
}

/**
 * What one message adds to the counters of each board of its scope, for the period of its
 * submission day. Messages awaiting review or refused add nothing (they were not received).
 *
 * - `r` received; `t:<type>` and `d:<domain>` received by type and by domain;
 * - `o` accepted on time: reviewed no later than core's `reviewDueAt(createdAt)`;
 * - `p` replied; `w:<n>` replied `n` working days after acceptance (core's `workingDaysBetween`),
 *   the histogram the median is read from;
 * - `v` supervised (督办);
 * - `s1`…`s5` evaluations by overall score;
 * - `due` open (accepted, assigned, processing) with a deadline, and `due:<day>` the same by the
 *   China day of the deadline: `overdue` at an instant is `due` less those due from today on (see
 *   {@link overdueOf}), so a store reads the days still to come, never the many past ones.
 */
export function contribution(row: StatsRow, calendar: DeadlineOptions = STATS_CALENDAR): StatsCounts {
  if (row.status === 'pending' || row.status === 'rejected') return {}
  const out: StatsCounts = { r: 1, [`t:${row.type}`]: 1, [`d:${row.domain}`]: 1 }
  if (row.reviewedAt !== undefined && Date.parse(row.reviewedAt) <= reviewDueAt(new Date(row.createdAt), calendar).getTime()) out.o = 1
  if (row.repliedAt) {
    out.p = 1
    if (row.reviewedAt) out[`w:${workingDaysBetween(new Date(row.reviewedAt), new Date(row.repliedAt), calendar)}`] = 1
  }
  if (row.supervised) out.v = 1
  if (row.overall) out[`s${Math.min(5, Math.max(1, Math.round(row.overall)))}`] = 1
  if (OPEN.has(row.status) && row.dueAt !== undefined) {
    out.due = 1
    out[`due:${dayOf(Date.parse(row.dueAt))}`] = 1
  }
  return out
}

/** `into` plus `sign` times `counts` (in place); resolves `into`. */
export function addCounts(into: StatsCounts, counts: StatsCounts, sign = 1): StatsCounts {
  for (const key in counts) into[key] = (into[key] ?? 0) + sign * counts[key]!
  return into
}

/** What turns `before` into `after`, without the keys that do not change. */
export function countsDelta(before: StatsCounts, after: StatsCounts): StatsCounts {
  const delta = addCounts(addCounts({}, after), before, -1)
  for (const key in delta) if (delta[key] === 0) delete delta[key]
  return delta
}

/**
 * Overdue at `nowMs`: open messages whose deadline day is before today's (`due` less the `due:`
 * keys of today and later), plus `today` (those due today whose deadline has passed, which a store
 * counts through its index of open messages by deadline, since within the day the instant decides).
 * `counts` holds every `due:` key from today on and may hold earlier ones (they are ignored), so a
 * store reads the `due:` keys from `due:<today>` up in key order: day numbers have five digits
 * from 1997-05-19 to the year 2243, and in that span text order is number order.
 */
export function overdueOf(counts: StatsCounts, nowMs: number, today: number): number {
  const nowDay = dayOf(nowMs)
  let overdue = today + (counts.due ?? 0)
  for (const key in counts) if (key.startsWith('due:') && Number(key.slice(4)) >= nowDay) overdue -= counts[key]!
  return overdue
}

/** The first `due:` key a store reads for {@link overdueOf} at `nowMs`: today's. */
export function firstDueKey(nowMs: number): string {
  return `due:${dayOf(nowMs)}`
}

/** The first and last instant (epoch ms, end exclusive) of the China day of `nowMs`. */
export function todayBounds(nowMs: number): { startMs: number; endMs: number } {
  const startMs = dayOf(nowMs) * DAY_MS - CHINA_OFFSET_MS
  return { startMs, endMs: startMs + DAY_MS }
}

/** The median of the `w:` histogram, in working days (a half when two middle values differ); null when empty. */
export function medianWorkingDays(counts: StatsCounts): number | null {
  const bins = Object.keys(counts)
    .filter((key) => key.startsWith('w:') && counts[key]! > 0)
    .map((key) => [Number(key.slice(2)), counts[key]!] as const)
    .sort((a, b) => a[0] - b[0])
  const total = bins.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) return null
  // The values at 0-based positions ⌊(total−1)/2⌋ and ⌊total/2⌋ of the sorted list.
  const at = (position: number) => {
    let seen = 0
    for (const [value, n] of bins) if ((seen += n) > position) return value
    return bins[bins.length - 1]![0]
  }
  return (at((total - 1) >> 1) + at(total >> 1)) / 2
}

// ── Periods: a counter is kept for the submission day, its month and its year ──────────────────

/**
 * The grain of a period: a China day (its day number), a China month (year × 12 + month − 1) or a
 * China year (the year).
 */
export const DAY = 0
export const MONTH = 1
export const YEAR = 2

/** The month number (year × 12 + month − 1) of a China day number. */
export function monthOf(day: number): number {
  const date = new Date(day * DAY_MS)
  return date.getUTCFullYear() * 12 + date.getUTCMonth()
}

/** The month number (year × 12 + month − 1) of a `YYYY-MM`. */
export function monthNumber(text: string): number {
  return Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1
}

/** `YYYY-MM` of a month number. */
export function monthText(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`
}

/** The China year of a month number. */
const yearOfMonth = (month: number) => Math.floor(month / 12)

/** The first China day of a year. */
const firstDayOfYear = (year: number) => firstDay(12 * year)

/** The China year of a China day number. */
const yearOf = (day: number) => yearOfMonth(monthOf(day))

function firstDay(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS
}

/** The periods a message submitted on China day `day` is counted in: its day, its month, its year. */
export function periodsOfDay(day: number): ReadonlyArray<readonly [grain: number, period: number]> {
  const month = monthOf(day)
  return [
    [DAY, day],
    [MONTH, month],
    [YEAR, yearOfMonth(month)],
  ]
}

/** A range of periods of one grain, both ends inclusive. */
export interface PeriodRange {
  grain: number
  from: number
  to: number
}

/** Stands for an open end of a range in SQL (day, month and year numbers are far smaller). */
export const OPEN_END = 1e9

/**
 * The periods that cover the days `fromDay`…`toDay` (inclusive; ±Infinity when open) each once: the
 * whole years inside, the whole months of the years cut at either end, and the days of the months
 * cut. So a year's figures read one period, not 365 days. With `years` false (figures by month),
 * no year: the whole months inside and the days of the months cut. Only the widest grain's range
 * can be open.
 */
export function coveringPeriods(fromDay: number, toDay: number, years = true): PeriodRange[] {
  if (fromDay > toDay) return []
  return years ? yearsMonthsAndDays(fromDay, toDay) : monthsAndDays(fromDay, toDay)
}

/**
 * The periods covering days `fromDay`…`toDay` (`fromDay` ≤ `toDay`): the whole units of `grain`
 * inside (unit `unitOf(day)`, starting on day `firstDayOf(unit)`), and `cut(from, to)` for the days
 * of the units cut at either end, or for all of them when no whole unit is inside.
 */
function wholeUnits(grain: number, unitOf: (day: number) => number, firstDayOf: (unit: number) => number, cut: (fromDay: number, toDay: number) => PeriodRange[]) {
  return (fromDay: number, toDay: number): PeriodRange[] => {
    const low = Number.isFinite(fromDay) ? (firstDayOf(unitOf(fromDay)) === fromDay ? unitOf(fromDay) : unitOf(fromDay) + 1) : -OPEN_END
    const high = Number.isFinite(toDay) ? (firstDayOf(unitOf(toDay) + 1) - 1 === toDay ? unitOf(toDay) : unitOf(toDay) - 1) : OPEN_END
    if (low > high) return cut(fromDay, toDay)
    const out: PeriodRange[] = [{ grain, from: low, to: high }]
    if (Number.isFinite(fromDay) && fromDay < firstDayOf(low)) out.push(...cut(fromDay, firstDayOf(low) - 1))
    if (Number.isFinite(toDay) && toDay > firstDayOf(high + 1) - 1) out.push(...cut(firstDayOf(high + 1), toDay))
    return out
  }
}

/** The whole months inside the days `fromDay`…`toDay` and the days of the months cut at either end. */
const monthsAndDays = wholeUnits(MONTH, monthOf, firstDay, (fromDay, toDay) => [{ grain: DAY, from: fromDay, to: toDay }])

/** The whole years inside the days, then {@link monthsAndDays} of the years cut at either end. */
const yearsMonthsAndDays = wholeUnits(YEAR, yearOf, firstDayOfYear, monthsAndDays)

/** The first and last day of the China month and of the China year of a day. */
export function calendarBounds(day: number): { month: [number, number]; year: [number, number] } {
  const month = monthOf(day)
  const year = yearOfMonth(month)
  return { month: [firstDay(month), firstDay(month + 1) - 1], year: [firstDayOfYear(year), firstDayOfYear(year + 1) - 1] }
}

/** The month number a stored period of a day or a month stands in. */
export function monthOfPeriod(grain: number, period: number): number {
  return grain === MONTH ? period : monthOf(period)
}
