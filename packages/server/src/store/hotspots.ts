/**
 * Hot spots (源头治理), the part every store shares (docs/architecture.md §6 "Hot spots"): how a new
 * message joins a group of similar messages, and how the groups of a subtree are read. Each store
 * gives the index lookups (a {@link GroupIndex}); the decisions are made here once, so the memory,
 * SQLite and PostgreSQL stores group the same messages the same way.
 *
 * A message is placed by the board it was sent to (its region is that board's GB/T 2260 code):
 * where the problem was reported, which an assignment does not change.
 * Not part of the package's public API (index.ts exports only the stores).
 */
import { bandHashes, bigramKeys, DOMAINS, jaccard, publicText, SIMILARITY, similarityText, SIMILAR_GROUP_COUNT_CAP } from '@liuyan/core'
import type { Domain, HeatRow, Message, MessageStatus, Page, SimilarGroup } from '@liuyan/core'
import { monthNumber, monthText } from '../stats-counts.js'
import { CHINA_OFFSET_MS, decodeCursor, encodeCursor, instant } from './shared.js'

/** The link window of {@link SIMILARITY} in milliseconds. @internal */
export const WINDOW_MS = SIMILARITY.windowDays * 86_400_000

/** A message that shares a band hash with a new one. @internal */
export interface Candidate {
  /** The store's insertion number of the message. */
  seq: number
  createdMs: number
  /**
   * The message's similarity text (core's `similarityText`); a store may leave it out and give
   * {@link GroupWriter.texts}, so that only the texts compared are read.
   */
  text?: string
  /** Its group's root, when it is in a group. */
  root: number | undefined
}

/** The writes and lookups a store gives the grouping of a new message. @internal */
export interface GroupWriter {
  /**
   * Stores the band hashes of the new message (number `seq`) and answers, as they were before it,
   * for each band hash the `perBand` messages with that hash created nearest before or at
   * `createdMs` (within the window, newest first, ties by higher seq) and the `perBand` nearest
   * after it (oldest first, ties by lower seq), each message once.
   */
  candidates(seq: number, bands: readonly number[], createdMs: number): Promise<Candidate[]>
  /** The similarity texts of candidates given without one, by seq (required when a candidate lacks its text). */
  texts?(seqs: readonly number[]): Promise<Map<number, string>>
  /** Moves every member of the group `from` into the group `to`. */
  merge(from: number, to: number): Promise<void>
  /** Makes messages without a group members of the group `root`. */
  join(root: number, seqs: readonly number[]): Promise<void>
}

/**
 * Groups a new message (number `seq`, similarity text `similarity` when the caller has it):
 * writes its band hashes, compares it with the candidates
 * that share one (core's `similarity` at least `SIMILARITY.threshold`), and unites it and every
 * group it matches into one group: the one with the lowest root among the groups matched (else a
 * new one, whose root is the lowest seq among the messages matched).
 *
 * What is decided depends only on which groups have a matching candidate and which candidates
 * in no group match, so a group's candidates are compared only until one matches (by seq, in
 * rounds: each round compares the next candidate of every group not matched yet and every
 * candidate in no group, reading their texts together when the store gives them apart).
 * Runs in the transaction that inserts the message. `computed`: the message's similarity text
 * (core's `similarityText`, which a store may have as its search text) and its band hashes, when
 * the caller has them already. @internal
 */
export async function groupNewMessage(
  writer: GroupWriter,
  message: Message,
  seq: number,
  computed?: { text: string; bands?: readonly number[] },
): Promise<void> {
  const text = computed?.text ?? similarityText(message)
  const bands = computed?.bands ?? bandHashes(text)
  if (bands.length === 0) return
  const createdMs = instant(message.createdAt, 'createdAt')
  const candidates = (await writer.candidates(seq, bands, createdMs))
    .filter((c) => c.seq !== seq && Math.abs(c.createdMs - createdMs) <= WINDOW_MS)
    .sort((a, b) => a.seq - b.seq)
  const keys = keysOf(text)
  /** Groups with a matching candidate; candidates in no group that match. */
  const matchedRoots = new Set<number>()
  const loose = new Set<number>()
  // Each group's candidates, in seq order; those in no group are a round of their own.
  const queues = new Map<number, Candidate[]>()
  const round: Candidate[] = []
  for (const c of candidates) {
    if (c.root === undefined) round.push(c)
    else {
      const queue = queues.get(c.root)
      if (queue) queue.push(c)
      else queues.set(c.root, [c])
    }
  }
  for (;;) {
    for (const [root, queue] of queues) {
      const next = queue.shift()
      if (next) round.push(next)
      if (queue.length === 0) queues.delete(root)
    }
    if (round.length === 0) break
    const missing = round.filter((c) => c.text === undefined).map((c) => c.seq)
    const texts = missing.length > 0 ? await writer.texts!(missing) : undefined
    for (const c of round) {
      // core's `similarity`, over bigram keys kept for the texts met recently.
      if (jaccard(keys, keysOf(c.text ?? texts!.get(c.seq) ?? '')) < SIMILARITY.threshold) continue
      if (c.root === undefined) loose.add(c.seq)
      else {
        matchedRoots.add(c.root)
        queues.delete(c.root)
      }
    }
    round.length = 0
  }
  if (matchedRoots.size === 0 && loose.size === 0) return
  // The oldest group among those matched survives (a message in no group joins it), so a large
  // group is not moved under a newly matched message of a lower number.
  const root = matchedRoots.size > 0 ? Math.min(...matchedRoots) : Math.min(...loose)
  for (const other of [...matchedRoots].filter((r) => r !== root).sort((a, b) => a - b)) await writer.merge(other, root)
  await writer.join(root, [...loose, seq])
}

