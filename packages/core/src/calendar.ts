import { LiuyanCoreError } from './errors.js'

/**
 * Working-day calendars of mainland China: the State Council's yearly holiday notice (节假日安排)
 * with its make-up working weekends (调休上班).
 *
 * This module speaks only in calendar dates (`YYYY-MM-DD`), never in instants: which China date an
 * instant falls on is decided once, in `deadlines.ts`. So nothing here can depend on a time zone.
 */

/** The stable codes of {@link CalendarError}. */
export type CalendarErrorCode = 'unknown_year' | 'invalid_calendar'

/**
 * Thrown when a holiday calendar is malformed (`invalid_calendar`) or when a working day is asked of
 * a year no registered calendar covers (`unknown_year`). Guessing in that case would silently put
 * deadlines on public holidays, so the caller has to decide: register the year's notice, or opt into
 * weekend-only counting.
 *
 * @example
 * ```ts
 * try { isWorkingDay(new Date('2031-05-01T10:00:00+08:00')) }
 * catch (error) {
 *   if (isCalendarError(error) && error.code === 'unknown_year') console.log(error.year) // 2031
 * }
 * ```
 */
export class CalendarError extends LiuyanCoreError {
  override readonly name = 'CalendarError' as const
  declare readonly code: CalendarErrorCode
  /** The year concerned, when there is one. */
  readonly year: number | undefined

  constructor(code: CalendarErrorCode, message: string, year?: number) {
    super(code, message)
    this.year = year
  }
}

/**
 * True for a {@link CalendarError}, also one from another realm or another copy of this package
 * (checked by `name`, not `instanceof`).
 *
 * @example
 * ```ts
 * if (isCalendarError(error)) reply(503, error.message)
 * ```
 */
export function isCalendarError(value: unknown): value is CalendarError {
  return (
    value instanceof Error &&
    value.name === 'CalendarError' &&
    typeof (value as { code?: unknown }).code === 'string'
  )
}

/**
 * One year of the State Council's holiday notice.
 *
 * `holidays` lists the days off as `YYYY-MM-DD` dates or inclusive `YYYY-MM-DD/YYYY-MM-DD` ranges
 * (weekends inside a range may be listed or not, it makes no difference). `workdays` lists the
 * Saturdays and Sundays that are working days (调休上班). Every date must lie in `year`: a notice
 * whose holiday spans New Year (e.g. 2022-12-31 to 2023-01-02) is split between the two years'
 * calendars, so that knowing a year always means knowing all of its days.
 *
 * @example
 * ```ts
 * const y2026: HolidayCalendar = {
 *   year: 2026,
 *   holidays: ['2026-01-01/2026-01-03', '2026-02-15/2026-02-23'],
 *   workdays: ['2026-01-04', '2026-02-14'],
 * }
 * ```
 */
export interface HolidayCalendar {
  readonly year: number
  readonly holidays: readonly string[]
  readonly workdays: readonly string[]
}

/**
 * What to do with a date in a year no calendar covers: `'throw'` a {@link CalendarError}
 * (`unknown_year`), or count `'weekends'` only as days off, ignoring whatever holidays that year has.
 *
 * @example
 * ```ts
 * isWorkingDay(new Date('2031-05-01T10:00:00+08:00'), { outsideCalendar: 'weekends' }) // true
 * ```
 */
export type OutsideCalendar = 'throw' | 'weekends'

const DAY_MS = 86_400_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

/** Days since 1970-01-01 of a calendar date, or undefined when the text is not a real date. */
function parseDay(text: string): number | undefined {
  const match = DATE.exec(text)
  if (!match) return undefined
  const year = Number(match[1])
  const month = Number(match[2]) - 1
  const date = Number(match[3])
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches dates that do not exist.
  const ms = Date.UTC(year, month, date)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month || back.getUTCDate() !== date) return undefined
  return ms / DAY_MS
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear()
}

function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay()
}

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day)
  return weekday === 0 || weekday === 6
}

interface CompiledCalendar {
  readonly calendar: HolidayCalendar
  readonly off: ReadonlySet<number>
  readonly on: ReadonlySet<number>
}

