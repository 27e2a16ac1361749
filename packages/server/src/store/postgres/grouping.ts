// Hot-spot grouping of a batch of new messages (postgres/batch.ts) in three statements whatever the
// batch's size: one stores the batch's band hashes and reads, for every message and band, the
// candidates stored before the batch; the decisions are then made in memory, message after
// message in insertion order, by store/hotspots.ts's `groupNewMessage` (the earlier messages of
// the batch are candidates of the later ones as if each had been written on its own); one last
// statement writes the merges and memberships and answers the spans to add, which the batch adds with
// its other sums just before COMMIT (postgres/batch.ts). The outcome is the one of grouping each
// message in a transaction of its own.
import { bandHashes, SIMILARITY } from '@liuyan/core'
import type { Message } from '@liuyan/core'
import { groupNewMessage, WINDOW_MS, type Candidate, type GroupWriter } from '../hotspots.js'
import type { Query } from './hotspots.js'

/** A message of the batch, inserted (it has its seq), with its similarity text (its `search_text`). */
export interface Inserted {
  message: Message
  seq: number
  text: string
}

interface Entry extends Inserted {
  createdMs: number
  bands: number[]
  bandSet: Set<number>
}

interface Near {
  seq: number
  createdMs: number
}

/**
 * Parts of the statement that writes a batch (postgres/batch.ts; its messages `d` with their seqs,
 * values from `$p+1`): stores the batch's bands; for each (message, band hash) asked, the `perBand` stored messages
 * nearest before or at its creation (newest first) and nearest after (oldest first) within the
 * window; then, once each (kind 2), the candidates' texts and groups. The statement does not see its
 * own insert of bands: what it reads was stored before the batch.
 * Its plan is generic (made without the values, see postgres.ts): the window's far bound is a
 * filter (`created_ms + 0`), not a second bound of the index range, so that the plan is an ordered
 * scan of the key of `hot_bands` that stops after `perBand` rows; with both bounds the planner
 * guesses a few rows and reads every row of the band in the window (a bitmap scan, then a sort):
 * a hot spot's messages all share its bands, so that cost grew with the group (12 bands of ~1,000
 * rows each for a submission of the bench, most of the server's time of it). A candidate's group
 * is a lookup of its own, not a join a generic plan may make a scan of `hot_members`.
 */
export function candidatesSql(p: number): { ctes: string; rows: string } {
  return {
    ctes: `stored AS (
    INSERT INTO hot_bands (band, created_ms, seq)
    SELECT x.band, x.c, d.seq FROM unnest($${p + 4}::integer[], $${p + 5}::integer[], $${p + 6}::bigint[]) AS x (i, band, c) JOIN d ON d.k = x.i
    ON CONFLICT DO NOTHING
  ), c AS MATERIALIZED (
    SELECT q.k, q.band, b.seq, b.created_ms FROM unnest($${p + 1}::integer[], $${p + 2}::integer[], $${p + 3}::bigint[]) AS q (k, band, c)
    CROSS JOIN LATERAL (
      (SELECT seq, created_ms FROM hot_bands WHERE band = q.band AND created_ms <= q.c AND created_ms + 0 >= q.c - ${WINDOW_MS}
       ORDER BY created_ms DESC, seq DESC LIMIT ${SIMILARITY.perBand})
      UNION ALL
      (SELECT seq, created_ms FROM hot_bands WHERE band = q.band AND created_ms > q.c AND created_ms + 0 <= q.c + ${WINDOW_MS}
       ORDER BY created_ms, seq LIMIT ${SIMILARITY.perBand})
    ) b
  )`,
    rows: `SELECT 1 AS kind, c.k, c.seq::text AS seq, c.band, c.created_ms::text AS created_ms, NULL::text AS root, NULL::text AS text FROM c
  UNION ALL
  SELECT 2, NULL, u.seq::text, NULL, NULL, (SELECT h.root FROM hot_members h WHERE h.seq = u.seq)::text, m.search_text
  FROM (SELECT DISTINCT seq FROM c) u JOIN messages m ON m.seq = u.seq`,
  }
}

