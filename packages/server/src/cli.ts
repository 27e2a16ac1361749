#!/usr/bin/env node
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { knownYears, registerCalendar, STAFF_ROLES } from '@liuyan/core'
import { parse, USAGE, UsageError, type Settings } from './cli-options.js'
import { DatabaseOpenError, isPostgresUrl, openPostgresForCli, postgresKeyProblem, redactUrl } from './database-url.js'
import { createFetchHandler, type FetchHandlerOptions } from './http.js'
import { runExportCommand } from './export-command.js'
import { runCopyCommand } from './copy-command.js'
import { escalationLine, startEscalationLoop } from './escalation/options.js'
import { runImportCommand } from './import-command.js'
import { runMigrateCommand } from './migrate-command.js'
import { open311Fallback } from './open311/cli.js'
import { serve, workbookStream, type RunningServer } from './node.js'
import { seedDemo } from './seed.js'
import { createBoardService, TrackingKeyMismatchError } from './service.js'
import { serveStatic } from './static.js'
import { createMemoryStore } from './store/memory.js'
import { loadTrackingKeyFor, TrackingKeyFileError, type LoadedTrackingKey } from './tracking-key-file.js'
import { hasTrackingKeyCheck } from './tracking-codes.js'
import { createSqliteStore, SqliteDriverMissingError } from './store/sqlite.js'
import type { Store } from './store/types.js'
import { runTokenCommand } from './token-command.js'
import { runWebhookCommand, startWebhookWorker } from './webhook-command.js'

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
      store = createSqliteStore(settings.db, { readWorkers: settings.readWorkers })
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
      `  database:    ${inMemory ? ':memory: (lost on exit)' : postgres ? `${redactUrl(settings.db)} (PostgreSQL)` : `${resolve(settings.db)} (SQLite, ${settings.readWorkers} read worker${settings.readWorkers === 1 ? '' : 's'})`}`,
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