function invalid(year: unknown, problem: string): CalendarError {
  const which = typeof year === 'number' && Number.isInteger(year) ? ` for ${year}` : ''
  return new CalendarError('invalid_calendar', `Invalid holiday calendar${which}: ${problem}.`)
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

/** Validates a calendar and expands its ranges into day sets; the single place that judges input. */
function compile(input: HolidayCalendar): CompiledCalendar {
  // Calendars also arrive as JSON from configuration, so the declared type is not trusted.
  const untrusted = input as unknown as Record<string, unknown> | null
  if (typeof untrusted !== 'object' || untrusted === null) {
    throw invalid(undefined, 'expected an object { year, holidays, workdays }')
  }
  const { year, holidays, workdays } = untrusted
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) {
    throw invalid(undefined, `year must be a four-digit integer, got ${JSON.stringify(year)}`)
  }
  if (!isStringArray(holidays)) throw invalid(year, '`holidays` must be an array of strings')
  if (!isStringArray(workdays)) throw invalid(year, '`workdays` must be an array of strings')

  const inYear = (entry: string, day: number): number => {
    if (yearOf(day) !== year) {
      throw invalid(
        year,
        `"${entry}" is not in ${year}; list each date in its own year's calendar and split a holiday that spans New Year between the two`,
      )
    }
    return day
  }

  const off = new Set<number>()
  for (const entry of holidays) {
    const [startText = '', endText, ...rest] = entry.split('/')
    const start = parseDay(startText)
    const end = endText === undefined ? start : parseDay(endText)
    if (start === undefined || end === undefined || rest.length > 0) {
      throw invalid(year, `holiday "${entry}" is not a real date YYYY-MM-DD or an inclusive range YYYY-MM-DD/YYYY-MM-DD`)
    }
    inYear(entry, start)
    inYear(entry, end)
    if (end < start) throw invalid(year, `holiday range "${entry}" ends before it starts`)
    for (let day = start; day <= end; day += 1) off.add(day)
  }

  const on = new Set<number>()
  for (const entry of workdays) {
    const day = parseDay(entry)
    if (day === undefined) throw invalid(year, `workday "${entry}" is not a real date YYYY-MM-DD`)
    inYear(entry, day)
    if (!isWeekend(day)) {
      throw invalid(
        year,
        `workday "${entry}" is a ${WEEKDAY_NAMES[weekdayOf(day)]}; only a Saturday or Sunday can be a make-up working day (调休上班)`,
      )
    }
    if (off.has(day)) throw invalid(year, `"${entry}" is listed both as a holiday and as a workday`)
    on.add(day)
  }

  const calendar: HolidayCalendar = Object.freeze({
    year,
    holidays: Object.freeze([...holidays]),
    workdays: Object.freeze([...workdays]),
  })
  return { calendar, off, on }
}

/**
 * Checks a holiday calendar and returns a frozen copy of it, so a typo in a notice fails at startup
 * rather than as a wrong deadline months later.
 *
 * Throws a {@link CalendarError} (`invalid_calendar`) when `year` is not a four-digit integer, a date
 * does not exist or is malformed, a date lies outside `year`, a range ends before it starts, a workday
 * is not a Saturday or Sunday, or a date is both a holiday and a workday.
 *
 * @example
 * ```ts
 * const y2027 = defineCalendar({
 *   year: 2027,
 *   holidays: ['2027-01-01/2027-01-03', '2027-02-06/2027-02-14'],
 *   workdays: ['2027-02-20'],
 * })
 * registerCalendar(y2027)
 * ```
 */
export function defineCalendar(input: HolidayCalendar): HolidayCalendar {
  return compile(input).calendar
}

/**
 * 2025, from the State Council notice of 2024-11-12: off Jan 1; Jan 28–Feb 4 (春节); Apr 4–6
 * (清明); May 1–5 (劳动节); May 31–Jun 2 (端午); Oct 1–8 (国庆、中秋). Make-up working weekends
 * Jan 26, Feb 8, Apr 27, Sep 28, Oct 11.
 *
 * @example
 * ```ts
 * createWorkCalendar([CALENDAR_2025]).isWorkingDay('2025-02-08') // true (a make-up Saturday)
 * ```
 */