/** A row of {@link candidatesSql}: a candidate (kind 1) or a candidate's text and group (kind 2). */
export interface CandidateRow {
  kind: number
  k: number | null
  band: number | null
  seq: string
  created_ms: string | null
  root: string | null
  text: string | null
}

/** A batch's messages with band hashes, before they are written: what {@link candidatesSql} asks (`ask`) and stores (`store`, by index in the batch from 1). */
export interface BatchBands {
  entries: Array<{ index: number; createdMs: number; bands: number[]; bandSet: Set<number> }>
  ask: [number[], number[], number[]]
  store: [number[], number[], number[]]
}

/** The band hashes of a batch's messages (their similarity texts), before the batch is written. */
export function batchBands(texts: readonly string[], createdMs: readonly number[]): BatchBands {
  const out: BatchBands = { entries: [], ask: [[], [], []], store: [[], [], []] }
  for (const [index, text] of texts.entries()) {
    const bands = bandHashes(text)
    if (bands.length === 0) continue
    const k = out.entries.length
    const entry = { index, createdMs: createdMs[index]!, bands, bandSet: new Set(bands) }
    out.entries.push(entry)
    for (const band of entry.bandSet) {
      out.ask[0].push(k)
      out.ask[1].push(band)
      out.ask[2].push(entry.createdMs)
      out.store[0].push(index + 1)
      out.store[1].push(band)
      out.store[2].push(entry.createdMs)
    }
  }
  return out
}

/**
 * Merges (every member of group `old` into group `new`: memberships, rows under each board; the
 * spans of `old`, base rows and deltas, deleted) and new memberships (their rows under each board above), one statement,
 * run under the locks of {@link LOCK_SQL}: so it reads (its snapshot is taken after them) what the
 * transactions that held them first committed. It writes only when the stored candidates (`$5`) are
 * still in the groups the decisions were made on (`$6`, null: in none), and answers either the
 * spans to add, per (board, group: those of the groups merged away and those of the new rows, for
 * {@link SPANS_ADD_SQL}), or (`seq` set) the candidates whose group changed, with their group now.
 * Merges touch only groups stored before the batch and memberships only messages in no group, so
 * no row is written twice.
 */
const WRITE_SQL = `WITH g AS MATERIALIZED (
    SELECT u.seq, h.root FROM unnest($5::bigint[], $6::bigint[]) AS u (seq, root) LEFT JOIN hot_members h ON h.seq = u.seq
    WHERE h.root IS DISTINCT FROM u.root
  ), ok AS MATERIALIZED (
    SELECT NOT EXISTS (SELECT 1 FROM g) AS ok
  ), f AS (
    SELECT f.* FROM unnest($1::bigint[], $2::bigint[]) AS f (old, new), ok WHERE ok.ok
  ), um AS (
    UPDATE hot_members h SET root = f.new FROM f WHERE h.root = f.old
  ), us AS (
    UPDATE hot_scope s SET root = f.new FROM f WHERE s.root = f.old
  ), moved AS (
    DELETE FROM hot_spans s USING f WHERE s.root = f.old RETURNING s.ancestor, f.new AS root, s.first_ms, s.last_ms
  ), moved_deltas AS (
    DELETE FROM hot_spans_delta s USING f WHERE s.root = f.old RETURNING s.ancestor, f.new AS root, s.first_ms, s.last_ms
  ), mem AS (
    INSERT INTO hot_members (seq, root) SELECT u.* FROM unnest($3::bigint[], $4::bigint[]) AS u, ok WHERE ok.ok
    ON CONFLICT (seq) DO UPDATE SET root = excluded.root RETURNING seq, root
  ), sc AS (
    INSERT INTO hot_scope (ancestor, root, created_ms, seq)
    SELECT t.ancestor, mem.root, m.created_ms, m.seq FROM mem JOIN messages m ON m.seq = mem.seq JOIN board_tree t ON t.descendant = m.board_id
    ON CONFLICT DO NOTHING RETURNING ancestor, root, created_ms
  )
  SELECT ancestor, root::text, min(first_ms)::text AS first_ms, max(last_ms)::text AS last_ms, NULL::text AS seq
  FROM (SELECT ancestor, root, first_ms, last_ms FROM moved UNION ALL SELECT ancestor, root, first_ms, last_ms FROM moved_deltas
    UNION ALL SELECT ancestor, root, created_ms, created_ms FROM sc) x
  GROUP BY ancestor, root
  UNION ALL
  SELECT NULL, root::text, NULL, NULL, seq::text FROM g`

