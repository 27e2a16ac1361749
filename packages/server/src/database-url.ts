// The CLI's PostgreSQL databases: recognizing and checking a `--db postgres://…` URL, opening the
// store with errors that name the cause (never the password), and where its tracking key comes from.
import { createPostgresStore, PostgresDriverMissingError, redactUrl, type PostgresStore } from './store/postgres.js'

export { redactUrl }

/** Whether `--db` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(db)
}

/** What is wrong with a PostgreSQL URL, or undefined when it can be tried. */
export function postgresUrlProblem(db: string): string | undefined {
  try {
    new URL(db)
  } catch {
    // Host, port and the rest are the driver's to judge: it names what it could not reach.
    return `--db ${redactUrl(db)} is not a valid PostgreSQL URL; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE`
  }
  return undefined
}

/** A database the CLI cannot use: the message to print and the exit code. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError'
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message)
  }
}

/**
 * Opens the PostgreSQL store of `--db`: connects and migrates. A missing driver exits 1 (as for
 * SQLite's); a database that is down, refuses the login, does not exist or fails a migration exits
 * 2 with the cause, and the URL shown without its password.
 */
export async function openPostgresForCli(db: string): Promise<PostgresStore> {
  try {
    return await createPostgresStore(db)
  } catch (error) {
    if (error instanceof PostgresDriverMissingError) {
      throw new DatabaseOpenError(`--db ${redactUrl(db)} is a PostgreSQL database, which needs the pg package: install it beside @liuyan/server (npm install pg)`, 1)
    }
    const message = error instanceof Error ? error.message : String(error)
    throw new DatabaseOpenError(`cannot open the database ${redactUrl(db)}: ${scrub(message, db)}`, 2)
  }
}

/** A message with the URL's password taken out, should a driver ever repeat it. */
function scrub(message: string, db: string): string {
  let password = ''
  try {
    password = decodeURIComponent(new URL(db).password)
  } catch {
    // No URL, no password to find.
  }
  return password ? message.split(password).join('***') : message
}

/**
 * Why a PostgreSQL database cannot get its tracking key, or undefined when it can: there is no file
 * beside the database, so the key is LIUYAN_TRACKING_KEY (the same on every instance) or
 * `--tracking-key FILE`.
 */
export function postgresKeyProblem(env: string | undefined, file: string | undefined, hasKeyedCodes: boolean): string | undefined {
  if (env !== undefined || file !== undefined) return undefined
  return hasKeyedCodes
    ? "the database's tracking codes were stored under a tracking key: give that key with LIUYAN_TRACKING_KEY or --tracking-key FILE, or no author can follow a message"
    : 'a PostgreSQL database keeps its tracking key outside the database: set LIUYAN_TRACKING_KEY (the same on every instance; make one with `openssl rand -base64 32`) or give --tracking-key FILE (created on this first start)'
}
