// Reads of the SQLite store: messages with their timelines, list pages by keyset, the public
// views kept as JSON, tokens, settings and idempotency records.
import { isPubliclyVisible, OPEN_STATUSES, toPublicMessage } from '@liuyan/core'
import { SqliteOutbox } from './outbox.js'
import type { Board, BoardStats, InboxCounts, Message, Page, ReplyTemplate } from '@liuyan/core'
import { boardStatsFromCounts } from '../stats-keeping.js'
import { sqliteStatsCounts } from './stats.js'
import type Database from 'better-sqlite3'
import { compareTokens, cursorAfter, dueKeySql, encodeCursor, planQuery, PUBLIC_VIEW_VERSION, renderPublic } from '../shared.js'
import type { ListPlan } from '../shared.js'
import type {
  IdempotencyRecord,
  InboxCountsStoreQuery,
  MessageQuery,
  StaffToken,
  BoardCounts,
  StatsCountsQuery,
  StatsQuery,
  StoredResponse,
  StoreReader,
} from '../types.js'
import type { Connection } from './connection.js'
import { SqliteHotspots } from './hotspots.js'
import type { GroupMessagesStoreQuery, GroupsStoreQuery, HeatStoreQuery } from '../hotspots.js'
import { countInbox, getTemplate, listTemplates } from './staff-tools.js'
import { chooseTerms, keywordSql, type KeywordTerms } from './keyword.js'

// Kept in shared.ts, where the PostgreSQL store reads them too; re-exported for this store's modules.
export { PUBLIC_VIEW_VERSION, renderPublic } from '../shared.js'

/** The `meta` key of a service setting (kept apart from the store's own bookkeeping keys). */
export function settingKey(name: string): string {
  return `setting:${name}`
}

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

export interface MessageRecord {
  id: string
  doc: string
}

interface EventRecord {
  message_id: string
  doc: string
}

interface IdempotencyColumns {
  scope: string
  key: string
  fingerprint: string
  state: 'running' | 'done'
  created_at: string
  response: string | null
}

export class SqliteReader implements StoreReader {
  protected readonly connection: Connection
  protected readonly check: () => void
  readonly outbox: SqliteOutbox
  /** Recent public list pages, while no commit happened since (see {@link listPublicJson}). */
  readonly #pages: PageCache | undefined

  /**
   * @param cachePages Keep recent public list pages; only for a connection that never writes,
   *   whose `PRAGMA data_version` then changes with every commit to the database.
   */
  constructor(connection: Connection, check: () => void, cachePages = false) {
    this.connection = connection
    this.check = check
    this.outbox = new SqliteOutbox(connection, check, false)
    this.#pages = cachePages ? new PageCache(connection) : undefined
  }

  protected all<R>(sql: string, ...params: unknown[]): R[] {
    this.check()
    return this.connection.statement(sql).all(...params) as R[]
  }

  protected get<R>(sql: string, ...params: unknown[]): R | undefined {
    this.check()
    return this.connection.statement(sql).get(...params) as R | undefined
  }

  async listBoards(): Promise<Board[]> {
    return this.all<{ doc: string }>('SELECT doc FROM boards ORDER BY id').map((row) => JSON.parse(row.doc) as Board)
  }

  async getBoard(id: string): Promise<Board | undefined> {
    const row = this.get<{ doc: string }>('SELECT doc FROM boards WHERE id = ?', id)
    return row && (JSON.parse(row.doc) as Board)
  }

  async getMessage(id: string): Promise<Message | undefined> {
    this.check()
    return this.connection.snapshot(() => this.withTimelines(this.all<MessageRecord>('SELECT id, doc FROM messages WHERE id = ?', id))[0])
  }

  async getMessageByTrackingHash(hash: string): Promise<Message | undefined> {
    this.check()
    return this.connection.snapshot(
      () => this.withTimelines(this.all<MessageRecord>('SELECT id, doc FROM messages WHERE tracking_hash = ?', hash))[0],
    )
  }

  async getSetting(name: string): Promise<string | undefined> {
    const value = this.get<{ value: unknown }>('SELECT value FROM meta WHERE key = ?', settingKey(name))?.value
    return value === undefined ? undefined : String(value)
  }

