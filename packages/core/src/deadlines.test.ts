import { describe, expect, it } from 'vitest'
import { BUILT_IN_CALENDARS, CALENDAR_2026, CalendarError, createWorkCalendar, registerCalendar } from './calendar.js'
import {
  addWorkingDays,
  chinaDate,
  DEFAULT_DEADLINE_POLICY,
  dueAt,
  extendDeadline,
  isOverdue,
  isWorkingDay,
  resolvePolicy,
  toChinaISOString,
} from './deadlines.js'
import { STATUSES } from './enums.js'

/**
 * Every expected deadline below was counted by hand from the State Council's 2025 and 2026 holiday
 * notices (docs/architecture.md §3). Both the wire form and the instant are checked, the instant
 * against the engine's own parser of the literal.
 */
function expectDue(actual: Date | undefined, expected: string): void {
  expect(actual).toBeInstanceOf(Date)
  expect(toChinaISOString(actual as Date)).toBe(expected)
  expect((actual as Date).getTime()).toBe(Date.parse(expected))
}

const at = (iso: string): Date => new Date(iso)

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// A made-up 2027, for tests only: the real notice is not out yet. Fri Jan 1 – Sun Jan 3 off,
// Sat Jan 9 a working day.
const Y2027 = { year: 2027, holidays: ['2027-01-01/2027-01-03'], workdays: ['2027-01-09'] }

