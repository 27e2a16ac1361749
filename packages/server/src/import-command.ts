import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { MESSAGE_TYPES, type MessageType } from '@liuyan/core'
import { importPeopleDaily, ImportSetupError, type BoardChoice, type ImportReport } from './import/people-daily.js'
import { readJsonRecords } from './import/records.js'
import { createBoardService, TrackingKeyMismatchError } from './service.js'
import { createSqliteStore, SqliteDriverMissingError, type SqliteStore } from './store/sqlite.js'
import { DEFAULT_DATABASE } from './token-command.js'
import { loadTrackingKeyFor, TrackingKeyFileError } from './tracking-key-file.js'

const FORMATS = ['people-daily'] as const

const USAGE = `Usage: liuyan-server import --format people-daily (--board ID | --board-map FILE) [options] FILE

Imports the records of another message board into the server's database, as published messages:
  people-daily   the People's Daily Leader Message Board's records (人民网领导留言板): list items
                 (tid, fid, subject, content, dateline, stateInfo, answer*, grade*) or the flattened
                 records of crawls (title, forum, date, status, reply*), as JSON lines or JSON arrays

The file is read as a stream, so its size does not matter. Free text is masked like any public text.
A record already in the database is counted and left alone, so running the same file again adds
nothing. A record that cannot be imported is skipped, and the report at the end gives its line and
why; a progress bar shows on a terminal.

Options:
  --format FORMAT       the records' format: ${FORMATS.join(', ')}
  --board ID            the board every record goes to
  --board-map FILE      a JSON object from the board's forum id (fid) to a board id, e.g. {"3611": "450721-sw"};
                        records of forums it does not name are skipped
  --fallback-type TYPE  the message type of records whose type Liuyan does not know (e.g. 两会):
                        ${MESSAGE_TYPES.join(', ')}; without it they are skipped
  --skipped FILE        also write every skipped record's line and reason to FILE, as JSON lines
  --db FILE             the SQLite database; must exist                 (default ${DEFAULT_DATABASE})
  --tracking-key FILE   the tracking key file (default FILE.key); LIUYAN_TRACKING_KEY overrides it
  -h, --help            show this help

Exit codes: 0 done (with or without skipped records); 2 bad usage, a board that does not exist, or a
missing or wrong tracking key; 1 the database or the file cannot be read.`

/** How many skipped records the report prints; --skipped FILE has them all. */
const SKIPPED_PRINTED = 20

/** `liuyan-server import`: resolves the exit code; writes its report to stdout and problems to stderr. */
export async function runImportCommand(argv: string[]): Promise<number> {
  const fail = (message: string, code: number) => {
    process.stderr.write(`liuyan-server import: ${message}\n`)
    return code
  }
  let values: Record<string, string | boolean | undefined>
  let file: string | undefined
  try {
    const parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' }, board: { type: 'string' }, 'board-map': { type: 'string' }, 'fallback-type': { type: 'string' },
        skipped: { type: 'string' }, db: { type: 'string' }, 'tracking-key': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    })
    values = parsed.values
    if (parsed.positionals.length > 1) throw new Error('give one FILE to import')
    file = parsed.positionals[0]
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\nRun "liuyan-server import --help" for the options.`, 2)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const usage = (message: string) => fail(`${message}\nRun "liuyan-server import --help" for the options.`, 2)
  if (values.format === undefined) return usage(`--format is required: ${FORMATS.join(', ')}`)
  if (!(FORMATS as readonly unknown[]).includes(values.format)) return usage(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`)
  if (!file) return usage('give the FILE to import')
  const fallbackType = values['fallback-type']
  if (fallbackType !== undefined && !(MESSAGE_TYPES as readonly unknown[]).includes(fallbackType)) {
    return usage(`--fallback-type must be one of ${MESSAGE_TYPES.join(', ')}`)
  }
  let boards: BoardChoice
  if (typeof values.board === 'string' && values['board-map'] === undefined) boards = { board: values.board }
  else if (typeof values['board-map'] === 'string' && values.board === undefined) {
    const map = readBoardMap(String(values['board-map']))
    if (typeof map === 'string') return usage(map)
    boards = { boardMap: map }
  } else return usage('give either --board ID or --board-map FILE')

  const path = resolve(file)
  const size = statSync(path, { throwIfNoEntry: false })
  if (!size?.isFile()) return fail(`there is no file at ${path}`, 1)
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
  const skippedFile = typeof values.skipped === 'string' ? createWriteStream(resolve(values.skipped)) : undefined
  // Loaded only for a terminal: the bar is all the CLI needs of it.
  const cliProgress = process.stderr.isTTY ? (await import('cli-progress')).default : undefined
  const bar = cliProgress ? new cliProgress.SingleBar({ format: 'importing [{bar}] {percentage}% | {read} records | {imported} imported | {skippedCount} skipped', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined
  const input = createReadStream(path)
  try {
    // As the server does at start: the database is at this version, its tracking codes hashed.
    const key = await loadTrackingKeyFor(store, resolve(String(values['tracking-key'] ?? `${db}.key`)))
    await createBoardService({ store, trackingKey: key.key }).ready()
    bar?.start(size.size, 0, { read: 0, imported: 0, skippedCount: 0 })
    const started = performance.now()
    const report = await importPeopleDaily(store, readJsonRecords(input), {
      boards,
      ...(fallbackType ? { fallbackType: fallbackType as MessageType } : {}),
      onProgress: (r) => bar?.update(input.bytesRead, { read: r.read, imported: r.imported, skippedCount: r.skippedCount }),
      onSkip: (skip) => skippedFile?.write(`${JSON.stringify(skip)}\n`),
    })
    bar?.update(size.size)
    bar?.stop()
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(formatReport(path, report, seconds, typeof values.skipped === 'string' ? resolve(values.skipped) : undefined))
    return 0
  } catch (error) {
    bar?.stop()
    if (error instanceof TrackingKeyFileError || error instanceof TrackingKeyMismatchError || error instanceof ImportSetupError) return fail(error.message, 2)
    return fail(error instanceof Error ? error.message : String(error), 1)
  } finally {
    input.destroy()
    await new Promise((done) => (skippedFile ? skippedFile.end(done) : done(undefined)))
    await store.close()
  }
}

function readBoardMap(file: string): Readonly<Record<string, string>> | string {
  let map: unknown
  try {
    map = JSON.parse(readFileSync(resolve(file), 'utf8'))
  } catch {
    return `--board-map ${file} is not a readable JSON file`
  }
  const entries = typeof map === 'object' && map !== null && !Array.isArray(map) ? Object.entries(map) : []
  if (entries.length === 0 || !entries.every(([, id]) => typeof id === 'string' && id !== '')) {
    return `--board-map ${file} must be a JSON object from forum ids to board ids, e.g. {"3611": "450721-sw"}`
  }
  return Object.fromEntries(entries) as Record<string, string>
}

/** The closing report: counts, then the skipped records by reason and the first of them by line. */
export function formatReport(path: string, report: ImportReport, seconds: number, skippedFile?: string): string {
  const rate = seconds > 0 ? `, ${Math.round(report.read / seconds)} records/s` : ''
  const lines = [
    `${path}: ${report.read} records read, ${report.imported} imported, ${report.alreadyThere} already in the database, ${report.skippedCount} skipped`,
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
