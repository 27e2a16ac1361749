import * as z from 'zod/mini'
import { checked, IdSchema } from './common.js'

/* @__NO_SIDE_EFFECTS__ */
function count() {
  return checked(z.int(), z.gte(0))
}
/* @__NO_SIDE_EFFECTS__ */
function share() {
  return checked(z.number(), z.gte(0), z.lte(1))
}

/**
 * The figures of one unit (a board and every board below it) in the supervision table
 * `GET /boards/{id}/stats/units` (督查, 工作图表化). Each counts the messages submitted on the days
 * asked whose board or assigned unit is in the unit's subtree, once each; what each figure means is
 * defined once, in docs/architecture.md §6.
 *
 * @example
 * ```ts
 * `${unit.name}: ${Math.round(unit.replyRate * 100)}%, ${unit.medianReplyWorkingDays} 个工作日`
 * ```
 */
export const UnitFiguresSchema = z.object({
  boardId: IdSchema,
  /** The board's name, as `GET /boards/{id}` has it. */
  name: z.string(),
  /** The board above it; null for a root. */
  parentId: z.nullable(IdSchema),
  /** 0 for the board asked for, 1 for the boards directly below it, … */
  depth: count(),
  /** Accepted messages (not counting those awaiting review or refused). */
  received: count(),
  /** Of those received, reviewed within the review deadline (core's `REVIEW_WORKING_DAYS` working days after submission). */
  acceptedOnTime: count(),
  /** Of those received, replied at least once. */
  replied: count(),
  /** replied / received, 0–1; 0 when nothing was received. */
  replyRate: share(),
  /** Median working days from acceptance to reply (core's `workingDaysBetween`), whole or half days; null before any reply. */
  medianReplyWorkingDays: z.nullable(checked(z.number(), z.gte(0))),
  /** Of those received, open now with their deadline passed. */
  overdue: count(),
  /** Of those received, supervised (督办). */
  supervised: count(),
  satisfaction: z.object({
    /** Evaluations given. */
    count: count(),
    /** Mean overall score, 1–5, to two decimals; null before any evaluation. */
    average: z.nullable(checked(z.number(), z.gte(1), z.lte(5))),
    /** Evaluations of 满意 (4) or 很满意 (5). */
    satisfied: count(),
    /** satisfied / count, 0–1; null before any evaluation. */
    satisfiedShare: z.nullable(share()),
  }),
})
export type UnitFigures = z.infer<typeof UnitFiguresSchema>

/** One China month of the trend of a subtree: messages received in it and, of those, replied. */
export const MonthFiguresSchema = z.object({
  /** `YYYY-MM`, China time. */
  month: checked(z.string(), z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  received: count(),
  replied: count(),
})
export type MonthFigures = z.infer<typeof MonthFiguresSchema>

/**
 * The supervision table of a board subtree (`GET /boards/{id}/stats/units`): one row for the board,
 * then one for each unit below it (every board of the subtree depth first, children in id order,
 * or only the direct children), and the board's month-by-month trend.
 *
 * @example
 * ```ts
 * const table = await client.boards.unitStats('220100-gov', { from: '2026-01-01', to: '2026-12-31' })
 * table.units.filter((u) => u.overdue > 0).map((u) => u.name)
 * ```
 */
export const UnitStatsSchema = z.object({
  boardId: IdSchema,
  /** The first day counted, `YYYY-MM-DD` China time; null when unbounded. */
  from: z.nullable(z.iso.date()),
  /** The last day counted, inclusive; null when unbounded. */
  to: z.nullable(z.iso.date()),
  /** The instant `overdue` was counted at. */
  now: z.iso.datetime({ offset: true }),
  /** The board first, then its units. */
  units: z.array(UnitFiguresSchema),
  /** Every China month of the range that has a message received, oldest first, for the board's subtree. */
  trend: z.array(MonthFiguresSchema),
})
export type UnitStats = z.infer<typeof UnitStatsSchema>
