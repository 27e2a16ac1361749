// The SQLite store's schema: numbered migrations, the checks of the version, connection tuning,
// and the refresh of stored public views after an upgrade.
import type Database from 'better-sqlite3'
import { dueKeySql, searchGrams } from '../shared.js'
import type { Connection } from './connection.js'
import { PUBLIC_VIEW_VERSION, renderPublic, SqliteReader, type MessageRecord } from './reader.js'
import { HOTSPOTS_MIGRATION } from './hotspots.js'
import { backfillCounters, STATS_MIGRATION_SQL } from './stats.js'
import { YEAR_COUNTERS_MIGRATION_SQL } from '../stats-keeping.js'

/** Fills `board_tree` from the boards' `parentId` (empty it first). A cycle stops at 64 levels. */
export const BOARD_TREE_SQL = `INSERT OR IGNORE INTO board_tree (ancestor, descendant)
  WITH RECURSIVE up (descendant, ancestor, depth) AS (
    SELECT id, id, 0 FROM boards
    UNION ALL
    SELECT up.descendant, json_extract(b.doc, '$.parentId'), up.depth + 1
    FROM up JOIN boards b ON b.id = up.ancestor
    WHERE json_extract(b.doc, '$.parentId') IS NOT NULL AND up.depth < 64
  )
  SELECT ancestor, descendant FROM up`

/**
 * Inserts the `message_scope` rows of the messages `m` that `where` selects: their board and
 * assigned unit, each with every board above it; a board the store does not hold stands for itself
 * only. Statements separated by `;`, each an index lookup per message.
 */
export function scopeOf(where: string): string {
  const insert = 'INSERT OR IGNORE INTO message_scope (ancestor, rid, created_ms, published_ms, status, due_ms)'
  const columns = 'm.rid, m.created_ms, m.published_ms, m.status, m.due_ms'
  return [
    `${insert} SELECT m.board_id, ${columns} FROM messages m WHERE ${where}`,
    `${insert} SELECT m.assignee_board_id, ${columns} FROM messages m WHERE m.assignee_board_id IS NOT NULL AND ${where}`,
    `${insert} SELECT t.ancestor, ${columns} FROM messages m JOIN board_tree t ON t.descendant = m.board_id WHERE ${where}`,
    `${insert} SELECT t.ancestor, ${columns} FROM messages m JOIN board_tree t ON t.descendant = m.assignee_board_id WHERE ${where}`,
  ].join(';\n')
}

