#!/usr/bin/env node
import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { knownYears, registerCalendar, STAFF_ROLES, type HolidayCalendar } from '@liuyan/core'
import { readCalendarFile } from './calendar-file.js'
import { DatabaseOpenError, isPostgresUrl, openPostgresForCli, postgresKeyProblem, postgresUrlProblem, redactUrl } from './database-url.js'
import { createFetchHandler, type FetchHandlerOptions } from './http.js'
import { runExportCommand } from './export-command.js'
import { runCopyCommand } from './copy-command.js'
import { escalationLine, ESCALATION_OPTIONS, ESCALATION_OPTIONS_USAGE, parseEscalationOptions, startEscalationLoop, type EscalationSettings } from './escalation/options.js'
import { runImportCommand } from './import-command.js'
import { runMigrateCommand } from './migrate-command.js'
import { OPEN311_USAGE, open311Fallback, parseOpen311, type Open311Settings } from './open311/cli.js'
import { serve, workbookStream, type RunningServer } from './node.js'
import { seedDemo } from './seed.js'
import { createBoardService, TrackingKeyMismatchError } from './service.js'
import { serveStatic } from './static.js'
import { createMemoryStore } from './store/memory.js'
import { loadTrackingKeyFor, TrackingKeyFileError, type LoadedTrackingKey } from './tracking-key-file.js'
import { hasTrackingKeyCheck } from './tracking-codes.js'
import { createSqliteStore, SqliteDriverMissingError } from './store/sqlite.js'
import type { Store } from './store/types.js'
import { DEFAULT_DATABASE, runTokenCommand } from './token-command.js'
import { parseWebhookOptions, runWebhookCommand, startWebhookWorker, WEBHOOK_OPTIONS, WEBHOOK_OPTIONS_USAGE, type WebhookSettings } from './webhook-command.js'

const USAGE = `Usage: liuyan-server [options]
       liuyan-server token create|list|revoke [options]
       liuyan-server migrate [--db FILE]
       liuyan-server import --format people-daily|open311 --board ID [options] FILE
       liuyan-server export messages|stats --board ID [options]
       liuyan-server webhook add|list|remove|replay [options]
       liuyan-server copy --from FILE.db --to postgres://… [--board ID]

Runs the Liuyan Board API (under /api/v1) on Node's HTTP server. With "token", creates, lists or
revokes the staff tokens of its database instead (run "liuyan-server token --help"); with
"migrate", brings the database up to this version and exits; with "import", imports another
board's records; with "export", writes a board's messages or statistics as CSV or XLSX (each has
its own --help); with "webhook", manages the webhook subscriptions, which the server delivers.

Options:
  --port N               port to listen on; 0 picks a free one            (default 8787)
  --host HOST            address to listen on                             (default 127.0.0.1)
  --db FILE|URL          SQLite database file, created with its folder; a
                         postgres://USER:PASSWORD@HOST:PORT/DATABASE URL for
                         PostgreSQL (LIUYAN_DATABASE_URL when --db is not
                         given); :memory: keeps everything in memory      (default .liuyan/board.db)
  --calendar FILE        register a year's State Council holiday calendar from a JSON file
                         {"year", "holidays", "workdays"} (repeatable); other years without
                         one count Saturdays and Sundays as the only days off
  --tracking-key FILE    the file with the key tracking codes are stored under, created
                         on a new database; LIUYAN_TRACKING_KEY overrides it (default
                         the database file with .key appended; PostgreSQL has no
                         default: give this or LIUYAN_TRACKING_KEY)
  --seed demo            load the demo boards and messages into an empty database
  --demo-token TOKEN     create or refresh a staff token with every role on every root board
  --cors-origin ORIGIN   allow browser calls from ORIGIN (repeatable; * allows any)
  --static DIR           serve the files of DIR at /
  --rate-limit N/min     submissions per client IP and minute, or off     (default 300/min)
  --tracking-limit N/min requests by tracking code (look-ups, follow-ups,
                         ratings) per client IP and minute, or off        (default 60/min)
  --search-limit N/min   keyword searches of the public list per client IP
                         and minute, or off                               (default 120/min)
  --staff-limit N/min    requests per staff token and minute, or off      (default 1200/min)
${OPEN311_USAGE}
${WEBHOOK_OPTIONS_USAGE}
${ESCALATION_OPTIONS_USAGE}
  --trust-proxy          take the client IP (for rate limits), scheme and host
                         from X-Forwarded-For, -Proto and -Host; only behind a
                         reverse proxy that overwrites those headers
  -h, --help             show this help

Each request is logged to stdout as one line of JSON (no bodies, tokens or tracking codes). The
start-up banner on stdout never shows the --demo-token token either; when stderr is a terminal, the
token is printed there.`

