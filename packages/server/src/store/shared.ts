/**
 * What the stores share, so they read queries, cursors and times the same way: the query plan,
 * keyset cursors, the newest-first order, the text search reads, the stored public view, and the
 * store's error messages.
 * Not part of the package's public API (index.ts exports only the stores).
 */
import { isPubliclyVisible, OPEN_STATUSES, publicText, toPublicMessage } from '@liuyan/core'
import type { Domain, Message, MessageStatus, MessageType } from '@liuyan/core'
import { InvalidCursorError } from './types.js'
import type { MessageQuery, StaffToken, StatsQuery, StatsRow } from './types.js'
/**
 * The version of the public views stored in `messages.public_doc` (SQLite and PostgreSQL).
 *
 * Each message row keeps `public_doc` = `JSON.stringify(toPublicMessage(message))` (core's public
 * view, timeline included) while core's `isPubliclyVisible` says the public may see it, else NULL;
 * `public_version` is this constant as it was when the row was rendered. Public reads serve the
 * stored text, so they skip JSON parsing, masking and serializing.
 *
 * **Bump this number whenever the public view can change for the same stored message**: an upgrade
 * of `@liuyan/core` that changes `toPublicMessage`, `maskPII`, `maskNickname` or
 * `isPubliclyVisible`, or a change to the message or timeline shapes. On the next start
 * (`createSqliteStore` without `readonly`) every row rendered under another version is rendered
 * again; until then, in read-only stores, and in the PostgreSQL store (where instances of two
 * versions may share a database), such rows are rendered on each read instead of being served
 * stale. @internal
 */
export const PUBLIC_VIEW_VERSION = 3

/** The stored public view: core's, while the public may see the message; otherwise none. @internal */
export function renderPublic(message: Message): string | null {
  return isPubliclyVisible(message) ? JSON.stringify(toPublicMessage(message)) : null
}

/** A {@link MessageQuery} checked and turned into the values both stores compare. @internal */
export interface ListPlan {
  publicOnly: boolean
  boardIds: ReadonlySet<string> | undefined
  statuses: ReadonlySet<MessageStatus> | undefined
  type: MessageType | undefined
  domain: Domain | undefined
  /** Lower-cased, so Latin letters match in any case. */
  keyword: string | undefined
  fromMs: number | undefined
  toMs: number | undefined
  overdueMs: number | undefined
  /** Only messages under supervision (督办). */
  supervised: boolean
  /**
   * By deadline (`sort: 'due'`): ascending by ({@link dueKey}, sequence number), so messages without
   * a running deadline come last and equal deadlines in insertion order. Otherwise newest first.
   */
  byDue: boolean
  /** Sort key (the time, or the due key) and sequence number of the last item of the previous page. */
  after: readonly [number, number] | undefined
  limit: number
}

/**
 * The due key of a message without a running deadline: later than any deadline (the largest time a
 * Date holds), so such messages sort last by deadline and every key stays a safe integer. @internal
 */
export const NO_DUE_MS = 8_640_000_000_000_000

/**
 * The key a list by deadline sorts by: the deadline's epoch milliseconds while the message is open
 * (accepted, assigned, processing: the deadline that runs, as for overdue), else {@link NO_DUE_MS}
 * (awaiting review, replied, closed, refused). @internal
 */
export function dueKey(status: MessageStatus, dueMs: number | null | undefined): number {
  return (OPEN_STATUSES as readonly string[]).includes(status) ? (dueMs ?? NO_DUE_MS) : NO_DUE_MS
}

/**
 * {@link dueKey} in SQL, on the `status` and `due_ms` columns of `table` (an alias, or '' for the
 * columns alone, as in an index): the SQL stores index and sort by this very expression. @internal
 */
export function dueKeySql(table = ''): string {
  const column = (name: string) => (table ? `${table}.${name}` : name)
  const open = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')
  return `coalesce(CASE WHEN ${column('status')} IN (${open}) THEN ${column('due_ms')} END, ${NO_DUE_MS})`
}

/**
 * Reads a query: decodes the cursor (throwing {@link InvalidCursorError}) and turns times into epoch
 * milliseconds, so `Z` and `+08:00` times compare as instants. An empty `boardIds` or `statuses`
 * matches nothing; an empty keyword is no filter. @internal
 */
