// The command line of `liuyan-server [options]` (the server itself; the commands such as `token`
// and `migrate` parse their own): the usage text, the options and their checks.
import { statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { HolidayCalendar } from '@liuyan/core'
import { readCalendarFile } from './calendar-file.js'
import { isPostgresUrl, postgresUrlProblem } from './database-url.js'
import { ESCALATION_OPTIONS, ESCALATION_OPTIONS_USAGE, parseEscalationOptions, type EscalationSettings } from './escalation/options.js'
import { OPEN311_USAGE, parseOpen311, type Open311Settings } from './open311/cli.js'
import { DEFAULT_DATABASE } from './token-command.js'
import { parseWebhookOptions, WEBHOOK_OPTIONS, WEBHOOK_OPTIONS_USAGE, type WebhookSettings } from './webhook-command.js'

export const USAGE = `Usage: liuyan-server [options]
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
  --read-workers N       threads answering a SQLite file's statistics and hot-spot
                         reads, so they hold up no other request; 0 answers them
                         on the server's own thread         (default: cores - 1, at most 4)
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

/** Read workers by default: one per core beside the server's own thread, at most 4. */
const DEFAULT_READ_WORKERS = Math.min(4, Math.max(0, availableParallelism() - 1))

/** A bad command line: reported with the usage hint and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export interface Settings {
  port: number
  host: string
  db: string
  /** Read worker threads of a SQLite store (SqliteStoreOptions.readWorkers). */
  readWorkers: number
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
  'read-workers': { type: 'string' },
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

/** The settings of `liuyan-server [options]`, or `help`; a bad command line throws a {@link UsageError}. */
export function parse(argv: string[]): Settings | 'help' {
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
    readWorkers: DEFAULT_READ_WORKERS,
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
  if (values['read-workers'] !== undefined) {
    if (!/^\d{1,2}$/.test(values['read-workers'])) throw new UsageError(`--read-workers must be a whole number from 0 to 99, got "${values['read-workers']}"`)
    settings.readWorkers = Number(values['read-workers'])
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
