// The PostgreSQL store's schema: numbered migrations, applied in one transaction under an advisory
// lock, so instances started together neither race nor apply a migration twice.
import { OPEN_STATUSES } from '@liuyan/core'
import { dueKeySql } from '../shared.js'
import type { PgClient } from './driver.js'
import { HEAT_AT_COMMIT_MIGRATION, HEAT_BATCH_MIGRATION, HOT_DELTAS_MIGRATION, HOTSPOTS_MIGRATION } from './hotspots.js'
import { YEAR_COUNTERS_MIGRATION_SQL } from '../stats-keeping.js'
import { statsMigration } from './stats.js'

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

/**
 * Schema migrations; `liuyan_schema.version` is the number applied. Append only: a released
 * migration is never edited.
 *
 * - `messages` keeps the message (without its timeline) as JSON text in `doc`, its public view in
 *   `public_doc` (see PUBLIC_VIEW_VERSION in store/shared.ts) and copies what lists filter and sort
 *   on into columns; times compared are epoch milliseconds, so `Z` and `+08:00` order as instants.
 *   `seq`, from an identity that only grows, breaks ties of equal times (the order of insertion)
 *   and is the second half of every keyset cursor, as SQLite's `rid`.
 * - `board_tree` is the closure of the board tree (every ancestor–descendant pair, each board with
 *   itself); `message_boards` lists, for each message, its board, its assigned unit and all their
 *   ancestors, with the list's sort keys and, while it is open, its deadline (`open_due_ms`, so
 *   the overdue inbox reads only open messages). A board filter (a board and everything below it) is then
 *   one range of an index, in list order, whatever the size of the tree: no OR of two columns, no
 *   sort of every match.
 * - `grams` holds every character and pair of characters of the masked, lower-cased title and
 *   content (`search_text`, the only text search sees) under a GIN index: keywords of one, two and
 *   more Chinese characters are found through it and checked against `search_text`.
 * - `idempotency` is shared by every instance: its primary key makes exactly one claim of a key win.
 */
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE boards (
    id text PRIMARY KEY,
    parent_id text,
    doc text NOT NULL
  );
  CREATE TABLE board_tree (
    ancestor text NOT NULL,
    descendant text NOT NULL,
    PRIMARY KEY (ancestor, descendant)
  );
  CREATE INDEX board_tree_descendant ON board_tree (descendant);

  CREATE TABLE messages (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    board_id text NOT NULL,
    assignee_board_id text,
    status text NOT NULL,
    type text NOT NULL,
    domain text NOT NULL,
    tracking_hash text NOT NULL,
    created_ms bigint NOT NULL,
    published_ms bigint,
    due_ms bigint,
    reviewed_at text,
    replied_at text,
    due_at text,
    overall smallint,
    search_text text NOT NULL,
    grams text[] NOT NULL,
    doc text NOT NULL,
    public_doc text,
    public_version integer NOT NULL,
    CONSTRAINT messages_tracking_hash UNIQUE (tracking_hash)
  );
  CREATE INDEX messages_staff ON messages (created_ms DESC, seq DESC);
  CREATE INDEX messages_public ON messages (published_ms DESC, seq DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX messages_status ON messages (status, created_ms DESC, seq DESC);
  CREATE INDEX messages_overdue ON messages (due_ms) WHERE status IN (${OPEN_SQL});
  CREATE INDEX messages_grams ON messages USING gin (grams);

  CREATE TABLE message_boards (
    board_id text NOT NULL,
    seq bigint NOT NULL REFERENCES messages (seq),
    created_ms bigint NOT NULL,
    published_ms bigint,
    open_due_ms bigint,
    PRIMARY KEY (board_id, seq)
  );
  CREATE INDEX message_boards_staff ON message_boards (board_id, created_ms DESC, seq DESC);
  CREATE INDEX message_boards_public ON message_boards (board_id, published_ms DESC, seq DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX message_boards_open ON message_boards (board_id, created_ms DESC, seq DESC) WHERE open_due_ms IS NOT NULL;
  CREATE INDEX message_boards_seq ON message_boards (seq);

  CREATE TABLE events (
    message_seq bigint NOT NULL REFERENCES messages (seq),
    n integer NOT NULL,
    doc text NOT NULL,
    PRIMARY KEY (message_seq, n)
  );

  CREATE TABLE tokens (
    hash text PRIMARY KEY,
    created_ms double precision,
    doc text NOT NULL
  );

  CREATE TABLE idempotency (
    scope text NOT NULL,
    key text NOT NULL,
    fingerprint text NOT NULL,
    state text NOT NULL CHECK (state IN ('running', 'done')),
    created_at text NOT NULL,
    created_ms bigint NOT NULL,
    response text,
    PRIMARY KEY (scope, key)
  );
  CREATE INDEX idempotency_created ON idempotency (created_ms);

  CREATE TABLE settings (
    name text PRIMARY KEY,
    value text NOT NULL
  );
  `,
  // 2: the outbox and webhook deliveries (docs/architecture.md §7), as SQLite's migration 5:
  // events once each, subscriptions (the record with its secret in `doc`, the event types as an
  // array), deliveries leased by the instance that claimed them, and the log of attempts.
  `
  CREATE TABLE outbox (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    type text NOT NULL,
    message_id text NOT NULL,
    board_ids text[] NOT NULL,
    occurred_at text NOT NULL,
    payload text NOT NULL,
    private_payload text NOT NULL,
    staff_only boolean NOT NULL
  );
  CREATE INDEX outbox_message ON outbox (message_id);
  CREATE TABLE webhooks (
    id text PRIMARY KEY,
    board_id text NOT NULL,
    private boolean NOT NULL,
    events text[] NOT NULL,
    created_ms double precision NOT NULL,
    doc text NOT NULL
  );
  CREATE TABLE deliveries (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id text NOT NULL REFERENCES outbox (id),
    state text NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts integer NOT NULL,
    next_at text NOT NULL,
    next_ms bigint NOT NULL,
    created_at text NOT NULL,
    lease text,
    lease_ms bigint
  );
  CREATE INDEX deliveries_due ON deliveries (next_ms, seq) WHERE state = 'pending';
  CREATE INDEX deliveries_webhook ON deliveries (webhook_id, state);
  CREATE TABLE delivery_attempts (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    delivery_id bigint NOT NULL,
    doc text NOT NULL
  );
  CREATE INDEX delivery_attempts_webhook ON delivery_attempts (webhook_id, seq);
  `,
  // 3: statistics counters kept with each change (see postgres/stats.ts), and those of the rows
  // already stored.
  statsMigration,
  // 4: rate-limit counters shared by the instances (postgres/rate-counter.ts): a SHA-256 digest of
  // the class and client key, the window's start (epoch ms) and the requests counted in it.
  `
  CREATE UNLOGGED TABLE rate_counters (
    key text NOT NULL,
    window_ms bigint NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (key, window_ms)
  );
  `,
  // 5: hot spots (docs/architecture.md §6): the heat aggregate and the groups of similar messages,
  // see postgres/hotspots.ts.
  HOTSPOTS_MIGRATION,
  // 6: each closure row keeps its message's status, so the inbox's counts per status are one
  // range of an index (board, status); and reply templates (标准模板化), one row per template.
  `
  ALTER TABLE message_boards ADD COLUMN status text;
  UPDATE message_boards mb SET status = m.status FROM messages m WHERE m.seq = mb.seq;
  CREATE INDEX message_boards_status ON message_boards (board_id, status);

  CREATE TABLE reply_templates (
    id text PRIMARY KEY,
    board_id text NOT NULL,
    doc text NOT NULL
  );
  CREATE INDEX reply_templates_board ON reply_templates (board_id);
  `,
  // 7: inserts written in batches (postgres/batch.ts): the heat trigger once per statement, and
  // room on the counters' pages for their updates (see postgres/hotspots.ts).
  HEAT_BATCH_MIGRATION,
  // 8: the inbox by deadline (GET /inbox?sort=due): each closure row keeps its message's due key
  // (the deadline of an open message; the others last, shared.ts dueKey), indexed per board with
  // seq; and the messages by the same key, for lists of several boards or none.
  `
  ALTER TABLE message_boards ADD COLUMN due_key bigint;
  UPDATE message_boards mb SET due_key = ${dueKeySql('m')} FROM messages m WHERE m.seq = mb.seq;
  CREATE INDEX message_boards_due_key ON message_boards (board_id, due_key, seq);
  CREATE INDEX messages_due_key ON messages ((${dueKeySql()}), seq);
  `,
  // 9: the heat of inserted messages added just before COMMIT by the transaction, not by a trigger
  // (see postgres/hotspots.ts).
  HEAT_AT_COMMIT_MIGRATION,
  // 10: statistics counters by year too, and the open messages with a deadline per period (`due`),
  // so a year's or all time's figures read a few rows (postgres/stats.ts).
  YEAR_COUNTERS_MIGRATION_SQL,
  // 11: the heat and the groups' spans that submissions add, as delta rows that readers add and a
  // fold moves into the base rows, so no submission waits for another's row locks
  // (postgres/hot-deltas.ts).
  HOT_DELTAS_MIGRATION,
  // 12: the messages whose tracking code is kept in the clear (a database copied from an old one),
  // which every start looks for (upgradeTrackingCodes): an index of those alone, so a start reads
  // none of the others.
  `CREATE INDEX messages_clear_codes ON messages (seq) WHERE length(tracking_hash) <> 64`,
]

/** A migration: SQL, or work that needs code (run on the migration's client, in its transaction). */
export type Migration = string | ((client: PgClient) => Promise<void>)

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** The key of the advisory lock migrations hold: "liuyan" in ASCII, as a number. */
const MIGRATION_LOCK = 0x6c697579616e

/** A migration that failed, with the number it had; the database is left as it was before it. */
export class PostgresMigrationError extends Error {
  override name = 'PostgresMigrationError'
  /** Stable code for programs. */
  readonly code = 'postgres_migration_failed'
}

/**
 * The database's schema version without changing anything; throws unless it is this code's (a tool
 * that must not migrate a database a server of another version runs on).
 */
export async function checkVersion(client: PgClient): Promise<number> {
  const { rows } = await client.query<{ found: boolean }>("SELECT to_regclass('liuyan_schema') IS NOT NULL AS found")
  const version = rows[0]!.found ? ((await client.query<{ version: number }>('SELECT version FROM liuyan_schema')).rows[0]?.version ?? 0) : 0
  if (version > SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${version}, newer than this server's ${SCHEMA_VERSION}; upgrade @liuyan/server`)
  }
  if (version < SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${version}, older than ${SCHEMA_VERSION}; start this version of liuyan-server on it once (or run liuyan-server migrate) to migrate it`)
  }
  return version
}

/**
 * Applies the migrations the database lacks, in one transaction under an advisory lock (a second
 * instance starting at the same time waits, then finds nothing left to do); resolves the versions
 * before and after. A database of a newer version is refused.
 */
export async function migrate(client: PgClient, migrations: readonly Migration[] = MIGRATIONS): Promise<{ from: number; to: number }> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS liuyan_schema (version integer NOT NULL)')
    const { rows } = await client.query<{ version: number }>('SELECT version FROM liuyan_schema')
    if (rows.length === 0) await client.query('INSERT INTO liuyan_schema (version) VALUES (0)')
    const from = rows[0]?.version ?? 0
    if (from > migrations.length) {
      throw new Error(`The database has schema version ${from}, newer than this server's ${migrations.length}; upgrade @liuyan/server`)
    }
    for (let index = from; index < migrations.length; index++) {
      try {
        const migration = migrations[index]!
        if (typeof migration === 'string') await client.query(migration)
        else await migration(client)
      } catch (error) {
        throw new PostgresMigrationError(`Migration ${index + 1} of the PostgreSQL store failed: ${(error as Error).message}`, { cause: error })
      }
      await client.query('UPDATE liuyan_schema SET version = $1', [index + 1])
    }
    await client.query('COMMIT')
    return { from, to: Math.max(from, migrations.length) }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}
