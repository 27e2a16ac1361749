// Hot-spot aggregates of new messages as appended deltas (docs/architecture.md §6 "Durable writes
// on PostgreSQL"): every submission adds 1 to the heat cells of its board's ancestors for its
// month and domain (the province's cells among them), and a message joining a group moves that
// group's span under each board above; so all submissions at once would update the same few rows
// and wait for one another's COMMIT (a row stays locked until then). They append rows to
// `hot_heat_deltas` and `hot_span_deltas` instead, which no two transactions share; reads add
// them to `hot_heat` and `hot_spans`, and a fold (deltas deleted and summed into those tables)
// keeps them few. Nothing of a reader's answer depends on whether a delta has been folded.

/** The China-time month `YYYY-MM` of epoch milliseconds, in SQL. */
export const MONTH_SQL = (ms: string) => `to_char(to_timestamp((${ms} + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')`

/** The region under the board `a` above: rolled up to the level below it (see the SQLite store). */
export const ROLLED_SQL = `CASE WHEN (a.doc::jsonb ->> 'region') ~ '^[0-9]{2}0000$' THEN substr(b.doc::jsonb ->> 'region', 1, 4) || '00' ELSE b.doc::jsonb ->> 'region' END`

/**
 * The key of the advisory lock of a fold (one fold at a time, across instances; a fold skips its
 * turn while the lock is held), which writes merging groups hold too (a merge renames the deltas
 * of the group merged away, which a fold running meanwhile would fold under the old name; and
 * merges then run one at a time, each decided on what those before it committed), and board
 * changes shared (they rebuild the spans of the groups under the boards concerned).
 */
export const FOLD_LOCK = 0x6c7968656174 // "lyheat"

/**
 * Migration 9: the deltas table (read per board and month range), the heat triggers writing to
 * it, and joins by index for them: a statement's few rows look their boards up rather than hash
 * every board.
 */
export const HEAT_DELTAS_MIGRATION = `
  CREATE TABLE hot_heat_deltas (
    ancestor text NOT NULL,
    month text NOT NULL,
    domain text NOT NULL,
    region text NOT NULL,
    n integer NOT NULL
  );
  CREATE INDEX hot_heat_deltas_ancestor ON hot_heat_deltas (ancestor, month);
  CREATE OR REPLACE FUNCTION hot_heat_insert_rows() RETURNS trigger LANGUAGE plpgsql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
  BEGIN
    INSERT INTO hot_heat_deltas (ancestor, month, domain, region, n)
      SELECT t.ancestor, m.month, m.domain, ${ROLLED_SQL}, sum(m.n)
      FROM (
        SELECT board_id, ${MONTH_SQL('created_ms')} AS month, domain, count(*) AS n FROM hot_heat_new
        WHERE status <> 'rejected' GROUP BY 1, 2, 3
      ) m
      JOIN boards b ON b.id = m.board_id JOIN board_tree t ON t.descendant = b.id JOIN boards a ON a.id = t.ancestor
      GROUP BY 1, 2, 3, 4;
    RETURN NULL;
  END $$;
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
    INSERT INTO hot_heat_deltas (ancestor, month, domain, region, n)
      SELECT t.ancestor, ${MONTH_SQL('NEW.created_ms')}, NEW.domain, ${ROLLED_SQL}, d
      FROM boards b JOIN board_tree t ON t.descendant = b.id JOIN boards a ON a.id = t.ancestor WHERE b.id = NEW.board_id;
    RETURN NULL;
  END $$;
`

/**
 * Migration 10: spans of groups as deltas, per board above and group (written by grouping.ts,
 * read by hotspots.ts's `similarGroups`).
 */
export const SPAN_DELTAS_MIGRATION = `
  CREATE TABLE hot_span_deltas (
    ancestor text NOT NULL,
    root bigint NOT NULL,
    first_ms bigint NOT NULL,
    last_ms bigint NOT NULL
  );
  CREATE INDEX hot_span_deltas_ancestor ON hot_span_deltas (ancestor, root);
  CREATE INDEX hot_span_deltas_root ON hot_span_deltas (root);
`

/**
 * Folds the deltas into `hot_heat` and `hot_spans`: each is deleted and its sum (or span) added,
 * in one statement (a delta another fold took meanwhile is not seen twice: DELETE takes each row
 * once), rows in a fixed order.
 */
export const FOLD_SQL = `WITH h AS (DELETE FROM hot_heat_deltas RETURNING ancestor, month, domain, region, n),
  s AS (DELETE FROM hot_span_deltas RETURNING ancestor, root, first_ms, last_ms),
  hh AS (
    INSERT INTO hot_heat (ancestor, month, domain, region, n)
    SELECT ancestor, month, domain, region, sum(n) FROM h GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = hot_heat.n + excluded.n
  )
  INSERT INTO hot_spans (ancestor, root, first_ms, last_ms)
  SELECT ancestor, root, min(first_ms), max(last_ms) FROM s GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (ancestor, root) DO UPDATE SET first_ms = LEAST(hot_spans.first_ms, excluded.first_ms), last_ms = GREATEST(hot_spans.last_ms, excluded.last_ms)`

/**
 * Groups with members under a board (`$1`) that span some of a range (`$2`–`$3`), newest first
 * from a keyset position (`$4`, `$5`, none when null), at most `$6`: spans folded and not yet. A
 * group with deltas is a candidate whatever its folded span; of the others, the first `$6` plus as
 * many as there are groups with deltas are enough (their span is the folded one).
 */
export const SPANS_SQL = `WITH dl AS MATERIALIZED (
    SELECT root, min(first_ms) AS first_ms, max(last_ms) AS last_ms FROM hot_span_deltas WHERE ancestor = $1 GROUP BY root
  ), cand AS (
    (SELECT root FROM hot_spans WHERE ancestor = $1 AND last_ms >= $2 AND first_ms < $3
     AND ($4::bigint IS NULL OR last_ms < $4 OR (last_ms = $4 AND root < $5))
     ORDER BY last_ms DESC, root DESC LIMIT $6::integer + (SELECT count(*) FROM dl))
    UNION SELECT root FROM dl
  ), merged AS (
    SELECT c.root, LEAST(s.first_ms, dl.first_ms) AS first_ms, GREATEST(s.last_ms, dl.last_ms) AS last_ms
    FROM cand c LEFT JOIN hot_spans s ON s.ancestor = $1 AND s.root = c.root LEFT JOIN dl ON dl.root = c.root
  )
  SELECT root, last_ms FROM merged WHERE last_ms >= $2 AND first_ms < $3 AND ($4::bigint IS NULL OR last_ms < $4 OR (last_ms = $4 AND root < $5))
  ORDER BY last_ms DESC, root DESC LIMIT $6`

/** Transactions committed between two folds, per store. */
export const FOLD_EVERY = 200