/**
 * Schema migrations; the database's `PRAGMA user_version` is the number applied. Append only: a
 * released migration is never edited.
 *
 * `messages` keeps the message (without its timeline) as JSON in `doc` and copies the fields that
 * lists filter and sort on into columns; times used for comparison are epoch-millisecond integers,
 * so `Z` and `+08:00` times order as instants. `rid` is an integer key for the full-text index
 * (SQLite may renumber implicit rowids on VACUUM); `id` is unique and what everything else uses.
 * `search_text` is the masked, lower-cased title and content: the only text the index ever sees.
 */
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );

  CREATE TABLE messages (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    board_id TEXT NOT NULL,
    assignee_board_id TEXT,
    status TEXT NOT NULL,
    type TEXT NOT NULL,
    domain TEXT NOT NULL,
    tracking_code TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    published_at TEXT,
    published_ms INTEGER,
    due_at TEXT,
    due_ms INTEGER,
    replied_at TEXT,
    reviewed_at TEXT,
    overall INTEGER,
    search_text TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX messages_public ON messages (published_ms DESC, id DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX messages_staff ON messages (created_ms DESC, id DESC);
  CREATE INDEX messages_board ON messages (board_id);
  CREATE INDEX messages_assignee ON messages (assignee_board_id) WHERE assignee_board_id IS NOT NULL;
  CREATE INDEX messages_status ON messages (status);

  CREATE TABLE events (
    message_id TEXT NOT NULL REFERENCES messages (id),
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (message_id, seq)
  ) WITHOUT ROWID;

  CREATE VIRTUAL TABLE messages_fts USING fts5 (
    search_text, content = 'messages', content_rowid = 'rid', tokenize = 'trigram'
  );
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, search_text) VALUES (new.rid, new.search_text);
  END;
  CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, search_text) VALUES ('delete', old.rid, old.search_text);
  END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages
  WHEN old.search_text IS NOT new.search_text BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, search_text) VALUES ('delete', old.rid, old.search_text);
    INSERT INTO messages_fts (rowid, search_text) VALUES (new.rid, new.search_text);
  END;

  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );

  CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done')),
    created_at TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    response TEXT,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  CREATE INDEX idempotency_created ON idempotency (created_ms);
  `,
  // 2: the public view of each message, rendered when it is written (see PUBLIC_VIEW_VERSION).
  `
  ALTER TABLE messages ADD COLUMN public_doc TEXT;
  ALTER TABLE messages ADD COLUMN public_version INTEGER;
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value
  ) WITHOUT ROWID;
  `,
  // 3: tracking codes are kept as keyed hashes only (the service hashes the codes of older rows on
  // its first start, see upgradeTrackingCodes); lists break ties of equal times by rid, the order
  // of insertion, instead of by the random id.
  `
  ALTER TABLE messages RENAME COLUMN tracking_code TO tracking_hash;
  DROP INDEX messages_public;
  DROP INDEX messages_staff;
  CREATE INDEX messages_public ON messages (published_ms DESC, rid DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX messages_staff ON messages (created_ms DESC, rid DESC);
  `,
  // 4: indexed ancestry. `board_tree` is the closure of the board tree (every board with itself and
  // each board above it); `message_scope` has one row per message and board whose subtree holds
  // the message's board or assigned unit, with copies of the columns lists sort and filter on, so a
  // board filter is one index range in list order (docs/architecture.md §6). Triggers keep
  // `message_scope` in step with `messages`; the store rebuilds `board_tree` when a board is added
  // or moved (see `SqliteTransaction.putBoard`), since a trigger may not use a recursive query.
  `
  CREATE TABLE board_tree (
    ancestor TEXT NOT NULL,
    descendant TEXT NOT NULL,
    PRIMARY KEY (descendant, ancestor)
  ) WITHOUT ROWID;
  CREATE INDEX board_tree_ancestor ON board_tree (ancestor);
  ${BOARD_TREE_SQL};

  CREATE TABLE message_scope (
    ancestor TEXT NOT NULL,
    rid INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    published_ms INTEGER,
    status TEXT NOT NULL,
    due_ms INTEGER,
    PRIMARY KEY (ancestor, rid)
  ) WITHOUT ROWID;
  CREATE INDEX message_scope_rid ON message_scope (rid);
  CREATE INDEX message_scope_public ON message_scope (ancestor, published_ms DESC, rid DESC) WHERE published_ms IS NOT NULL;
  CREATE INDEX message_scope_staff ON message_scope (ancestor, created_ms DESC, rid DESC);
  CREATE INDEX message_scope_status ON message_scope (ancestor, status, created_ms DESC, rid DESC);
  CREATE INDEX message_scope_open ON message_scope (ancestor, created_ms DESC, rid DESC, due_ms)
    WHERE status IN ('accepted', 'assigned', 'processing');
  CREATE TRIGGER message_scope_insert AFTER INSERT ON messages BEGIN
    ${scopeOf('m.rid = new.rid')};
  END;
  CREATE TRIGGER message_scope_update AFTER UPDATE OF board_id, assignee_board_id, status, created_ms, published_ms, due_ms ON messages BEGIN
    DELETE FROM message_scope WHERE rid = old.rid;
    ${scopeOf('m.rid = new.rid')};
  END;
  CREATE TRIGGER message_scope_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_scope WHERE rid = old.rid;
  END;
  ${scopeOf('1')};
  `,
  // 5: the outbox and webhook deliveries (docs/architecture.md §7). `outbox` holds each event once,
  // appended in the transaction of its change; `webhooks` the subscriptions (the whole record in
  // `doc`, secret included) with their event types in `webhook_events`; `deliveries` one row per
  // event and subscription to deliver (a replay adds another), leased by the worker that claimed
  // it; `delivery_attempts` the log of every attempt.
  `
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    message_id TEXT NOT NULL,
    board_ids TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    private_payload TEXT NOT NULL,
    staff_only INTEGER NOT NULL
  );
  CREATE INDEX outbox_message ON outbox (message_id);
  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    private INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE TABLE webhook_events (
    type TEXT NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    PRIMARY KEY (type, webhook_id)
  ) WITHOUT ROWID;
  CREATE INDEX webhook_events_webhook ON webhook_events (webhook_id);
  CREATE TABLE deliveries (
    seq INTEGER PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES outbox (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts INTEGER NOT NULL,
    next_at TEXT NOT NULL,
    next_ms INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    lease TEXT,
    lease_ms INTEGER
  );
  CREATE INDEX deliveries_due ON deliveries (next_ms, seq) WHERE state = 'pending';
  CREATE INDEX deliveries_webhook ON deliveries (webhook_id, state);
  CREATE TABLE delivery_attempts (
    seq INTEGER PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    delivery_id INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX delivery_attempts_webhook ON delivery_attempts (webhook_id, seq);
  `,
  // 6: statistics counters kept with each change (see sqlite/stats.ts), and those of the rows
  // already stored.
  (db) => {
    db.exec(STATS_MIGRATION_SQL)
    backfillCounters(db)
  },
  // 7: keyword search through an index of terms (sqlite/keyword.ts), replacing the FTS5 trigram
  // table, which could neither match one or two characters nor give the newest matches first
  // without collecting them all. `message_terms` has a row per message and term of its masked text
  // (every character and pair of characters, searchGrams in store/shared.ts, as the PostgreSQL
  // store), keyed in the inbox's order (term, creation time, rid) and indexed in the public list's
  // (term, publication time, rid); the store keeps it in the transaction of each write.
  (db) => {
    db.exec(`
    DROP TRIGGER messages_fts_insert;
    DROP TRIGGER messages_fts_delete;
    DROP TRIGGER messages_fts_update;
    DROP TABLE messages_fts;
    CREATE TABLE message_terms (
      term TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      rid INTEGER NOT NULL,
      published_ms INTEGER,
      PRIMARY KEY (term, created_ms, rid)
    ) WITHOUT ROWID;
    CREATE INDEX message_terms_public ON message_terms (term, published_ms, rid) WHERE published_ms IS NOT NULL;
    `)
    db.function('liuyan_search_terms', { deterministic: true }, (text) => JSON.stringify(searchGrams(String(text))))
    db.exec(`INSERT OR IGNORE INTO message_terms (term, created_ms, rid, published_ms)
      SELECT t.value, m.created_ms, m.rid, m.published_ms FROM messages m, json_each(liuyan_search_terms(m.search_text)) t`)
  },
  // 8: hot spots (docs/architecture.md §6): the heat aggregate and the groups of similar messages,
  // see sqlite/hotspots.ts. Messages stored before it are counted in the heat table at once; they
  // join no group (groups are made as messages come in).
  HOTSPOTS_MIGRATION,
  // 9: reply templates (标准模板化), one row per template of a board; a board's list reads them
  // by its id and its ancestors' (docs/architecture.md §6).
  `
  CREATE TABLE reply_templates (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX reply_templates_board ON reply_templates (board_id);
  `,
  // 10: the inbox by deadline (GET /inbox?sort=due): a board's rows of message_scope, and all
  // messages, by due key (the deadline of an open message; the others last, shared.ts dueKey) and
  // rid, in the very expression the lists sort by.
  `
  CREATE INDEX message_scope_due_key ON message_scope (ancestor, ${dueKeySql()}, rid);
  CREATE INDEX messages_due_key ON messages (${dueKeySql()}, rid);
  `,
  // 11: the store writes the `message_scope` and `hot_heat` rows of a new message itself (held
  // with its terms and counters until the end of the transaction and written sorted, summed for
  // heat: sqlite/pending.ts, sqlite/paths.ts), instead of a trigger statement per message; the
  // triggers of updates stay.
  `
  DROP TRIGGER message_scope_insert;
  DROP TRIGGER hot_heat_insert;
  `,
  // 12: statistics counters by year too, and the open messages with a deadline per period (`due`),
  // so a year's or all time's figures read a few rows and no past day's deadlines (sqlite/stats.ts).
  YEAR_COUNTERS_MIGRATION_SQL,
  // 13: the index of a board's open rows carries their status, so the overdue inbox (newest first,
  // past every open row not yet due) checks each row in the index alone, not in message_scope.
  `
  DROP INDEX message_scope_open;
  CREATE INDEX message_scope_open ON message_scope (ancestor, created_ms DESC, rid DESC, due_ms, status)
    WHERE status IN ('accepted', 'assigned', 'processing');
  `,
  // 14: new messages get their keyword terms in batches (sqlite/keyword.ts, indexTail): the last
  // message whose terms are written. Every message stored before has its terms. (`WHERE true`:
  // SQLite's upsert after a SELECT needs a WHERE to parse.)
  "INSERT INTO meta (key, value) SELECT 'terms_through', coalesce(max(rid), 0) FROM messages WHERE true ON CONFLICT (key) DO UPDATE SET value = excluded.value",
]

/** A migration: SQL, or a step that needs the store's code (run inside the same transaction). */
type Migration = string | ((db: Database.Database) => void)

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS.length

/**
 * Per-connection settings for reading a large board quickly: a 64 MiB page cache, up to 256 MiB of
 * the file memory-mapped (reads skip a copy; SQLite maps only what exists) and temporary b-trees
 * in memory. Durability settings (WAL, `synchronous = FULL`) are the writer's and are not touched.
 */
export function tune(db: Database.Database): void {
  db.pragma('cache_size = -65536')
  db.pragma('mmap_size = 268435456')
  db.pragma('temp_store = MEMORY')
}

/**
 * Renders again the public view of every row rendered under another {@link PUBLIC_VIEW_VERSION}
 * (all rows, the first time after migration 2). The version last brought up to date is kept in
 * `meta`, so an ordinary start costs one lookup. Works in batches of rows, each batch one
 * transaction: an interrupted refresh resumes where it stopped on the next start.
 */
export function refreshPublicViews(connection: Connection): void {
  const db = connection.db
  const done = connection.statement("SELECT value FROM meta WHERE key = 'public_view_version'", 'pluck').get()
  if (done === PUBLIC_VIEW_VERSION) return
  const reader = new SqliteReader(connection, () => {})
  const select = connection.statement(
    'SELECT rid, id, doc FROM messages WHERE rid > ? AND public_version IS NOT ? ORDER BY rid LIMIT 500',
  )
  const update = connection.statement('UPDATE messages SET public_doc = ?, public_version = ? WHERE rid = ?')
  const batch = db.transaction((after: number): number => {
    const rows = select.all(after, PUBLIC_VIEW_VERSION) as Array<MessageRecord & { rid: number }>
    const messages = reader.withTimelines(rows)
    rows.forEach((row, index) => update.run(renderPublic(messages[index]!), PUBLIC_VIEW_VERSION, row.rid))
    return rows.length === 500 ? rows[rows.length - 1]!.rid : -1
  })
  for (let after = 0; after >= 0; ) after = batch.immediate(after)
  connection
    .statement("INSERT INTO meta (key, value) VALUES ('public_view_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    .run(PUBLIC_VIEW_VERSION)
}

/** Applies the migrations the database lacks, in one transaction; resolves the versions before and after. */
export function migrate(db: Database.Database): { from: number; to: number } {
  const apply = db.transaction(() => {
    const version = checkVersion(db, true)
    for (let index = version; index < MIGRATIONS.length; index++) {
      const migration = MIGRATIONS[index]!
      if (typeof migration === 'string') db.exec(migration)
      else migration(db)
      db.pragma(`user_version = ${index + 1}`)
    }
    return { from: version, to: MIGRATIONS.length }
  })
  return apply.immediate()
}

export function checkVersion(db: Database.Database, migrating = false): number {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${version}, newer than this server's ${SCHEMA_VERSION}; upgrade @liuyan/server`)
  }
  if (!migrating && version < SCHEMA_VERSION) {
    throw new Error(`The database has schema version ${version}, older than ${SCHEMA_VERSION}; open it once without \`readonly\` to migrate it`)
  }
  return version
}