/** Bigram keys of recent texts, by text: a text's keys never change, so any store may share them. */
const KEYS = new Map<string, Float64Array>()
/** Texts whose keys are kept: a few windows' worth of one subject's candidates (a few MiB). */
const KEYS_KEPT = 8192

/** core's `bigramKeys` of a text, from {@link KEYS} when it was met recently. */
function keysOf(text: string): Float64Array {
  let keys = KEYS.get(text)
  if (keys === undefined) {
    keys = bigramKeys(text)
    if (KEYS.size >= KEYS_KEPT) KEYS.delete(KEYS.keys().next().value!)
    KEYS.set(text, keys)
  }
  return keys
}

/** How the heat table and the groups name regions: rolled up to the level below the root. @internal */
export function regionDigits(rootRegion: string | undefined): number {
  return rootRegion !== undefined && /^\d{2}0000$/u.test(rootRegion) ? 4 : 6
}

/** A region code rolled up to its first `digits` digits. @internal */
export function rollUp(region: string, digits: number): string {
  return region.slice(0, digits).padEnd(6, '0')
}

/** The China-time month `YYYY-MM` of an instant. @internal */
export function chinaMonth(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 7)
}

/** What a store counts for {@link StoreReader.heatTable}. */
export interface HeatStoreQuery {
  /** The subtree's root. */
  boardId: string
  /** First and last China-time month, `YYYY-MM`, both included. */
  fromMonth: string
  toMonth: string
  /**
   * Digits of the region code kept (see {@link regionDigits}): the memory store rolls up with it;
   * the SQL stores' heat rows are rolled up so for their board already.
   */
  regionDigits: number
}

/** Every month from `from` to `to` (`YYYY-MM`, both included), in order. @internal */
export function heatMonths(from: string, to: string): string[] {
  const months: string[] = []
  for (let month = monthNumber(from); month <= monthNumber(to); month++) months.push(monthText(month))
  return months
}

/**
 * The counts of a heat aggregate as three columns (so a SQL store fetches three JSON arrays, not an
 * array per count): `keys[i]` is `region + ' ' + domain`, `months[i]` its month, `n[i]` the messages.
 * @internal
 */
export interface HeatColumns {
  keys: readonly string[]
  months: readonly string[]
  n: readonly number[]
}

/**
 * The rows of a heat table from its counts (in any order, several counts of one cell added, months
 * outside the query's left out):
 * a row per region and domain, its counts month by month from `fromMonth` to `toMonth`, ordered by
 * region, then domain in core's order. Every store reads its counts and shapes them here. @internal
 */
export function heatRows(counts: HeatColumns, query: Pick<HeatStoreQuery, 'fromMonth' | 'toMonth'>): HeatRow[] {
  const months = new Map(heatMonths(query.fromMonth, query.toMonth).map((m, i) => [m, i]))
  const rows = new Map<string, HeatRow>()
  for (let i = 0; i < counts.keys.length; i++) {
    const at = months.get(counts.months[i]!)
    const n = Number(counts.n[i])
    if (at === undefined || n === 0) continue
    const key = counts.keys[i]!
    let row = rows.get(key)
    if (!row) {
      const space = key.indexOf(' ')
      rows.set(key, (row = { region: key.slice(0, space), domain: key.slice(space + 1) as Domain, counts: new Array<number>(months.size).fill(0) }))
    }
    row.counts[at]! += n
  }
  const order = new Map(DOMAINS.map((d, i) => [d, i]))
  // Counts of one cell may come in several parts (a store's deltas) that add up to nothing.
  return [...rows.values()].filter((row) => row.counts.some((n) => n !== 0)).sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : order.get(a.domain)! - order.get(b.domain)!))
}

/** What a store reads for {@link StoreReader.similarGroups}. */
export interface GroupsStoreQuery {
  boardId: string
  /** Members created from this instant on (epoch ms, inclusive). */
  fromMs?: number
  /** Members created before this instant (epoch ms, exclusive). */
  toMs?: number
  /** 1–50. */
  limit: number
  regionDigits: number
}

