// Reads of the PostgreSQL store: messages with their timelines in one statement, list pages by
// keyset through the board closure, public views kept as JSON, tokens, settings and idempotency.
import { OPEN_STATUSES } from '@liuyan/core'
import type { Board, BoardStats, InboxCounts, Message, Page, ReplyTemplate } from '@liuyan/core'
import { countInbox, getTemplate, listTemplates } from './staff-tools.js'
import { compareTokens, cursorAfter, dueKeySql, encodeCursor, keywordGrams, planQuery, PUBLIC_VIEW_VERSION, renderPublic } from '../shared.js'
import type { ListPlan } from '../shared.js'
import type { BoardCounts, IdempotencyRecord, MessageQuery, StaffToken, StatsCountsQuery, StatsQuery, InboxCountsStoreQuery, StoredResponse, StoreReader } from '../types.js'
import { boardStatsFromCounts } from '../stats-keeping.js'
import { pgStatsCounts } from './stats.js'
import { prepared, type PgClient } from './driver.js'
import { translate } from './errors.js'
import { PgHotspots, type Query } from './hotspots.js'
import type { GroupMessagesStoreQuery, GroupsStoreQuery, HeatStoreQuery } from '../hotspots.js'
import { PgOutbox } from './outbox.js'

/** The documents of a message's timeline events, in order, as one column of its row. */
const EVENTS = 'ARRAY(SELECT e.doc FROM events e WHERE e.message_seq = m.seq ORDER BY e.n)'

/** The columns that make a message: its document and its timeline's, in order. */
export const MESSAGE_COLUMNS = `m.doc, ${EVENTS} AS events`

/**
 * The columns of a public view: the stored one, and the message itself only when the stored view
 * was rendered under another PUBLIC_VIEW_VERSION (an instance of another version wrote it).
 */
const PUBLIC_COLUMNS = `m.public_doc, m.public_version,
  CASE WHEN m.public_version <> ${PUBLIC_VIEW_VERSION} THEN m.doc END AS doc,
  CASE WHEN m.public_version <> ${PUBLIC_VIEW_VERSION} THEN ${EVENTS} END AS events`

export interface MessageRow {
  doc: string
  events: string[]
}

/** A message from its row; a code an older row kept in the clear never reaches staff. */
export function messageOf(row: MessageRow): Message {
  const doc = JSON.parse(row.doc) as Omit<Message, 'timeline'> & { trackingCode?: string }
  delete doc.trackingCode
  return { ...doc, timeline: row.events.map((event) => JSON.parse(event) as Message['timeline'][number]) }
}

interface IdempotencyColumns {
  scope: string
  key: string
  fingerprint: string
  state: 'running' | 'done'
  created_at: string
  response: string | null
}

/**
 * Where a list's board filter reads: `root` for one board's subtree (the closure's index, in list
 * order), `roots` for several, `none` for an empty set.
 */
type BoardScope = { kind: 'root'; id: string } | { kind: 'roots'; ids: string[] } | { kind: 'none' }

export class PgReader implements StoreReader {
  protected readonly client: PgClient
  protected readonly check: () => void
  /** Whether reads lock the message rows they return (inside a transaction, before a change). */
  readonly #lock: boolean
  readonly outbox: PgOutbox

  constructor(client: PgClient, check: () => void, lock = false) {
    this.client = client
    this.check = check
    this.#lock = lock
    this.outbox = new PgOutbox(client, check, lock)
  }

  /**
   * Runs a query. Queries of a fixed shape run as prepared statements; lists and statistics
   * (`plan: 'each'`) are planned for their values each time, as a plan fit for one board or
   * keyword can be a poor one for another.
   */
  protected async rows<R>(text: string, values: readonly unknown[] = [], plan: 'once' | 'each' = 'once'): Promise<R[]> {
    this.check()
    try {
      return (await this.client.query<R>(plan === 'once' ? prepared(text, values) : { text, values })).rows
    } catch (error) {
      throw translate(error)
    }
  }