export function planQuery(query: MessageQuery): ListPlan {
  const byDue = query.sort === 'due'
  if (byDue && query.publicOnly) throw new RangeError('The public list is sorted by publication time only')
  return {
    publicOnly: query.publicOnly === true,
    boardIds: query.boardIds ? new Set(query.boardIds) : undefined,
    statuses: query.statuses ? new Set(query.statuses) : undefined,
    type: query.type,
    domain: query.domain,
    keyword: query.keyword ? query.keyword.toLowerCase() : undefined,
    fromMs: query.from === undefined ? undefined : instant(query.from, 'from'),
    toMs: query.to === undefined ? undefined : instant(query.to, 'to'),
    overdueMs: query.overdueAt === undefined ? undefined : instant(query.overdueAt, 'overdueAt'),
    supervised: query.supervised === true,
    byDue,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, byDue ? 'due' : 'time'),
    limit: query.limit,
  }
}

/**
 * Whether (aKey, aSeq) comes before (bKey, bSeq) in the plan's order: newest first ({@link isNewer}),
 * or by deadline, the smaller due key, and of equal keys the earlier insertion. @internal
 */
export function comesBefore(plan: Pick<ListPlan, 'byDue'>, aKey: number, aSeq: number, bKey: number, bSeq: number): boolean {
  if (!plan.byDue) return isNewer(aKey, aSeq, bKey, bSeq)
  return aKey !== bKey ? aKey < bKey : aSeq < bSeq
}

/** The cursor after the item with this sort key and sequence number, in the plan's order. @internal */
export function cursorAfter(plan: Pick<ListPlan, 'byDue'>, key: number, seq: number): string {
  return encodeCursor(key, seq, plan.byDue ? 'due' : 'time')
}

/**
 * Whether (aMs, aSeq) comes before (bMs, bSeq) in a newest-first list: the later time, and of
 * equal times the later insertion, so the order is total and the same on every read. @internal
 */
export function isNewer(aMs: number, aSeq: number, bMs: number, bSeq: number): boolean {
  return aMs !== bMs ? aMs > bMs : aSeq > bSeq
}

/**
 * Orders strings by Unicode code point, which is how SQLite's BINARY collation orders UTF-8 text;
 * plain `<` compares UTF-16 units and puts U+10000 and above before U+E000–U+FFFF. @internal
 */
export function compareIds(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit
  // Surrogates (astral code points) rank above every other BMP unit.
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800
}

/**
 * The order of `listTokens`: oldest first by the instant of `createdAt` (a time that does not parse
 * goes last rather than failing the whole list), then by hash. @internal
 */
export function compareTokens(a: StaffToken, b: StaffToken): number {
  const at = (token: StaffToken) => {
    const ms = Date.parse(token.createdAt)
    return Number.isFinite(ms) ? ms : Infinity
  }
  const difference = at(a) - at(b)
  return difference !== 0 && !Number.isNaN(difference) ? difference : compareIds(a.hash, b.hash)
}

