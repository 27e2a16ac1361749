import { createWriteStream, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { LOCALES, type Locale } from '@liuyan/core'
import { isServiceError } from './errors.js'
import { planExport } from './export/plan.js'
import { rangeBound, type ExportRange } from './export/rows.js'
import { EXPORT_FORMATS, writeRows, type ExportFormat } from './export/writers.js'
import { createBoardService, TrackingKeyMismatchError } from './service.js'
import { createSqliteStore, SqliteDriverMissingError, type SqliteStore } from './store/sqlite.js'
import { DEFAULT_DATABASE } from './token-command.js'
import { loadTrackingKeyFor, TrackingKeyFileError } from './tracking-key-file.js'

const USAGE = `Usage: liuyan-server export messages|stats --board ID [options]

Exports, for 督查 reports, the messages of a board and every board below it, or their statistics
(one row for the board, then one per board below it), as CSV or XLSX. Rows are streamed, so the
size of the board does not matter. Cells that a spreadsheet would read as a formula (starting
with = + - @) are written as text.

Without --private the export holds what the public may read: the masked public text, public
places, no names, phones or remarks. No export ever holds a tracking code.

Options:
  --board ID            the board (with the boards below it)
  --from DATE           messages submitted from DATE (2026-01-01, a day in China, or an ISO time)
  --to DATE             … up to and including DATE
  --format csv|xlsx     (default csv)
  --private             messages: add names, phones, remarks and private places, and the text as
                        written; for the staff's own use only
  --locale LOCALE       headings and labels: ${LOCALES.join(', ')} (default zh-CN)
  --out FILE            write to FILE (default: stdout; an XLSX needs --out on a terminal)
  --db FILE             the SQLite database; must exist                 (default ${DEFAULT_DATABASE})
  --tracking-key FILE   the tracking key file (default FILE.key); LIUYAN_TRACKING_KEY overrides it
  -h, --help            show this help

Exit codes: 0 done; 2 bad usage, a board that does not exist, or a missing or wrong tracking key;
1 the database cannot be read or the file cannot be written.`

const text = { type: 'string' } as const
const OPTIONS = {
  board: text, from: text, to: text, format: text, locale: text, out: text, db: text, 'tracking-key': text,
  private: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const

/** `liuyan-server export`: resolves the exit code; writes the export to --out or stdout, problems to stderr. */
export async function runExportCommand(argv: string[]): Promise<number> {
  const fail = (message: string, code: number) => {
    process.stderr.write(`liuyan-server export: ${message}\n`)
    return code
  }
  const usage = (message: string) => fail(`${message}\nRun "liuyan-server export --help" for the options.`, 2)
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true })
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const what = positionals[0]
  if (positionals.length !== 1 || (what !== 'messages' && what !== 'stats')) return usage('say what to export: messages or stats')
  if (!values.board) return usage('--board ID is required')
  const format = (values.format ?? 'csv') as ExportFormat
  if (!EXPORT_FORMATS.includes(format)) return usage(`--format must be csv or xlsx, not "${values.format}"`)
  const locale = (values.locale ?? 'zh-CN') as Locale
  if (!LOCALES.includes(locale)) return usage(`--locale must be one of ${LOCALES.join(', ')}`)
  const range: ExportRange = {}
  for (const [flag, end] of [['from', false], ['to', true]] as const) {
    const value = values[flag]
    if (value === undefined) continue
    const bound = rangeBound(value, end)
    if (!bound) return usage(`--${flag} must be a day (2026-01-01) or an ISO date-time with its offset, not "${value}"`)
    range[flag] = bound
  }
  if (what === 'stats' && (range.from || range.to || values.private)) return usage('--from, --to and --private are for messages: statistics cover every message of each board')
  if (format === 'xlsx' && !values.out && process.stdout.isTTY) return usage('an XLSX workbook does not belong on a terminal: give --out FILE')

  const db = resolve(values.db ?? DEFAULT_DATABASE)
  let store: SqliteStore
  try {
    // Created on open otherwise: a mistyped path must not make an empty database.
    if (!statSync(db, { throwIfNoEntry: false })?.isFile()) return fail(`there is no database at ${db}`, 1)
    store = createSqliteStore(db)
  } catch (error) {
    if (error instanceof SqliteDriverMissingError) return fail(error.message, 1)
    return fail(`cannot open the database ${db}: ${error instanceof Error ? error.message : String(error)}`, 1)
  }
  try {
    const key = await loadTrackingKeyFor(store, resolve(values['tracking-key'] ?? `${db}.key`))
    const service = createBoardService({ store, trackingKey: key.key })
    await service.ready()
    const plan = await planExport(service, { what, boardId: values.board, locale, range, withPrivate: values.private ?? false })
    const out: Writable = values.out ? createWriteStream(resolve(values.out)) : process.stdout
    const rows = await writeRows(format, out, plan.columns, plan.rows, plan.context, plan.sheet)
    process.stderr.write(`liuyan-server export: ${rows} ${what === 'messages' ? 'messages' : 'boards'}${values.out ? ` written to ${resolve(values.out)}` : ''}\n`)
    return 0
  } catch (error) {
    if (error instanceof TrackingKeyFileError || error instanceof TrackingKeyMismatchError) return fail(error.message, 2)
    if (isServiceError(error) && error.status === 404) return fail(`there is no board "${values.board}"`, 2)
    return fail(error instanceof Error ? error.message : String(error), 1)
  } finally {
    await store.close()
  }
}
