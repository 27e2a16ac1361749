import { describe, expect, it } from 'vitest'
import {
  BUILT_IN_CALENDARS,
  CALENDAR_2025,
  CALENDAR_2026,
  CalendarError,
  createWorkCalendar,
  defaultCalendar,
  defineCalendar,
  isCalendarError,
  knownYears,
  registerCalendar,
  WorkCalendar,
  type HolidayCalendar,
} from './calendar.js'
import { isLiuyanCoreError } from './errors.js'

/** Every date of a year as YYYY-MM-DD, built with UTC arithmetic only. */
function datesOf(year: number): string[] {
  const dates: string[] = []
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10))
  }
  return dates
}

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('built-in calendars', () => {
  const calendar = createWorkCalendar()

  it('knows 2025 and 2026', () => {
    expect(calendar.years()).toEqual([2025, 2026])
    expect(BUILT_IN_CALENDARS.map((c) => c.year)).toEqual([2025, 2026])
  })

  it('lists exactly the 2025 days off and make-up days of the notice', () => {
    const off = datesOf(2025).filter((d) => !calendar.isWorkingDay(d) && ![0, 6].includes(new Date(d).getUTCDay()))
    // Weekdays off: Jan 1 (Wed); Jan 28–31, Feb 3–4; Apr 4 (Fri); May 1, 2, 5; Jun 2 (Mon); Oct 1–3, 6–8.
    expect(off).toEqual([
      '2025-01-01',
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04',
      '2025-04-04',
      '2025-05-01', '2025-05-02', '2025-05-05',
      '2025-06-02',
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08',
    ])
    const weekendsWorked = datesOf(2025).filter((d) => calendar.isWorkingDay(d) && [0, 6].includes(new Date(d).getUTCDay()))
    expect(weekendsWorked).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])
    // 261 weekdays − 18 weekdays off + 5 make-up days
    expect(datesOf(2025).filter((d) => calendar.isWorkingDay(d))).toHaveLength(248)
  })

  it('lists exactly the 2026 days off and make-up days of the notice', () => {
    const off = datesOf(2026).filter((d) => !calendar.isWorkingDay(d) && ![0, 6].includes(new Date(d).getUTCDay()))
    // Weekdays off: Jan 1–2; Feb 16–20, 23; Apr 6 (Mon); May 1, 4, 5; Jun 19 (Fri); Sep 25 (Fri); Oct 1–2, 5–7.
    expect(off).toEqual([
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
      '2026-04-06',
      '2026-05-01', '2026-05-04', '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
    ])
    const weekendsWorked = datesOf(2026).filter((d) => calendar.isWorkingDay(d) && [0, 6].includes(new Date(d).getUTCDay()))
    expect(weekendsWorked).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    // 261 weekdays − 19 weekdays off + 6 make-up days
    expect(datesOf(2026).filter((d) => calendar.isWorkingDay(d))).toHaveLength(248)
  })

  it('answers single days of 春节 and 国庆', () => {
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true) // Friday
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true) // Saturday, 调休上班
    expect(calendar.isWorkingDay('2026-02-21')).toBe(false) // Saturday inside 春节
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false) // Monday, last day of 春节
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true)
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false) // an ordinary Saturday
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false) // Wednesday, 国庆
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true) // Saturday, 调休上班
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false) // Sunday
  })

  it('rejects a day that is not a real date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError)
    expect(() => calendar.isWorkingDay('2026/02/13')).toThrow(RangeError)
  })

  it('keeps the built-in calendars frozen', () => {
    expect(Object.isFrozen(CALENDAR_2026)).toBe(true)
    expect(Object.isFrozen(CALENDAR_2026.holidays)).toBe(true)
    expect(() => (CALENDAR_2025.workdays as string[]).push('2025-03-01')).toThrow(TypeError)
  })
})

describe('unknown years', () => {
  const calendar = createWorkCalendar()

  it('throws CalendarError unknown_year naming the year and both ways out', () => {
    const error = catchError(() => calendar.isWorkingDay('2024-06-03'))
    expect(error).toBeInstanceOf(CalendarError)
    expect(isCalendarError(error)).toBe(true)
    expect(isLiuyanCoreError(error)).toBe(true)
    const calendarError = error as CalendarError
    expect(calendarError.name).toBe('CalendarError')
    expect(calendarError.code).toBe('unknown_year')
    expect(calendarError.year).toBe(2024)
    expect(calendarError.message).toContain('2024')
    expect(calendarError.message).toContain('registerCalendar')
    expect(calendarError.message).toContain("outsideCalendar: 'weekends'")
  })

  it("counts Monday to Friday with outsideCalendar 'weekends'", () => {
    expect(calendar.isWorkingDay('2024-06-01', { outsideCalendar: 'weekends' })).toBe(false) // Saturday
    expect(calendar.isWorkingDay('2024-06-02', { outsideCalendar: 'weekends' })).toBe(false) // Sunday
    expect(calendar.isWorkingDay('2024-06-03', { outsideCalendar: 'weekends' })).toBe(true) // Monday
    // A known year keeps its holidays even in 'weekends' mode.
    expect(calendar.isWorkingDay('2026-02-16', { outsideCalendar: 'weekends' })).toBe(false)
  })

  it("still throws with outsideCalendar 'throw'", () => {
    expect(() => calendar.isWorkingDay('2027-01-04', { outsideCalendar: 'throw' })).toThrow(CalendarError)
  })
})