describe('toChinaISOString and chinaDate', () => {
  it('writes an instant in Beijing time with +08:00', () => {
    expect(toChinaISOString(at('2026-10-10T15:59:59.999Z'))).toBe('2026-10-10T23:59:59.999+08:00')
    expect(toChinaISOString(at('2026-02-13T20:00:00Z'))).toBe('2026-02-14T04:00:00.000+08:00')
    expect(toChinaISOString(at('2025-12-31T16:00:00Z'))).toBe('2026-01-01T00:00:00.000+08:00')
  })

  it('reads the China date, which is a day ahead of UTC from 16:00Z', () => {
    expect(chinaDate(at('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13')
    expect(chinaDate(at('2026-02-13T16:00:00.000Z'))).toBe('2026-02-14')
    expect(chinaDate(at('2026-02-13T20:00:00Z'))).toBe('2026-02-14')
  })

  it('rejects an invalid Date', () => {
    expect(() => toChinaISOString(new Date('nope'))).toThrow(RangeError)
    expect(() => chinaDate(new Date('nope'))).toThrow(RangeError)
  })
})

describe('isWorkingDay', () => {
  it('judges the China date, not the UTC date', () => {
    expect(isWorkingDay(at('2026-03-01T16:00:00Z'))).toBe(true) // Sunday in UTC, Monday Mar 2 in China
    expect(isWorkingDay(at('2026-03-06T16:00:00Z'))).toBe(false) // Friday in UTC, Saturday Mar 7 in China
    expect(isWorkingDay(at('2026-02-13T16:00:00Z'))).toBe(true) // Saturday Feb 14 in China, 调休上班
    expect(isWorkingDay(at('2026-02-14T16:00:00Z'))).toBe(false) // Sunday Feb 15 in China, 春节
  })

  it('counts make-up Saturdays and skips holiday weekdays', () => {
    expect(isWorkingDay(at('2026-02-28T10:00:00+08:00'))).toBe(true)
    expect(isWorkingDay(at('2026-03-01T10:00:00+08:00'))).toBe(false)
    expect(isWorkingDay(at('2026-02-16T10:00:00+08:00'))).toBe(false)
    expect(isWorkingDay(at('2026-03-04T10:00:00+08:00'))).toBe(true)
  })
})

describe('addWorkingDays across the 2026 Spring Festival', () => {
  // Fri Feb 13; Sat Feb 14 works; Sun Feb 15 – Mon Feb 23 off; Sat Feb 28 works.
  const friday = at('2026-02-13T09:00:00+08:00')

  it('counts the make-up Saturday as the first working day', () => {
    expectDue(addWorkingDays(friday, 1), '2026-02-14T23:59:59.999+08:00')
  })

  it('jumps the nine days off', () => {
    expectDue(addWorkingDays(friday, 2), '2026-02-24T23:59:59.999+08:00')
    expectDue(addWorkingDays(friday, 5), '2026-02-27T23:59:59.999+08:00')
  })

  it('counts the second make-up Saturday within 15 days', () => {
    // Feb 14, 24, 25, 26, 27, 28 (Sat), Mar 2–6, Mar 9–12
    expectDue(addWorkingDays(friday, 15), '2026-03-12T23:59:59.999+08:00')
  })

  it('takes a late-night acceptance as the next China day', () => {
    // 20:00Z on Feb 13 is 04:00 on Sat Feb 14 in China: Feb 24, 25, 26, 27, 28.
    expectDue(addWorkingDays(at('2026-02-13T20:00:00Z'), 5), '2026-02-28T23:59:59.999+08:00')
    expectDue(addWorkingDays(at('2026-02-13T16:00:00.000Z'), 5), '2026-02-28T23:59:59.999+08:00')
    // One millisecond earlier is still Friday in China.
    expectDue(addWorkingDays(at('2026-02-13T15:59:59.999Z'), 5), '2026-02-27T23:59:59.999+08:00')
  })
})

describe('addWorkingDays around the 2026 Mid-Autumn Festival and National Day', () => {
  it('skips Oct 1–7 and counts Saturday Oct 10', () => {
    const wednesday = at('2026-09-30T10:00:00+08:00')
    expectDue(addWorkingDays(wednesday, 1), '2026-10-08T23:59:59.999+08:00')
    expectDue(addWorkingDays(wednesday, 3), '2026-10-10T23:59:59.999+08:00')
    // Oct 8, 9, 10 (Sat), 12, 13
    expectDue(addWorkingDays(wednesday, 5), '2026-10-13T23:59:59.999+08:00')
  })

  it('skips both holidays from the Thursday before Mid-Autumn', () => {
    // Sep 25–27 off; Sep 28, 29, 30; Oct 1–7 off; Oct 8, 9
    expectDue(addWorkingDays(at('2026-09-24T10:00:00+08:00'), 5), '2026-10-09T23:59:59.999+08:00')
  })

  it('counts make-up Sunday Sep 20 after a Friday', () => {
    expectDue(addWorkingDays(at('2026-09-18T10:00:00+08:00'), 1), '2026-09-20T23:59:59.999+08:00')
  })
})

describe('addWorkingDays around other 2026 holidays', () => {
  it('counts make-up Saturday Feb 28 the day after a Friday', () => {
    expectDue(addWorkingDays(at('2026-02-27T10:00:00+08:00'), 1), '2026-02-28T23:59:59.999+08:00')
  })

  it('skips May 1–5 and counts Saturday May 9', () => {
    expectDue(addWorkingDays(at('2026-04-30T10:00:00+08:00'), 1), '2026-05-06T23:59:59.999+08:00')
    expectDue(addWorkingDays(at('2026-05-08T10:00:00+08:00'), 1), '2026-05-09T23:59:59.999+08:00')
  })

  it('never counts the acceptance day, even a working one', () => {
    // Accepted on Monday Mar 2 at 08:00; the first day is Tuesday.
    expectDue(addWorkingDays(at('2026-03-02T08:00:00+08:00'), 1), '2026-03-03T23:59:59.999+08:00')
  })
})

describe('addWorkingDays across the 2025 Spring Festival', () => {
  // Fri Jan 24; Sun Jan 26 works; Tue Jan 28 – Tue Feb 4 off; Sat Feb 8 works.
  const friday = at('2025-01-24T10:00:00+08:00')

  it('counts the make-up Sunday and Monday before the holiday', () => {
    expectDue(addWorkingDays(friday, 1), '2025-01-26T23:59:59.999+08:00')
    expectDue(addWorkingDays(friday, 2), '2025-01-27T23:59:59.999+08:00')
    expectDue(addWorkingDays(friday, 3), '2025-02-05T23:59:59.999+08:00')
  })

  it('reaches the make-up Saturday as the sixth day and lands 15 days on Feb 20', () => {
    expectDue(addWorkingDays(friday, 5), '2025-02-07T23:59:59.999+08:00')
    expectDue(addWorkingDays(friday, 6), '2025-02-08T23:59:59.999+08:00')
    // Jan 26, 27, Feb 5, 6, 7, 8, 10–14, 17–20
    expectDue(addWorkingDays(friday, 15), '2025-02-20T23:59:59.999+08:00')
  })
})

describe('addWorkingDays across New Year', () => {
  it('runs from 2025 into 2026, skipping Jan 1–3 and counting Sunday Jan 4', () => {
    // Dec 26, 29, 30, 31, Jan 4
    expectDue(addWorkingDays(at('2025-12-25T10:00:00+08:00'), 5), '2026-01-04T23:59:59.999+08:00')
    expectDue(addWorkingDays(at('2025-12-31T10:00:00+08:00'), 3), '2026-01-06T23:59:59.999+08:00')
  })

  it('dates an acceptance at 01:00 on Dec 31 China time to Dec 31', () => {
    // 17:00Z on Dec 30 is 01:00 on Dec 31 in China, so Dec 31 itself does not count.
    expectDue(addWorkingDays(at('2025-12-30T17:00:00Z'), 1), '2026-01-04T23:59:59.999+08:00')
    expectDue(addWorkingDays(at('2025-12-30T15:00:00Z'), 1), '2025-12-31T23:59:59.999+08:00')
  })

  it('does not look the acceptance day up, as it never counts', () => {
    // 2024 is unknown, but only Jan 2, 2025 (after the Jan 1 holiday) is counted.
    expectDue(addWorkingDays(at('2024-12-31T10:00:00+08:00'), 1), '2025-01-02T23:59:59.999+08:00')
  })
})

describe('addWorkingDays in years without a calendar', () => {
  it('throws CalendarError unknown_year by default, naming the year and the remedies', () => {
    const error = catchError(() => addWorkingDays(at('2029-03-01T10:00:00+08:00'), 1))
    expect(error).toBeInstanceOf(CalendarError)
    const calendarError = error as CalendarError
    expect(calendarError.name).toBe('CalendarError')
    expect(calendarError.code).toBe('unknown_year')
    expect(calendarError.year).toBe(2029)
    expect(calendarError.message).toMatch(/No holiday calendar is registered for 2029/)
    expect(calendarError.message).toContain('registerCalendar(defineCalendar({ year: 2029')
    expect(calendarError.message).toContain("{ outsideCalendar: 'weekends' }")
  })

  it('throws when counting crosses into an unknown year', () => {
    const calendar = createWorkCalendar()
    // Dec 31, 2026 counts; Jan 1, 2027 cannot be judged.
    const error = catchError(() => addWorkingDays(at('2026-12-30T10:00:00+08:00'), 5, { calendar }))
    expect((error as CalendarError).code).toBe('unknown_year')
    expect((error as CalendarError).year).toBe(2027)
    // One day stays inside 2026.
    expectDue(addWorkingDays(at('2026-12-30T10:00:00+08:00'), 1, { calendar }), '2026-12-31T23:59:59.999+08:00')
  })

  it("counts Monday to Friday with outsideCalendar 'weekends'", () => {
    // Mon Jun 3, 2024: Jun 4, 5, 6, 7, 10
    expectDue(
      addWorkingDays(at('2024-06-03T10:00:00+08:00'), 5, { outsideCalendar: 'weekends' }),
      '2024-06-10T23:59:59.999+08:00',
    )
    // Wed Dec 30, 2026: Dec 31, then weekdays only in 2027 (Fri Jan 1 counts): Jan 1, 4, 5, 6
    expectDue(
      addWorkingDays(at('2026-12-30T10:00:00+08:00'), 5, { outsideCalendar: 'weekends', calendar: createWorkCalendar() }),
      '2027-01-06T23:59:59.999+08:00',
    )
  })

  it('uses a 2027 calendar from its own WorkCalendar', () => {
    const calendar = createWorkCalendar([...BUILT_IN_CALENDARS, Y2027])
    // Dec 31, then Jan 1–3 off: Jan 4, 5, 6, 7
    expectDue(addWorkingDays(at('2026-12-30T10:00:00+08:00'), 5, { calendar }), '2027-01-07T23:59:59.999+08:00')
    // Jan 8, then make-up Saturday Jan 9
    expectDue(addWorkingDays(at('2026-12-30T10:00:00+08:00'), 7, { calendar }), '2027-01-09T23:59:59.999+08:00')
  })
})

describe('addWorkingDays arguments', () => {
  it('gives the end of the acceptance day for n = 0, even on a holiday or in an unknown year', () => {
    expectDue(addWorkingDays(at('2026-02-15T10:00:00+08:00'), 0), '2026-02-15T23:59:59.999+08:00')
    expectDue(addWorkingDays(at('2030-06-01T10:00:00+08:00'), 0), '2030-06-01T23:59:59.999+08:00')
  })

  it('rejects a negative or fractional count and an invalid date', () => {
    const friday = at('2026-02-13T09:00:00+08:00')
    expect(() => addWorkingDays(friday, -1)).toThrow(RangeError)
    expect(() => addWorkingDays(friday, 1.5)).toThrow(RangeError)
    expect(() => addWorkingDays(friday, Number.NaN)).toThrow(RangeError)
    expect(() => addWorkingDays(friday, Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => addWorkingDays(new Date('nope'), 1)).toThrow(RangeError)
  })
})

describe('resolvePolicy', () => {
  it('fills a partial policy from the defaults', () => {
    expect(DEFAULT_DEADLINE_POLICY).toEqual({ consult: 5, help: 5, suggest: 15, complain: 15, thank: 15 })
    expect(resolvePolicy()).toEqual({ consult: 5, help: 5, suggest: 15, complain: 15, thank: 15 })
    expect(resolvePolicy({ consult: 3, complain: 13 })).toEqual({ consult: 3, help: 5, suggest: 15, complain: 13, thank: 15 })
  })

  it('ignores unknown keys and rejects bad values', () => {
    expect(resolvePolicy({ bogus: 1 } as never)).toEqual(DEFAULT_DEADLINE_POLICY)
    expect(() => resolvePolicy({ help: -1 })).toThrow(/"help"/)
    expect(() => resolvePolicy({ help: 2.5 })).toThrow(RangeError)
  })

  it('keeps the defaults frozen', () => {
    expect(Object.isFrozen(DEFAULT_DEADLINE_POLICY)).toBe(true)
    resolvePolicy({ consult: 1 }).thank = 99
    expect(DEFAULT_DEADLINE_POLICY.thank).toBe(15)
  })
})

describe('dueAt', () => {
  const reviewedAt = '2026-02-13T09:00:00+08:00'

  it('is undefined until the message is accepted', () => {
    expect(dueAt({ type: 'consult', timeline: [] })).toBeUndefined()
    expect(dueAt({ type: 'consult', status: 'pending', timeline: [] })).toBeUndefined()
    // A refusal sets reviewedAt too, but starts no clock.
    expect(dueAt({ type: 'consult', status: 'rejected', reviewedAt, timeline: [] })).toBeUndefined()
  })

  it('counts the policy days for the type from reviewedAt', () => {
    expectDue(dueAt({ type: 'consult', status: 'accepted', reviewedAt, timeline: [] }), '2026-02-27T23:59:59.999+08:00')
    expectDue(dueAt({ type: 'help', reviewedAt, timeline: [] }), '2026-02-27T23:59:59.999+08:00')
    expectDue(dueAt({ type: 'complain', reviewedAt, timeline: [] }), '2026-03-12T23:59:59.999+08:00')
    // Feb 14, 24, 25
    expectDue(dueAt({ type: 'consult', reviewedAt, timeline: [] }, { consult: 3 }), '2026-02-25T23:59:59.999+08:00')
  })

  it('adds the days of every extend event and nothing else', () => {
    const message = {
      type: 'consult' as const,
      status: 'processing' as const,
      reviewedAt,
      timeline: [
        { type: 'accept' },
        { type: 'extend', days: 3 },
        { type: 'transfer', days: 7 },
        { type: 'remind' },
        { type: 'extend', days: 2 },
        { type: 'extend' },
      ],
    }
    // 5 + 3 + 2 = 10: Feb 14, 24, 25, 26, 27, 28, Mar 2, 3, 4, 5
    expectDue(dueAt(message), '2026-03-05T23:59:59.999+08:00')
  })

  it('agrees with moving the deadline once per extension', () => {
    const base = dueAt({ type: 'consult', reviewedAt, timeline: [] }) as Date
    const moved = extendDeadline(extendDeadline(base, 3), 2)
    const total = dueAt({ type: 'consult', reviewedAt, timeline: [{ type: 'extend', days: 3 }, { type: 'extend', days: 2 }] })
    expect(total?.getTime()).toBe(moved.getTime())
  })

  it('passes the calendar options on', () => {
    const message = { type: 'consult' as const, reviewedAt: '2026-12-30T10:00:00+08:00', timeline: [] }
    expect(() => dueAt(message, undefined, { calendar: createWorkCalendar() })).toThrow(CalendarError)
    expectDue(
      dueAt(message, undefined, { calendar: createWorkCalendar([CALENDAR_2026, Y2027]) }),
      '2027-01-07T23:59:59.999+08:00',
    )
  })

  it('rejects a reviewedAt that is not a date-time', () => {
    expect(() => dueAt({ type: 'consult', reviewedAt: 'yesterday', timeline: [] })).toThrow(RangeError)
  })
})

describe('extendDeadline', () => {
  it('adds working days after the deadline day', () => {
    // Due Wed Sep 30; Oct 1–7 off: Oct 8, 9, 10 (Sat)
    expectDue(extendDeadline(at('2026-09-30T23:59:59.999+08:00'), 3), '2026-10-10T23:59:59.999+08:00')
    // Due Fri Feb 13: Sat Feb 14, Tue Feb 24
    expectDue(extendDeadline(at('2026-02-13T23:59:59.999+08:00'), 2), '2026-02-24T23:59:59.999+08:00')
  })
})

describe('isOverdue', () => {
  const dueAtText = '2026-02-27T23:59:59.999+08:00'
  const atDeadline = at('2026-02-27T15:59:59.999Z')
  const justAfter = at('2026-02-27T16:00:00.000Z')

  it('is true only for open statuses strictly after the deadline', () => {
    const overdue = STATUSES.filter((status) => isOverdue({ status, dueAt: dueAtText }, justAfter))
    expect(overdue).toEqual(['accepted', 'assigned', 'processing'])
  })

  it.each(['accepted', 'assigned', 'processing'] as const)('is false for %s at the deadline itself', (status) => {
    expect(isOverdue({ status, dueAt: dueAtText }, atDeadline)).toBe(false)
    expect(isOverdue({ status, dueAt: dueAtText }, justAfter)).toBe(true)
  })

  it.each(['pending', 'replied', 'closed', 'rejected'] as const)('is false for %s, however late', (status) => {
    expect(isOverdue({ status, dueAt: dueAtText }, at('2027-01-01T00:00:00Z'))).toBe(false)
  })

  it('is false without a deadline', () => {
    expect(isOverdue({ status: 'processing' }, justAfter)).toBe(false)
  })

  it('defaults now to the current time', () => {
    expect(isOverdue({ status: 'processing', dueAt: '2000-01-01T23:59:59.999+08:00' })).toBe(true)
    expect(isOverdue({ status: 'processing', dueAt: '9999-01-01T23:59:59.999+08:00' })).toBe(false)
  })
})

describe('process-wide registration', () => {
  it('uses a 2027 calendar registered with registerCalendar', () => {
    expect(() => addWorkingDays(at('2026-12-30T10:00:00+08:00'), 5)).toThrow(CalendarError)
    registerCalendar(Y2027)
    expectDue(addWorkingDays(at('2026-12-30T10:00:00+08:00'), 5), '2027-01-07T23:59:59.999+08:00')
    expect(isWorkingDay(at('2027-01-09T10:00:00+08:00'))).toBe(true)
  })
})

describe('independence from the process time zone', () => {
  // Node applies a change of process.env.TZ at once; the offsets checked first prove it took effect,
  // so these runs really happen under other zones.
  const zones = [
    { tz: 'UTC', offset: 0 },
    { tz: 'America/New_York', offset: 300 },
    { tz: 'Asia/Kolkata', offset: -330 },
    { tz: 'Pacific/Kiritimati', offset: -840 },
  ]

  it.each(zones)('gives the same deadlines under TZ=$tz', ({ tz, offset }) => {
    const previous = process.env.TZ
    process.env.TZ = tz
    try {
      expect(new Date(Date.UTC(2026, 1, 13)).getTimezoneOffset()).toBe(offset)
      expectDue(addWorkingDays(at('2026-02-13T20:00:00Z'), 5), '2026-02-28T23:59:59.999+08:00')
      expectDue(addWorkingDays(at('2026-02-13T09:00:00+08:00'), 5), '2026-02-27T23:59:59.999+08:00')
      expectDue(addWorkingDays(at('2025-12-30T17:00:00Z'), 1), '2026-01-04T23:59:59.999+08:00')
      expect(chinaDate(at('2026-02-13T16:00:00Z'))).toBe('2026-02-14')
      expect(isWorkingDay(at('2026-03-06T16:00:00Z'))).toBe(false)
    } finally {
      if (previous === undefined) delete process.env.TZ
      else process.env.TZ = previous
    }
  })
})
