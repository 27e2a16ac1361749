// Hot-spot grouping of a batch of new messages (postgres/batch.ts), whatever the batch's size, in
// the two statements that write the batch: the first reads, for every message and band, the
// candidates stored before the batch (and takes the batch's seqs); the decisions are then made in
// memory, message after message in insertion order, by store/hotspots.ts's `groupNewMessage` (the
// earlier messages of the batch are candidates of the later ones as if each had been written on
// its own); the statement that writes the batch's rows (postgres/write.ts) also writes its band
// hashes, merges and memberships. The outcome is the one of grouping each message in a
// transaction of its own.
import { bandHashes, SIMILARITY } from '@liuyan/core'
import type { Message } from '@liuyan/core'
import { groupNewMessage, WINDOW_MS, type Candidate, type GroupWriter } from '../hotspots.js'
import { instant } from '../shared.js'

interface Near {
  seq: number
  createdMs: number
}

/**
 * For each (message, band hash) asked, the `perBand` stored messages nearest before or at its
 * creation (newest first) and nearest after (oldest first) within the window; then, once each (`k`
 * null), the candidates' texts and groups (a group looked up by its primary key for each: a few
 * candidates, however many messages are in groups); then (`k` = -1) `$4` seqs taken from the messages'
 * identity, for the batch's rows. A read (its bands are written with the batch's rows): what it
 * finds was stored before the batch.
 */
export const CANDIDATES_SQL = `WITH c AS MATERIALIZED (
    SELECT q.k, q.band, b.seq, b.created_ms FROM unnest($1::integer[], $2::integer[], $3::bigint[]) AS q (k, band, c)
    CROSS JOIN LATERAL (
      (SELECT seq, created_ms FROM hot_bands WHERE band = q.band AND created_ms BETWEEN q.c - ${WINDOW_MS} AND q.c
       ORDER BY created_ms DESC, seq DESC LIMIT ${SIMILARITY.perBand})
      UNION ALL
      (SELECT seq, created_ms FROM hot_bands WHERE band = q.band AND created_ms > q.c AND created_ms <= q.c + ${WINDOW_MS}
       ORDER BY created_ms, seq LIMIT ${SIMILARITY.perBand})
    ) b
  )
  SELECT c.k, c.band, c.seq, c.created_ms, NULL::bigint AS root, NULL::text AS text FROM c
  UNION ALL
  SELECT NULL, NULL, u.seq, NULL, (SELECT h.root FROM hot_members h WHERE h.seq = u.seq), m.search_text
  FROM (SELECT DISTINCT seq FROM c) u JOIN messages m ON m.seq = u.seq
  UNION ALL
  SELECT -1, NULL, nextval(pg_get_serial_sequence('messages', 'seq')), NULL, NULL, NULL FROM generate_series(1, $4::integer)`

/**
 * The CTEs that write a batch's bands (`hb`: `$1`–`$3` hash, created_ms, seq), new memberships
 * (`mem`, `sc`, `sp`: `$4`, `$5` seq, root: their rows under each board above and their spans) and,
 * with `merges`, merges (`f`, `um`, `us`, `moved`: `$6`, `$7` old, new: every member of group `old`
 * moves into group `new`, with its rows under each board and its spans), in the statement that
 * writes the batch's rows (postgres/write.ts): `d` is that statement's batch of rows, which its
 * other parts do not see in `messages`. Merges touch only groups stored before the batch and
 * memberships only messages in no group, so no row is written twice (a message that joined a
 * group merged here since the candidates were read is moved by the merge, not joined again; rows
 * are upserted in key order, so two writes lock them alike); spans are summed per
 * (board, group) and appended as deltas (postgres/deltas.ts), the deltas of a group merged away
 * renamed.
 */
