// The PostgreSQL store's statistics counters (docs/architecture.md §6): `stats_counts` keeps, per
// board of a message's closure rows (`message_boards`) and per period of its submission day, the
// sum of the contributions of `stats-counts.ts`, written in the transaction of each change (rows
// in a fixed order, so two instances lock them alike); sums read one primary-key range per board
// and period range. Overdue messages due today come from the closure's index of open deadlines.
import type { Message } from '@liuyan/core'
import { dayOf, overdueOf, todayBounds } from '../../stats-counts.js'
import { addSum, changeRows, contributionOf, counterRows, createdBounds, periodRanges, queryDays, type Contribution, type CounterRow } from '../stats-keeping.js'
import type { BoardCounts, StatsCountsQuery } from '../types.js'
import type { PgClient } from './driver.js'

/** Runs a statement with values (the transaction's or the migration's client). */
export type Run = (text: string, values: readonly unknown[]) => Promise<unknown>

const TABLE_SQL = `
  CREATE TABLE stats_counts (
    board text NOT NULL,
    grain smallint NOT NULL,
    period integer NOT NULL,
    key text NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (board, grain, period, key)
  );
  CREATE INDEX message_boards_due ON message_boards (board_id, open_due_ms, created_ms) WHERE open_due_ms IS NOT NULL;
`

/** Adds counter rows of messages (by id) to every board of their closure rows, summed per counter. */
const APPLY = `INSERT INTO stats_counts (board, grain, period, key, n)
  SELECT mb.board_id, d.grain, d.period, d.key, sum(d.n)
  FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[]) AS d (id, grain, period, key, n)
  JOIN messages m ON m.id = d.id JOIN message_boards mb ON mb.seq = m.seq
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (board, grain, period, key) DO UPDATE SET n = stats_counts.n + excluded.n`

/** Writes the counter rows of several messages in one statement. */
export async function applyCounters(run: Run, changes: Iterable<readonly [id: string, rows: readonly CounterRow[]]>): Promise<void> {
  const columns: [string[], number[], number[], string[], number[]] = [[], [], [], [], []]
  for (const [id, rows] of changes) {
    for (const [grain, period, key, n] of rows) {
      columns[0].push(id)
      columns[1].push(grain)
      columns[2].push(period)
      columns[3].push(key)
      columns[4].push(n)
    }
  }
  if (columns[0].length > 0) await run(APPLY, columns)
}

/**
 * Writes the counters of an update from `before` to `after` around `update` (which rewrites the
 * row and, when its scope changed, its closure rows).
 */
export async function updateCounters(run: Run, before: Message, after: Message, update: () => Promise<void>): Promise<void> {
  const prev = contributionOf(before)
  const next = contributionOf(after)
  const sameScope = before.boardId === after.boardId && before.assigneeBoardId === after.assigneeBoardId
  const delta = sameScope ? changeRows(prev, next) : undefined
  if (!delta) await applyCounters(run, [[after.id, counterRows(prev, -1)]])
  await update()
  await applyCounters(run, [[after.id, delta ?? counterRows(next)]])
}

/** The contributions of stored messages from their `doc` column. */
export function contributionsOf(rows: ReadonlyArray<{ id: string; doc: string }>): Map<string, Contribution> {
  return new Map(rows.map((row) => [row.id, contributionOf(JSON.parse(row.doc) as Message)]))
}

/** Migration 2: the counters and their index, and the counters of the rows already stored. */
export async function statsMigration(client: PgClient): Promise<void> {
  await client.query(TABLE_SQL)
  const run: Run = (text, values) => client.query(text, values)
  for (let after = '0'; ; ) {
    const { rows } = await client.query<{ seq: string; id: string; doc: string }>('SELECT seq, id, doc FROM messages WHERE seq > $1 ORDER BY seq LIMIT 1000', [after])
    await applyCounters(run, [...contributionsOf(rows)].map(([id, c]) => [id, counterRows(c)] as const))
    if (rows.length < 1000) break
    after = rows[rows.length - 1]!.seq
  }
}

/** The sums of a {@link StatsCountsQuery}, and the open messages due earlier today, in one statement. */
export async function pgStatsCounts(rows: <R>(text: string, values: readonly unknown[]) => Promise<R[]>, query: StatsCountsQuery): Promise<BoardCounts[]> {
  const { fromDay, toDay, nowMs } = queryDays(query)
  const byMonth = query.byMonth ?? false
  const ranges = periodRanges(fromDay, toDay, byMonth)
  const { startMs } = todayBounds(nowMs)
  const { fromMs, toMs } = createdBounds(fromDay, toDay)
  const period = byMonth ? 'c.period' : '0'
  // Every key but the `due:<day>` before today's (overdueOf reads `due` less those from today on).
  const key = `CASE WHEN c.key LIKE 'due:%' AND substr(c.key, 5)::int < $9::int THEN NULL ELSE c.key END`
  const group = byMonth ? `c.board, c.grain, c.period, ${key}` : `c.board, c.grain, ${key}`
  const found = await rows<{ board: string; grain: number; period: number; key: string | null; n: string }>(
    `SELECT c.board, c.grain, ${period} AS period, ${key} AS key, sum(c.n)::text AS n
     FROM unnest($1::text[]) AS b (board)
     CROSS JOIN unnest($2::int[], $3::int[], $4::int[]) AS r (grain, lo, hi)
     JOIN stats_counts c ON c.board = b.board AND c.grain = r.grain AND c.period BETWEEN r.lo AND r.hi
     GROUP BY ${group}
     UNION ALL
     SELECT mb.board_id, -1, 0, NULL, count(*)::text FROM message_boards mb
     WHERE mb.board_id = ANY($1::text[]) AND mb.open_due_ms >= $5::bigint AND mb.open_due_ms < $6::bigint
       AND mb.created_ms >= $7::bigint AND mb.created_ms < $8::bigint
     GROUP BY mb.board_id`,
    [query.boardIds, ranges.map((r) => r.grain), ranges.map((r) => r.from), ranges.map((r) => r.to), startMs, nowMs, Math.max(fromMs, -9e15), Math.min(toMs, 9e15), dayOf(nowMs)],
  )
  const out = new Map<string, BoardCounts>(query.boardIds.map((id) => [id, { boardId: id, counts: {}, overdue: 0 }]))
  const today = new Map<string, number>()
  for (const row of found) {
    const target = out.get(row.board)
    if (!target) continue
    if (row.grain === -1) today.set(row.board, Number(row.n))
    else if (row.key === null) continue
    else addSum(target, row.grain, row.period, row.key, Number(row.n), byMonth)
  }
  for (const target of out.values()) target.overdue = overdueOf(target.counts, nowMs, today.get(target.boardId) ?? 0)
  return query.boardIds.map((id) => out.get(id)!)
}
