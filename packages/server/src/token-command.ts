import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { STAFF_ROLES, type StaffRole } from '@liuyan/core'
import { isServiceError } from './errors.js'
import { createBoardService } from './service.js'
import { isPostgresUrl, redactUrl } from './database-url.js'
import { createPostgresStore, PostgresDriverMissingError } from './store/postgres.js'
import { createSqliteStore, SqliteDriverMissingError } from './store/sqlite.js'
import type { StaffToken, Store } from './store/types.js'

/** The database `liuyan-server` and its token commands use without `--db`. */
export const DEFAULT_DATABASE = '.liuyan/board.db'

const EXIT_CODES = `Exit codes: 0 done; 2 bad usage (an unknown option, role or board, a hash or label that
matches several tokens); 1 the database cannot be opened, or no token matched.`

const USAGE = `Usage: liuyan-server token <command> [options]

Manages the staff tokens of the server's SQLite database, also while a server runs on it: a server
on the same file sees each change from its next request.

Commands:
  create   create a token for a label, roles and boards, and print it once
  list     list the tokens by the start of their hash (the tokens themselves are not stored)
  revoke   revoke a token by the start of its hash or by its label

Run "liuyan-server token <command> --help" for the options of each.

${EXIT_CODES}`

export const DB_LINE = `  --db FILE|URL  the server's SQLite database, which must exist, or its
                 postgres:// URL (LIUYAN_DATABASE_URL)               (default ${DEFAULT_DATABASE})`

const CREATE_USAGE = `Usage: liuyan-server token create --label TEXT --role ROLE [--role ROLE ...]
                                  --board ID [--board ID ...] [--db FILE]

Creates a staff token and prints it once on stdout, with its hash, label, roles and boards. Only
its SHA-256 hash is stored: the token cannot be shown again. Nothing is stored when a role or a
board is unknown.

Options:
  --label TEXT   who holds it, shown to staff on the timeline (1 to 100 characters)
  --role ROLE    reviewer, handler or supervisor (repeatable)
  --board ID     a board the token covers, with every board below it (repeatable)
${DB_LINE}
  -h, --help     show this help

${EXIT_CODES}`

const LIST_USAGE = `Usage: liuyan-server token list [--db FILE]

Lists the staff tokens, oldest first, one line per token with tab-separated fields: the first 12
hex digits of its SHA-256 hash, its label, roles, boards and creation time. The tokens themselves
are not stored and never shown.

Options:
${DB_LINE}
  -h, --help     show this help

${EXIT_CODES}`

const REVOKE_USAGE = `Usage: liuyan-server token revoke (--hash HEX | --label TEXT) [--db FILE]

Revokes one staff token. A server on the same database refuses it from its next request.

Options:
  --hash HEX     the token's SHA-256 hash, whole or its first 8 or more hex digits (as
                 "liuyan-server token list" shows them); must match one token
  --label TEXT   the token's label; only when exactly one token has it
${DB_LINE}
  -h, --help     show this help

${EXIT_CODES}`

/** A bad command line: reported with a hint to the help and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The command ran but could not do its work: reported with exit code 1. */
export class CommandFailure extends Error {
  override name = 'CommandFailure'
}

export const DB_OPTION = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const

/**
 * Runs `liuyan-server token …` (`argv` is what follows `token`) and resolves the exit code. Writes
 * the result to stdout and problems to stderr; a token appears only on stdout, when `create` made it.
 */
