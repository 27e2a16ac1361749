import * as z from 'zod/mini'
import { LOCALES } from '../enums.js'
import { checked, DateTimeSchema, DomainSchema, IdSchema, MessageStatusSchema, MessageTypeSchema, text } from './common.js'

const listQueryShape = {
  /** Only messages of this board and the boards below it. */
  boardId: z.optional(IdSchema),
  /** One status or several (sent as `status=replied,closed`). */
  status: z.optional(z.union([MessageStatusSchema, z.array(MessageStatusSchema)])),
  type: z.optional(MessageTypeSchema),
  domain: z.optional(DomainSchema),
  /**
   * Words to find in the title and text; Chinese needs no spaces (`路灯`). No control characters
   * (U+0000–U+001F, U+007F–U+009F): nobody types them, and a search index must not receive them.
   */
  keyword: z.optional(checked(text(1, 50), z.regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, { error: 'invalid_characters' }))),
  /** Only messages from this time on (inclusive). */
  from: z.optional(DateTimeSchema),
  /** Only messages before this time (exclusive). */
  to: z.optional(DateTimeSchema),
  /** Page size, 1–100. @default 20 */
  limit: z.optional(checked(z.int(), z.gte(1), z.lte(100))),
  /** The `nextCursor` of the previous page. */
  cursor: z.optional(checked(z.string(), z.minLength(1), z.maxLength(512))),
}

/**
 * Filters of the public list `GET /messages`. Unknown parameters are ignored.
 *
 * @example
 * ```ts
 * MessageListQuerySchema.parse({ boardId: '220100-gov', status: ['replied', 'closed'], limit: 20 })
 * ```
 */
export const MessageListQuerySchema = z.object(listQueryShape)
export type MessageListQuery = z.input<typeof MessageListQuerySchema>

/** The orders of the staff inbox: newest first (`created`), or by deadline (`due`). */
export const INBOX_SORTS = ['created', 'due'] as const
/** One of {@link INBOX_SORTS}. */
export type InboxSort = (typeof INBOX_SORTS)[number]

/**
 * Filters of the staff inbox `GET /inbox`: those of the public list plus `overdue`, `dueWithin` and
 * `supervised`, and its order (`sort`).
 *
 * @example
 * ```ts
 * InboxQuerySchema.parse({ overdue: true })
 * ```
 */
export const InboxQuerySchema = z.object({
  ...listQueryShape,
  /** Only open messages past their deadline. */
  overdue: z.optional(z.boolean()),
  /**
   * Only open messages due by the end of the nth working day from today (0: today), those past
   * their deadline included: what needs handling first.
   */
  dueWithin: z.optional(checked(z.int(), z.gte(0), z.lte(60))),
  /** Only messages under supervision (督办). */
  supervised: z.optional(z.boolean()),
  /**
   * `created`: newest first. `due`: the open messages (accepted, assigned, processing) by deadline,
   * the earliest first, then the others (awaiting review, replied, closed, refused: no deadline
   * runs); equal keys in the order the messages came in. A cursor continues the order it was
   * issued for. @default 'created'
   */
  sort: z.optional(z.enum(INBOX_SORTS)),
})
export type InboxQuery = z.input<typeof InboxQuerySchema>

/** A day in China (`2026-01-01`) or an ISO date-time with its offset. */
const DayOrDateTimeSchema = z.union([z.iso.date(), DateTimeSchema])

/** The file formats of an export: CSV (UTF-8 with a byte-order mark) or an XLSX workbook. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The media type of each export format. */
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/**
 * Options of the staff exports `GET /boards/{id}/export/messages` and `…/export/stats` (督查
 * reports). `from`/`to` (messages only) take a day in China or an ISO date-time; a day as `to`
 * includes that whole day.
 *
 * @example
 * ```ts
 * ExportQuerySchema.parse({ format: 'xlsx', from: '2026-01-01', to: '2026-06-30', private: true })
 * ```
 */
const exportFile = {
  /** @default 'csv' */
  format: z.optional(z.enum(EXPORT_FORMATS)),
  /** The language of headings and labels; the request's Accept-Language otherwise. */
  locale: z.optional(z.enum(LOCALES)),
}

export const ExportQuerySchema = z.object({
  ...exportFile,
  /** Only messages submitted from this day or time on. */
  from: z.optional(DayOrDateTimeSchema),
  /** Only messages submitted up to and including this day (or before this time). */
  to: z.optional(DayOrDateTimeSchema),
  /** Add names, phones, remarks and private places, and the text as written: for the staff's own use. */
  private: z.optional(z.boolean()),
})
export type ExportQuery = z.input<typeof ExportQuerySchema>

/** Options of the statistics export `GET /boards/{id}/export/stats`: the file's format and language. */
export const StatsExportQuerySchema = z.object(exportFile)
export type StatsExportQuery = z.input<typeof StatsExportQuerySchema>

/**
 * A range of China-time days of submission, `YYYY-MM-DD`, both ends inclusive; `to` before `from`
 * is refused (`invalid_range` at `to`).
 */
const dayRange = {
  /** First day counted (China time), inclusive. */
  from: z.optional(z.iso.date()),
  /** Last day counted (China time), inclusive. */
  to: z.optional(z.iso.date()),
}
/* @__NO_SIDE_EFFECTS__ */
function ordered<T extends { from?: string | undefined; to?: string | undefined }>() {
  return z.refine<T>((range) => range.from === undefined || range.to === undefined || range.from <= range.to, { error: 'invalid_range', path: ['to'] })
}

/**
 * Options of the figures `GET /boards/{id}/stats`: the messages submitted on the days from `from`
 * to `to` (China time, both inclusive; either may be left out).
 *
 * @example
 * ```ts
 * BoardStatsQuerySchema.parse({ from: '2026-01-01', to: '2026-03-31' })
 * ```
 */
export const BoardStatsQuerySchema = checked(z.object(dayRange), ordered())
export type BoardStatsQuery = z.input<typeof BoardStatsQuerySchema>

/**
 * Which boards the unit table `GET /boards/{id}/stats/units` has a row for, after the board's own:
 * every board below it (`subtree`, depth first) or only those directly below it (`children`).
 */
export const UNIT_STATS_SCOPES = ['subtree', 'children'] as const
/** One of {@link UNIT_STATS_SCOPES}. */
export type UnitStatsScope = (typeof UNIT_STATS_SCOPES)[number]

/**
 * Options of the unit table `GET /boards/{id}/stats/units` (督查): the days of submission, as
 * {@link BoardStatsQuerySchema}, and which units get a row.
 *
 * @example
 * ```ts
 * UnitStatsQuerySchema.parse({ from: '2026-01-01', to: '2026-12-31', units: 'subtree' })
 * ```
 */
export const UnitStatsQuerySchema = checked(
  z.object({
    ...dayRange,
    /** @default 'children' */
    units: z.optional(z.enum(UNIT_STATS_SCOPES)),
  }),
  ordered(),
)
export type UnitStatsQuery = z.input<typeof UnitStatsQuerySchema>