  async listMessages(query: MessageQuery): Promise<Page<Message>> {
    this.check()
    const plan = planQuery(query)
    return this.connection.snapshot(() => {
      const select = this.#pageSql(plan)
      const rows = this.all<MessageRecord & { rid: number; sort_ms: number }>(select.sql, select.params)
      const page = rows.slice(0, plan.limit)
      const last = page[page.length - 1]
      return {
        items: this.withTimelines(page),
        nextCursor: rows.length > plan.limit && last ? cursorAfter(plan, last.sort_ms, last.rid) : null,
      }
    })
  }

  async listPublicJson(query: MessageQuery): Promise<{ items: string[]; nextCursor: string | null }> {
    this.check()
    const plan = planQuery({ ...query, publicOnly: true })
    if (!this.#pages) return this.#publicPage(plan)
    // A page read before the last commit is still exact: reading it again would give the same text.
    const key = JSON.stringify({ ...query, publicOnly: true })
    const cached = this.#pages.get(key)
    if (cached) return { items: [...cached.items], nextCursor: cached.nextCursor }
    const version = this.#pages.version()
    const page = this.#publicPage(plan)
    this.#pages.set(key, version, page)
    return { items: [...page.items], nextCursor: page.nextCursor }
  }

  /**
   * The page's SELECT (see {@link listSql}); for a keyword, after choosing the terms to read.
   */
  #pageSql(plan: ListPlan, columns?: string): { sql: string; params: Record<string, unknown> } {
    return listSql(plan, columns, plan.keyword === undefined ? undefined : chooseTerms(this.connection, plan))
  }

  #publicPage(plan: ListPlan): { items: string[]; nextCursor: string | null } {
    const select = this.#pageSql(plan, 'id, public_doc, public_version')
    const { sql, params } = select
    const statement = this.connection.statement(sql, 'raw')
    const page = (rows: PublicRow[]) => {
      const last = rows.length > plan.limit ? rows[plan.limit - 1] : undefined
      return { rows: rows.length > plan.limit ? rows.slice(0, plan.limit) : rows, nextCursor: last ? encodeCursor(last[4], last[3]) : null }
    }
    // One statement reads one snapshot. Only rows rendered under another PUBLIC_VIEW_VERSION (a
    // read-only store, or another process at another version) need more reads, on one snapshot.
    const first = page(statement.all(params) as PublicRow[])
    if (first.rows.every((row) => row[2] === PUBLIC_VIEW_VERSION)) {
      const items: string[] = []
      for (const row of first.rows) if (row[1] !== null) items.push(row[1])
      return { items, nextCursor: first.nextCursor }
    }
    return this.connection.snapshot(() => {
      const { rows, nextCursor } = page(statement.all(params) as PublicRow[])
      const stale = rows.filter((row) => row[2] !== PUBLIC_VIEW_VERSION).map((row) => row[0])
      const live = new Map<string, string | null>()
      if (stale.length > 0) {
        const records = this.all<MessageRecord>('SELECT id, doc FROM messages WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(stale))
        for (const message of this.withTimelines(records)) live.set(message.id, renderPublic(message))
      }
      const items: string[] = []
      for (const row of rows) {
        const json = row[2] === PUBLIC_VIEW_VERSION ? row[1] : live.get(row[0])
        if (json) items.push(json)
      }
      return { items, nextCursor }
    })
  }

  async getPublicJson(id: string): Promise<string | undefined> {
    this.check()
    const row = this.connection.statement('SELECT public_doc, public_version FROM messages WHERE id = ?', 'raw').get(id) as
      | [string | null, number | null]
      | undefined
    if (!row) return undefined
    if (row[1] === PUBLIC_VIEW_VERSION) return row[0] ?? undefined
    const message = await this.getMessage(id)
    return (message && renderPublic(message)) ?? undefined
  }