export async function runTokenCommand(argv: readonly string[]): Promise<number> {
  // `liuyan-server token list | head` must not end in a stack trace when head stops reading.
  process.stdout.on('error', () => {})
  const [command, ...rest] = argv
  const name = `liuyan-server token${command === 'create' || command === 'list' || command === 'revoke' ? ` ${command}` : ''}`
  try {
    switch (command) {
      case 'create':
        return await create(rest)
      case 'list':
        return await list(rest)
      case 'revoke':
        return await revoke(rest)
      case '-h':
      case '--help':
        write(USAGE)
        return 0
      case undefined:
        throw new UsageError('say what to do: create, list or revoke')
      default:
        // Not echoed: a token pasted in the wrong place must not end up in a terminal log.
        throw new UsageError('unknown command; the commands are create, list and revoke')
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\nRun "${name} --help" for the options.\n`)
      return 2
    }
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}

async function create(argv: readonly string[]): Promise<number> {
  const values = parse(argv, {
    ...DB_OPTION,
    label: { type: 'string' },
    role: { type: 'string', multiple: true },
    board: { type: 'string', multiple: true },
  })
  if (values.help) return write(CREATE_USAGE)
  const label = checkLabel(values.label)
  const roles = values.role ?? []
  if (roles.length === 0) throw new UsageError(`give at least one --role: ${STAFF_ROLES.join(', ')}`)
  const boards = [...new Set(values.board ?? [])]
  if (boards.length === 0) throw new UsageError('give at least one --board: the id of a board the token covers')

  const { store, path } = await openDatabase(values.db, { writable: true })
  try {
    let created: { token: string; record: StaffToken }
    try {
      // The service checks the roles and boards and stores nothing when one is unknown.
      created = await createBoardService({ store }).createToken({ label, roles: roles as StaffRole[], boardIds: boards })
    } catch (error) {
      if (isServiceError(error) && error.code === 'validation_failed') throw new UsageError(refusal(error.issues ?? [], roles, boards, path))
      throw error
    }
    const { token, record } = created
    const names = await Promise.all(record.boardIds.map(async (id) => (await store.read.getBoard(id))?.name))
    write(
      [
        `token:   ${token}`,
        `hash:    ${shortHash(record)}`,
        `label:   ${shown(record.label)}`,
        `roles:   ${record.roles.join(', ')}`,
        `boards:  ${record.boardIds.map((id, i) => (names[i] ? `${shown(id)} (${shown(names[i])})` : shown(id))).join(', ')}`,
      ].join('\n'),
    )
    process.stderr.write('The token above is shown this once: only its SHA-256 hash is stored. Hand it to its holder over a secure channel.\n')
    return 0
  } finally {
    await store.close()
  }
}

async function list(argv: readonly string[]): Promise<number> {
  const values = parse(argv, DB_OPTION)
  if (values.help) return write(LIST_USAGE)
  const { store, path } = await openDatabase(values.db, { writable: false })
  try {
    const tokens = await createBoardService({ store }).listTokens()
    if (tokens.length === 0) {
      process.stderr.write(`No staff tokens in ${path}. Create one with "liuyan-server token create".\n`)
      return 0
    }
    write(tokens.map((t) => describeToken(t).join('\t')).join('\n'))
    return 0
  } finally {
    await store.close()
  }
}

async function revoke(argv: readonly string[]): Promise<number> {
  const values = parse(argv, { ...DB_OPTION, hash: { type: 'string' }, label: { type: 'string' } })
  if (values.help) return write(REVOKE_USAGE)
  const hashArg = values.hash
  const labelArg = values.label
  if (hashArg !== undefined && labelArg !== undefined) throw new UsageError('give --hash or --label, not both')
  if (hashArg === undefined && labelArg === undefined) throw new UsageError('say which token: --hash HEX or --label TEXT')
  let prefix: string | undefined
  if (hashArg !== undefined) {
    prefix = hashArg.trim().toLowerCase()
    // The value is not echoed: it may be the token itself, given by mistake.
    if (!/^[0-9a-f]{8,64}$/.test(prefix)) {
      throw new UsageError('--hash takes the hex SHA-256 of a token, whole or its first 8 or more digits, as "liuyan-server token list" shows them; not the token itself')
    }
  }
  const label = labelArg?.trim()
  if (label === '') throw new UsageError('--label must not be empty')

  const { store, path } = await openDatabase(values.db, { writable: true })
  try {
    const service = createBoardService({ store })
    const tokens = await service.listTokens()
    const matches = prefix !== undefined ? tokens.filter((t) => t.hash.startsWith(prefix)) : tokens.filter((t) => String(t.label ?? '').trim() === label)
    const described = () => matches.map((t) => `${shortHash(t)} ${shown(t.label)}`).join('; ')
    if (matches.length === 0) {
      throw new CommandFailure(
        prefix !== undefined
          ? `no token's hash starts with the digits given, in ${path}; "liuyan-server token list" shows the hashes`
          : `no token has the label ${quoted(label!)} in ${path}; "liuyan-server token list" shows the labels`,
      )
    }
    if (matches.length > 1) {
      throw new UsageError(
        prefix !== undefined
          ? `the digits given start the hash of ${matches.length} tokens (${described()}); give more of the hash`
          : `${matches.length} tokens have the label ${quoted(label!)} (${described()}); revoke one with --hash`,
      )
    }
    const token = matches[0]!
    // Worded before the delete: once it is gone, nothing may fail on the way to saying so.
    const line = `revoked ${describeToken(token).join('\t')}`
    if (!(await service.revokeToken({ hash: token.hash }))) throw new CommandFailure(`token ${shortHash(token)} was revoked meanwhile by someone else`)
    write(line)
    return 0
  } finally {
    await store.close()
  }
}

export function parse<const O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O): ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'] {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values
  } catch (error) {
    const code = (error as { code?: unknown }).code
    // parseArgs quotes stray arguments and unknown options: a token given in the wrong place would be
    // printed. Say what was wrong without quoting anything but a plausible option name.
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError('unexpected argument: every value goes after its option, as in --label TEXT')
    }
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'(-[^']*)'/.exec((error as Error).message)?.[1]
      throw new UsageError(option && /^--?[A-Za-z][A-Za-z-]{0,23}$/.test(option) ? `unknown option ${option}` : 'unknown option')
    }
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