/** What a store reads for {@link StoreReader.groupMessages}. */
export interface GroupMessagesStoreQuery {
  boardId: string
  /** The group's id or any member's id. */
  memberId: string
  fromMs?: number
  toMs?: number
  limit: number
  cursor?: string
}

/** A member of a group as the readers list it. @internal */
export interface Member {
  seq: number
  id: string
  createdMs: number
  region: string
}

/** The lookups a store gives the reading of groups. @internal */
export interface GroupReader {
  /**
   * Groups with members in the subtree, by the creation of their newest member there, newest
   * first (ties by higher root), from position `after` on, at most `limit`; only groups whose
   * members there span some of the range.
   */
  spans(boardId: string, range: { fromMs: number; toMs: number }, limit: number, after?: readonly [number, number]): Promise<Array<{ root: number; lastMs: number }>>
  /** Members of the group in the subtree created in the range, newest first (ties by higher seq), at most `limit`. */
  members(boardId: string, root: number, range: { fromMs: number; toMs: number }, limit: number): Promise<Member[]>
  /** The messages with these seqs. */
  messages(seqs: readonly number[]): Promise<Map<number, Message>>
}

/** Groups looked at, at most, for one answer: bounds the cost of a range where few have two members. */
const EXAMINED_MAX = 400

/**
 * The groups of a subtree with at least two members in the range, most recently active first,
 * each with its count (capped), first and last member, newest member and places. @internal
 */
export async function readGroups(reader: GroupReader, query: GroupsStoreQuery): Promise<SimilarGroup[]> {
  const range = { fromMs: query.fromMs ?? -8.64e15, toMs: query.toMs ?? 8.64e15 }
  const found: Array<{ root: number; members: Member[] }> = []
  let after: readonly [number, number] | undefined
  let examined = 0
  while (found.length < query.limit && examined < EXAMINED_MAX) {
    const batch = await reader.spans(query.boardId, range, 50, after)
    if (batch.length === 0) break
    for (const span of batch) {
      examined++
      const members = await reader.members(query.boardId, span.root, range, SIMILAR_GROUP_COUNT_CAP + 1)
      if (members.length >= 2) found.push({ root: span.root, members })
      if (found.length === query.limit) break
    }
    const last = batch[batch.length - 1]!
    after = [last.lastMs, last.root]
    if (batch.length < 50) break
  }
  const messages = await reader.messages(found.map((g) => g.members[0]!.seq))
  return found.map(({ members }) => {
    const counted = members.slice(0, SIMILAR_GROUP_COUNT_CAP)
    const newest = messages.get(counted[0]!.seq)!
    const places = new Map<string, number>()
    for (const m of counted) {
      const region = rollUp(m.region, query.regionDigits)
      places.set(region, (places.get(region) ?? 0) + 1)
    }
    return {
      id: counted[counted.length - 1]!.id,
      count: counted.length,
      more: members.length > SIMILAR_GROUP_COUNT_CAP,
      firstAt: new Date(counted[counted.length - 1]!.createdMs).toISOString(),
      lastAt: new Date(counted[0]!.createdMs).toISOString(),
      latest: { id: newest.id, title: publicText(newest).title, domain: newest.domain, status: newest.status as MessageStatus },
      places: [...places].map(([region, count]) => ({ region, count })).sort((a, b) => b.count - a.count || (a.region < b.region ? -1 : 1)),
    }
  })
}

/**
 * One page of a group's members in a subtree, newest first by keyset on (created, seq). `root`
 * is the group of the message asked for (its own seq when it is in no group). @internal
 */
export async function readGroupPage(
  page: (root: number, range: { fromMs: number; toMs: number }, after: readonly [number, number] | undefined, limit: number) => Promise<Array<{ seq: number; createdMs: number }>>,
  messages: (seqs: readonly number[]) => Promise<Map<number, Message>>,
  root: number,
  query: GroupMessagesStoreQuery,
): Promise<Page<Message>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const rows = await page(root, { fromMs: query.fromMs ?? -8.64e15, toMs: query.toMs ?? 8.64e15 }, after, query.limit + 1)
  const shown = rows.slice(0, query.limit)
  const bySeq = await messages(shown.map((r) => r.seq))
  const last = shown[shown.length - 1]
  return {
    items: shown.map((r) => bySeq.get(r.seq)!).filter(Boolean),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdMs, last.seq) : null,
  }
}

/** Whether a member created at `ms` (number `seq`) is in the range and after the cursor. @internal */
export function inPage(ms: number, seq: number, range: { fromMs: number; toMs: number }, after: readonly [number, number] | undefined): boolean {
  return ms >= range.fromMs && ms < range.toMs && (!after || ms < after[0] || (ms === after[0] && seq < after[1]))
}
