// `liuyan-server copy`: moves a board's subtree, with everything in it, from a SQLite file to a
// PostgreSQL database, resumably (a cursor kept in the target), and checks the counts at the end.
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DatabaseOpenError, isPostgresUrl, openPostgresForCli, redactUrl } from './database-url.js'
import type { PostgresStore } from './store/postgres.js'
import { loadDriver } from './store/postgres/driver.js'
import { subtreeIds } from './store/shared.js'
import { createSqliteStore, SqliteDriverMissingError, type SqliteStore } from './store/sqlite.js'
import type { IdempotencyRecord, StoredResponse } from './store/types.js'

const USAGE = `Usage: liuyan-server copy --from FILE.db --to postgres://… [--board ID] [--idempotency]

Copies a SQLite database, or one board and every board below it, into a PostgreSQL database: the
boards, their messages with timelines and tracking-code hashes, the staff tokens that see only
copied boards, the service's settings (the tracking key's check value among them) and, with
--idempotency, the stored Idempotency-Key answers. Messages are copied in the order they were
stored, a batch per transaction, with the position kept in the target: a copy that stops (Ctrl-C,
a lost connection) continues where it stopped when run again, and a later run copies only
messages added since. At the end the boards, messages, timeline events and tokens of both sides
are counted. Stop the server on the SQLite file first (or keep it from writing): a message changed
after it was copied is not copied again. The target's servers need the SQLite file's tracking key
(LIUYAN_TRACKING_KEY = the content of FILE.db.key).

Options:
  --from FILE.db   the SQLite database, at this version's schema (run liuyan-server migrate first)
  --to URL         the postgres:// database (LIUYAN_DATABASE_URL); migrated if needed
  --board ID       copy this board's subtree only (default: everything)
  --idempotency    copy the stored Idempotency-Key answers too
  -h, --help       show this help

Exit codes: 0 copied and the counts agree; 1 the counts differ or the copy failed; 2 bad usage, a
database that cannot be opened, or another tracking key in the target; 130 interrupted.`

/** How many messages one transaction copies. */
const BATCH = 200
const TRACKING_KEY_CHECK = 'tracking_key_check'

/** What a copy counts on each side. */
export interface CopyCounts {
  boards: number
  messages: number
  events: number
  tokens: number
  idempotency: number
}

export interface CopyReport {
  source: CopyCounts
  target: CopyCounts
  /** Messages this run copied, and those an earlier run had. */
  copied: number
  before: number
  /** Tokens left out: they see boards outside the copy. */
  tokensLeftOut: number
}

/** A refusal before anything is copied (exit code 2). */
export class CopySetupError extends Error {
  override name = 'CopySetupError'
}