/** The label as stored: trimmed, 1 to 100 characters (what a timeline event's actor name allows). */
function checkLabel(value: string | undefined): string {
  if (value === undefined) throw new UsageError('give --label TEXT: who holds the token, such as "朝阳区城市管理局 办理"')
  const label = value.trim()
  if (label.length < 1 || label.length > 100 || UNSAFE.test(label)) {
    throw new UsageError('--label must be 1 to 100 characters, without line breaks or control characters')
  }
  return label
}

/**
 * Opens the database, which must exist: a mistyped --db would otherwise create an empty database
 * and report that it holds no tokens. It is first opened read-only, which refuses a schema other
 * than this version's, so a token command never migrates a database a server of another version runs on.
 */
export async function openDatabase(db: string | undefined, { writable }: { writable: boolean }): Promise<{ store: Store; path: string }> {
  const file = db ?? (process.env['LIUYAN_DATABASE_URL'] || DEFAULT_DATABASE)
  if (isPostgresUrl(file)) return openPostgres(file)
  if (file === '') throw new UsageError("--db must name the server's SQLite file")
  if (file === ':memory:') throw new UsageError("--db :memory: holds no tokens (a server started with it keeps them in its own memory); name the server's SQLite file")
  const path = resolve(file)
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) throw new CommandFailure(`cannot open the database ${path}: there is no such file (liuyan-server --db ${file} creates it)`)
  if (!stat.isFile()) throw new CommandFailure(`cannot open the database ${path}: it is not a file`)
  try {
    const store = createSqliteStore(path, { readonly: true })
    if (!writable) return { store, path }
    await store.close()
    // The server on this file owns re-rendering public views; a token command writes tokens only.
    return { store: createSqliteStore(path, { refreshPublicViews: false }), path }
  } catch (error) {
    if (error instanceof SqliteDriverMissingError) {
      throw new CommandFailure('the token commands work on the server\'s SQLite file and need the better-sqlite3 package: install it beside @liuyan/server (npm install better-sqlite3)')
    }
    const message = error instanceof Error ? error.message : String(error)
    const older = /schema version (\d+), older than (\d+)/.exec(message)
    throw new CommandFailure(
      older
        ? `cannot open the database ${path}: its schema version ${older[1]} is older than ${older[2]}; back it up and start this version of liuyan-server on it once to migrate it`
        : `cannot open the database ${path}: ${message}`,
    )
  }
}

/** The PostgreSQL database of `--db`, at this version's schema (never migrated by a token command). */
async function openPostgres(url: string): Promise<{ store: Store; path: string }> {
  const path = redactUrl(url)
  try {
    return { store: await createPostgresStore(url, { migrate: false }), path }
  } catch (error) {
    if (error instanceof PostgresDriverMissingError) {
      throw new CommandFailure('the token commands on a PostgreSQL database need the pg package: install it beside @liuyan/server (npm install pg)')
    }
    throw new CommandFailure(`cannot open the database ${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The command-line reading of a createToken refusal: the roles and boards it names. */
function refusal(issues: readonly { path: readonly PropertyKey[]; code: string }[], roles: readonly string[], boards: readonly string[], path: string): string {
  const badRoles: string[] = []
  const badBoards: string[] = []
  for (const issue of issues) {
    const [field, index] = issue.path
    if (field === 'roles' && typeof index === 'number') badRoles.push(quoted(roles[index] ?? ''))
    if (field === 'boardIds' && typeof index === 'number') badBoards.push(quoted(boards[index] ?? ''))
  }
  const parts = [
    ...(badRoles.length ? [`unknown role${badRoles.length > 1 ? 's' : ''} ${badRoles.join(', ')} (the roles are ${STAFF_ROLES.join(', ')})`] : []),
    ...(badBoards.length ? [`no board ${badBoards.join(', ')} in ${path}`] : []),
  ]
  return `no token created: ${parts.length ? parts.join('; ') : 'the roles or boards were refused'}`
}

/** Control characters, and the bidirectional controls that reorder what a terminal shows. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

/**
 * Stored text made safe to print on a terminal: records written by scripts, or by older versions,
 * may hold anything in any field, or nothing.
 */
export function shown(text: unknown): string {
  return String(text ?? '').replace(new RegExp(UNSAFE.source, 'gu'), '\uFFFD')
}

/** A token's fields as `list` and `revoke` print them, every one made safe to print. */
function describeToken(token: StaffToken): string[] {
  const list = (values: unknown) => (Array.isArray(values) ? values.map(shown).join(',') : shown(values))
  return [shortHash(token), shown(token.label), list(token.roles) || '-', list(token.boardIds) || '-', shown(token.createdAt)]
}

function quoted(text: string): string {
  return `"${shown(text)}"`
}

function shortHash(token: StaffToken): string {
  return token.hash.slice(0, 12)
}

function write(text: string): 0 {
  process.stdout.write(`${text}\n`)
  return 0
}
