import type { OutboxReader, OutboxTransaction } from './outbox-types.js'
import type { StatsCounts } from '../stats-counts.js'
import type { Board, BoardStats, InboxCounts, Message, MessageStatus, MessageType, Domain, ReplyTemplate, StaffRole, Page, HeatRow, SimilarGroup } from '@liuyan/core'
import type { GroupMessagesStoreQuery, GroupsStoreQuery, HeatStoreQuery } from './hotspots.js'

export type { GroupMessagesStoreQuery, GroupsStoreQuery, HeatStoreQuery } from './hotspots.js'

/**
 * What the board service needs from storage. Every method is async so a networked database
 * (PostgreSQL) can implement the same interface; the in-memory and SQLite stores answer at once.
 *
 * Writes happen only inside {@link Store.transaction}: the message and the timeline event that
 * records its change, and the idempotency record of the request, commit together or not at all.
 */
export interface Store {
  /** Reads outside a transaction see only committed data. */
  readonly read: StoreReader
  /**
   * Runs `fn` in one serializable transaction. If `fn` throws, nothing it wrote is kept.
   * Transactions of one store never interleave.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>
  /** Releases the database. Later calls fail. */
  close(): Promise<void>
  /**
   * Rate-limit counters kept in the database, shared by every instance on it (the PostgreSQL
   * store). Absent, each process counts in its memory, which is right for one instance.
   */
  readonly rateCounter?: RateCounter
}

/**
 * Counts requests per key and fixed window for the rate limits (docs/architecture.md §5). `count`
 * adds one request of `key` to the window that starts at `windowStartMs` (epoch milliseconds, a
 * multiple of `windowMs`, so every instance names a window alike) and answers the window's count
 * with it, atomically: two instances counting at once never read the same number.
 */
export interface RateCounter {
  count(key: string, windowStartMs: number, windowMs: number): Promise<number> | number
}

/** Queries shared by reads outside and inside a transaction. */
export interface StoreReader {
  listBoards(): Promise<Board[]>
  getBoard(id: string): Promise<Board | undefined>
  getMessage(id: string): Promise<Message | undefined>
  /**
   * The message whose tracking code has this keyed hash (see the service's tracking key). Stores
   * never see a tracking code: only its hash.
   */
  getMessageByTrackingHash(hash: string): Promise<Message | undefined>
  /** One page of messages, newest first, by keyset on (sort time, id). Never OFFSET. */
  listMessages(query: MessageQuery): Promise<Page<Message>>
  /**
   * One page of the public list as JSON text: each item is `JSON.stringify(toPublicMessage(m))`
   * (core's public view, timeline included) of a publicly listed message, newest first, with the
   * same keyset cursor as {@link listMessages} with `publicOnly: true` (the query is read as public
   * whatever its `publicOnly` says). Stores may keep the text rendered at write time; it must be
   * what core's `toPublicMessage` gives for the stored message.
   */
  listPublicJson(query: MessageQuery): Promise<{ items: string[]; nextCursor: string | null }>
  /**
   * The public view of one message as JSON text (`JSON.stringify(toPublicMessage(m))`), or
   * undefined when there is no such message or the public may not see it (not accepted, refused,
   * or published without the author's consent: see core's `isPubliclyVisible`).
   */
  getPublicJson(id: string): Promise<string | undefined>
  /**
   * Statistics of a board and every board below it (see {@link StatsQuery}): what core's
   * `BoardStats` reports, computed as `computeStats` (`stats.ts`) computes it from the
   * {@link StatsRow} of every message whose board or assigned unit is in the subtree and that was
   * created on a day of the range. Stores answer from aggregates or indexes, never by reading every
   * row of the subtree (docs/architecture.md §6).
   */
  boardStats(query: StatsQuery): Promise<BoardStats>
  /**
   * Hot spots (docs/architecture.md §6): the messages of a subtree, by the board each was sent to,
   * counted by China month, domain and that board's region (rolled up to `regionDigits`), refused
   * ones left out; a row per region and domain with messages (store/hotspots.ts `heatRows`). From
   * an aggregate kept at write time.
   */
  heatTable(query: HeatStoreQuery): Promise<HeatRow[]>
  /**
   * The groups of similar messages of a subtree (see store/hotspots.ts: the same grouping in
   * every store), most recently active first, with at least two members created in the range.
   */
  similarGroups(query: GroupsStoreQuery): Promise<SimilarGroup[]>
  /**
   * One page of the members in the subtree of the group of `memberId` (a message in no group is a
   * group of one), newest first; undefined when that message was not sent to a board of the subtree.
   */
  groupMessages(query: GroupMessagesStoreQuery): Promise<Page<Message> | undefined>
  /**
   * The statistics counters (`stats-counts.ts`) summed for each board asked for, in that order:
   * the `contribution` of every message whose board or assigned unit is in the board's
   * subtree and that was created on a day of the range, and how many of those are overdue at
   * `now`. Stores keep the counters per board and period in the transaction of each change
   * (docs/architecture.md §6) and answer from them and from an index of open messages by deadline.
   */
  statsCounts(query: StatsCountsQuery): Promise<BoardCounts[]>
  findToken(tokenHash: string): Promise<StaffToken | undefined>
  /**
   * Every staff token, oldest first (by the instant of `createdAt`, then by hash). Tokens are few
   * (one per office or person), so there is no paging. The records hold hashes: a store never
   * has the tokens themselves.
   */
  listTokens(): Promise<StaffToken[]>
  getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined>
  /** Number of messages stored (for seeding and benchmarks). */
  countMessages(): Promise<number>
  /** A setting the server keeps in the store (e.g. the check value of its tracking key). */
  getSetting(name: string): Promise<string | undefined>
  /**
   * How many messages of the subtrees are in each status, how many are open past their deadline
   * (as `overdueAt`), and all: each message once, however many of the roots hold it. Stores count
   * through their scope index, never by reading the messages.
   */
  inboxCounts(query: InboxCountsStoreQuery): Promise<InboxCounts>
  /** The reply templates of exactly these boards (no descendants), by board, then creation time, then id. */
  listReplyTemplates(boardIds: readonly string[]): Promise<ReplyTemplate[]>
  getReplyTemplate(id: string): Promise<ReplyTemplate | undefined>
  /** Events, webhook subscriptions and their deliveries (`outbox-types.ts`). */
  readonly outbox: OutboxReader
}