/** Epoch milliseconds of an ISO time with an offset. @internal */
export function instant(iso: string, what: string): number {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not an ISO 8601 time with an offset`)
  return ms
}

/** The publication time the public list sorts by, only while the message may be listed. @internal */
export function publicSortTime(message: Message): number | undefined {
  return message.publishedAt !== undefined && isPubliclyVisible(message) ? instant(message.publishedAt, 'publishedAt') : undefined
}

/**
 * What keyword search reads: the public (masked) title and content, lower-cased. Never the raw text,
 * or a search for a phone number would tell whether a message contains it. `masked`: the message's
 * `publicText` when the caller has it already (a public view's title and content are exactly that),
 * so the text is masked once per row. @internal
 */
export function searchText(message: Message, masked: { title: string; content: string } = publicText(message)): string {
  return `${masked.title}\n${masked.content}`.toLowerCase()
}

/**
 * The index terms of a search text: every character and every pair of adjacent characters (code
 * points), each once. A keyword of one character is found through its term, a longer one through
 * all of its pairs ({@link keywordGrams}), then checked against the text itself: Chinese needs no
 * word breaks, and 1–2 character terms (路灯) are found through the index too. @internal
 */
export function searchGrams(text: string): string[] {
  const chars = [...text]
  const grams = new Set<string>(chars)
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!)
  return [...grams]
}

/** The terms every text holding `keyword` (lower-cased) has: see {@link searchGrams}. @internal */
export function keywordGrams(keyword: string): string[] {
  const chars = [...keyword]
  if (chars.length === 1) return chars
  const grams = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!)
  return [...grams]
}

/** The fields statistics read; absent values are left out, not set to undefined. @internal */
export function statsRowOf(message: Message): StatsRow {
  const row: StatsRow = { status: message.status, type: message.type, domain: message.domain, createdAt: message.createdAt }
  if (message.supervised) row.supervised = true
  if (message.reviewedAt !== undefined) row.reviewedAt = message.reviewedAt
  if (message.repliedAt !== undefined) row.repliedAt = message.repliedAt
  if (message.dueAt !== undefined) row.dueAt = message.dueAt
  if (message.evaluation !== undefined) row.overall = message.evaluation.overall
  return row
}

/**
 * The events of `message.timeline` beyond the `storedCount` already stored. A shorter timeline
 * would mean stored events were dropped, which append-only storage refuses. @internal
 */
export function appendOnlyTimeline(storedCount: number, message: Message): Message['timeline'] {
  if (message.timeline.length < storedCount) {
    throw new Error(`Message ${message.id} has ${message.timeline.length} timeline events but ${storedCount} are stored; events are append-only`)
  }
  return message.timeline.slice(storedCount)
}

/** @internal */
export const DUPLICATE_TRACKING_CODE = 'Another message already has this tracking code; create a new code'
/** @internal */
export const NO_IDEMPOTENCY_CLAIM = 'There is no claim for this idempotency key; call beginIdempotency first'
/** @internal */
export function duplicateId(id: string): string {
  return `A message with id ${id} already exists; create a new id`
}

/**
 * Encodes a keyset position as base64url JSON: `[sortMs, seq]` for a list by time, `[dueKey, seq,
 * "due"]` for one by deadline, so a cursor is never read in the other order. @internal
 */
export function encodeCursor(ms: number, seq: number, order: 'time' | 'due' = 'time'): string {
  return btoa(JSON.stringify(order === 'due' ? [ms, seq, 'due'] : [ms, seq])).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '')
}

/**
 * Decodes a cursor from {@link encodeCursor} for a list in `order`; anything else (a cursor of the
 * other order too) throws {@link InvalidCursorError}. @internal
 */
export function decodeCursor(cursor: string, order: 'time' | 'due' = 'time'): readonly [number, number] {
  const invalid = () => new InvalidCursorError('The cursor is not one this list issued; start again without a cursor')
  if (!/^[A-Za-z0-9_-]{1,700}$/u.test(cursor)) throw invalid()
  let value: unknown
  try {
    const binary = atob(cursor.replace(/-/gu, '+').replace(/_/gu, '/'))
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw invalid()
  }
  if (
    !Array.isArray(value) ||
    value.length !== (order === 'due' ? 3 : 2) ||
    (order === 'due' && value[2] !== 'due') ||
    !Number.isSafeInteger(value[0]) ||
    !Number.isSafeInteger(value[1])
  ) {
    throw invalid()
  }
  return [value[0] as number, value[1] as number]
}

/**
 * Runs async tasks one at a time, in the order they were queued: a promise chain, so a transaction
 * that awaits cannot interleave with another. @internal
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task)
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }
}

/** Milliseconds China Standard Time (UTC+8, no daylight saving) is ahead of UTC. @internal */
export const CHINA_OFFSET_MS = 8 * 3600_000

/** The day number (days since 1970-01-01) in China time of an epoch-millisecond instant. @internal */
export function chinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / 86_400_000)
}

/**
 * The range of China-time day numbers a {@link StatsQuery} counts, inclusive at both ends; a
 * missing bound is unbounded. A day that is not a real `YYYY-MM-DD` date throws a RangeError. @internal
 */
export function statsDays(query: StatsQuery): { fromDay: number; toDay: number } {
  const day = (text: string | undefined, what: string, open: number) => {
    if (text === undefined) return open
    const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text)
    const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN
    if (!match || new Date(ms).toISOString().slice(0, 10) !== text) throw new RangeError(`${what} is not a YYYY-MM-DD date`)
    return ms / 86_400_000
  }
  return { fromDay: day(query.from, 'from', -Infinity), toDay: day(query.to, 'to', Infinity) }
}

/**
 * Every board in the subtrees of `roots` (each root included, stored or not), following `parentId`
 * of `boards`. @internal
 */
export function subtreeIds(roots: Iterable<string>, boards: Iterable<{ id: string; parentId: string | null }>): Set<string> {
  const children = new Map<string, string[]>()
  for (const board of boards) {
    if (board.parentId === null) continue
    const list = children.get(board.parentId)
    if (list) list.push(board.id)
    else children.set(board.parentId, [board.id])
  }
  const out = new Set<string>()
  const stack = [...roots]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (out.has(id)) continue
    out.add(id)
    for (const child of children.get(id) ?? []) stack.push(child)
  }
  return out
}
