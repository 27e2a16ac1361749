// Hot spots in the PostgreSQL store (docs/architecture.md §6 "Hot spots"): the heat aggregate kept
// by the inserting transaction and a trigger, the groups' rows when the board tree changes, and the reads of both (the band
// hashes and groups of new messages are written by postgres/grouping.ts). The decisions are
// store/hotspots.ts's; the SQL is the SQLite store's, in PostgreSQL.
import type { Board, HeatRow, Message, Page, SimilarGroup } from '@liuyan/core'
import {
  heatRows,
  inPage,
  readGroupPage,
  readGroups,
  type GroupMessagesStoreQuery,
  type GroupReader,
  type GroupsStoreQuery,
  type HeatStoreQuery,
} from '../hotspots.js'
import { subtreeIds } from '../shared.js'
import { HEAT_CELLS_SQL, SPANS_READ_SQL } from './hot-deltas.js'
import { messageOf, MESSAGE_COLUMNS, type MessageRow } from './reader.js'

/** Runs one statement: the store's `rows`, with its error translation. */
export type Query = <R>(text: string, values?: readonly unknown[]) => Promise<R[]>

export const MONTH_SQL = (ms: string) => `to_char(to_timestamp((${ms} + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')`

/** The region under the board `a` above: rolled up to the level below it (see the SQLite store). */
export const ROLLED_SQL = `CASE WHEN (a.doc::jsonb ->> 'region') ~ '^[0-9]{2}0000$' THEN substr(b.doc::jsonb ->> 'region', 1, 4) || '00' ELSE b.doc::jsonb ->> 'region' END`

/** The heat rows of the messages `m` that `where` selects, each counted `sign` times (upserted). */
function heatOf(where: string, sign: 1 | -1): string {
  return `INSERT INTO hot_heat (ancestor, month, domain, region, n)
    SELECT t.ancestor, ${MONTH_SQL('m.created_ms')}, m.domain, ${ROLLED_SQL}, ${sign} * count(*)
    FROM messages m JOIN boards b ON b.id = m.board_id JOIN board_tree t ON t.descendant = m.board_id JOIN boards a ON a.id = t.ancestor
    WHERE ${where} GROUP BY 1, 2, 3, 4
    ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = hot_heat.n + excluded.n`
}

/** Migration 5: hot spots, as SQLite's migration 8 (see sqlite/hotspots.ts). */
export const HOTSPOTS_MIGRATION = `
  CREATE TABLE hot_heat (
    ancestor text NOT NULL,
    month text NOT NULL,
    domain text NOT NULL,
    region text NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (ancestor, month, domain, region)
  );
  CREATE FUNCTION hot_heat_count() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE d integer;
  BEGIN
    IF TG_OP = 'INSERT' THEN
      IF NEW.status = 'rejected' THEN RETURN NULL; END IF;
      d := 1;
    ELSE
      IF (OLD.status = 'rejected') = (NEW.status = 'rejected') THEN RETURN NULL; END IF;
      d := CASE WHEN NEW.status = 'rejected' THEN -1 ELSE 1 END;
    END IF;
    INSERT INTO hot_heat (ancestor, month, domain, region, n)
      SELECT t.ancestor, ${MONTH_SQL('NEW.created_ms')}, NEW.domain, ${ROLLED_SQL}, d
      FROM boards b JOIN board_tree t ON t.descendant = b.id JOIN boards a ON a.id = t.ancestor WHERE b.id = NEW.board_id
    ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = hot_heat.n + excluded.n;
    RETURN NULL;
  END $$;
  CREATE TRIGGER hot_heat_insert AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION hot_heat_count();
  CREATE TRIGGER hot_heat_status AFTER UPDATE OF status ON messages FOR EACH ROW EXECUTE FUNCTION hot_heat_count();
  ${heatOf("m.status <> 'rejected'", 1)};

  CREATE TABLE hot_bands (
    band integer NOT NULL,
    created_ms bigint NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (band, created_ms, seq)
  );
  CREATE TABLE hot_members (
    seq bigint PRIMARY KEY,
    root bigint NOT NULL
  );
  CREATE INDEX hot_members_root ON hot_members (root);
  CREATE TABLE hot_scope (
    ancestor text NOT NULL,
    root bigint NOT NULL,
    created_ms bigint NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (ancestor, root, created_ms, seq)
  );
  CREATE INDEX hot_scope_root ON hot_scope (root);
  CREATE TABLE hot_spans (
    ancestor text NOT NULL,
    root bigint NOT NULL,
    first_ms bigint NOT NULL,
    last_ms bigint NOT NULL,
    PRIMARY KEY (ancestor, root)
  );
  CREATE INDEX hot_spans_recent ON hot_spans (ancestor, last_ms DESC, root DESC);
`

