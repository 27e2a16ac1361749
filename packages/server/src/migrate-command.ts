import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DatabaseOpenError, isPostgresUrl, openPostgresForCli, postgresKeyProblem, redactUrl } from './database-url.js'
import { createBoardService, TrackingKeyMismatchError } from './service.js'
import { createSqliteStore, SqliteDriverMissingError } from './store/sqlite.js'
import type { Store } from './store/types.js'
import { hasTrackingKeyCheck } from './tracking-codes.js'
import { DEFAULT_DATABASE } from './token-command.js'
import { loadTrackingKeyFor, TrackingKeyFileError } from './tracking-key-file.js'

const USAGE = `Usage: liuyan-server migrate [--db FILE|URL] [--tracking-key FILE]

Brings the server's SQLite or PostgreSQL database up to this version and exits: applies the numbered schema
migrations it lacks (in one transaction), renders the stored public views again when their rules
changed, and stores tracking codes an older version kept in the clear as keyed hashes (with the
tracking key, as the server does). A server start does the same; run this before an upgrade's first
start to see it done, or from a deployment script. Back the database up first.

Options:
  --db FILE|URL        the SQLite database, which must exist, or a postgres:// URL
                       (LIUYAN_DATABASE_URL)                           (default ${DEFAULT_DATABASE})
  --tracking-key FILE  the tracking key file (default FILE.key; none for PostgreSQL);
                       LIUYAN_TRACKING_KEY overrides it
  -h, --help           show this help

Exit codes: 0 done; 2 bad usage, a missing or wrong tracking key, or a PostgreSQL database that
cannot be reached or fails a migration; 1 a SQLite database that cannot be opened.`

/** `liuyan-server migrate`: resolves the exit code; writes its report to stdout and problems to stderr. */
export async function runMigrateCommand(argv: string[]): Promise<number> {
  let values: { db?: string | undefined; 'tracking-key'?: string | undefined; help?: boolean | undefined }
  try {
    values = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, 'tracking-key': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    process.stderr.write(`liuyan-server migrate: ${error instanceof Error ? error.message : String(error)}\nRun "liuyan-server migrate --help" for the options.\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const given = values.db ?? (process.env['LIUYAN_DATABASE_URL'] || DEFAULT_DATABASE)
  const postgres = isPostgresUrl(given)
  const db = postgres ? redactUrl(given) : resolve(given)
  const fail = (message: string, code: number) => {
    process.stderr.write(`liuyan-server migrate: ${message}\n`)
    return code
  }
  let store: Store & { readonly migration: { readonly from: number; readonly to: number } }
  if (postgres) {
    try {
      store = await openPostgresForCli(given)
    } catch (error) {
      if (error instanceof DatabaseOpenError) return fail(error.message, error.exitCode)
      throw error
    }
  } else {
    try {
      // Created on open otherwise: a mistyped path must not make an empty database.
      if (!statSync(db, { throwIfNoEntry: false })?.isFile()) return fail(`there is no database at ${db}`, 1)
      store = createSqliteStore(db)
    } catch (error) {
      if (error instanceof SqliteDriverMissingError) return fail(error.message, 1)
      return fail(`cannot open the database ${db}: ${error instanceof Error ? error.message : String(error)}`, 1)
    }
  }
  try {
    const keyFile = values['tracking-key'] ?? (postgres ? undefined : `${db}.key`)
    const keyProblem = postgres && postgresKeyProblem(process.env['LIUYAN_TRACKING_KEY'], keyFile, await hasTrackingKeyCheck(store))
    if (keyProblem) return fail(keyProblem, 2)
    const key = await loadTrackingKeyFor(store, keyFile === undefined ? undefined : resolve(keyFile))
    await createBoardService({ store, trackingKey: key.key }).ready()
    const { from, to } = store.migration
    process.stdout.write(
      `${db}: schema version ${to}${from === to ? ' (already up to date)' : ` (migrated from ${from})`}; tracking codes stored as keyed hashes (key ${key.source === 'LIUYAN_TRACKING_KEY' ? 'from LIUYAN_TRACKING_KEY' : key.source}${key.created ? ', created' : ''})\n`,
    )
    return 0
  } catch (error) {
    if (error instanceof TrackingKeyFileError || error instanceof TrackingKeyMismatchError) return fail(error.message, 2)
    return fail(error instanceof Error ? error.message : String(error), 1)
  } finally {
    await store.close()
  }
}