/** Reads and writes inside a transaction. */
export interface StoreTransaction extends StoreReader {
  /** Appends events with the change they record, manages subscriptions, claims deliveries. */
  readonly outbox: OutboxTransaction
  putBoard(board: Board): Promise<void>
  /**
   * Stores a new message with its whole timeline and the keyed hash of its tracking code. Fails if
   * the id or the hash exists. Each message also gets the next number of a sequence that only
   * grows: lists break ties of equal times by it, newest (highest) first.
   */
  insertMessage(message: Message, trackingHash: string): Promise<void>
  /**
   * Replaces a message and appends the timeline events it has beyond those stored. Timeline
   * events are append-only: stored events are never rewritten. A `trackingHash` replaces the
   * stored one (a reissued code); the old code then finds nothing.
   */
  updateMessage(message: Message, options?: { trackingHash?: string }): Promise<void>
  putSetting(name: string, value: string): Promise<void>
  /**
   * Replaces every tracking code a store of an older version kept in the clear by its keyed hash
   * (`hash`), removes it from the stored documents, and drops idempotency records whose stored
   * answer holds a code in the clear. Resolves how many codes it hashed; 0 once done.
   */
  upgradeTrackingCodes(hash: (code: string) => Promise<string>): Promise<number>
  putToken(token: StaffToken): Promise<void>
  /** Deletes the token with this hash; resolves whether there was one. */
  deleteToken(tokenHash: string): Promise<boolean>
  /** Claims an idempotency key; returns the existing record instead if there is one. */
  beginIdempotency(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>
  completeIdempotency(scope: string, key: string, response: StoredResponse): Promise<void>
  /** Forgets a claim whose request failed before writing anything, so the client may retry. */
  releaseIdempotency(scope: string, key: string): Promise<void>
  /** Deletes idempotency records created before `before` (ISO time). */
  expireIdempotency(before: string): Promise<number>
  /** Stores a reply template, or replaces the one with its id. */
  putReplyTemplate(template: ReplyTemplate): Promise<void>
  /** Deletes a reply template; resolves whether there was one. */
  deleteReplyTemplate(id: string): Promise<boolean>
}

/** What {@link StoreReader.inboxCounts} counts. */
export interface InboxCountsStoreQuery {
  /** Subtree roots, as {@link MessageQuery.boardIds}: a message counts when its board or assigned unit is in one. */
  boardIds: readonly string[]
  /** The instant (ISO) against which `overdue` is counted: open with `dueAt` before it. */
  now: string
}

/** Filters of a message list. Every filter is optional; they combine with AND. */
export interface MessageQuery {
  /**
   * Messages whose board or assigned unit is one of these boards or below one of them: the ids are
   * subtree roots, and the store follows the `parentId` of the boards it holds (an id that is no
   * stored board matches only itself). The caller does not expand them to descendants.
   */
  boardIds?: readonly string[]
  statuses?: readonly MessageStatus[]
  type?: MessageType
  domain?: Domain
  /**
   * Text to find in the public (masked) title and content. Chinese needs no word breaks: 路灯
   * matches 小区门口路灯坏了.
   */
  keyword?: string
  /** Inclusive lower bound of the sort time, ISO. */
  from?: string
  /** Exclusive upper bound of the sort time, ISO. */
  to?: string
  /** Only messages anyone may see (accepted and consented). Sorts by publication time. */
  publicOnly?: boolean
  /** Only open messages whose deadline passed before this ISO time. */
  overdueAt?: string
  /**
   * Only messages under supervision (督办). Few are, and the flag lives in the stored document:
   * the SQL stores check it on the rows of the list's index range, not through an index of its own.
   */
  supervised?: boolean
  /**
   * `due`: open messages by deadline, the earliest first, then the others (no deadline runs); equal
   * keys in insertion order (keyset on (shared.ts dueKey, sequence number)); staff lists only.
   * Default: newest first.
   */
  sort?: 'created' | 'due'
  /** 1–100. */
  limit: number
  /** Opaque cursor from a previous page. Invalid cursors throw {@link InvalidCursorError}. */
  cursor?: string
}

/** Thrown by listMessages for a cursor it did not issue. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError'
}

/**
 * Thrown by a networked store (PostgreSQL) when the database cannot be reached or went away in the
 * middle of a call. Nothing the call wrote was acknowledged: a transaction that fails with it was
 * not reported as committed (a retry with the same Idempotency-Key finds out whether it was). The
 * HTTP layer answers 503 with `Retry-After`; the store reconnects by itself once the database is
 * back.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError'
  /** Stable code for programs. */
  readonly code = 'store_unavailable'
}