/**
 * Adds to the heat the inserted messages a transaction counted (postgres/batch.ts): per board
 * sent to, China month and domain (refused ones left out), `n` messages, under every board above,
 * as delta rows (postgres/hot-deltas.ts), which no other transaction waits for.
 */
export const HEAT_ADD_SQL = `INSERT INTO hot_heat_delta (ancestor, month, domain, region, n)
  SELECT t.ancestor, m.month, m.domain, ${ROLLED_SQL}, sum(m.n)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[]) AS m (board_id, month, domain, n)
  JOIN boards b ON b.id = m.board_id JOIN board_tree t ON t.descendant = b.id JOIN boards a ON a.id = t.ancestor
  GROUP BY 1, 2, 3, 4`

/**
 * Migration 9: the heat of inserted messages is added by the transaction that inserts them, with
 * its other counters, just before COMMIT ({@link HEAT_ADD_SQL}), rather than by a trigger as the
 * rows are written: a heat row is shared by every message of its cell, and its lock is then held
 * for the end of the transaction only, not for all of it (submissions to one board one after the
 * other, 30 ms each at 8 connections). A change of status stays counted by its trigger.
 */
export const HEAT_AT_COMMIT_MIGRATION = `
  DROP TRIGGER hot_heat_insert ON messages;
  DROP FUNCTION hot_heat_insert_rows();
`

/**
 * Migration 7: the heat of inserted messages counted once per statement (a batch of many rows,
 * see postgres/batch.ts) from its transition table rather than once per row; a change of status
 * stays per row (PostgreSQL has no transition tables for a trigger on a column). Counter tables
 * leave room on their pages, so an increment is a HOT update that rewrites no index entry.
 */
export const HEAT_BATCH_MIGRATION = `
  CREATE FUNCTION hot_heat_insert_rows() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO hot_heat (ancestor, month, domain, region, n)
      SELECT t.ancestor, m.month, m.domain, ${ROLLED_SQL}, sum(m.n)
      FROM (
        SELECT board_id, ${MONTH_SQL('created_ms')} AS month, domain, count(*) AS n FROM hot_heat_new
        WHERE status <> 'rejected' GROUP BY 1, 2, 3
      ) m
      JOIN boards b ON b.id = m.board_id JOIN board_tree t ON t.descendant = b.id JOIN boards a ON a.id = t.ancestor
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = hot_heat.n + excluded.n;
    RETURN NULL;
  END $$;
  DROP TRIGGER hot_heat_insert ON messages;
  CREATE TRIGGER hot_heat_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS hot_heat_new
    FOR EACH STATEMENT EXECUTE FUNCTION hot_heat_insert_rows();
  ALTER TABLE stats_counts SET (fillfactor = 70);
  ALTER TABLE hot_heat SET (fillfactor = 70);
`

/**
 * Migration 11: the delta tables of postgres/hot-deltas.ts (no key: rows are only inserted, and deleted by a fold), and the
 * status trigger's heat (a message refused or restored) as deltas too.
 */