/** A bad command line: reported with the usage hint and exit code 2. */
class UsageError extends Error {
  override name = 'UsageError'
}

interface Settings {
  port: number
  host: string
  db: string
  trackingKeyFile?: string
  calendars: { file: string; calendar: HolidayCalendar }[]
  seed: boolean
  demoToken?: string
  corsOrigins: string[]
  staticDir?: string
  submissionsPerMinute?: number | false
  trackingPerMinute?: number | false
  staffPerMinute?: number | false
  searchesPerMinute?: number | false
  open311?: Open311Settings
  trustProxy: boolean
  webhooks: WebhookSettings
  escalation: EscalationSettings
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  'tracking-key': { type: 'string' },
  calendar: { type: 'string', multiple: true },
  seed: { type: 'string' },
  'demo-token': { type: 'string' },
  'cors-origin': { type: 'string', multiple: true },
  static: { type: 'string' },
  'rate-limit': { type: 'string' },
  'tracking-limit': { type: 'string' },
  'staff-limit': { type: 'string' },
  'search-limit': { type: 'string' },
  open311: { type: 'string', multiple: true },
  'open311-extended': { type: 'boolean' },
  'trust-proxy': { type: 'boolean' },
  ...WEBHOOK_OPTIONS,
  ...ESCALATION_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const

function parse(argv: string[]): Settings | 'help' {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    // parseArgs explains unknown options, missing values and stray arguments well enough.
    const message = error instanceof Error ? error.message : String(error)
    const misplaced = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && argv.includes('token')
    throw new UsageError(misplaced ? `${message}; the token commands take "token" first: liuyan-server token list --db FILE` : message)
  }
  if (values.help) return 'help'