describe('defineCalendar', () => {
  const invalid = (input: HolidayCalendar): CalendarError => {
    const error = catchError(() => defineCalendar(input))
    expect(error).toBeInstanceOf(CalendarError)
    expect((error as CalendarError).code).toBe('invalid_calendar')
    return error as CalendarError
  }

  it('returns a frozen copy that later changes to the input do not reach', () => {
    const input = { year: 2027, holidays: ['2027-01-01'], workdays: [] as string[] }
    const calendar = defineCalendar(input)
    input.holidays.push('2027-01-04')
    expect(calendar).toEqual({ year: 2027, holidays: ['2027-01-01'], workdays: [] })
    expect(Object.isFrozen(calendar)).toBe(true)
  })

  it('rejects a date that does not exist', () => {
    expect(invalid({ year: 2026, holidays: ['2026-02-30'], workdays: [] }).message).toContain('"2026-02-30"')
    expect(invalid({ year: 2026, holidays: [], workdays: ['2026-13-01'] }).message).toContain('"2026-13-01"')
  })

  it('rejects a malformed date or range', () => {
    expect(invalid({ year: 2026, holidays: ['2026-2-3'], workdays: [] }).message).toContain('YYYY-MM-DD')
    invalid({ year: 2026, holidays: ['2026-02-15/2026-02-20/2026-02-23'], workdays: [] })
    invalid({ year: 2026, holidays: ['2026-02-15/'], workdays: [] })
    invalid({ year: 2026, holidays: [], workdays: ['2026-02-14/2026-02-15'] })
  })

  it('rejects a range that ends before it starts', () => {
    expect(invalid({ year: 2026, holidays: ['2026-02-23/2026-02-15'], workdays: [] }).message).toContain('ends before it starts')
  })

  it('rejects a make-up workday that is not a Saturday or Sunday', () => {
    const error = invalid({ year: 2026, holidays: [], workdays: ['2026-02-16'] })
    expect(error.message).toContain('"2026-02-16" is a Monday')
    expect(error.message).toContain('Saturday or Sunday')
  })

  it('rejects a date outside the calendar year, also as the end of a range', () => {
    expect(invalid({ year: 2026, holidays: ['2027-01-01'], workdays: [] }).message).toContain('is not in 2026')
    invalid({ year: 2026, holidays: ['2025-12-31/2026-01-02'], workdays: [] })
    invalid({ year: 2026, holidays: [], workdays: ['2025-01-26'] })
  })

  it('rejects a date that is both a holiday and a workday', () => {
    expect(invalid({ year: 2026, holidays: ['2026-02-14/2026-02-16'], workdays: ['2026-02-14'] }).message).toContain(
      'both as a holiday and as a workday',
    )
  })

  it('rejects a year that is not a four-digit integer and input of the wrong shape', () => {
    invalid({ year: 2026.5, holidays: [], workdays: [] })
    invalid({ year: 26, holidays: [], workdays: [] })
    invalid(JSON.parse('{"year":"2026","holidays":[],"workdays":[]}') as HolidayCalendar)
    invalid(JSON.parse('{"year":2026,"holidays":"2026-01-01","workdays":[]}') as HolidayCalendar)
    invalid(JSON.parse('{"year":2026,"holidays":[],"workdays":[20260104]}') as HolidayCalendar)
    invalid(JSON.parse('null') as HolidayCalendar)
  })
})

describe('WorkCalendar sets', () => {
  // A made-up 2027, for tests only: the real notice is not out yet.
  const y2027 = { year: 2027, holidays: ['2027-01-01/2027-01-03'], workdays: ['2027-01-09'] }

  it('starts empty when given no calendars, and register chains', () => {
    const calendar = createWorkCalendar([])
    expect(calendar.years()).toEqual([])
    expect(() => calendar.isWorkingDay('2026-02-13')).toThrow(CalendarError)
    calendar.register(CALENDAR_2026).register(y2027)
    expect(calendar.years()).toEqual([2026, 2027])
    expect(calendar.has(2025)).toBe(false)
    expect(calendar.get(2027)).toEqual(y2027)
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false) // Friday, made-up holiday
    expect(calendar.isWorkingDay('2027-01-09')).toBe(true) // Saturday, made-up make-up day
  })

  it('replaces a year when it is registered again', () => {
    const calendar = new WorkCalendar()
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false)
    calendar.register({ year: 2026, holidays: [], workdays: [] })
    expect(calendar.isWorkingDay('2026-02-16')).toBe(true)
    expect(calendar.get(2026)?.holidays).toEqual([])
  })

  it('does not change the process-wide set, and registerCalendar does not change it', () => {
    const own = createWorkCalendar([...BUILT_IN_CALENDARS, y2027])
    expect(own.has(2027)).toBe(true)
    expect(knownYears()).toEqual([2025, 2026])

    registerCalendar(y2027)
    expect(knownYears()).toEqual([2025, 2026, 2027])
    expect(defaultCalendar().isWorkingDay('2027-01-09')).toBe(true)
    expect(createWorkCalendar().has(2027)).toBe(false)
  })

  it('validates what registerCalendar is given', () => {
    expect(() => registerCalendar({ year: 2028, holidays: [], workdays: ['2028-01-03'] })).toThrow(CalendarError)
    expect(knownYears()).not.toContain(2028)
  })
})
