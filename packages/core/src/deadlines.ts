import { defaultCalendar, type OutsideCalendar, type WorkCalendar } from './calendar.js'
import { MESSAGE_TYPES, OPEN_STATUSES, type MessageStatus, type MessageType } from './enums.js'

/**
 * Handling deadlines (办理时限) in working days, China time.
 *
 * Convention (DESIGN, "Deadlines"): a deadline of N working days falls at the end of the Nth working
 * day after the acceptance day, i.e. at 23:59:59.999+08:00 of that day; the acceptance day itself
 * never counts, even when it is a working day. China has used UTC+8 without daylight saving since
 * 1991, so an instant becomes a China date by adding eight hours and reading UTC fields; the
 * machine's own time zone is never consulted.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/**
 * Options of the working-day functions.
 *
 * @example
 * ```ts
 * const options: DeadlineOptions = { calendar: createWorkCalendar([...BUILT_IN_CALENDARS, y2027]) }
 * addWorkingDays(acceptedAt, 5, options)
 * ```
 */
export interface DeadlineOptions {
  /**
   * The calendar set to count with.
   *
   * @default the process-wide set (see `registerCalendar`)
   */
  calendar?: WorkCalendar
  /**
   * What to do with a day in a year the calendar does not know: `'throw'` a `CalendarError`
   * (`unknown_year`), or count only Saturdays and Sundays as days off (`'weekends'`), which misses
   * that year's public holidays.
   *
   * @default 'throw'
   */
  outsideCalendar?: OutsideCalendar
}

/**
 * Another name for {@link DeadlineOptions}, under which `lifecycle.ts` imports it.
 *
 * @example
 * ```ts
 * const options: AddWorkingDaysOptions = { outsideCalendar: 'weekends' }
 * ```
 */
export type AddWorkingDaysOptions = DeadlineOptions

/** The China date of an instant as days since 1970-01-01. */
function chinaDay(date: Date): number {
  const time = date.getTime()
  if (Number.isNaN(time)) throw new RangeError('Expected a valid Date, got an invalid one')
  return Math.floor((time + CHINA_OFFSET_MS) / DAY_MS)
}

function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** 23:59:59.999 China time of a China date, as an instant. */
function endOfDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS - 1)
}

/**
 * The China calendar date (`YYYY-MM-DD`) of an instant, whatever the machine's time zone.
 *
 * @example
 * ```ts
 * chinaDate(new Date('2026-02-13T20:00:00Z')) // '2026-02-14' (04:00 in Beijing)
 * ```
 */
export function chinaDate(date: Date): string {
  return dayText(chinaDay(date))
}

/**
 * An instant as ISO 8601 in China time with an explicit `+08:00` offset: the form deadlines take on
 * the wire, so that a person reading the JSON sees the Beijing date and time the deadline means.
 *
 * @example
 * ```ts
 * toChinaISOString(new Date('2026-10-10T15:59:59.999Z')) // '2026-10-10T23:59:59.999+08:00'
 * ```
 */
export function toChinaISOString(date: Date): string {
  const time = date.getTime()
  if (Number.isNaN(time)) throw new RangeError('Expected a valid Date, got an invalid one')
  return new Date(time + CHINA_OFFSET_MS).toISOString().replace('Z', '+08:00')
}

/**
 * Whether the China date of an instant is a working day: Monday to Friday unless a public holiday,
 * plus the make-up Saturdays and Sundays (调休上班) of the State Council's notice.
 *
 * Throws a `CalendarError` (`unknown_year`) for a year the calendar does not know, unless
 * `outsideCalendar` is `'weekends'`.
 *
 * @example
 * ```ts
 * isWorkingDay(new Date('2026-02-14T10:00:00+08:00')) // true: a make-up Saturday
 * isWorkingDay(new Date('2026-02-16T10:00:00+08:00')) // false: 春节
 * ```
 */
export function isWorkingDay(date: Date, options: DeadlineOptions = {}): boolean {
  const calendar = options.calendar ?? defaultCalendar()
  return calendar.isWorkingDay(chinaDate(date), options)
}