  async listBoards(): Promise<Board[]> {
    return (await this.rows<{ doc: string }>('SELECT doc FROM boards ORDER BY id COLLATE "C"')).map((row) => JSON.parse(row.doc) as Board)
  }

  async getBoard(id: string): Promise<Board | undefined> {
    const [row] = await this.rows<{ doc: string }>('SELECT doc FROM boards WHERE id = $1', [id])
    return row && (JSON.parse(row.doc) as Board)
  }

  async getMessage(id: string): Promise<Message | undefined> {
    return this.#oneMessage('m.id = $1', id)
  }

  async getMessageByTrackingHash(hash: string): Promise<Message | undefined> {
    return this.#oneMessage('m.tracking_hash = $1', hash)
  }

  async #oneMessage(where: string, value: string): Promise<Message | undefined> {
    // In a transaction the row is locked until it ends: a read-modify-write of two instances (or of
    // two requests of one) waits for the other instead of overwriting it.
    const [row] = await this.rows<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${where}${this.#lock ? ' FOR UPDATE OF m' : ''}`, [value])
    return row && messageOf(row)
  }

  async getSetting(name: string): Promise<string | undefined> {
    const [row] = await this.rows<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name])
    return row?.value
  }

  async listMessages(query: MessageQuery): Promise<Page<Message>> {
    const plan = planQuery(query)
    const rows = await this.#page<MessageRow & { seq: string; sort_ms: string }>(plan, MESSAGE_COLUMNS)
    const page = rows.slice(0, plan.limit)
    const last = page[page.length - 1]
    return {
      items: page.map(messageOf),
      nextCursor: rows.length > plan.limit && last ? cursorAfter(plan, Number(last.sort_ms), Number(last.seq)) : null,
    }
  }

  async listPublicJson(query: MessageQuery): Promise<{ items: string[]; nextCursor: string | null }> {
    const plan = planQuery({ ...query, publicOnly: true })
    // A row rendered by an instance of another version is rendered again from its message, which
    // the same statement reads (one snapshot): cheap while versions agree, right when they do not.
    const rows = await this.#page<PublicRow>(plan, PUBLIC_COLUMNS)
    const page = rows.slice(0, plan.limit)
    const last = page[page.length - 1]
    const items: string[] = []
    for (const row of page) {
      const json = row.public_version === PUBLIC_VIEW_VERSION ? row.public_doc : renderPublic(messageOf(row as MessageRow))
      if (json) items.push(json)
    }
    return { items, nextCursor: rows.length > plan.limit && last ? encodeCursor(Number(last.sort_ms), Number(last.seq)) : null }
  }

  async getPublicJson(id: string): Promise<string | undefined> {
    const [row] = await this.rows<PublicRow>(`SELECT ${PUBLIC_COLUMNS} FROM messages m WHERE m.id = $1`, [id])
    if (!row) return undefined
    return (row.public_version === PUBLIC_VIEW_VERSION ? row.public_doc : renderPublic(messageOf(row as MessageRow))) ?? undefined
  }

  #hotspots: PgHotspots | undefined
  #hot(): PgHotspots {
    return (this.#hotspots ??= new PgHotspots(((text: string, values?: readonly unknown[]) => this.rows(text, values)) as Query))
  }
  heatTable(query: HeatStoreQuery) { return this.#hot().heatTable(query) }
  similarGroups(query: GroupsStoreQuery) { return this.#hot().similarGroups(query) }
  groupMessages(query: GroupMessagesStoreQuery) { return this.#hot().groupMessages(query) }

  async boardStats(query: StatsQuery): Promise<BoardStats> {
    return boardStatsFromCounts(this, query)
  }

  async statsCounts(query: StatsCountsQuery): Promise<BoardCounts[]> {
    return pgStatsCounts((text, values) => this.rows(text, values, 'each'), query)
  }

  async findToken(tokenHash: string): Promise<StaffToken | undefined> {
    const [row] = await this.rows<{ doc: string }>('SELECT doc FROM tokens WHERE hash = $1', [tokenHash])
    return row && (JSON.parse(row.doc) as StaffToken)
  }

  async listTokens(): Promise<StaffToken[]> {
    // Sorted here as the other stores do (instants, then hash by code point): tokens are few.
    return (await this.rows<{ doc: string }>('SELECT doc FROM tokens')).map((row) => JSON.parse(row.doc) as StaffToken).sort(compareTokens)
  }

  async getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [row] = await this.rows<IdempotencyColumns>(
      'SELECT scope, key, fingerprint, state, created_at, response FROM idempotency WHERE scope = $1 AND key = $2',
      [scope, key],
    )
    if (!row) return undefined
    const record: IdempotencyRecord = { scope: row.scope, key: row.key, fingerprint: row.fingerprint, state: row.state, createdAt: row.created_at }
    if (row.response !== null) record.response = JSON.parse(row.response) as StoredResponse
    return record
  }

  async countMessages(): Promise<number> {
    const [row] = await this.rows<{ count: string }>('SELECT count(*) AS count FROM messages')
    return Number(row!.count)
  }

  async inboxCounts(query: InboxCountsStoreQuery): Promise<InboxCounts> {
    return countInbox((text, values) => this.rows(text, values, 'each'), query)
  }

  async listReplyTemplates(boardIds: readonly string[]): Promise<ReplyTemplate[]> {
    return listTemplates((text, values) => this.rows(text, values), boardIds)
  }

  async getReplyTemplate(id: string): Promise<ReplyTemplate | undefined> {
    return getTemplate((text, values) => this.rows(text, values), id)
  }

  /**
   * The rows of one page (limit + 1). A keyword is first looked for in the newest
   * {@link KEYWORD_WINDOW} rows of the list, read in order: a common keyword fills its page there
   * without collecting every match. A rarer one, which did not, is found through the index of terms
   * (few matches, so sorting them is cheap). Either way the page is the newest matches.
   */
  async #page<R>(plan: ListPlan, columns: string): Promise<R[]> {
    const scope = this.#scope(plan)
    if (plan.keyword !== undefined) {
      const windowed = listSql(plan, scope, columns, KEYWORD_WINDOW)
      const rows = await this.rows<R>(windowed.text, windowed.values, 'each')
      if (rows.length > plan.limit) return rows
    }
    const { text, values } = listSql(plan, scope, columns)
    return this.rows<R>(text, values, 'each')
  }

  /** Where a board filter reads: the given ids are subtree roots (see MessageQuery.boardIds). */
  #scope(plan: Pick<ListPlan, 'boardIds'>): BoardScope | undefined {
    if (!plan.boardIds) return undefined
    const ids = [...plan.boardIds]
    if (ids.length === 0) return { kind: 'none' }
    return ids.length === 1 ? { kind: 'root', id: ids[0]! } : { kind: 'roots', ids }
  }
}