/**
 * Adds spans (`$1`–`$4`: board, group, first and last creation) as delta rows
 * (postgres/hot-deltas.ts): a group's span is the widest of its rows, so no row of another
 * transaction is waited for.
 */
export const SPANS_ADD_SQL = `INSERT INTO hot_spans_delta (ancestor, root, first_ms, last_ms)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])`

/** A span to add: a group's first and last creation under a board. */
export interface Span {
  ancestor: string
  root: number
  firstMs: number
  lastMs: number
}

/** What the grouping of a batch leaves to add: its merges (old → new root, in order) and spans. */
export interface Grouped {
  merges: Array<[number, number]>
  spans: Span[]
}

/** `a` before `b` in the order of the nearest before: newest first, ties by higher seq. */
const newestFirst = (a: Near, b: Near) => b.createdMs - a.createdMs || b.seq - a.seq
/** `a` before `b` in the order of the nearest after: oldest first, ties by lower seq. */
const oldestFirst = (a: Near, b: Near) => a.createdMs - b.createdMs || a.seq - b.seq

/**
 * Groups the messages of a batch (in insertion order, seqs ascending) after their rows are written,
 * from their bands and the candidates the write answered ({@link candidatesSql}); `defer` queues a statement whose answer is not read before the next (the transaction's connection's).
 */
export async function groupBatch(
  query: Query,
  batch: readonly Inserted[],
  bands: BatchBands,
  rows: readonly CandidateRow[],
  defer: (text: string, values: readonly unknown[]) => boolean = () => false,
): Promise<Grouped> {
  const entries: Entry[] = bands.entries.map(({ index, createdMs, bands, bandSet }) => ({ ...batch[index]!, createdMs, bands, bandSet }))
  if (entries.length === 0) return { merges: [], spans: [] }
  /** Stored candidates per message of the batch and band hash. */
  const near = entries.map(() => new Map<number, Near[]>())
  const texts = new Map<number, string>()
  /** Groups of stored candidates as stored; then of every message grouped in this batch. */
  const storedRoot = new Map<number, number>()
  for (const row of rows) {
    const seq = Number(row.seq)
    if (row.kind === 2) {
      texts.set(seq, row.text!)
      if (row.root !== null) storedRoot.set(seq, Number(row.root))
      continue
    }
    const list = near[row.k!]!.get(row.band!)
    if (list) list.push({ seq, createdMs: Number(row.created_ms) })
    else near[row.k!]!.set(row.band!, [{ seq, createdMs: Number(row.created_ms) }])
  }
  for (const entry of entries) texts.set(entry.seq, entry.text)
  const batchSeqs = new Set(entries.map((e) => e.seq))
  /** The stored candidates, each with its group as read (undefined: in none): what the decisions rest on. */
  const storedSeqs = [...texts.keys()].filter((seq) => !batchSeqs.has(seq))
  /** The batch's merges and memberships decided on the stored candidates' groups `storedRoot`. */
  const decide = async () => {
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
    return { merges, members }
  }
  for (let attempt = 1; ; attempt++) {
    const { merges, members } = await decide()
    if (merges[0].length === 0 && members[0].length === 0) return { merges: [], spans: [] }
    // The first locks are waited for. Those of a decision made again may be held by a transaction
    // that waits for one this holds (two joining one group, then both merging it away): tried, and
    // when one is taken the transaction is run again at once rather than after deadlock detection.
    // The first locks go with the writes, in one round trip when they can (postgres/pipeline.ts):
    // two statements still, the writes' snapshot taken once the locks are held.
    if (attempt === 1) {
      const locks = locksOf(merges, members, batchSeqs)
      if (!defer(LOCK_SQL, locks)) await query(LOCK_SQL, locks)
    }
    else if (!(await query<{ ok: boolean }>(TRY_LOCK_SQL, locksOf(merges, members, batchSeqs)))[0]!.ok) throw groupsChanging()
    const rows = await query<{ ancestor: string | null; root: string | null; first_ms: string | null; last_ms: string | null; seq: string | null }>(WRITE_SQL, [
      ...merges,
      ...members,
      storedSeqs,
      storedSeqs.map((seq) => storedRoot.get(seq) ?? null),
    ])
    const changed = rows.filter((r) => r.seq !== null)
    if (changed.length === 0) {
      return {
        merges: merges[0].map((old, i) => [old, merges[1][i]!]),
        spans: rows.map((r) => ({ ancestor: r.ancestor!, root: Number(r.root), firstMs: Number(r.first_ms), lastMs: Number(r.last_ms) })),
      }
    }
    // Another transaction changed groups of candidates (it held the locks first, and committed):
    // decided again on the groups as they are now, under the locks that this takes then.
    if (attempt === DECISIONS) throw groupsChanging()
    for (const row of changed) {
      if (row.root === null) storedRoot.delete(Number(row.seq))
      else storedRoot.set(Number(row.seq), Number(row.root))
    }
  }
}

