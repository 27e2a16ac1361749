// The heat of new messages as appended deltas (docs/architecture.md §6 "Durable writes on
// PostgreSQL"): every submission adds 1 to the heat cells of its board's ancestors for its month
// and domain, the province's cells among them, so all submissions at once would update the same
// few rows and wait for one another's COMMIT (a row stays locked until then). The heat triggers
// append rows to `hot_heat_deltas` instead, which no two transactions share; reads add them to
// `hot_heat`, and a fold (one statement: the deltas deleted and summed into `hot_heat`) keeps
// them few. Nothing of a reader's answer depends on whether a delta has been folded.
import { MONTH_SQL, ROLLED_SQL } from './hotspots.js'

/** The key of the advisory lock of a fold: one fold at a time, across instances. */
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
 * Folds the deltas into `hot_heat`: each is deleted and its sum added, in one statement (a delta
 * another fold took meanwhile is not seen twice: DELETE takes each row once), rows in a fixed order.
 */
export const FOLD_SQL = `WITH d AS (DELETE FROM hot_heat_deltas RETURNING ancestor, month, domain, region, n)
  INSERT INTO hot_heat (ancestor, month, domain, region, n)
  SELECT ancestor, month, domain, region, sum(n) FROM d GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = hot_heat.n + excluded.n`

/** Transactions committed between two folds, per store. */
export const FOLD_EVERY = 200