export function groupsCtes(merges: boolean): string {
  const moves = merges
    ? `, f AS (
    SELECT * FROM unnest($6::bigint[], $7::bigint[]) AS f (old, new)
  ), um AS (
    UPDATE hot_members h SET root = f.new FROM f WHERE h.root = f.old
  ), us AS (
    UPDATE hot_scope s SET root = f.new FROM f WHERE s.root = f.old
  ), moved AS (
    DELETE FROM hot_spans s USING f WHERE s.root = f.old RETURNING s.ancestor, f.new AS root, s.first_ms, s.last_ms
  ), ud AS (
    UPDATE hot_span_deltas s SET root = f.new FROM f WHERE s.root = f.old
  )`
    : ''
  return `hb AS (
    INSERT INTO hot_bands (band, created_ms, seq) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bigint[]) ON CONFLICT DO NOTHING
  )${moves}, mem AS (
    INSERT INTO hot_members (seq, root) SELECT * FROM unnest($4::bigint[], $5::bigint[]) AS u (seq, root)
    ${merges ? 'WHERE NOT EXISTS (SELECT 1 FROM hot_members h JOIN f ON h.root = f.old WHERE h.seq = u.seq)' : ''}
    ORDER BY 1
    ON CONFLICT (seq) DO UPDATE SET root = excluded.root RETURNING seq, root
  ), sc AS (
    INSERT INTO hot_scope (ancestor, root, created_ms, seq)
    SELECT t.ancestor, mem.root, m.created_ms, m.seq FROM mem
    JOIN (SELECT seq, created_ms, board_id FROM d UNION ALL SELECT seq, created_ms, board_id FROM messages WHERE seq = ANY ($4::bigint[])) m ON m.seq = mem.seq
    JOIN board_tree t ON t.descendant = m.board_id ORDER BY 1, 2, 3, 4
    ON CONFLICT DO NOTHING RETURNING ancestor, root, created_ms
  ), sp AS (
    INSERT INTO hot_span_deltas (ancestor, root, first_ms, last_ms)
    SELECT ancestor, root, min(first_ms), max(last_ms)
    FROM (${merges ? 'SELECT ancestor, root, first_ms, last_ms FROM moved UNION ALL ' : ''}SELECT ancestor, root, created_ms AS first_ms, created_ms AS last_ms FROM sc) x
    GROUP BY ancestor, root
  )`
}

/** The values of {@link groupsCtes}: bands (hash, created_ms, seq), memberships (seq, root), merges (old, new). */
export type Grouped = [number[], number[], number[], number[], number[], number[], number[]]

/** No bands, no memberships, no merges. */
export const NO_GROUPS: Grouped = [[], [], [], [], [], [], []]

/** `a` before `b` in the order of the nearest before: newest first, ties by higher seq. */
const newestFirst = (a: Near, b: Near) => b.createdMs - a.createdMs || b.seq - a.seq
/** `a` before `b` in the order of the nearest after: oldest first, ties by lower seq. */
const oldestFirst = (a: Near, b: Near) => a.createdMs - b.createdMs || a.seq - b.seq

/** A batch's messages before their rows are written: what to ask {@link CANDIDATES_SQL}. */
export interface Asked {
  /** The messages with band hashes, by position in the batch. */
  entries: Array<{ index: number; message: Message; text: string; createdMs: number; bands: number[]; bandSet: Set<number> }>
  /** The values of {@link CANDIDATES_SQL} (the seqs asked for: one per message of the batch). */
  values: unknown[]
}

/** What to ask for a batch of messages (with their similarity texts, their `search_text`), in insertion order. */
export function askCandidates(batch: ReadonlyArray<{ message: Message; text: string }>): Asked {
  const entries: Asked['entries'] = []
  for (const [index, { message, text }] of batch.entries()) {
    const bands = bandHashes(text)
    if (bands.length > 0) entries.push({ index, message, text, createdMs: instant(message.createdAt, 'createdAt'), bands, bandSet: new Set(bands) })
  }
  const ask: [number[], number[], number[]] = [[], [], []]
  for (const [k, entry] of entries.entries()) {
    for (const band of entry.bandSet) {
      ask[0].push(k)
      ask[1].push(band)
      ask[2].push(entry.createdMs)
    }
  }
  return { entries, values: [...ask, batch.length] }
}

type CandidateRow = { k: number | null; band: number; seq: string; created_ms: string; root: string | null; text: string }

/**
 * The seqs {@link CANDIDATES_SQL} took, in ascending order (the batch's order, as inserts one by
 * one would take them), and the batch's groups decided from its candidates, in insertion order, by
 * store/hotspots.ts's `groupNewMessage`.
 */