/**
 * The deadline `n` working days after the China date of `date`: 23:59:59.999+08:00 of the nth working
 * day after it. The starting day never counts, so a message accepted on Friday with one day to go is
 * due at the end of Monday, not Friday.
 *
 * `n = 0` means "by the end of the same day", whether or not that day is a working day, and needs no
 * calendar. Throws a `RangeError` when `n` is not a whole number of 0 or more or `date` is invalid,
 * and a `CalendarError` (`unknown_year`) when counting reaches a year the calendar does not know
 * (unless `outsideCalendar` is `'weekends'`); the starting day is not looked up, as it never counts.
 *
 * @example
 * ```ts
 * // Accepted on Friday 2026-02-13: Sat Feb 14 is a make-up working day, Feb 15–23 are 春节.
 * const due = addWorkingDays(new Date('2026-02-13T09:00:00+08:00'), 5)
 * toChinaISOString(due) // '2026-02-27T23:59:59.999+08:00'
 * ```
 */
export function addWorkingDays(date: Date, n: number, options: DeadlineOptions = {}): Date {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Working days must be a whole number of 0 or more, got ${n}`)
  }
  const calendar = options.calendar ?? defaultCalendar()
  let day = chinaDay(date)
  for (let left = n; left > 0; ) {
    day += 1
    if (calendar.isWorkingDay(dayText(day), options)) left -= 1
  }
  return endOfDay(day)
}

/**
 * Working days allowed per message type.
 *
 * @example
 * ```ts
 * const policy: DeadlinePolicy = { consult: 3, help: 3, suggest: 15, complain: 13, thank: 15 }
 * ```
 */
export type DeadlinePolicy = Record<MessageType, number>

/**
 * The working days units commonly allow (DESIGN): 5 for an enquiry or a request for help, 15 for a
 * suggestion, a complaint or thanks. A board overrides any of them with its `deadlines`.
 *
 * @example
 * ```ts
 * DEFAULT_DEADLINE_POLICY.complain // 15
 * ```
 */
export const DEFAULT_DEADLINE_POLICY: Readonly<DeadlinePolicy> = /* @__PURE__ */ Object.freeze({
  consult: 5,
  suggest: 15,
  complain: 15,
  help: 5,
  thank: 15,
})

/**
 * A complete policy from a board's partial one (a board's `deadlines` lists only where it differs),
 * the rest taken from {@link DEFAULT_DEADLINE_POLICY}. Keys that are not message types are ignored;
 * throws a `RangeError` when a value is not a whole number of 0 or more, so a bad board setting is
 * caught where it is read rather than as a strange deadline.
 *
 * @example
 * ```ts
 * resolvePolicy({ consult: 3 }) // { consult: 3, suggest: 15, complain: 15, help: 5, thank: 15 }
 * ```
 */
export function resolvePolicy(partial: Partial<DeadlinePolicy> = {}): DeadlinePolicy {
  const policy = { ...DEFAULT_DEADLINE_POLICY }
  for (const type of MESSAGE_TYPES) {
    const days = partial[type]
    if (days === undefined) continue
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`Deadline for "${type}" must be a whole number of working days of 0 or more, got ${days}`)
    }
    policy[type] = days
  }
  return policy
}

/**
 * The handling deadline of a message: the policy's working days for its type, plus the `days` of
 * every `extend` event (延期) on its timeline, counted from `reviewedAt` (受理).
 *
 * Returns `undefined` while the message is not accepted: no `reviewedAt`, or a `status` of `pending`
 * or `rejected` (a refusal also sets `reviewedAt`, but starts no clock). Adding the extensions to the
 * total gives the same day as moving the deadline once per extension with {@link extendDeadline}.
 *
 * @example
 * ```ts
 * dueAt({
 *   type: 'consult',
 *   reviewedAt: '2026-02-13T09:00:00+08:00',
 *   timeline: [{ type: 'accept' }, { type: 'extend', days: 3 }],
 * }) // 2026-03-03T23:59:59.999+08:00 (5 + 3 working days)
 * ```
 */
export function dueAt(
  message: {
    readonly type: MessageType
    readonly status?: MessageStatus
    readonly reviewedAt?: string
    readonly timeline: readonly { readonly type: string; readonly days?: number }[]
  },
  policy?: Partial<DeadlinePolicy>,
  options?: DeadlineOptions,
): Date | undefined {
  if (message.reviewedAt === undefined || message.status === 'pending' || message.status === 'rejected') {
    return undefined
  }
  const reviewedAt = new Date(message.reviewedAt)
  if (Number.isNaN(reviewedAt.getTime())) {
    throw new RangeError(`reviewedAt is not a valid date-time: ${JSON.stringify(message.reviewedAt)}`)
  }
  let extension = 0
  for (const event of message.timeline) {
    if (event.type === 'extend') extension += event.days ?? 0
  }
  return addWorkingDays(reviewedAt, resolvePolicy(policy)[message.type] + extension, options)
}

/**
 * Moves a deadline by `days` working days after the deadline's own China date (延期). Validates like
 * {@link addWorkingDays}.
 *
 * @example
 * ```ts
 * // Due Wed 2026-09-30; Oct 1–7 are off, Sat Oct 10 is a make-up working day.
 * toChinaISOString(extendDeadline(new Date('2026-09-30T23:59:59.999+08:00'), 3))
 * // '2026-10-10T23:59:59.999+08:00'
 * ```
 */
export function extendDeadline(due: Date, days: number, options?: DeadlineOptions): Date {
  return addWorkingDays(due, days, options)
}

/**
 * Whether a message is past its deadline: only while the handling clock runs (`accepted`,
 * `assigned`, `processing`) and strictly after `dueAt`. A replied or closed message is never overdue,
 * however late it was answered; that lateness belongs in statistics, not in a red badge.
 *
 * @example
 * ```ts
 * isOverdue({ status: 'processing', dueAt: '2026-02-27T23:59:59.999+08:00' },
 *           new Date('2026-02-28T08:00:00+08:00')) // true
 * ```
 */
export function isOverdue(
  message: { readonly status: MessageStatus; readonly dueAt?: string },
  now: Date = new Date(),
): boolean {
  if (message.dueAt === undefined) return false
  if (!(OPEN_STATUSES as readonly MessageStatus[]).includes(message.status)) return false
  return now.getTime() > Date.parse(message.dueAt)
}

/**
 * Working days a unit has to review a message (受理): a message is **accepted on time** when its
 * `reviewedAt` is no later than {@link reviewDueAt} of its `createdAt`. Core fixes one figure so
 * every unit of a supervision table is held to the same rule.
 *
 * @example
 * ```ts
 * REVIEW_WORKING_DAYS // 2
 * ```
 */
export const REVIEW_WORKING_DAYS = 2

/**
 * The end of the review deadline of a message submitted at `createdAt`: {@link REVIEW_WORKING_DAYS}
 * working days after its China date, as {@link addWorkingDays} counts.
 *
 * @example
 * ```ts
 * toChinaISOString(reviewDueAt(new Date('2026-03-06T10:00:00+08:00'))) // Friday → '2026-03-10T23:59:59.999+08:00'
 * ```
 */
export function reviewDueAt(createdAt: Date, options?: DeadlineOptions): Date {
  return addWorkingDays(createdAt, REVIEW_WORKING_DAYS, options)
}

/**
 * The working days from `start` to `end`, as deadlines count them: the working days after the China
 * date of `start` up to and including the China date of `end`. 0 on the same day (or when `end` is
 * earlier); a reply on the Nth working day after acceptance took N, so it met a deadline of N
 * working days. This is what statistics call the working days to reply (docs/architecture.md §6).
 *
 * @example
 * ```ts
 * // Accepted Friday 2026-03-06, replied Monday 2026-03-09: the weekend does not count.
 * workingDaysBetween(new Date('2026-03-06T10:00:00+08:00'), new Date('2026-03-09T09:00:00+08:00')) // 1
 * ```
 */
export function workingDaysBetween(start: Date, end: Date, options: DeadlineOptions = {}): number {
  const calendar = options.calendar ?? defaultCalendar()
  const last = chinaDay(end)
  let days = 0
  for (let day = chinaDay(start) + 1; day <= last; day++) if (calendar.isWorkingDay(dayText(day), options)) days++
  return days
}