/** What {@link StoreReader.boardStats} counts. */
export interface StatsQuery {
  /** The board whose subtree (the board and every board below it) is counted. */
  boardId: string
  /**
   * First day counted, `YYYY-MM-DD`, of the day in China time (UTC+8, no daylight saving) on which
   * a message was created. Inclusive.
   */
  from?: string
  /** Last day counted, `YYYY-MM-DD` in China time. Inclusive. */
  to?: string
  /** The instant (ISO) against which `overdue` is counted: open with `dueAt` before it. */
  now: string
}

/** What {@link StoreReader.statsCounts} sums: {@link StatsQuery} for several boards. */
export interface StatsCountsQuery extends Omit<StatsQuery, 'boardId'> {
  /** Subtree roots; each gets its own sums. */
  boardIds: readonly string[]
  /** Also the sums of each China month (`YYYY-MM`) of the range. */
  byMonth?: boolean
  /**
   * Only what a supervision table's figures read (`unitFiguresOf`): a store may leave out the
   * counts by type and domain (`t:` and `d:` keys), half the rows of a day.
   */
  unitFigures?: boolean
}

/** The summed counters of one board's subtree. */
export interface BoardCounts {
  boardId: string
  counts: StatsCounts
  /** Open messages past their deadline at the query's `now`. */
  overdue: number
  /** With `byMonth`: the counters of each month that has any. */
  months?: Record<string, StatsCounts>
}

/** What statistics read of each message (see `stats-counts.ts`). */
export type { StatsRow } from '../stats-counts.js'

/** A staff credential. Only the SHA-256 of the token is stored. */
export interface StaffToken {
  /** Hex SHA-256 of the bearer token. */
  hash: string
  /** Who holds it, for the log (never the token). */
  label: string
  roles: StaffRole[]
  /** Boards covered, each with its descendants. */
  boardIds: string[]
  createdAt: string
}

/** A claimed Idempotency-Key and, once done, the response to replay. */
export interface IdempotencyRecord {
  /** Whose key: `public` for citizens, the token hash for staff. */
  scope: string
  key: string
  /** SHA-256 of method, path and body: same key + other request → 422. */
  fingerprint: string
  state: 'running' | 'done'
  createdAt: string
  response?: StoredResponse
}

/** A response as stored for replay. */
export interface StoredResponse {
  status: number
  headers: Record<string, string>
  body: string
}
