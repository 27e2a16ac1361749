// Hot spots' shared rows as append-only deltas in the PostgreSQL store (docs/architecture.md §6,
// "Shared rows"): a submission adds its heat and its group's spans as rows of their own
// (`hot_heat_delta`, `hot_spans_delta`) rather than updating the rows every submission of a board
// shares (`hot_heat`, `hot_spans`). An update of a shared row holds its lock until COMMIT has been
// flushed to disk, so the submissions of a board ran one WAL flush after the other (about 400/s at
// most on the bench's machine, whatever the connections); inserts wait for no one, and their
// flushes are shared (group commit). Readers add the deltas to the base rows in the same statement
// (one snapshot); `foldHotDeltas`, run by each instance now and then in a transaction of its own,
// moves them into the base rows. Sums and spans read are the same before and after a fold.
import type { PgClient } from './driver.js'
import { GROUP_LOCKS } from './grouping.js'

/**
 * A group's spans under a board as read: its base row and its deltas, for the groups (`root`) that
 * have deltas under board `$1`; see {@link SPANS_READ_SQL}.
 */
const SPANS_WITH_DELTAS = `SELECT x.root, min(x.first_ms) AS first_ms, max(x.last_ms) AS last_ms FROM (
    SELECT root, first_ms, last_ms FROM hot_spans_delta WHERE ancestor = $1
    UNION ALL
    SELECT s.root, s.first_ms, s.last_ms FROM hot_spans s WHERE s.ancestor = $1 AND s.root IN (SELECT root FROM hot_spans_delta WHERE ancestor = $1)
  ) x GROUP BY x.root`

/** The keyset condition of a page of spans (`$2` from, `$3` to, `$4`/`$5` after) on the rows `s`. */
const SPAN_PAGE = (s: string) =>
  `${s}.last_ms >= $2 AND ${s}.first_ms < $3 AND ($4::bigint IS NULL OR ${s}.last_ms < $4 OR (${s}.last_ms = $4 AND ${s}.root < $5))`

/**
 * The groups under board `$1` with members from `$2` and before `$3`, most recent last member
 * first, after (`$4` last member, `$5` group) and at most `$6`: the base rows of groups without
 * deltas in the order of their index, and the groups with deltas (few: those since the last fold)
 * with their spans widened by them, merged.
 */
export const SPANS_READ_SQL = `WITH d AS MATERIALIZED (${SPANS_WITH_DELTAS})
  SELECT root, last_ms FROM (
    (SELECT s.root, s.last_ms FROM hot_spans s WHERE s.ancestor = $1 AND ${SPAN_PAGE('s')} AND NOT EXISTS (SELECT 1 FROM d WHERE d.root = s.root)
     ORDER BY s.last_ms DESC, s.root DESC LIMIT $6)
    UNION ALL
    SELECT d.root, d.last_ms FROM d WHERE ${SPAN_PAGE('d')}
  ) u ORDER BY last_ms DESC, root DESC LIMIT $6`

/** The heat cells under board `$1` of the months `$2`–`$3`: base rows and deltas (store/hotspots.ts `heatRows` adds them). */
export const HEAT_CELLS_SQL = `SELECT region, domain, month, n FROM hot_heat WHERE ancestor = $1 AND month BETWEEN $2 AND $3 AND n <> 0
  UNION ALL
  SELECT region, domain, month, n FROM hot_heat_delta WHERE ancestor = $1 AND month BETWEEN $2 AND $3`

/** Delta rows an instance adds between two folds (see {@link foldHotDeltas}; each transaction counts one at least). */
export const FOLD_AFTER = 1000

/** Groups whose span deltas one fold's transaction moves at most (each a lock held until it commits). */
const FOLD_GROUPS = 100

/** The key of the advisory lock a fold holds: one instance folds at a time ("fold" in ASCII). */
const FOLD_LOCK = 0x666f6c64

/** Moves the heat deltas into the base rows: every delta row taken is deleted and its sum added, in one statement. */
const FOLD_HEAT_SQL = `WITH d AS (DELETE FROM hot_heat_delta RETURNING ancestor, month, domain, region, n)
  INSERT INTO hot_heat (ancestor, month, domain, region, n)
  SELECT ancestor, month, domain, region, sum(n) FROM d GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = hot_heat.n + excluded.n`

/**
 * The groups whose span deltas this fold may move: those it takes a shared lock of (held until it
 * commits; grouping.ts's `locksOf`), so that no merge of one of them (which takes it exclusive,
 * and moves its base rows and deltas to the group it joins) runs meanwhile. A group being merged
 * away is left for the next fold.
 */
const FOLD_GROUPS_SQL = `WITH r AS MATERIALIZED (SELECT DISTINCT root FROM hot_spans_delta WHERE root > $1 ORDER BY root LIMIT ${FOLD_GROUPS})
  SELECT coalesce(array_agg(root ORDER BY root) FILTER (WHERE pg_try_advisory_xact_lock_shared(${GROUP_LOCKS} + root)), '{}') AS roots,
    count(*)::integer AS n, max(root)::text AS last FROM r`

/** Moves the span deltas of the groups `$1` into the base rows, in one statement (a span only grows). */
const FOLD_SPANS_SQL = `WITH d AS (DELETE FROM hot_spans_delta WHERE root = ANY($1::bigint[]) RETURNING ancestor, root, first_ms, last_ms)
  INSERT INTO hot_spans (ancestor, root, first_ms, last_ms)
  SELECT ancestor, root, min(first_ms), max(last_ms) FROM d GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (ancestor, root) DO UPDATE SET first_ms = LEAST(hot_spans.first_ms, excluded.first_ms), last_ms = GREATEST(hot_spans.last_ms, excluded.last_ms)`

/**
 * Folds the deltas into the base rows on `client` (a connection of its own): the heat's, and the
 * spans of up to {@link FOLD_GROUPS} groups at a time, each in a transaction of its own; resolves
 * 'busy' when another instance is folding (nothing is done). Safe beside any number of writers
 * and folds: a delta row is deleted by one fold only (the others' DELETE skips the rows it took),
 * and its sum is added in the same transaction.
 */
export async function foldHotDeltas(client: PgClient): Promise<'done' | 'busy'> {
  let after = '0'
  for (let first = true; ; first = false) {
    await client.query('BEGIN')
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [FOLD_LOCK])
      if (!rows[0]!.ok) {
        await client.query('ROLLBACK')
        return 'busy'
      }
      if (first) await client.query(FOLD_HEAT_SQL)
      const [{ roots, n, last }] = (await client.query<{ roots: string[]; n: number; last: string | null }>(FOLD_GROUPS_SQL, [after])).rows as [
        { roots: string[]; n: number; last: string | null },
      ]
      if (roots.length > 0) await client.query(FOLD_SPANS_SQL, [roots])
      await client.query('COMMIT')
      if (n < FOLD_GROUPS || last === null) return 'done'
      after = last
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    }
  }
}