export interface CopyOptions {
  /** The root of the subtree copied; every board when absent. */
  boardId?: string
  idempotency?: boolean
  batchSize?: number
  /** Aborted: the copy stops after the batch being written (which commits whole or not at all). */
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

/** Counts of the target, read with a connection of its own (the store's API has no such counts). */
export interface TargetCounter {
  counts(boardIds: readonly string[], tokenHashes: readonly string[], idempotency: boolean): Promise<CopyCounts>
  close(): Promise<void>
}

/** A {@link TargetCounter} on the PostgreSQL database at `url`. */
export async function postgresCounter(url: string): Promise<TargetCounter> {
  const { Pool } = await loadDriver()
  const pool = new Pool({ connectionString: url, max: 1 })
  pool.on('error', () => {})
  const one = async (text: string, values: unknown[]) => Number((await pool.query<{ n: string }>(text, values)).rows[0]!.n)
  return {
    async counts(boardIds, tokenHashes, idempotency) {
      return {
        boards: await one('SELECT count(*) AS n FROM boards WHERE id = ANY($1::text[])', [boardIds]),
        messages: await one('SELECT count(*) AS n FROM messages WHERE board_id = ANY($1::text[])', [boardIds]),
        events: await one('SELECT count(*) AS n FROM events e JOIN messages m ON m.seq = e.message_seq WHERE m.board_id = ANY($1::text[])', [boardIds]),
        tokens: await one('SELECT count(*) AS n FROM tokens WHERE hash = ANY($1::text[])', [tokenHashes]),
        idempotency: idempotency ? await one('SELECT count(*) AS n FROM idempotency', []) : 0,
      }
    },
    close: () => pool.end(),
  }
}

/**
 * Copies `options.boardId`'s subtree (or everything) from `source` to `target`; see the command's
 * usage for what is copied. Resolves both sides' counts; throws {@link CopySetupError} before
 * copying anything when the target's tracking key check differs, and an AbortError when aborted.
 */
export async function copyToPostgres(source: SqliteStore, target: PostgresStore, counter: TargetCounter, options: CopyOptions = {}): Promise<CopyReport> {
  const db = source.database
  const unhashed = db.prepare('SELECT count(*) FROM messages WHERE length(tracking_hash) <> 64').pluck().get() as number
  if (unhashed > 0) throw new CopySetupError('the SQLite database still keeps tracking codes in the clear: run liuyan-server migrate on it first')
  const allBoards = await source.read.listBoards()
  if (options.boardId !== undefined && !allBoards.some((b) => b.id === options.boardId)) {
    throw new CopySetupError(`there is no board ${options.boardId} in the SQLite database`)
  }
  const ids = options.boardId === undefined ? new Set(allBoards.map((b) => b.id)) : subtreeIds([options.boardId], allBoards)
  const boards = allBoards.filter((b) => ids.has(b.id))
  const boardList = JSON.stringify([...ids])
  const tokens = (await source.read.listTokens()).filter((t) => options.boardId === undefined || t.boardIds.every((id) => ids.has(id)))
  const tokensLeftOut = (await source.read.listTokens()).length - tokens.length
  const settings = db.prepare("SELECT substr(key, 9) AS name, value FROM meta WHERE key LIKE 'setting:%'").all() as Array<{ name: string; value: unknown }>

  const sourceCheck = settings.find((s) => s.name === TRACKING_KEY_CHECK)?.value
  const targetCheck = await target.read.getSetting(TRACKING_KEY_CHECK)
  if (sourceCheck !== undefined && targetCheck !== undefined && String(sourceCheck) !== targetCheck) {
    throw new CopySetupError('the PostgreSQL database keeps tracking codes under another tracking key; copy into a database of the same key, or a new one')
  }
  // Parents first, so each board's closure is complete when it is stored.
  const depth = (id: string | null, seen = 0): number => (id === null || !ids.has(id) || seen > 64 ? 0 : 1 + depth(allBoards.find((b) => b.id === id)!.parentId, seen + 1))
  await target.transaction(async (tx) => {
    for (const board of [...boards].sort((a, b) => depth(a.parentId) - depth(b.parentId))) await tx.putBoard(board)
    for (const token of tokens) await tx.putToken(token)
    for (const setting of settings) await tx.putSetting(setting.name, String(setting.value))
  })

  const inScope = options.boardId === undefined ? '1' : 'board_id IN (SELECT value FROM json_each(@boards))'
  const total = db.prepare(`SELECT count(*) FROM messages WHERE ${inScope}`).pluck().get({ boards: boardList }) as number
  const cursorName = `copy_cursor:${options.boardId ?? '*'}`
  let cursor = Number((await target.read.getSetting(cursorName)) ?? 0)
  const before = db.prepare(`SELECT count(*) FROM messages WHERE rid <= @cursor AND ${inScope}`).pluck().get({ cursor, boards: boardList }) as number
  // By rowid, so the whole copy reads the table once, whatever the size of the board.
  const next = db.prepare(`SELECT rid, id, tracking_hash AS hash FROM messages WHERE rid > @cursor AND ${inScope} ORDER BY rid LIMIT @limit`)
  let copied = 0
  options.onProgress?.(before, total)
  for (;;) {
    options.signal?.throwIfAborted()
    const rows = next.all({ cursor, boards: boardList, limit: options.batchSize ?? BATCH }) as Array<{ rid: number; id: string; hash: string }>
    if (rows.length === 0) break
    const messages = await Promise.all(rows.map(async (row) => ({ message: (await source.read.getMessage(row.id))!, hash: row.hash })))
    const last = rows[rows.length - 1]!.rid
    // The batch and the cursor past it commit together: a run cut off anywhere resumes exactly.
    await target.transaction(async (tx) => {
      for (const { message, hash } of messages) if (!(await tx.getMessage(message.id))) await tx.insertMessage(message, hash)
      await tx.putSetting(cursorName, String(last))
    })
    cursor = last
    copied += rows.length
    options.onProgress?.(before + copied, total)
  }

  if (options.idempotency) {
    const records = db.prepare('SELECT scope, key, fingerprint, state, created_at, response FROM idempotency').all() as Array<{ scope: string; key: string; fingerprint: string; state: 'running' | 'done'; created_at: string; response: string | null }>
    await target.transaction(async (tx) => {
      for (const r of records) {
        const record: IdempotencyRecord = { scope: r.scope, key: r.key, fingerprint: r.fingerprint, state: r.state, createdAt: r.created_at }
        if (r.response !== null) record.response = JSON.parse(r.response) as StoredResponse
        await tx.beginIdempotency(record)
      }
    })
  }

  const sourceCounts: CopyCounts = {
    boards: boards.length,
    messages: total,
    events: db.prepare(`SELECT count(*) FROM events WHERE message_id IN (SELECT id FROM messages WHERE ${inScope})`).pluck().get({ boards: boardList }) as number,
    tokens: tokens.length,
    idempotency: options.idempotency ? (db.prepare('SELECT count(*) FROM idempotency').pluck().get() as number) : 0,
  }
  const targetCounts = await counter.counts([...ids], tokens.map((t) => t.hash), options.idempotency === true)
  return { source: sourceCounts, target: targetCounts, copied, before, tokensLeftOut }
}

/** `liuyan-server copy`: resolves the exit code; the report goes to stdout, problems to stderr. */
export async function runCopyCommand(argv: string[]): Promise<number> {
  let values: { from?: string | undefined; to?: string | undefined; board?: string | undefined; idempotency?: boolean | undefined; help?: boolean | undefined }
  const fail = (message: string, code: number) => {
    process.stderr.write(`liuyan-server copy: ${message}\n`)
    return code
  }
  try {
    values = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, board: { type: 'string' }, idempotency: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\nRun "liuyan-server copy --help" for the options.`, 2)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const url = values.to ?? process.env['LIUYAN_DATABASE_URL']
  if (!values.from) return fail('give the SQLite database to copy from: --from FILE.db', 2)
  if (!url || !isPostgresUrl(url)) return fail('give the PostgreSQL database to copy to: --to postgres://USER:PASSWORD@HOST:PORT/DATABASE', 2)
  const file = resolve(values.from)
  let source: SqliteStore
  try {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return fail(`there is no database at ${file}`, 2)
    source = createSqliteStore(file, { readonly: true })
  } catch (error) {
    return fail(error instanceof SqliteDriverMissingError ? error.message : `cannot open the database ${file}: ${error instanceof Error ? error.message : String(error)}`, 2)
  }
  let target: PostgresStore
  try {
    target = await openPostgresForCli(url)
  } catch (error) {
    await source.close()
    if (error instanceof DatabaseOpenError) return fail(error.message.replace('--db ', '--to '), 2)
    throw error
  }
  const counter = await postgresCounter(url)
  const abort = new AbortController()
  const interrupt = () => abort.abort()
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  // Loaded only for a terminal: the bar is all the CLI needs of it.
  const cliProgress = process.stderr.isTTY ? (await import('cli-progress')).default : undefined
  const bar = cliProgress
    ? new cliProgress.SingleBar({ format: 'copying [{bar}] {percentage}% | {value}/{total} messages | {eta_formatted} left', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined
  const options: CopyOptions = {
    signal: abort.signal,
    idempotency: values.idempotency === true,
    onProgress: (done, total) => (bar?.isActive ? bar.update(done) : bar?.start(total, done)),
  }
  if (values.board !== undefined) options.boardId = values.board
  try {
    const report = await copyToPostgres(source, target, counter, options)
    bar?.stop()
    const rows = (Object.keys(report.source) as Array<keyof CopyCounts>).filter((k) => k !== 'idempotency' || options.idempotency)
    const differ = rows.filter((k) => report.source[k] !== report.target[k])
    process.stdout.write(
      `${file} → ${redactUrl(url)}${values.board ? ` (board ${values.board} and below)` : ''}: ${report.copied} messages copied now, ${report.before} before\n` +
        rows.map((k) => `  ${k.padEnd(12)} source ${String(report.source[k]).padStart(8)}  target ${String(report.target[k]).padStart(8)}${report.source[k] === report.target[k] ? '' : '  DIFFERENT'}\n`).join('') +
        (report.tokensLeftOut ? `  ${report.tokensLeftOut} token(s) left out: they see boards outside the copy\n` : ''),
    )
    if (differ.length > 0) return fail(`the counts differ (${differ.join(', ')}): the target holds other data for these boards, or the source changed during the copy`, 1)
    return 0
  } catch (error) {
    bar?.stop()
    if (abort.signal.aborted) return fail('interrupted; run the same command again to continue where it stopped', 130)
    if (error instanceof CopySetupError) return fail(error.message, 2)
    return fail(error instanceof Error ? error.message : String(error), 1)
  } finally {
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
    await counter.close()
    await target.close()
    await source.close()
  }
}