export const HOT_DELTAS_MIGRATION = `
  CREATE TABLE hot_heat_delta (
    ancestor text NOT NULL,
    month text NOT NULL,
    domain text NOT NULL,
    region text NOT NULL,
    n integer NOT NULL
  );
  CREATE INDEX hot_heat_delta_ancestor ON hot_heat_delta (ancestor, month);
  CREATE TABLE hot_spans_delta (
    ancestor text NOT NULL,
    root bigint NOT NULL,
    first_ms bigint NOT NULL,
    last_ms bigint NOT NULL
  );
  CREATE INDEX hot_spans_delta_ancestor ON hot_spans_delta (ancestor, root);
  CREATE INDEX hot_spans_delta_root ON hot_spans_delta (root);
  CREATE OR REPLACE FUNCTION hot_heat_count() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE d integer;
  BEGIN
    IF TG_OP = 'INSERT' THEN
      IF NEW.status = 'rejected' THEN RETURN NULL; END IF;
      d := 1;
    ELSE
      IF (OLD.status = 'rejected') = (NEW.status = 'rejected') THEN RETURN NULL; END IF;
      d := CASE WHEN NEW.status = 'rejected' THEN -1 ELSE 1 END;
    END IF;
    INSERT INTO hot_heat_delta (ancestor, month, domain, region, n)
      SELECT t.ancestor, ${MONTH_SQL('NEW.created_ms')}, NEW.domain, ${ROLLED_SQL}, d
      FROM boards b JOIN board_tree t ON t.descendant = b.id JOIN boards a ON a.id = t.ancestor WHERE b.id = NEW.board_id;
    RETURN NULL;
  END $$;
`

const SCOPE_OF = (where: string) => `INSERT INTO hot_scope (ancestor, root, created_ms, seq)
  SELECT t.ancestor, h.root, m.created_ms, m.seq FROM hot_members h JOIN messages m ON m.seq = h.seq
  JOIN board_tree t ON t.descendant = m.board_id WHERE ${where} ON CONFLICT DO NOTHING`
const SPANS_OF = (where: string) => `INSERT INTO hot_spans (ancestor, root, first_ms, last_ms)
  SELECT s.ancestor, s.root, min(s.created_ms), max(s.created_ms) FROM hot_scope s WHERE ${where} GROUP BY s.ancestor, s.root
  ON CONFLICT (ancestor, root) DO UPDATE SET first_ms = LEAST(hot_spans.first_ms, excluded.first_ms), last_ms = GREATEST(hot_spans.last_ms, excluded.last_ms)`

/**
 * Keeps the hot-spot rows right when a board is added, moved or changes region: see the SQLite
 * store's `hotspotsBoardChange`. Undefined when nothing changes for hot spots.
 */
export async function pgHotspotsBoardChange(query: Query, board: Board, stored: { parent_id: string | null; region: string } | undefined) {
  if (stored && stored.parent_id === (board.parentId ?? null) && stored.region === board.region) return undefined
  if ((await query('SELECT 1 FROM messages LIMIT 1')).length === 0) return undefined
  const boards = (await query<{ doc: string }>('SELECT doc FROM boards')).map((row) => JSON.parse(row.doc) as Board)
  const affected = [...subtreeIds([board.id], [...boards.filter((b) => b.id !== board.id), board])]
  const inBoards = 'm.board_id = ANY($1::text[])'
  const roots = `(SELECT DISTINCT h.root FROM hot_members h JOIN messages m ON m.seq = h.seq WHERE ${inBoards})`
  return {
    async before() {
      await query(heatOf(`m.status <> 'rejected' AND ${inBoards}`, -1), [affected])
      await query(`DELETE FROM hot_spans WHERE root IN ${roots}`, [affected])
      await query(`DELETE FROM hot_spans_delta WHERE root IN ${roots}`, [affected])
      await query(`DELETE FROM hot_scope WHERE seq IN (SELECT m.seq FROM messages m WHERE ${inBoards})`, [affected])
    },
    async after() {
      await query(heatOf(`m.status <> 'rejected' AND ${inBoards}`, 1), [affected])
      await query(SCOPE_OF(inBoards), [affected])
      await query(SPANS_OF(`s.root IN ${roots}`), [affected])
    },
  }
}

/** The hot-spot reads of the PostgreSQL store. */
export class PgHotspots {
  readonly #query: Query

  constructor(query: Query) {
    this.#query = query
  }

