import * as z from 'zod/mini'
import { checked, DateTimeSchema, DomainSchema, IdSchema, MessageStatusSchema, RegionCodeSchema, text } from './common.js'
import { LIMITS } from './message.js'
import type { StaffRole } from '../enums.js'

/* @__NO_SIDE_EFFECTS__ */
function count() {
  return checked(z.int(), z.gte(0))
}

/** A month in China time, `YYYY-MM`. */
export const MonthSchema = checked(z.string(), z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'invalid_month' }))

/** Most months one heat table spans. */
export const HEAT_MAX_MONTHS = 36

/**
 * Options of the heat table `GET /boards/{id}/hotspots/heat` (源头治理): a range of China-time
 * months, both included; by default the twelve months up to the current one.
 *
 * @example
 * ```ts
 * HeatQuerySchema.parse({ from: '2026-01', to: '2026-06' })
 * ```
 */
export const HeatQuerySchema = z.object({
  /** First month counted, `YYYY-MM`. */
  from: z.optional(MonthSchema),
  /** Last month counted, `YYYY-MM`. */
  to: z.optional(MonthSchema),
})
export type HeatQuery = z.input<typeof HeatQuerySchema>

/**
 * One row of a heat table: the messages of a domain from a region, month by month. Rows are only
 * listed for a region and domain with at least one message in the range.
 */
export const HeatRowSchema = z.object({
  /**
   * GB/T 2260 code of the region of the board each message was sent to, rolled up to the level
   * below the subtree's root: cities under a province (`220100`), counties under a city.
   */
  region: RegionCodeSchema,
  domain: DomainSchema,
  /** Messages received (refused ones are not counted) in each month of the table's `months`. */
  counts: z.array(count()),
})
export type HeatRow = z.infer<typeof HeatRowSchema>

/**
 * Counts by domain × region × month for a board subtree (the heat table of 源头治理): `months` is
 * every month from `from` to `to`, and each row's `counts` has one figure per month, in that order.
 * Rows are ordered by region, then domain (in core's `DOMAINS` order).
 *
 * @example
 * ```ts
 * const total = table.rows.reduce((sum, row) => sum + row.counts.reduce((a, b) => a + b, 0), 0)
 * const march = table.months.indexOf('2026-03')
 * const inMarch = table.rows.reduce((sum, row) => sum + (row.counts[march] ?? 0), 0)
 * ```
 */
export const HeatTableSchema = checked(
  z.object({
    boardId: IdSchema,
    from: MonthSchema,
    to: MonthSchema,
    months: z.array(MonthSchema),
    rows: z.array(HeatRowSchema),
  }),
  z.refine((table) => table.rows.every((row) => row.counts.length === table.months.length), { error: 'heat_counts_months', path: ['rows'] }),
)
export type HeatTable = z.infer<typeof HeatTableSchema>

/** A day in China (`2026-01-01`) or an ISO date-time with its offset. */
const DayOrDateTimeSchema = z.union([z.iso.date(), DateTimeSchema])

/** Most groups one answer lists. */
export const SIMILAR_GROUPS_MAX = 50
/** Most members a group counts in one answer; beyond it `more` is true. */
export const SIMILAR_GROUP_COUNT_CAP = 500

/**
 * Options of `GET /boards/{id}/hotspots/groups`: the members counted are those created in the
 * range (a day as `to` includes that whole day).
 */
export const SimilarGroupsQuerySchema = z.object({
  from: z.optional(DayOrDateTimeSchema),
  to: z.optional(DayOrDateTimeSchema),
  /** Groups to list, 1–50. @default 20 */
  limit: z.optional(checked(z.int(), z.gte(1), z.lte(SIMILAR_GROUPS_MAX))),
})
export type SimilarGroupsQuery = z.input<typeof SimilarGroupsQuerySchema>

/** Options of `GET /boards/{id}/hotspots/groups/{groupId}`: the members of one group, a page at a time. */
export const GroupMessagesQuerySchema = z.object({
  from: z.optional(DayOrDateTimeSchema),
  to: z.optional(DayOrDateTimeSchema),
  /** Page size, 1–100. @default 20 */
  limit: z.optional(checked(z.int(), z.gte(1), z.lte(100))),
  cursor: z.optional(checked(z.string(), z.minLength(1), z.maxLength(512))),
})
export type GroupMessagesQuery = z.input<typeof GroupMessagesQuerySchema>

/** Where a group's messages came from: a region and how many of the counted members. */
export const GroupPlaceSchema = z.object({ region: RegionCodeSchema, count: count() })
export type GroupPlace = z.infer<typeof GroupPlaceSchema>

/**
 * A group of similar messages (same board subtree, similar title and text, linked within the time
 * window of core's `SIMILARITY`): "eleven messages about the broken street lights in 朝阳区 since
 * September". Counted over the members in the subtree created in the range, newest first, at most
 * `SIMILAR_GROUP_COUNT_CAP`.
 */
export const SimilarGroupSchema = z.object({
  /** The group: the id of its oldest member counted. Any member's id opens the group as well. */
  id: IdSchema,
  /** Members counted (at most the cap). */
  count: count(),
  /** More members than the cap. */
  more: z.boolean(),
  /** Creation of the oldest and newest member counted. */
  firstAt: DateTimeSchema,
  lastAt: DateTimeSchema,
  /** The newest member: its masked title, domain and status. */
  latest: z.object({ id: IdSchema, title: text(1, 200), domain: DomainSchema, status: MessageStatusSchema }),
  /** Regions of the boards the members were sent to, most first (then by code). */
  places: z.array(GroupPlaceSchema),
})
export type SimilarGroup = z.infer<typeof SimilarGroupSchema>

/**
 * The groups of similar messages of a subtree, most recently active first (by their newest member
 * in the subtree), those with at least two members in the range.
 */
export const SimilarGroupsSchema = z.object({
  boardId: IdSchema,
  items: z.array(SimilarGroupSchema),
})
export type SimilarGroups = z.infer<typeof SimilarGroupsSchema>

/**
 * Who may mark a message as a duplicate of another (与…重复): reviewers, who sort what comes in,
 * and supervisors, who govern at the source (源头治理). Like `supervise` and `publish` in core's
 * `LIFECYCLE`, the link leaves the status alone; it is allowed in every status.
 */
export const DUPLICATE_ROLES = ['reviewer', 'supervisor'] as const satisfies readonly StaffRole[]

/**
 * A staff member marks a message as a duplicate of another (与…重复, `POST /messages/{id}/duplicate`):
 * `of` is the other message, or a group (whose id is a message). Recorded on the timeline; the
 * public thread says which message it repeats. Sending it again points the message elsewhere.
 *
 * @example
 * ```ts
 * DuplicateLinkSchema.parse({ of: 'm_8Yc1', note: '同一路段路灯，已并案办理' })
 * ```
 */
export const DuplicateLinkSchema = z.strictObject({
  of: IdSchema,
  note: z.optional(text(1, LIMITS.reasonMax)),
})
export type DuplicateLink = z.infer<typeof DuplicateLinkSchema>
