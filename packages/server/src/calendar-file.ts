import { readFileSync, statSync } from 'node:fs'
import { HolidayCalendarSchema, type HolidayCalendar } from '@liuyan/core'

/** What {@link readCalendarFile} found: the calendar, or what is wrong with the file, in a sentence. */
export type CalendarFileResult = { ok: true; calendar: HolidayCalendar } | { ok: false; problem: string }

/** A year's notice is a few hundred bytes; anything this large is the wrong file. */
const MAX_BYTES = 1024 * 1024

/**
 * Reads one year's holiday calendar (the State Council's notice) from a JSON file of the shape
 * `{ "year": 2031, "holidays": ["2031-01-01", "2031-05-01/2031-05-05"], "workdays": ["2031-04-27"] }`
 * (a made-up year, to show the form), checked with core's `HolidayCalendarSchema`. Never throws: a file that cannot be read, is not JSON
 * or is not a valid calendar gives `ok: false` with the problem in words an operator can act on.
 *
 * @example
 * ```ts
 * const result = readCalendarFile('/etc/liuyan/calendar-2027.json')
 * if (result.ok) registerCalendar(result.calendar)
 * else console.error(result.problem)
 * ```
 */
export function readCalendarFile(file: string): CalendarFileResult {
  let text: string
  try {
    const stat = statSync(file)
    if (stat.isDirectory()) return { ok: false, problem: 'this is a folder, not a JSON file' }
    // A device or a pipe reports no size and may never end (/dev/zero): only regular files are read.
    if (!stat.isFile()) return { ok: false, problem: 'this is not a regular file' }
    if (stat.size > MAX_BYTES) return { ok: false, problem: `this file has ${stat.size} bytes; a calendar is a small JSON file` }
    text = readFileSync(file, 'utf8')
  } catch (error) {
    return { ok: false, problem: readProblem(error) }
  }
  let json: unknown
  try {
    // Editors on Windows may start the file with a byte order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    // Not the parser's message: it quotes the text, which may be a secret in a file named by mistake.
    return { ok: false, problem: `not valid JSON${jsonPosition(error, text)}` }
  }
  const parsed = HolidayCalendarSchema.safeParse(json)
  if (parsed.success) return { ok: true, calendar: parsed.data }
  return { ok: false, problem: parsed.error.issues.map((issue) => `${pathText(issue.path)}${issue.message}`).join('; ') }
}

/** ` at line L, column C` where the parser's message gives a position, else nothing. */
function jsonPosition(error: unknown, text: string): string {
  const match = /\bposition (\d+)/.exec(error instanceof Error ? error.message : '')
  if (!match) return ''
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(match[1]))
  const lines = before.split('\n')
  return ` at line ${lines.length}, column ${lines.at(-1)!.length + 1}`
}

function readProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: the server cannot read this file'
  return `cannot read it: ${error instanceof Error ? error.message : String(error)}`
}

/** `holidays[2]: `, or nothing for the file as a whole. */
function pathText(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`
  return text ? `${text}: ` : ''
}