  async heatTable(query: HeatStoreQuery): Promise<HeatRow[]> {
    // One row per cell, rolled up as the SQLite store's (ROLLED_SQL), and the cells' deltas: no
    // GROUP BY (heatRows adds them). The rows as three JSON arrays, as the SQLite store reads them
    // (three values to parse, not thousands of rows).
    const [row] = await this.#query<{ keys: string[] | null; months: string[] | null; n: number[] | null }>(
      `SELECT json_agg(region || ' ' || domain) AS keys, json_agg(month) AS months, json_agg(n) AS n FROM (${HEAT_CELLS_SQL}) h`,
      [query.boardId, query.fromMonth, query.toMonth],
    )
    return heatRows({ keys: row!.keys ?? [], months: row!.months ?? [], n: row!.n ?? [] }, query)
  }

  async similarGroups(query: GroupsStoreQuery): Promise<SimilarGroup[]> {
    const regions = await this.#regions()
    const q = this.#query
    const reader: GroupReader = {
      spans: async (board, range, limit, after) =>
        (
          await q<{ root: string; last_ms: string }>(SPANS_READ_SQL, [board, range.fromMs, range.toMs, after?.[0] ?? null, after?.[1] ?? null, limit])
        ).map((r) => ({ root: Number(r.root), lastMs: Number(r.last_ms) })),
      members: async (board, root, range, limit) =>
        (
          await q<{ seq: string; id: string; created_ms: string; board_id: string }>(
            `SELECT s.seq, m.id, s.created_ms, m.board_id FROM hot_scope s JOIN messages m ON m.seq = s.seq
             WHERE s.ancestor = $1 AND s.root = $2 AND s.created_ms >= $3 AND s.created_ms < $4
             ORDER BY s.created_ms DESC, s.seq DESC LIMIT $5`,
            [board, root, range.fromMs, range.toMs, limit],
          )
        ).map((r) => ({ seq: Number(r.seq), id: r.id, createdMs: Number(r.created_ms), region: regions.get(r.board_id) ?? '000000' })),
      messages: (seqs) => this.#messages(seqs),
    }
    return readGroups(reader, query)
  }

  async groupMessages(query: GroupMessagesStoreQuery): Promise<Page<Message> | undefined> {
    const [member] = await this.#query<{ seq: string; root: string | null }>(
      `SELECT m.seq, h.root FROM messages m LEFT JOIN hot_members h ON h.seq = m.seq
       WHERE m.id = $1 AND EXISTS (SELECT 1 FROM board_tree t WHERE t.ancestor = $2 AND t.descendant = m.board_id)`,
      [query.memberId, query.boardId],
    )
    if (!member) return undefined
    const seq = Number(member.seq)
    const page = async (root: number, range: { fromMs: number; toMs: number }, after: readonly [number, number] | undefined, limit: number) => {
      if (member.root === null) {
        // A message in no group is a group of one.
        const [row] = await this.#query<{ created_ms: string }>('SELECT created_ms FROM messages WHERE seq = $1', [seq])
        const ms = Number(row!.created_ms)
        return inPage(ms, seq, range, after) ? [{ seq, createdMs: ms }] : []
      }
      const rows = await this.#query<{ seq: string; created_ms: string }>(
        `SELECT seq, created_ms FROM hot_scope WHERE ancestor = $1 AND root = $2 AND created_ms >= $3 AND created_ms < $4
         AND ($5::bigint IS NULL OR created_ms < $5 OR (created_ms = $5 AND seq < $6))
         ORDER BY created_ms DESC, seq DESC LIMIT $7`,
        [query.boardId, root, range.fromMs, range.toMs, after?.[0] ?? null, after?.[1] ?? null, limit],
      )
      return rows.map((r) => ({ seq: Number(r.seq), createdMs: Number(r.created_ms) }))
    }
    return readGroupPage(page, (seqs) => this.#messages(seqs), member.root === null ? seq : Number(member.root), query)
  }

  async #regions(): Promise<Map<string, string>> {
    const rows = await this.#query<{ id: string; region: string }>("SELECT id, doc::jsonb ->> 'region' AS region FROM boards")
    return new Map(rows.map((r) => [r.id, r.region]))
  }

  async #messages(seqs: readonly number[]): Promise<Map<number, Message>> {
    if (seqs.length === 0) return new Map()
    const rows = await this.#query<MessageRow & { seq: string }>(`SELECT m.seq, ${MESSAGE_COLUMNS} FROM messages m WHERE m.seq = ANY($1::bigint[])`, [seqs])
    return new Map(rows.map((row) => [Number(row.seq), messageOf(row)]))
  }
}