  #hotspots: SqliteHotspots | undefined
  heatTable(query: HeatStoreQuery) { return (this.#hotspots ??= new SqliteHotspots(this.connection, this.check)).heatTable(query) }
  similarGroups(query: GroupsStoreQuery) { return (this.#hotspots ??= new SqliteHotspots(this.connection, this.check)).similarGroups(query) }
  groupMessages(query: GroupMessagesStoreQuery) { return (this.#hotspots ??= new SqliteHotspots(this.connection, this.check)).groupMessages(query) }

  async boardStats(query: StatsQuery): Promise<BoardStats> {
    return boardStatsFromCounts(this, query)
  }

  async statsCounts(query: StatsCountsQuery): Promise<BoardCounts[]> {
    this.check()
    return sqliteStatsCounts(this.connection, query)
  }

  async findToken(tokenHash: string): Promise<StaffToken | undefined> {
    const row = this.get<{ doc: string }>('SELECT doc FROM tokens WHERE hash = ?', tokenHash)
    return row && (JSON.parse(row.doc) as StaffToken)
  }

  async listTokens(): Promise<StaffToken[]> {
    // Sorted here rather than in SQL: creation times compare as instants, whatever their offset.
    return this.all<{ doc: string }>('SELECT doc FROM tokens').map((row) => JSON.parse(row.doc) as StaffToken).sort(compareTokens)
  }

  async getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.get<IdempotencyColumns>(
      'SELECT scope, key, fingerprint, state, created_at, response FROM idempotency WHERE scope = ? AND key = ?',
      scope,
      key,
    )
    if (!row) return undefined
    const record: IdempotencyRecord = {
      scope: row.scope,
      key: row.key,
      fingerprint: row.fingerprint,
      state: row.state,
      createdAt: row.created_at,
    }
    if (row.response !== null) record.response = JSON.parse(row.response) as StoredResponse
    return record
  }

  async countMessages(): Promise<number> {
    return this.get<{ count: number }>('SELECT count(*) AS count FROM messages')!.count
  }

  async inboxCounts(query: InboxCountsStoreQuery): Promise<InboxCounts> {
    this.check()
    return this.connection.snapshot(() => countInbox((sql, ...params) => this.all(sql, ...params), query))
  }

  async listReplyTemplates(boardIds: readonly string[]): Promise<ReplyTemplate[]> {
    return listTemplates((sql, ...params) => this.all(sql, ...params), boardIds)
  }

  async getReplyTemplate(id: string): Promise<ReplyTemplate | undefined> {
    return getTemplate((sql, ...params) => this.all(sql, ...params), id)
  }

  /** Messages from their rows, each with its timeline, in the rows' order; one query for all events. */
  withTimelines(rows: readonly MessageRecord[]): Message[] {
    if (rows.length === 0) return []
    const timelines = new Map<string, Message['timeline']>(rows.map((row) => [row.id, []]))
    const events = this.all<EventRecord>(
      'SELECT message_id, doc FROM events WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, seq',
      JSON.stringify(rows.map((row) => row.id)),
    )
    for (const event of events) timelines.get(event.message_id)?.push(JSON.parse(event.doc) as Message['timeline'][number])
    return rows.map((row) => {
      const doc = JSON.parse(row.doc) as Omit<Message, 'timeline'> & { trackingCode?: string }
      // A row written before migration 3 keeps its code in the clear until the service's first
      // start upgrades it: never hand it to staff meanwhile.
      delete doc.trackingCode
      return { ...doc, timeline: timelines.get(row.id)! }
    })
  }
}

/**
 * The last public list pages read, valid while the database is unchanged: SQLite's
 * `PRAGMA data_version` on a connection that never writes changes whenever any connection, of this
 * process or another, commits. The version is read before a page's query, so a commit landing in
 * between only makes the page look older than it is (it is read again next time), never newer.
 * Bounded: at most {@link PageCache.LIMIT} pages, all dropped at the first change.
 */
class PageCache {
  static readonly LIMIT = 64
  readonly #dataVersion: Database.Statement
  readonly #pages = new Map<string, { items: string[]; nextCursor: string | null }>()
  #version = -1

  constructor(connection: Connection) {
    this.#dataVersion = connection.statement('PRAGMA data_version', 'pluck')
  }

  /** The database's current data version. */
  version(): number {
    return this.#dataVersion.get() as number
  }

  get(key: string): { items: string[]; nextCursor: string | null } | undefined {
    if (this.#pages.size === 0) return undefined
    if (this.version() !== this.#version) {
      this.#pages.clear()
      return undefined
    }
    return this.#pages.get(key)
  }

  set(key: string, version: number, page: { items: string[]; nextCursor: string | null }): void {
    if (version !== this.#version) {
      this.#pages.clear()
      this.#version = version
    }
    if (this.#pages.size >= PageCache.LIMIT) this.#pages.delete(this.#pages.keys().next().value!)
    this.#pages.set(key, page)
  }
}

/** A row of the public list, as an array: id, public_doc, public_version, rid, sort_ms. */
type PublicRow = [string, string | null, number | null, number, number]

/**
 * The SELECT of one page: limit + 1 rows, so the caller knows whether another page follows. The
 * columns are `columns` followed by `rid` and `sort_ms`. A keyword's page reads `terms` (see
 * keyword.ts).
 */
export function listSql(plan: ListPlan, columns = 'id, doc', terms?: KeywordTerms | 'none'): { sql: string; params: Record<string, unknown> } {
  if (plan.keyword !== undefined) {
    if (!terms) throw new Error('A keyword page reads the terms chooseTerms picked; pass them')
    return keywordSql(plan, terms, columns)
  }
  const sort = plan.publicOnly ? 'published_ms' : 'created_ms'
  const roots = plan.boardIds ? [...plan.boardIds] : undefined
  // One board: walk its rows of message_scope in list order (an index range per access path, see
  // migration 4), and read the messages of the page only. Otherwise the messages' own indexes.
  const scoped = roots?.length === 1
  const k = scoped ? 's' : 'm'
  const where: string[] = []
  const params: Record<string, unknown> = { limit: plan.limit + 1 }
  if (scoped) {
    where.push('s.ancestor = @board')
    params['board'] = roots![0]
  } else if (roots) {
    where.push('m.rid IN (SELECT rid FROM message_scope WHERE ancestor IN (SELECT value FROM json_each(@boards)))')
    params['boards'] = JSON.stringify(roots)
  }
  // By deadline: the index of the due key (migration 10), ascending; the days still filter the
  // creation time. message_scope has the status and deadline of its message, as messages has.
  const due = dueKeySql(k)
  if (plan.publicOnly) where.push(`${k}.published_ms IS NOT NULL`)
  if (plan.after && plan.byDue) {
    // Not a row value: SQLite seeks an expression's index only on a plain bound of it.
    where.push(`${due} >= @afterMs AND (${due} > @afterMs OR ${k}.rid > @afterSeq)`)
    params['afterMs'] = plan.after[0]
    params['afterSeq'] = plan.after[1]
  } else if (plan.after) {
    where.push(`(${k}.${sort}, ${k}.rid) < (@afterMs, @afterSeq)`)
    params['afterMs'] = plan.after[0]
    params['afterSeq'] = plan.after[1]
  }
  if (plan.fromMs !== undefined) {
    where.push(`${k}.${sort} >= @fromMs`)
    params['fromMs'] = plan.fromMs
  }
  if (plan.toMs !== undefined) {
    where.push(`${k}.${sort} < @toMs`)
    params['toMs'] = plan.toMs
  }
  if (plan.statuses?.size === 1) {
    // An equality, so one board's messages of one status are one range of message_scope_status.
    where.push(`${k}.status = @status`)
    params['status'] = [...plan.statuses][0]
  } else if (plan.statuses) {
    where.push(`${k}.status IN (SELECT value FROM json_each(@statuses))`)
    params['statuses'] = JSON.stringify([...plan.statuses])
  }
  if (plan.type !== undefined) {
    where.push('m.type = @type')
    params['type'] = plan.type
  }
  if (plan.domain !== undefined) {
    where.push('m.domain = @domain')
    params['domain'] = plan.domain
  }
  if (plan.supervised) where.push("json_extract(m.doc, '$.supervised') = 1")
  if (plan.overdueMs !== undefined) {
    // The same terms as the partial index message_scope_open, so the planner can use it.
    where.push(`${k}.status IN (${OPEN_SQL}) AND ${k}.due_ms < @overdueMs`)
    params['overdueMs'] = plan.overdueMs
  }
  const selected = columns.split(',').map((column) => `m.${column.trim()}`).join(', ')
  const [key, order] = plan.byDue ? [due, `${due}, ${k}.rid`] : [`${k}.${sort}`, `${k}.${sort} DESC, ${k}.rid DESC`]
  const sql =
    `SELECT ${selected}, ${k}.rid, ${key} AS sort_ms FROM ` +
    // Overdue: the open rows of the board in list order, each checked for its deadline in the index.
    (scoped ? `message_scope s${plan.overdueMs !== undefined && !plan.byDue ? ' INDEXED BY message_scope_open' : ''} JOIN messages m ON m.rid = s.rid` : 'messages m') +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${order} LIMIT @limit`
  return { sql, params }
}