export const CALENDAR_2025: HolidayCalendar = /* @__PURE__ */ defineCalendar({
  year: 2025,
  holidays: [
    '2025-01-01',
    '2025-01-28/2025-02-04',
    '2025-04-04/2025-04-06',
    '2025-05-01/2025-05-05',
    '2025-05-31/2025-06-02',
    '2025-10-01/2025-10-08',
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
})

/**
 * 2026, from the State Council notice of 2025-11-04: off Jan 1–3 (元旦); Feb 15–23 (春节); Apr 4–6
 * (清明); May 1–5 (劳动节); Jun 19–21 (端午); Sep 25–27 (中秋); Oct 1–7 (国庆). Make-up working
 * weekends Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10.
 *
 * @example
 * ```ts
 * createWorkCalendar([CALENDAR_2026]).isWorkingDay('2026-02-23') // false (a Monday of 春节)
 * ```
 */
export const CALENDAR_2026: HolidayCalendar = /* @__PURE__ */ defineCalendar({
  year: 2026,
  holidays: [
    '2026-01-01/2026-01-03',
    '2026-02-15/2026-02-23',
    '2026-04-04/2026-04-06',
    '2026-05-01/2026-05-05',
    '2026-06-19/2026-06-21',
    '2026-09-25/2026-09-27',
    '2026-10-01/2026-10-07',
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
})

/**
 * The calendars that ship with this release, oldest first. Extend a deployment's own set with them
 * rather than copying their dates.
 *
 * @example
 * ```ts
 * const calendar = createWorkCalendar([...BUILT_IN_CALENDARS, y2027])
 * ```
 */
export const BUILT_IN_CALENDARS: readonly HolidayCalendar[] = /* @__PURE__ */ Object.freeze([CALENDAR_2025, CALENDAR_2026])

/**
 * A set of holiday calendars, one per year, answering whether a China date is a working day.
 *
 * The functions of `deadlines.ts` use the process-wide set that {@link registerCalendar} changes,
 * unless given one of these as `calendar`; a deployment that serves several jurisdictions, or a test,
 * can so keep its own set without touching global state. `new WorkCalendar()` starts with
 * {@link BUILT_IN_CALENDARS}; `new WorkCalendar([])` starts empty.
 *
 * @example
 * ```ts
 * const calendar = new WorkCalendar([...BUILT_IN_CALENDARS, y2027])
 * calendar.isWorkingDay('2026-10-10') // true: a make-up Saturday
 * addWorkingDays(new Date('2026-12-30T10:00:00+08:00'), 5, { calendar })
 * ```
 */
export class WorkCalendar {
  readonly #years = new Map<number, CompiledCalendar>()

  /** Validates and adds each calendar, a later one replacing an earlier one of the same year. */
  constructor(calendars: Iterable<HolidayCalendar> = BUILT_IN_CALENDARS) {
    for (const calendar of calendars) this.register(calendar)
  }

  /**
   * Validates a calendar (see {@link defineCalendar}) and adds it, replacing any calendar of the same
   * year: a notice is occasionally amended, and the amended one must win.
   *
   * @example
   * ```ts
   * createWorkCalendar([]).register(CALENDAR_2025).register(CALENDAR_2026).years() // [2025, 2026]
   * ```
   */
  register(calendar: HolidayCalendar): this {
    const compiled = compile(calendar)
    this.#years.set(compiled.calendar.year, compiled)
    return this
  }

  /**
   * Whether a calendar for `year` is registered.
   *
   * @example
   * ```ts
   * createWorkCalendar().has(2026) // true
   * ```
   */
  has(year: number): boolean {
    return this.#years.has(year)
  }

  /**
   * The registered calendar of `year` (the frozen, validated copy), if any.
   *
   * @example
   * ```ts
   * createWorkCalendar().get(2026)?.workdays // ['2026-01-04', '2026-02-14', ...]
   * ```
   */
  get(year: number): HolidayCalendar | undefined {
    return this.#years.get(year)?.calendar
  }

  /**
   * The years this set knows, ascending.
   *
   * @example
   * ```ts
   * createWorkCalendar().years() // [2025, 2026]
   * ```
   */
  years(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b)
  }

  /**
   * Whether a China calendar date (`YYYY-MM-DD`) is a working day: Monday to Friday unless listed as
   * a holiday, plus the listed make-up Saturdays and Sundays.
   *
   * For a year this set does not know, throws a {@link CalendarError} (`unknown_year`) unless
   * `outsideCalendar` is `'weekends'`, in which case only Saturdays and Sundays are off. Throws a
   * `RangeError` when `date` is not a real `YYYY-MM-DD` date.
   *
   * @example
   * ```ts
   * const calendar = createWorkCalendar()
   * calendar.isWorkingDay('2026-02-14') // true  (Saturday, 调休上班)
   * calendar.isWorkingDay('2026-02-16') // false (Monday, 春节)
   * calendar.isWorkingDay('2031-03-03', { outsideCalendar: 'weekends' }) // true (Monday)
   * ```
   */
  isWorkingDay(date: string, options: { outsideCalendar?: OutsideCalendar } = {}): boolean {
    const day = parseDay(date)
    if (day === undefined) throw new RangeError(`Expected a real date YYYY-MM-DD, got ${JSON.stringify(date)}`)
    const year = yearOf(day)
    const compiled = this.#years.get(year)
    if (compiled === undefined) {
      if (options.outsideCalendar === 'weekends') return !isWeekend(day)
      throw new CalendarError(
        'unknown_year',
        `No holiday calendar is registered for ${year}, so its working days are unknown. ` +
          `Register the State Council's ${year} holiday notice with registerCalendar(defineCalendar({ year: ${year}, holidays, workdays })) ` +
          `(or WorkCalendar#register for your own set), or pass { outsideCalendar: 'weekends' } to count Monday to Friday only.`,
        year,
      )
    }
    if (compiled.on.has(day)) return true
    if (compiled.off.has(day)) return false
    return !isWeekend(day)
  }
}

/**
 * Creates an independent {@link WorkCalendar}: with the given calendars only, or with
 * {@link BUILT_IN_CALENDARS} when none are given. Later changes made by {@link registerCalendar} do
 * not reach it.
 *
 * @example
 * ```ts
 * const calendar = createWorkCalendar([...BUILT_IN_CALENDARS, y2027])
 * dueAt(message, board.deadlines, { calendar })
 * ```
 */
export function createWorkCalendar(calendars?: Iterable<HolidayCalendar>): WorkCalendar {
  return new WorkCalendar(calendars)
}

const processCalendar = /* @__PURE__ */ new WorkCalendar()

/**
 * The process-wide calendar set: what the functions of `deadlines.ts` use when no `calendar` option
 * is given, and what {@link registerCalendar} changes.
 *
 * @example
 * ```ts
 * defaultCalendar().isWorkingDay('2026-10-10') // true
 * ```
 */
export function defaultCalendar(): WorkCalendar {
  return processCalendar
}

/**
 * Adds a year's calendar to the process-wide set, or replaces that year's calendar. Call it at
 * startup, as soon as the State Council publishes a notice (usually in November of the year before),
 * so no deadline is ever computed against a missing year.
 *
 * @example
 * ```ts
 * registerCalendar(defineCalendar({ year: 2027, holidays: [...], workdays: [...] }))
 * knownYears() // [2025, 2026, 2027]
 * ```
 */
export function registerCalendar(calendar: HolidayCalendar): void {
  processCalendar.register(calendar)
}

/**
 * The years the process-wide set knows, ascending. A health check can warn when next year is missing.
 *
 * @example
 * ```ts
 * if (!knownYears().includes(new Date().getUTCFullYear() + 1)) warn('next year has no holiday calendar')
 * ```
 */
export function knownYears(): number[] {
  return processCalendar.years()
}