export async function decideGroups(asked: Asked, rows: readonly CandidateRow[]): Promise<{ seqs: number[]; grouped: Grouped }> {
  const seqs = rows.filter((row) => row.k === -1).map((row) => Number(row.seq)).sort((a, b) => a - b)
  const entries = asked.entries.map((entry) => ({ ...entry, seq: seqs[entry.index]! }))
  if (entries.length === 0) return { seqs, grouped: NO_GROUPS }
  /** Stored candidates per message of the batch and band hash. */
  const near = entries.map(() => new Map<number, Near[]>())
  const texts = new Map<number, string>()
  /** Groups of stored candidates as stored; then of every message grouped in this batch. */
  const storedRoot = new Map<number, number>()
  for (const row of rows) {
    if (row.k === -1) continue
    const seq = Number(row.seq)
    if (row.k === null) {
      texts.set(seq, row.text)
      if (row.root !== null) storedRoot.set(seq, Number(row.root))
      continue
    }
    const list = near[row.k]!.get(row.band)
    if (list) list.push({ seq, createdMs: Number(row.created_ms) })
    else near[row.k]!.set(row.band, [{ seq, createdMs: Number(row.created_ms) }])
  }
  for (const entry of entries) texts.set(entry.seq, entry.text)
  const joined = new Map<number, number>()
  const renamed = new Map<number, number>()
  const resolve = (root: number) => {
    for (let next = renamed.get(root); next !== undefined; next = renamed.get(root)) root = next
    return root
  }
  const rootOf = (seq: number) => {
    const root = joined.get(seq) ?? storedRoot.get(seq)
    return root === undefined ? undefined : resolve(root)
  }
  let k = 0
  /** The batch's messages before message k, by band hash. */
  const earlier = new Map<number, Near[]>()
  const writer: GroupWriter = {
    async candidates(_seq, bands, createdMs) {
      const found = new Map<number, Candidate>()
      const add = (c: Near) => found.set(c.seq, { seq: c.seq, createdMs: c.createdMs, text: texts.get(c.seq)!, root: rootOf(c.seq) })
      for (const band of new Set(bands)) {
        const stored = near[k]!.get(band) ?? []
        const mine = (earlier.get(band) ?? []).filter((e) => Math.abs(e.createdMs - createdMs) <= WINDOW_MS)
        if (mine.length === 0) {
          // At most perBand each side already: all of them.
          for (const c of stored) add(c)
          continue
        }
        const all = [...stored, ...mine]
        for (const c of all.filter((c) => c.createdMs <= createdMs).sort(newestFirst).slice(0, SIMILARITY.perBand)) add(c)
        for (const c of all.filter((c) => c.createdMs > createdMs).sort(oldestFirst).slice(0, SIMILARITY.perBand)) add(c)
      }
      return [...found.values()]
    },
    async merge(from, to) {
      renamed.set(from, to)
    },
    async join(root, seqs) {
      for (const seq of seqs) joined.set(seq, root)
    },
  }
  // The batch's candidates are few messages compared many times: groupNewMessage keeps their bigram keys.
  for (; k < entries.length; k++) {
    const entry = entries[k]!
    await groupNewMessage(writer, entry.message, entry.seq, { text: entry.text, bands: entry.bands })
    for (const band of entry.bandSet) {
      const list = earlier.get(band)
      if (list) list.push(entry)
      else earlier.set(band, [entry])
    }
  }
  const merges: [number[], number[]] = [[], []]
  for (const root of new Set(storedRoot.values())) {
    const to = resolve(root)
    if (to !== root) {
      merges[0].push(root)
      merges[1].push(to)
    }
  }
  const members: [number[], number[]] = [[], []]
  for (const [seq, root] of joined) {
    members[0].push(seq)
    members[1].push(resolve(root))
  }
  const bands: [number[], number[], number[]] = [[], [], []]
  for (const entry of entries) {
    for (const band of entry.bandSet) {
      bands[0].push(band)
      bands[1].push(entry.createdMs)
      bands[2].push(entry.seq)
    }
  }
  return { seqs, grouped: [...bands, ...members, ...merges] }
}