/** A row of the public list: the stored view, and the message when the view is stale. */
interface PublicRow {
  public_doc: string | null
  public_version: number
  doc: string | null
  events: string[] | null
  seq: string
  sort_ms: string
}

const OPEN = [...OPEN_STATUSES]

/** Rows of a list read in order for a keyword before the index of terms is asked (see PgReader#page). */
const KEYWORD_WINDOW = 2000

/** The condition of a board filter on `messages m`, for reads that do not go through the closure's order. */
function boardWhere(scope: BoardScope | undefined, values: unknown[]): { where: string; values: unknown[] } {
  const param = (value: unknown) => `$${values.push(value)}`
  if (!scope) return { where: 'TRUE', values }
  switch (scope.kind) {
    case 'none':
      return { where: 'FALSE', values }
    case 'root':
      return { where: `m.seq IN (SELECT seq FROM message_boards WHERE board_id = ${param(scope.id)})`, values }
    case 'roots':
      return { where: `m.seq IN (SELECT seq FROM message_boards WHERE board_id = ANY(${param(scope.ids)}::text[]))`, values }
  }
}

/**
 * The SELECT of one page: limit + 1 rows, so the caller knows whether another page follows; the
 * columns are `columns` followed by `seq` and `sort_ms`. A filter on one board's subtree walks
 * the closure's index (board, sort time, seq) in list order and stops after the page. With
 * `window`, a keyword is looked for only in the first `window` rows of the list without it.
 */
