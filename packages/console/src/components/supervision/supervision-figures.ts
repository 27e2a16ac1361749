// The figures of the supervision table, declared once: each column's heading, its text on screen
// and its cell in an exported file come from the same row of COLUMNS, so what is shown, printed and
// exported cannot disagree. The figures themselves are the server's (GET /boards/{id}/stats/units);
// nothing here computes one (docs/architecture.md §6 defines them).
import type { Locale, MonthFigures, UnitFigures } from '@liuyan/core'
import type { SupervisionStrings } from './supervision.i18n.js'

export type FigureKey = 'received' | 'acceptedOnTime' | 'replied' | 'replyRate' | 'median' | 'overdue' | 'supervised' | 'average' | 'share'

export interface Column {
  key: FigureKey
  heading(t: SupervisionStrings): string
  /** The figure as shown; null when there is none yet (no reply, no rating). */
  text(u: UnitFigures, n: Numbers): string | null
  /** The cell of an exported file: a number where the screen shows a count. */
  cell(u: UnitFigures, n: Numbers): string | number
}

/** Number formats of a locale. */
export interface Numbers {
  count(n: number): string
  share(n: number): string
  days(n: number): string
  score(n: number): string
}

const cache = new Map<Locale, Numbers>()
export function numbersOf(locale: Locale): Numbers {
  let n = cache.get(locale)
  if (!n) {
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
    const share = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
    const score = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    n = { count: (v) => count.format(v), share: (v) => share.format(v), days: (v) => days.format(v), score: (v) => score.format(v) }
    cache.set(locale, n)
  }
  return n
}

const countColumn = (key: FigureKey & keyof UnitFigures, heading: (t: SupervisionStrings) => string): Column => ({
  key,
  heading,
  text: (u, n) => n.count(u[key] as number),
  cell: (u) => u[key] as number,
})
const orNone = (text: string | null) => text ?? ''

export const COLUMNS: readonly Column[] = [
  countColumn('received', (t) => t.colReceived),
  countColumn('acceptedOnTime', (t) => t.colOnTime),
  countColumn('replied', (t) => t.colReplied),
  { key: 'replyRate', heading: (t) => t.colRate, text: (u, n) => (u.received ? n.share(u.replyRate) : null), cell: (u, n) => (u.received ? n.share(u.replyRate) : '') },
  {
    key: 'median', heading: (t) => t.colMedian,
    text: (u, n) => (u.medianReplyWorkingDays === null ? null : n.days(u.medianReplyWorkingDays)),
    cell: (u) => u.medianReplyWorkingDays ?? '',
  },
  countColumn('overdue', (t) => t.colOverdue),
  countColumn('supervised', (t) => t.colSupervised),
  {
    key: 'average', heading: (t) => t.colAverage,
    text: (u, n) => (u.satisfaction.average === null ? null : n.score(u.satisfaction.average)),
    cell: (u) => u.satisfaction.average ?? '',
  },
  {
    key: 'share', heading: (t) => t.colShare,
    text: (u, n) => (u.satisfaction.satisfiedShare === null ? null : n.share(u.satisfaction.satisfiedShare)),
    cell: (u, n) => orNone(u.satisfaction.satisfiedShare === null ? null : n.share(u.satisfaction.satisfiedShare)),
  },
]

/** The table as rows of cells, headings first: what the CSV and the workbook hold. */
export function unitRows(units: readonly UnitFigures[], t: SupervisionStrings, locale: Locale): (string | number)[][] {
  const n = numbersOf(locale)
  return [
    [t.colUnit, ...COLUMNS.map((c) => c.heading(t)), t.colRated],
    ...units.map((u) => [`${'　'.repeat(u.depth)}${u.name}`, ...COLUMNS.map((c) => c.cell(u, n)), u.satisfaction.count]),
  ]
}

/** The trend as rows of cells, headings first. */
export function trendRows(trend: readonly MonthFigures[], t: SupervisionStrings, locale: Locale): (string | number)[][] {
  return [[t.colMonth, t.colReceived, t.colReplied], ...trend.map((m) => [monthName(m.month, locale), m.received, m.replied])]
}

const months = new Map<Locale, Intl.DateTimeFormat>()
/** `2026-03` as people read it: 2026年3月, Mar 2026. */
export function monthName(month: string, locale: Locale): string {
  let f = months.get(locale)
  if (!f) months.set(locale, (f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' })))
  return f.format(new Date(`${month}-01T00:00:00Z`))
}

/**
 * The ranking (排行) of the units below the chosen board that received messages: by reply rate,
 * highest first, ties by messages received, most first, then by board id (as the rule under the
 * list says, supervisionStrings.rankRule).
 */
export function ranking(units: readonly UnitFigures[]): UnitFigures[] {
  return units
    .filter((u) => u.depth > 0 && u.received > 0)
    .sort((a, b) => b.replyRate - a.replyRate || b.received - a.received || (a.boardId < b.boardId ? -1 : a.boardId > b.boardId ? 1 : 0))
}