/** A serialization failure (40001): the store runs the transaction again. */
const groupsChanging = () => Object.assign(new Error('The groups of similar messages kept changing under this write'), { code: '40001' })

/** Decisions made again, at most, when other transactions change the candidates' groups meanwhile. */
const DECISIONS = 8

/** Advisory lock keys of groups and messages: their seq above this (clear of the store's other locks). */
export const GROUP_LOCKS = 2 ** 50

/**
 * The locks a batch's group writes take (`LOCK_SQL`'s values), until the transaction ends:
 * exclusive on each group merged away and each stored message that joins a group (from none),
 * shared on each stored group joined. So no two transactions write one message's membership, nor
 * join a group another merges away, at once; any number join one group together.
 */
function locksOf(merges: [number[], number[]], members: [number[], number[]], batch: ReadonlySet<number>): [number[], boolean[]] {
  const exclusive = new Set<number>([...merges[0], ...members[0].filter((seq) => !batch.has(seq))])
  const shared = new Set<number>([...merges[1], ...members[1]].filter((root) => !batch.has(root) && !exclusive.has(root)))
  const keys = [...[...exclusive].map((seq) => [seq, true] as const), ...[...shared].map((seq) => [seq, false] as const)].sort((a, b) => a[0] - b[0])
  return [keys.map(([seq]) => GROUP_LOCKS + seq), keys.map(([, x]) => x)]
}

/** Takes advisory locks (`$1` keys, `$2` exclusive or shared), in the order given (ascending keys: two transactions lock alike). */
const LOCK_SQL = `SELECT count(CASE WHEN u.x THEN pg_advisory_xact_lock(u.k)::text ELSE pg_advisory_xact_lock_shared(u.k)::text END)::integer AS n
  FROM unnest($1::bigint[], $2::boolean[]) AS u (k, x)`

/** {@link LOCK_SQL} without waiting: whether every lock was taken (those taken are kept until the transaction ends). */
const TRY_LOCK_SQL = `SELECT coalesce(bool_and(CASE WHEN u.x THEN pg_try_advisory_xact_lock(u.k) ELSE pg_try_advisory_xact_lock_shared(u.k) END), true) AS ok
  FROM unnest($1::bigint[], $2::boolean[]) AS u (k, x)`