export function listSql(plan: ListPlan, scope: BoardScope | undefined, columns: string, window?: number): { text: string; values: unknown[] } {
  const values: unknown[] = []
  const param = (value: unknown) => `$${values.push(value)}`
  const sortColumn = plan.publicOnly ? 'published_ms' : 'created_ms'
  // The table that orders the page: the closure for one board's subtree, else the messages.
  const table = scope?.kind === 'root' ? 'mb' : 'm'
  const from = scope?.kind === 'root' ? `message_boards mb JOIN messages m ON m.seq = mb.seq` : 'messages m'
  const time = `${table}.${sortColumn}`
  const seq = `${table}.seq`
  // The list's key: the time, newest first; by deadline the due key, ascending (the closure's
  // `due_key` and the messages' index of it, migration 8). The days always filter the time.
  const sort = !plan.byDue ? time : scope?.kind === 'root' ? 'mb.due_key' : dueKeySql('m')
  const [dir, past] = plan.byDue ? ['ASC', '>'] : ['DESC', '<']
  const where: string[] = []
  if (scope?.kind === 'root') where.push(`mb.board_id = ${param(scope.id)}`)
  else if (scope) where.push(boardWhere(scope, values).where)
  if (plan.publicOnly) where.push(`${time} IS NOT NULL`)
  if (plan.after) where.push(`(${sort}, ${seq}) ${past} (${param(plan.after[0])}::bigint, ${param(plan.after[1])}::bigint)`)
  if (plan.fromMs !== undefined) where.push(`${time} >= ${param(plan.fromMs)}::bigint`)
  if (plan.toMs !== undefined) where.push(`${time} < ${param(plan.toMs)}::bigint`)
  if (plan.statuses) where.push(`m.status = ANY(${param([...plan.statuses])}::text[])`)
  if (plan.type !== undefined) where.push(`m.type = ${param(plan.type)}`)
  if (plan.domain !== undefined) where.push(`m.domain = ${param(plan.domain)}`)
  if (plan.supervised) where.push(`(m.doc::jsonb ->> 'supervised') = 'true'`)
  if (plan.overdueMs !== undefined) {
    // Through the closure: only the board's open messages are read (message_boards_open), newest first.
    if (scope?.kind === 'root') where.push(`mb.open_due_ms < ${param(plan.overdueMs)}::bigint`)
    else where.push(`m.status = ANY(${param(OPEN)}::text[]) AND m.due_ms < ${param(plan.overdueMs)}::bigint`)
  }
  if (plan.keyword !== undefined && window !== undefined) {
    const inner =
      `SELECT ${seq} AS seq, ${sort} AS sort_ms FROM ${from}` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY ${sort} ${dir}, ${seq} ${dir} LIMIT ${param(window)}`
    const text =
      `SELECT ${columns}, w.seq, w.sort_ms FROM (${inner}) w JOIN messages m ON m.seq = w.seq` +
      ` WHERE strpos(m.search_text, ${param(plan.keyword)}) > 0 ORDER BY w.sort_ms ${dir}, w.seq ${dir} LIMIT ${param(plan.limit + 1)}`
    return { text, values }
  }
  if (plan.keyword !== undefined) {
    // The index finds the rows with every character pair of the keyword; strpos keeps those that
    // hold it as written (a plain substring: %, _ and quotes are characters, never syntax).
    where.push(`m.grams @> ${param(keywordGrams(plan.keyword))}::text[] AND strpos(m.search_text, ${param(plan.keyword)}) > 0`)
  }
  // A keyword's page (past the window) sorts its matches: `+ 0` keeps the planner from walking a
  // list index in order and filtering, which reads every row when a keyword matches none.
  const order = plan.keyword !== undefined ? `(${sort} + 0) ${dir}, (${seq} + 0) ${dir}` : `${sort} ${dir}, ${seq} ${dir}`
  const text =
    `SELECT ${columns}, ${seq} AS seq, ${sort} AS sort_ms FROM ${from}` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${order} LIMIT ${param(plan.limit + 1)}`
  return { text, values }
}