  const settings: Settings = {
    port: 8787,
    host: values.host ?? '127.0.0.1',
    db: values.db ?? (process.env['LIUYAN_DATABASE_URL'] || DEFAULT_DATABASE),
    calendars: [],
    seed: false,
    corsOrigins: [],
    trustProxy: values['trust-proxy'] ?? false,
    webhooks: { timeoutMs: 10_000, concurrency: 16 },
    escalation: { everyMs: 0, defaults: { approachingDays: 0, superviseOverdue: false } },
  }
  const webhooks = parseWebhookOptions(values)
  if (typeof webhooks === 'string') throw new UsageError(webhooks)
  settings.webhooks = webhooks
  const escalation = parseEscalationOptions(values)
  if (typeof escalation === 'string') throw new UsageError(escalation)
  settings.escalation = escalation
  if (values.port !== undefined) {
    const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN
    if (!(port >= 0 && port <= 65_535)) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`)
    settings.port = port
  }
  if (!settings.host) throw new UsageError('--host must not be empty')
  if (!settings.db) throw new UsageError('--db must name a file, a postgres:// URL, or :memory:')
  const postgres = isPostgresUrl(settings.db)
  const urlProblem = postgres ? postgresUrlProblem(settings.db) : undefined
  if (urlProblem) throw new UsageError(urlProblem)
  const keyFile = values['tracking-key']
  if (keyFile === '') throw new UsageError('--tracking-key must name a file')
  // A PostgreSQL database has no folder to keep its key beside.
  if (keyFile !== undefined || (settings.db !== ':memory:' && !postgres)) settings.trackingKeyFile = resolve(keyFile ?? `${settings.db}.key`)
  for (const file of values.calendar ?? []) {
    const result = readCalendarFile(file)
    if (!result.ok) throw new UsageError(`--calendar ${file}: ${result.problem}`)
    const twice = settings.calendars.find((c) => c.calendar.year === result.calendar.year)
    if (twice) throw new UsageError(`--calendar ${file}: ${result.calendar.year} is already given by ${twice.file}; give one file per year`)
    settings.calendars.push({ file, calendar: result.calendar })
  }
  if (values.seed !== undefined) {
    if (values.seed !== 'demo') throw new UsageError(`--seed accepts only "demo", got "${values.seed}"`)
    settings.seed = true
  }
  const token = values['demo-token']
  if (token !== undefined) {
    // The bearer scheme carries one token without spaces; the service ignores longer ones.
    if (!/^\S{8,512}$/.test(token)) throw new UsageError('--demo-token must be 8 to 512 characters without spaces')
    settings.demoToken = token
  }
  for (const origin of values['cors-origin'] ?? []) {
    if (origin !== '*' && !isOrigin(origin)) {
      throw new UsageError(`--cors-origin must be * or an origin such as https://www.example.gov.cn (scheme, host and port only), got "${origin}"`)
    }
    settings.corsOrigins.push(origin)
  }
  if (values.static !== undefined) {
    const dir = resolve(values.static)
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--static must be an existing folder, got "${values.static}"`)
    settings.staticDir = dir
  }
  if (values['rate-limit'] !== undefined) settings.submissionsPerMinute = perMinute('--rate-limit', values['rate-limit'])
  if (values['tracking-limit'] !== undefined) settings.trackingPerMinute = perMinute('--tracking-limit', values['tracking-limit'])
  if (values['staff-limit'] !== undefined) settings.staffPerMinute = perMinute('--staff-limit', values['staff-limit'])
  if (values['search-limit'] !== undefined) settings.searchesPerMinute = perMinute('--search-limit', values['search-limit'])
  if (values.open311?.length) {
    const open311 = parseOpen311(values.open311, values['open311-extended'] ?? false)
    if (typeof open311 === 'string') throw new UsageError(open311)
    settings.open311 = open311
  } else if (values['open311-extended']) throw new UsageError('--open311-extended needs --open311 JURISDICTION=BOARD')
  return settings
}

/** `N/min` (or just `N`, N ≥ 1) → N; `off` → false. */
function perMinute(flag: string, value: string): number | false {
  if (value === 'off') return false
  const match = /^(\d{1,7})(?:\/min)?$/.exec(value)
  if (match && Number(match[1]) > 0) return Number(match[1])
  throw new UsageError(`${flag} must be N/min (N ≥ 1) or off, got "${value}"`)
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value
  } catch {
    return false
  }
}

async function main(argv: string[]): Promise<void> {
  const commands: Record<string, (argv: string[]) => Promise<number>> = {
    token: runTokenCommand, migrate: runMigrateCommand, import: runImportCommand, export: runExportCommand, webhook: runWebhookCommand, copy: runCopyCommand,
  }
  const command = argv[0] === undefined ? undefined : commands[argv[0]]
  if (command) {
    process.exitCode = await command(argv.slice(1))
    return
  }
  let settings: Settings | 'help'
  try {
    settings = parse(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`liuyan-server: ${error.message}\nRun "liuyan-server --help" for the options.\n`)
    process.exit(2)
  }
  if (settings === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  // Process-wide, so the demo seed counts working days with the same calendars as the service.
  for (const { calendar } of settings.calendars) registerCalendar(calendar)

  const inMemory = settings.db === ':memory:'
  const postgres = isPostgresUrl(settings.db)
  let store: Store
  try {
    if (postgres) store = await openPostgresForCli(settings.db)
    else if (inMemory) store = createMemoryStore()
    else {
      mkdirSync(dirname(resolve(settings.db)), { recursive: true })
      store = createSqliteStore(settings.db)
    }
  } catch (error) {
    if (error instanceof DatabaseOpenError) fail(error.message, error.exitCode)
    // better-sqlite3 is an optional peer dependency: say what to install, and what works without it.
    if (error instanceof SqliteDriverMissingError) {
      fail(`--db ${settings.db} is a SQLite file, which needs the better-sqlite3 package: install it beside @liuyan/server (npm install better-sqlite3), or run with --db :memory: to keep everything in memory`)
    }
    fail(`cannot open the database ${settings.db}: ${describe(error)}`)
  }
  let trackingKey: LoadedTrackingKey
  try {
    const keyProblem = postgres && postgresKeyProblem(process.env['LIUYAN_TRACKING_KEY'], settings.trackingKeyFile, await hasTrackingKeyCheck(store))
    if (keyProblem) throw new TrackingKeyFileError(keyProblem)
    trackingKey = await loadTrackingKeyFor(store, settings.trackingKeyFile)
  } catch (error) {
    await store.close()
    if (error instanceof TrackingKeyFileError) fail(error.message, 2)
    throw error
  }
  const service = createBoardService({ store, trackingKey: trackingKey.key })
  try {
    // Checks the key against the database and hashes codes an older version kept in the clear.
    await service.ready()
  } catch (error) {
    await store.close()
    if (error instanceof TrackingKeyMismatchError) fail(`${error.message} (key from ${trackingKey.source})`, 2)
    throw error
  }

  let seedLine: string | undefined
  if (settings.seed) {
    const result = await seedDemo(service)
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`
    seedLine = result.seeded
      ? `seeded ${result.boards} demo boards and ${result.messages} demo messages`
      : `--seed demo changed nothing: the database already has ${count((await service.listBoards()).length, 'board')} and ${count(await store.read.countMessages(), 'message')}`
  }
  let tokenLine: string | undefined
  if (settings.demoToken) {
    const roots = (await service.listBoards()).filter((b) => !b.parentId).map((b) => b.id)
    await service.createToken({ label: 'demo', roles: [...STAFF_ROLES], boardIds: roots, token: settings.demoToken })
    // The banner goes to stdout with the log, which must never hold a token: it names the token's
    // scope only. The token itself goes to the terminal, when stderr is one.
    const shown = process.stderr.isTTY ? 'shown on the terminal, not in the log' : 'the one given to --demo-token; never printed into the log'
    tokenLine = roots.length
      ? `demo token:  ${shown}  (reviewer, handler, supervisor on ${roots.join(', ')})`
      : `demo token:  ${shown}  (covers no board yet: the database has none; add --seed demo)`
  }

  // A log reader that goes away (`liuyan-server | head`) must not take the server down with it.
  process.stdout.on('error', () => {})
  // Log lines are gathered and written once per turn of the event loop: one write per request made
  // a system call per request, a good part of a small request's cost under load.
  let pending = ''
  const flushLog = () => {
    if (pending === '') return
    const lines = pending
    pending = ''
    process.stdout.write(lines)
  }
  process.on('exit', flushLog)
  const writeLog = (entry: object) => {
    if (pending === '') setImmediate(flushLog)
    pending += `${JSON.stringify(entry)}\n`
    if (pending.length > 65_536) flushLog()
  }
  const options: FetchHandlerOptions = {
    corsOrigins: settings.corsOrigins,
    exportWorkbook: workbookStream,
    log: writeLog,
    ...(settings.submissionsPerMinute !== undefined ? { submissionsPerMinute: settings.submissionsPerMinute } : {}),
    ...(settings.trackingPerMinute !== undefined ? { trackingPerMinute: settings.trackingPerMinute } : {}),
    ...(settings.staffPerMinute !== undefined ? { staffPerMinute: settings.staffPerMinute } : {}),
    ...(settings.searchesPerMinute !== undefined ? { searchesPerMinute: settings.searchesPerMinute } : {}),
    ...(settings.staticDir ? { fallback: serveStatic(settings.staticDir) } : {}),
  }
  if (settings.open311) {
    try {
      options.fallback = await open311Fallback(service, settings.open311, options, options.fallback)
    } catch (error) {
      await store.close()
      fail(describe(error), 2)
    }
  }
  let running: RunningServer
  try {
    running = await serve(createFetchHandler(service, options), { port: settings.port, host: settings.host, trustProxy: settings.trustProxy })
  } catch (error) {
    await store.close()
    fail(`cannot listen on ${settings.host}:${settings.port}: ${describe(error)}`)
  }

  // Deliveries run beside the requests, on their own clock: a slow receiver never holds one up.
  const worker = startWebhookWorker(store, settings.webhooks, (entry) => writeLog({ time: new Date().toISOString(), webhook: entry }))
  // Deadline escalation catches up at once, then looks again now and then.
  const escalating = startEscalationLoop(service, settings.escalation, (entry) => writeLog({ time: new Date().toISOString(), ...entry }))
  // Listening for the signals before the banner says where the server is: a supervisor (or a test)
  // that stops the server as soon as it reads the banner must find it stopping, not killed.
  let stopping = false
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: stop waiting for slow requests.
      running.server.closeAllConnections()
      return
    }
    stopping = true
    flushLog()
    process.stdout.write(`${signal}: stopping…\n`)
    // Requests in flight may finish for a few seconds; then their connections are cut.
    const force = setTimeout(() => running.server.closeAllConnections(), 5_000)
    force.unref()
    try {
      await running.close()
      clearTimeout(force)
      await escalating?.stop()
      await worker?.stop()
      await store.close()
    } catch (error) {
      fail(`error while stopping: ${describe(error)}`)
    }
    process.exit(0)
  }
  process.on('SIGINT', (signal) => void stop(signal))
  process.on('SIGTERM', (signal) => void stop(signal))
  const base = running.url
  process.stdout.write(
    [
      'Liuyan 留言 board server',
      `  site:        ${base}/${settings.staticDir ? `  (${settings.staticDir})` : ''}`,
      `  boards:      ${base}/api/v1/boards`,
      `  openapi:     ${base}/api/v1/openapi.json`,
      ...(settings.open311 ? [`  open311:     ${base}/open311/v2/discovery.json  (${Object.entries(settings.open311.jurisdictions).map(([j, b]) => `${j} → ${b}`).join(', ')})`] : []),
      `  calendars:   ${calendarsLine(settings.calendars)}`,
      `  database:    ${inMemory ? ':memory: (lost on exit)' : postgres ? `${redactUrl(settings.db)} (PostgreSQL)` : resolve(settings.db)}`,
      `  tracking key: ${trackingKeyLine(trackingKey)}`,
      `  rate limit:  ${perClient(settings.submissionsPerMinute, 300, 'submissions')}, ${perClient(settings.trackingPerMinute, 60, 'tracking-code requests')}, ${perClient(settings.searchesPerMinute, 120, 'searches')}`,
      // Behind a proxy without --trust-proxy every citizen shares the proxy's address and budget.
      settings.trustProxy
        ? '  client IP:   first X-Forwarded-For entry (--trust-proxy; scheme and host from X-Forwarded-Proto, -Host)'
        : `  client IP:   the connection's address (behind a reverse proxy, add --trust-proxy)`,
      `  escalation:  ${escalationLine(settings.escalation)}`,
      `  webhooks:    ${settings.webhooks.concurrency ? `${settings.webhooks.concurrency} at once, ${settings.webhooks.timeoutMs} ms per attempt` : 'not delivered by this instance (--webhook-concurrency off)'}`,
      ...(settings.corsOrigins.length ? [`  CORS:        ${settings.corsOrigins.join(', ')}`] : []),
      ...(seedLine ? [`  ${seedLine}`] : []),
      ...(tokenLine ? [`  ${tokenLine}`] : []),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  )
  if (settings.demoToken && process.stderr.isTTY) process.stderr.write(`demo staff token: ${settings.demoToken}\n`)
}

/** A banner phrase such as `300 submissions/min per client`. */
function perClient(setting: number | false | undefined, fallback: number, what: string): string {
  return setting === false ? `${what} off` : `${setting ?? fallback} ${what}/min per client`
}

/** The years deadlines know, and where those of --calendar came from. */
function calendarsLine(files: Settings['calendars']): string {
  const sources = files.map(({ file, calendar }) => `${calendar.year} from ${resolve(file)}`)
  return `${knownYears().join(', ')}${sources.length ? ` (${sources.join('; ')})` : ''}; other years count weekends only`
}

function trackingKeyLine(key: LoadedTrackingKey): string {
  if (key.source === 'random') return 'random, for this run (memory database)'
  if (key.source === 'LIUYAN_TRACKING_KEY') return 'from LIUYAN_TRACKING_KEY'
  return `${key.source}${key.created ? ' (created: back it up apart from the database)' : ''}`
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function fail(message: string, code = 1): never {
  process.stderr.write(`liuyan-server: ${message}\n`)
  process.exit(code)
}

main(process.argv.slice(2)).catch((error: unknown) => fail(describe(error)))
