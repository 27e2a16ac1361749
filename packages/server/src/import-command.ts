import { createWriteStream, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { MESSAGE_TYPES, type MessageType } from '@liuyan/core'
import { ImportSetupError, type ImportOptions, type ImportReport } from './import/batch.js'
import { importOpen311 } from './import/open311.js'
import { importPeopleDaily, type BoardChoice } from './import/people-daily.js'
import { ImportSourceError, jsonRecordsFile, open311Requests, type ImportSource } from './import/sources.js'
import { parseServiceCode } from './open311/services.js'
import { createBoardService, TrackingKeyMismatchError } from './service.js'
import { createSqliteStore, SqliteDriverMissingError, type SqliteStore } from './store/sqlite.js'
import type { Store } from './store/types.js'
import { DEFAULT_DATABASE } from './token-command.js'
import { loadTrackingKeyFor, TrackingKeyFileError } from './tracking-key-file.js'

const FORMATS = ['people-daily', 'open311'] as const

const USAGE = `Usage: liuyan-server import --format people-daily (--board ID | --board-map FILE) [options] FILE
       liuyan-server import --format open311 --board ID [options] FILE|URL

Imports the records of another message board into the server's database, as published messages:
  people-daily   the People's Daily Leader Message Board's records (人民网领导留言板): list items
                 (tid, fid, subject, content, dateline, stateInfo, answer*, grade*) or the flattened
                 records of crawls (title, forum, date, status, reply*), as JSON lines or JSON
                 arrays; the file is streamed, so its size does not matter
  open311        the service requests of an Open311 GeoReport v2 requests document (JSON or XML),
                 from a file or a URL such as https://city.example/open311/v2/requests.json

Free text is masked like any public text. A record already in the database is counted and left
alone, so running the same import again adds nothing. A record that cannot be imported is skipped,
and the report at the end gives its line (or its place in the document) and why; a progress bar
shows on a terminal.

Options:
  --format FORMAT       the records' format: ${FORMATS.join(', ')}
  --board ID            the board every record goes to
  --board-map FILE      people-daily: a JSON object from the board's forum id (fid) to a board id,
                        e.g. {"3611": "450721-sw"}; records of forums it does not name are skipped
  --fallback-type TYPE  people-daily: the message type of records whose type Liuyan does not know
                        (e.g. 两会): ${MESSAGE_TYPES.join(', ')}; without it they are skipped
  --service-map FILE    open311: a JSON object from the server's service codes to Liuyan's
                        TYPE.DOMAIN, e.g. {"CSROWR-12": "help.transport"} (default help.other;
                        Liuyan's own codes need none)
  --offset OFFSET       open311: the time zone of times given without one, e.g. +08:00 (default Z)
  --skipped FILE        also write every skipped record's line and reason to FILE, as JSON lines
  --db FILE             the SQLite database; must exist                 (default ${DEFAULT_DATABASE})
  --tracking-key FILE   the tracking key file (default FILE.key); LIUYAN_TRACKING_KEY overrides it
  -h, --help            show this help

Exit codes: 0 done (with or without skipped records); 2 bad usage, a board that does not exist, or a
missing or wrong tracking key; 1 the database or the records cannot be read.`

/** How many skipped records the report prints; --skipped FILE has them all. */
const SKIPPED_PRINTED = 20

const text = { type: 'string' } as const
const OPTIONS = {
  format: text, board: text, 'board-map': text, 'fallback-type': text, 'service-map': text, offset: text, skipped: text, db: text,
  'tracking-key': text, help: { type: 'boolean', short: 'h' },
} as const
type Values = Record<string, string | boolean | undefined>
/** A format's import, once its options are checked. */
type Plan = { source: () => Promise<ImportSource>; run: (store: Store, source: ImportSource, common: ImportOptions) => Promise<ImportReport> }

/** `liuyan-server import`: resolves the exit code; writes its report to stdout and problems to stderr. */
export async function runImportCommand(argv: string[]): Promise<number> {
  const fail = (message: string, code: number) => {
    process.stderr.write(`liuyan-server import: ${message}\n`)
    return code
  }
  const usage = (message: string) => fail(`${message}\nRun "liuyan-server import --help" for the options.`, 2)
  let values: Values
  let from: string | undefined
  try {
    const parsed = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    })
    values = parsed.values as Values
    if (parsed.positionals.length > 1) throw new Error('give one FILE to import')
    from = parsed.positionals[0]
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error))
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (values.format === undefined) return usage(`--format is required: ${FORMATS.join(', ')}`)
  if (!(FORMATS as readonly unknown[]).includes(values.format)) return usage(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`)
  if (!from) return usage('give the FILE to import')
  const plan = values.format === 'open311' ? open311Plan(values, from) : peopleDailyPlan(values, from)
  if (typeof plan === 'string') return usage(plan)

  const db = resolve(String(values.db ?? DEFAULT_DATABASE))
  let store: SqliteStore
  try {
    // Created on open otherwise: a mistyped path must not make an empty database.
    if (!statSync(db, { throwIfNoEntry: false })?.isFile()) return fail(`there is no database at ${db}`, 1)
    store = createSqliteStore(db)
  } catch (error) {
    if (error instanceof SqliteDriverMissingError) return fail(error.message, 1)
    return fail(`cannot open the database ${db}: ${error instanceof Error ? error.message : String(error)}`, 1)
  }
  const skippedPath = typeof values.skipped === 'string' ? resolve(values.skipped) : undefined
  const skippedFile = skippedPath ? createWriteStream(skippedPath) : undefined
  // Loaded only for a terminal: the bar is all the CLI needs of it.
  const cliProgress = process.stderr.isTTY ? (await import('cli-progress')).default : undefined
  const bar = cliProgress ? new cliProgress.SingleBar({ format: 'importing [{bar}] {percentage}% | {read} records | {imported} imported | {skippedCount} skipped', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined
  let source: ImportSource | undefined
  try {
    // As the server does at start: the database is at this version, its tracking codes hashed.
    const key = await loadTrackingKeyFor(store, resolve(String(values['tracking-key'] ?? `${db}.key`)))
    await createBoardService({ store, trackingKey: key.key }).ready()
    const opened = await plan.source()
    source = opened
    bar?.start(opened.total, 0, { read: 0, imported: 0, skippedCount: 0 })
    const started = performance.now()
    const report = await plan.run(store, opened, {
      onProgress: (r) => bar?.update(opened.done(r.read), { read: r.read, imported: r.imported, skippedCount: r.skippedCount }),
      onSkip: (skip) => skippedFile?.write(`${JSON.stringify(skip)}\n`),
    })
    bar?.update(opened.total)
    bar?.stop()
    process.stdout.write(formatReport(opened.name, report, (performance.now() - started) / 1000, skippedPath))
    return 0
  } catch (error) {
    bar?.stop()
    if (error instanceof TrackingKeyFileError || error instanceof TrackingKeyMismatchError || error instanceof ImportSetupError) return fail(error.message, 2)
    return fail(error instanceof ImportSourceError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.message, 1)
  } finally {
    source?.close()
    await new Promise((done) => (skippedFile ? skippedFile.end(done) : done(undefined)))
    await store.close()
  }
}

function peopleDailyPlan(values: Values, file: string): Plan | string {
  if (values['service-map'] !== undefined || values.offset !== undefined) return '--service-map and --offset are for --format open311'
  const fallbackType = values['fallback-type']
  if (fallbackType !== undefined && !(MESSAGE_TYPES as readonly unknown[]).includes(fallbackType)) return `--fallback-type must be one of ${MESSAGE_TYPES.join(', ')}`
  let boards: BoardChoice
  if (typeof values.board === 'string' && values['board-map'] === undefined) boards = { board: values.board }
  else if (typeof values['board-map'] === 'string' && values.board === undefined) {
    const map = readJsonObject('--board-map', values['board-map'], 'from forum ids to board ids, e.g. {"3611": "450721-sw"}')
    if (typeof map === 'string') return map
    boards = { boardMap: map }
  } else return 'give either --board ID or --board-map FILE'
  return {
    source: async () => jsonRecordsFile(file),
    run: (store, source, common) => importPeopleDaily(store, source.records, { ...common, boards, ...(fallbackType ? { fallbackType: fallbackType as MessageType } : {}) }),
  }
}

function open311Plan(values: Values, where: string): Plan | string {
  if (values['board-map'] !== undefined || values['fallback-type'] !== undefined) return '--board-map and --fallback-type are for --format people-daily'
  if (typeof values.board !== 'string') return '--format open311 takes --board ID'
  const board = values.board
  const offset = values.offset
  if (offset !== undefined && !/^(?:Z|[+-]\d\d:\d\d)$/.test(String(offset))) return `--offset must be Z or ±HH:MM, e.g. +08:00, not "${offset}"`
  let serviceMap: Record<string, string> | undefined
  if (typeof values['service-map'] === 'string') {
    const map = readJsonObject('--service-map', values['service-map'], 'from service codes to TYPE.DOMAIN, e.g. {"CSROWR-12": "help.transport"}')
    if (typeof map === 'string') return map
    const wrong = Object.entries(map).find(([, v]) => !parseServiceCode(v))
    if (wrong) return `--service-map: "${wrong[1]}" (for ${wrong[0]}) is no TYPE.DOMAIN of Liuyan, such as help.transport`
    serviceMap = map
  }
  return {
    source: () => open311Requests(where),
    run: (store, source, common) => importOpen311(store, source.records, { ...common, board, ...(serviceMap ? { serviceMap } : {}), ...(offset ? { defaultOffset: String(offset) } : {}) }),
  }
}

function readJsonObject(flag: string, file: string, what: string): Record<string, string> | string {
  let map: unknown
  try {
    map = JSON.parse(readFileSync(resolve(file), 'utf8'))
  } catch {
    return `${flag} ${file} is not a readable JSON file`
  }
  const entries = typeof map === 'object' && map !== null && !Array.isArray(map) ? Object.entries(map) : []
  if (entries.length === 0 || !entries.every(([, id]) => typeof id === 'string' && id !== '')) return `${flag} ${file} must be a JSON object ${what}`
  return Object.fromEntries(entries) as Record<string, string>
}

/** The closing report: counts, then the skipped records by reason and the first of them by line. */
export function formatReport(name: string, report: ImportReport, seconds: number, skippedFile?: string): string {
  const rate = seconds > 0 ? `, ${Math.round(report.read / seconds)} records/s` : ''
  const lines = [
    `${name}: ${report.read} records read, ${report.imported} imported, ${report.alreadyThere} already in the database, ${report.skippedCount} skipped`,
    `in ${seconds.toFixed(1)} s${rate}`,
  ]
  const reasons = Object.entries(report.skippedByReason).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
  if (reasons.length) {
    lines.push('skipped, by reason:')
    for (const [reason, count] of reasons) lines.push(`  ${String(count).padStart(8)}  ${reason}`)
    lines.push('skipped records:')
    for (const { line, reason } of report.skipped.slice(0, SKIPPED_PRINTED)) lines.push(`  line ${line}: ${reason}`)
    const more = report.skippedCount - Math.min(SKIPPED_PRINTED, report.skipped.length)
    if (more > 0) lines.push(`  … and ${more} more${skippedFile ? ` (all of them in ${skippedFile})` : ' (--skipped FILE lists them all)'}`)
  }
  return `${lines.join('\n')}\n`
}
