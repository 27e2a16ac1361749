import * as z from 'zod/mini'
import { defineCalendar, isCalendarError } from '../calendar.js'
import { checked } from './common.js'

const DATE = '\\d{4}-\\d{2}-\\d{2}'
const YEAR = 'year must be a four-digit whole number, such as 2027'
const HOLIDAY = 'expected a date YYYY-MM-DD or an inclusive range YYYY-MM-DD/YYYY-MM-DD'
const WORKDAY = 'expected a date YYYY-MM-DD'

/**
 * One year of the State Council's holiday notice as JSON, in the shape of `HolidayCalendar`:
 * `year`, `holidays` (dates `YYYY-MM-DD` or inclusive ranges `YYYY-MM-DD/YYYY-MM-DD`) and `workdays`
 * (the make-up Saturdays and Sundays, 调休上班). Unknown keys are refused, so a misspelt `workday`
 * cannot silently drop the make-up days.
 *
 * Besides the shape it runs every check of `defineCalendar` (each date exists and lies in `year`,
 * ranges do not run backwards, make-up days are weekends, no day is both off and on) and reports the
 * first problem as one issue with `defineCalendar`'s message. The JSON Schema export
 * (`holiday-calendar.json`) carries the shape only.
 *
 * @example
 * ```ts
 * const parsed = HolidayCalendarSchema.safeParse(JSON.parse(text))
 * if (parsed.success) registerCalendar(parsed.data)
 * else console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
 * ```
 */
export const HolidayCalendarSchema = checked(
  z.strictObject(
    {
      year: checked(z.int({ error: YEAR }), z.gte(1000, { error: YEAR }), z.lte(9999, { error: YEAR })),
      holidays: z.array(checked(z.string({ error: HOLIDAY }), z.regex(new RegExp(`^${DATE}(?:/${DATE})?$`), { error: HOLIDAY })), {
        error: 'expected a list of dates YYYY-MM-DD and ranges YYYY-MM-DD/YYYY-MM-DD',
      }),
      workdays: z.array(checked(z.string({ error: WORKDAY }), z.regex(new RegExp(`^${DATE}$`), { error: WORKDAY })), {
        error: 'expected a list of dates YYYY-MM-DD, or [] when the notice has no make-up working days',
      }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: a calendar has only year, holidays and workdays`
          : 'expected an object { "year", "holidays", "workdays" }',
    },
  ),
  z.superRefine(
    (calendar, context) => {
      try {
        defineCalendar(calendar)
      } catch (error) {
        if (!isCalendarError(error)) throw error
        context.addIssue({ code: 'custom', message: error.message, input: calendar })
      }
    },
    // Only a calendar of the right shape: defineCalendar would repeat a shape problem in other words.
    { when: (payload) => payload.issues.length === 0 },
  ),
)
