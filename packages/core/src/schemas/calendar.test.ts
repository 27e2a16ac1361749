import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { CALENDAR_2025, CALENDAR_2026, defineCalendar } from '../calendar.js'
import { toJSONSchema } from '../json-schema.js'
import { HolidayCalendarSchema } from './calendar.js'

/** TEST DATA, not a State Council notice: a made-up 2031 in the shape of a real one. */
const MADE_UP_2031 = { year: 2031, holidays: ['2031-01-01', '2031-05-01/2031-05-05'], workdays: ['2031-04-27'] }

/** The issues of a refused calendar as `path: message` lines. */
function issues(input: unknown): string[] {
  const result = HolidayCalendarSchema.safeParse(input)
  expect(result.success, JSON.stringify(input)).toBe(false)
  return result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('HolidayCalendarSchema', () => {
  it('accepts the built-in calendars as JSON and a calendar of a year core does not ship', () => {
    for (const calendar of [CALENDAR_2025, CALENDAR_2026, MADE_UP_2031]) {
      const json: unknown = JSON.parse(JSON.stringify(calendar))
      expect(HolidayCalendarSchema.parse(json)).toEqual(calendar)
    }
    // What it accepts, defineCalendar accepts too.
    expect(defineCalendar(HolidayCalendarSchema.parse(MADE_UP_2031))).toEqual(MADE_UP_2031)
  })

  it('refuses unknown keys, so a misspelt key cannot drop the make-up days', () => {
    const { workdays, ...rest } = MADE_UP_2031
    expect(issues({ ...rest, workday: workdays })).toEqual(expect.arrayContaining([expect.stringMatching(/^workdays: /), expect.stringContaining('workday')]))
    expect(issues({ ...MADE_UP_2031, note: 'x' }).join('\n')).toContain('note')
  })

  it('names the field of a value in the wrong shape', () => {
    expect(issues({ ...MADE_UP_2031, year: '2031' })).toEqual(['year: year must be a four-digit whole number, such as 2027'])
    expect(issues({ ...MADE_UP_2031, year: 31 })).toEqual(['year: year must be a four-digit whole number, such as 2027'])
    expect(issues({ ...MADE_UP_2031, holidays: ['2031-01-01', '2031-5-1'] })).toEqual([
      'holidays.1: expected a date YYYY-MM-DD or an inclusive range YYYY-MM-DD/YYYY-MM-DD',
    ])
    expect(issues({ ...MADE_UP_2031, workdays: ['2031-04-26/2031-04-27'] })).toEqual(['workdays.0: expected a date YYYY-MM-DD'])
    expect(issues({ ...MADE_UP_2031, workdays: [20310426] })).toEqual(['workdays.0: expected a date YYYY-MM-DD'])
    expect(issues({ ...MADE_UP_2031, holidays: '2031-01-01' })).toEqual([expect.stringMatching(/^holidays: /)])
    expect(issues([MADE_UP_2031])).toHaveLength(1)
    expect(issues(null)).toHaveLength(1)
  })

  it.each([
    ['a date that does not exist', { holidays: ['2031-02-30'] }, '"2031-02-30"'],
    ['a date of another year', { holidays: ['2031-12-31/2032-01-02'] }, 'is not in 2031'],
    ['a range that runs backwards', { holidays: ['2031-05-05/2031-05-01'] }, 'ends before it starts'],
    ['a make-up day on a weekday', { workdays: ['2031-02-03'] }, '"2031-02-03" is a Monday'],
    ['a day both off and on', { workdays: ['2031-04-27'], holidays: ['2031-04-27'] }, 'both as a holiday and as a workday'],
  ])("refuses %s with defineCalendar's message", (_, change, message) => {
    const [issue, ...more] = issues({ ...MADE_UP_2031, ...change })
    expect(more).toEqual([])
    expect(issue).toContain('Invalid holiday calendar for 2031')
    expect(issue).toContain(message)
  })

  it('exports its shape as a closed JSON Schema that agrees on the shape', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(toJSONSchema('holiday-calendar'))
    const cases: unknown[] = [
      MADE_UP_2031,
      { ...MADE_UP_2031, note: 'x' },
      { ...MADE_UP_2031, year: '2031' },
      { ...MADE_UP_2031, year: 20310 },
      { ...MADE_UP_2031, holidays: ['2031-5-1'] },
      { ...MADE_UP_2031, workdays: ['2031-04-26/2031-04-27'] },
      { year: 2031, holidays: [] },
    ]
    for (const input of cases) expect(validate(input), JSON.stringify(input)).toBe(HolidayCalendarSchema.safeParse(input).success)
  })
})
