// Hot spots in the SQLite store (docs/architecture.md §6 "Hot spots"): the heat aggregate kept by
// triggers, the band hashes and groups kept by the transaction that inserts a message, and the
// reads of both. The decisions are store/hotspots.ts's.
import { SIMILARITY } from '@liuyan/core'
import type { Board, HeatRow, Message, Page, SimilarGroup } from '@liuyan/core'
import {
  heatRows,
  inPage,
  readGroupPage,
  readGroups,
  WINDOW_MS,
  type Candidate,
  type GroupMessagesStoreQuery,
  type GroupReader,
  type GroupsStoreQuery,
  type GroupWriter,
  type HeatStoreQuery,
  type Member,
} from '../hotspots.js'
import { subtreeIds } from '../shared.js'
import type { Connection } from './connection.js'

const MONTH_SQL = (ms: string) => `strftime('%Y-%m', (${ms} + 28800000) / 1000, 'unixepoch')`
const REGION_SQL = `json_extract(b.doc, '$.region')`
/**
 * The region a message counts under for the board `a` above it: rolled up to the level below
 * `a` (store/hotspots.ts's `regionDigits`), so a subtree's heat table reads its rows as they are.
 */
export const ROLLED_SQL = `CASE WHEN json_extract(a.doc, '$.region') GLOB '[0-9][0-9]0000' THEN substr(${REGION_SQL}, 1, 4) || '00' ELSE ${REGION_SQL} END`

/** The heat rows of the messages `m` that `where` selects, each counted `sign` times (upserted). */
export function heatOf(where: string, sign: '1' | '-1' | 'CASE WHEN new.status = \'rejected\' THEN -1 ELSE 1 END'): string {
  return `INSERT INTO hot_heat (ancestor, month, domain, region, n)
    SELECT t.ancestor, ${MONTH_SQL('m.created_ms')}, m.domain, ${ROLLED_SQL}, ${sign === '1' || sign === '-1' ? `${sign} * count(*)` : sign}
    FROM messages m JOIN boards b ON b.id = m.board_id JOIN board_tree t ON t.descendant = m.board_id JOIN boards a ON a.id = t.ancestor
    WHERE ${where} GROUP BY 1, 2, 3, 4
    ON CONFLICT (ancestor, month, domain, region) DO UPDATE SET n = n + excluded.n`
}

/**
 * Migration 8: hot spots. `hot_heat` counts the messages (refused ones left out) of each board's
 * subtree by China month, domain and region of the board they were sent to (rolled up to the
 * level below that board), kept by triggers in the transaction of each insert and refusal, so the
 * heat table reads one index range of at most regions × domains × months rows. `hot_bands`
 * keeps the LSH band hashes of each message (core's `bandHashes`), `hot_members` the group of each
 * message that has one, `hot_scope` each member under every board above its own (with its time,
 * for counts by range) and `hot_spans` each group's first and last member under each board, by
 * which the groups of a subtree are listed, most recently active first.
 */
export const HOTSPOTS_MIGRATION = `
  CREATE TABLE hot_heat (
    ancestor TEXT NOT NULL,
    month TEXT NOT NULL,
    domain TEXT NOT NULL,
    region TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (ancestor, month, domain, region)
  ) WITHOUT ROWID;
  CREATE TRIGGER hot_heat_insert AFTER INSERT ON messages WHEN new.status <> 'rejected' BEGIN
    ${heatOf('m.rid = new.rid', '1')};
  END;
  CREATE TRIGGER hot_heat_status AFTER UPDATE OF status ON messages
  WHEN (old.status = 'rejected') <> (new.status = 'rejected') BEGIN
    ${heatOf('m.rid = new.rid', "CASE WHEN new.status = 'rejected' THEN -1 ELSE 1 END")};
  END;
  ${heatOf("m.status <> 'rejected'", '1')};

  CREATE TABLE hot_bands (
    band INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    rid INTEGER NOT NULL,
    PRIMARY KEY (band, created_ms, rid)
  ) WITHOUT ROWID;
  CREATE TABLE hot_members (
    rid INTEGER PRIMARY KEY,
    root INTEGER NOT NULL
  );
  CREATE INDEX hot_members_root ON hot_members (root);
  CREATE TABLE hot_scope (
    ancestor TEXT NOT NULL,
    root INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    rid INTEGER NOT NULL,
    PRIMARY KEY (ancestor, root, created_ms, rid)
  ) WITHOUT ROWID;
  CREATE INDEX hot_scope_root ON hot_scope (root);
  CREATE TABLE hot_spans (
    ancestor TEXT NOT NULL,
    root INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    PRIMARY KEY (ancestor, root)
  ) WITHOUT ROWID;
  CREATE INDEX hot_spans_recent ON hot_spans (ancestor, last_ms DESC, root DESC);
`

/** `count` rows of `width` parameters each, for a VALUES list. */
const rows = (count: number, width: number) => Array.from({ length: count }, () => `(${Array(width).fill('?').join(', ')})`).join(', ')

const BANDS = Array.from({ length: SIMILARITY.bands }, (_, i) => i)
/**
 * The candidates of a new message: for each band, the perBand rows nearest before (or at) and
 * after its time, with each one's group. A row may come once per band it shares (UNION ALL: the
 * writer keeps each message once, cheaper than a temporary b-tree); the texts are read apart,
 * for the candidates compared only (see groupNewMessage).
 */
const CANDIDATES_SQL = `SELECT c.rid, c.created_ms, h.root FROM (
  ${BANDS.map(
    (i) => `SELECT * FROM (SELECT rid, created_ms FROM hot_bands WHERE band = @b${i} AND created_ms BETWEEN @lo AND @t ORDER BY created_ms DESC, rid DESC LIMIT ${SIMILARITY.perBand})
  UNION ALL SELECT * FROM (SELECT rid, created_ms FROM hot_bands WHERE band = @b${i} AND created_ms > @t AND created_ms <= @hi ORDER BY created_ms, rid LIMIT ${SIMILARITY.perBand})`,
  ).join('\n  UNION ALL ')}
) c LEFT JOIN hot_members h ON h.rid = c.rid`
const bandsInsert = (count: number) => `INSERT OR IGNORE INTO hot_bands (band, created_ms, rid) VALUES ${rows(count, 3)}`
const BANDS_INSERT = bandsInsert(BANDS.length)
const TEXTS_SQL = 'SELECT rid, search_text FROM messages WHERE rid IN (SELECT value FROM json_each(?))'

/** Scope rows of the members `h` that `where` selects: under every board above their own. */
const SCOPE_OF = (where: string) => `INSERT OR IGNORE INTO hot_scope (ancestor, root, created_ms, rid)
  SELECT t.ancestor, h.root, m.created_ms, m.rid FROM hot_members h JOIN messages m ON m.rid = h.rid
  JOIN board_tree t ON t.descendant = m.board_id WHERE ${where}`
/** The spans of the groups `where` selects (on hot_scope `s`), recomputed from their scope rows. */
const SPANS_OF = (where: string) => `INSERT INTO hot_spans (ancestor, root, first_ms, last_ms)
  SELECT s.ancestor, s.root, min(s.created_ms), max(s.created_ms) FROM hot_scope s WHERE ${where} GROUP BY s.ancestor, s.root
  ON CONFLICT (ancestor, root) DO UPDATE SET first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)`

/** The message being inserted: its rid, creation time and the boards above its board (`board_tree`'s, itself included). */
export interface NewMember {
  rid: number
  createdMs: number
  boards: readonly string[]
}

/**
 * The grouping of new messages, on the writer's connection inside its transaction. `created`, the
 * message being inserted, lets its own rows be written from what the insert knows (no join).
 */
export function sqliteGroupWriter(connection: Connection, created?: NewMember): GroupWriter {
  const run = (sql: string, ...params: unknown[]) => connection.statement(sql).run(...params)
  return {
    async candidates(seq, bands, createdMs): Promise<Candidate[]> {
      const params: Record<string, number> = { t: createdMs, lo: createdMs - WINDOW_MS, hi: createdMs + WINDOW_MS }
      bands.forEach((band, i) => (params[`b${i}`] = band))
      const rows = connection.statement(CANDIDATES_SQL, 'raw').all(params) as Array<[number, number, number | null]>
      // One statement for the message's band rows (a row each would cost a statement each), the
      // values as arguments (see pending.ts: an array is read element by element through V8's API).
      run(bands.length === BANDS.length ? BANDS_INSERT : bandsInsert(bands.length), ...bands.flatMap((band) => [band, createdMs, seq]))
      const seen = new Map<number, Candidate>()
      for (const [rid, ms, root] of rows) if (!seen.has(rid)) seen.set(rid, { seq: rid, createdMs: ms, root: root ?? undefined })
      return [...seen.values()]
    },
    async texts(seqs) {
      const rows = connection.statement(TEXTS_SQL, 'raw').all(JSON.stringify(seqs)) as Array<[number, string]>
      return new Map(rows)
    },
    async merge(from, to) {
      run('UPDATE hot_members SET root = ? WHERE root = ?', to, from)
      run('UPDATE hot_scope SET root = ? WHERE root = ?', to, from)
      run(`INSERT INTO hot_spans (ancestor, root, first_ms, last_ms) SELECT ancestor, ?, first_ms, last_ms FROM hot_spans WHERE root = ? AND true
        ON CONFLICT (ancestor, root) DO UPDATE SET first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)`, to, from)
      run('DELETE FROM hot_spans WHERE root = ?', from)
    },
    async join(root, all) {
      const seqs = created ? all.filter((seq) => seq !== created.rid) : all
      if (created && seqs.length < all.length) {
        const { rid, createdMs, boards } = created
        run('INSERT OR REPLACE INTO hot_members (rid, root) VALUES (?, ?)', rid, root)
        // Its scope rows and the spans wait with the transaction's other rows (pending.ts): the
        // candidates of the next message read hot_bands and hot_members only.
        connection.pending.addGroupMember(boards, root, createdMs, rid)
      }
      if (seqs.length === 0) return
      const list = JSON.stringify(seqs)
      run('INSERT OR REPLACE INTO hot_members (rid, root) SELECT value, ? FROM json_each(?)', root, list)
      run(SCOPE_OF('h.rid IN (SELECT value FROM json_each(?))'), list)
      // The spans grow by the joining messages alone (reading the group's rows would cost its size).
      run(
        `INSERT INTO hot_spans (ancestor, root, first_ms, last_ms)
         SELECT t.ancestor, ?, min(m.created_ms), max(m.created_ms) FROM messages m JOIN board_tree t ON t.descendant = m.board_id
         WHERE m.rid IN (SELECT value FROM json_each(?)) GROUP BY t.ancestor
         ON CONFLICT (ancestor, root) DO UPDATE SET first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)`,
        root,
        list,
      )
    },
  }
}

/**
 * Keeps the hot-spot rows right when a board is added, moved or changes region (its subtree's
 * messages count under other boards or regions now): `before` takes the messages of the boards
 * concerned out, with the tree and regions as they were; `after` puts them back with the new ones.
 * Returns undefined when nothing changes for hot spots.
 */
export function hotspotsBoardChange(connection: Connection, board: Board, stored: { parent: string | null; region: string } | undefined) {
  if (stored && stored.parent === board.parentId && stored.region === board.region) return undefined
  if (!connection.statement('SELECT 1 FROM messages LIMIT 1', 'pluck').get()) return undefined
  const boards = (connection.statement('SELECT doc FROM boards', 'pluck').all() as string[]).map((doc) => JSON.parse(doc) as Board)
  const affected = JSON.stringify([...subtreeIds([board.id], [...boards.filter((b) => b.id !== board.id), board])])
  const run = (sql: string, ...params: unknown[]) => connection.statement(sql).run(...params)
  const inBoards = `m.board_id IN (SELECT value FROM json_each(@boards))`
  const roots = `(SELECT DISTINCT h.root FROM hot_members h JOIN messages m ON m.rid = h.rid WHERE ${inBoards})`
  return {
    before() {
      run(heatOf(`m.status <> 'rejected' AND ${inBoards}`, '-1'), { boards: affected })
      run(`DELETE FROM hot_spans WHERE root IN ${roots}`, { boards: affected })
      run(`DELETE FROM hot_scope WHERE rid IN (SELECT m.rid FROM messages m WHERE ${inBoards})`, { boards: affected })
    },
    after() {
      run(heatOf(`m.status <> 'rejected' AND ${inBoards}`, '1'), { boards: affected })
      run(SCOPE_OF(inBoards), { boards: affected })
      run(SPANS_OF(`s.root IN ${roots}`), { boards: affected })
    },
  }
}

/** The hot-spot reads of a SQLite connection (reads outside transactions or inside one). */
export class SqliteHotspots {
  readonly #connection: Connection
  readonly #check: () => void

  constructor(connection: Connection, check: () => void) {
    this.#connection = connection
    this.#check = check
  }

  async heatTable(query: HeatStoreQuery): Promise<HeatRow[]> {
    this.#check()
    // Each row is one cell already: its region is rolled up for its board as `regionDigits` rolls
    // the board's up (ROLLED_SQL, kept when a board moves or changes region), so no GROUP BY.
    // The rows as three JSON arrays, one value each to parse: fetching thousands of rows, or an
    // array per row, costs two or three times as much.
    const [keys, months, n] = this.#connection
      .statement(
        `SELECT json_group_array(region || ' ' || domain), json_group_array(month), json_group_array(n) FROM hot_heat
         WHERE ancestor = @board AND month BETWEEN @from AND @to AND n > 0`,
        'raw',
      )
      .get({ board: query.boardId, from: query.fromMonth, to: query.toMonth }) as [string, string, string]
    return heatRows({ keys: JSON.parse(keys), months: JSON.parse(months), n: JSON.parse(n) }, query)
  }

  async similarGroups(query: GroupsStoreQuery): Promise<SimilarGroup[]> {
    this.#check()
    // The lookups are synchronous, so the awaits between them resolve without yielding to another
    // macrotask: no commit (the writer commits in one) can land between two of them.
    return readGroups(this.#reader(), query)
  }

  async groupMessages(query: GroupMessagesStoreQuery): Promise<Page<Message> | undefined> {
    this.#check()
    const c = this.#connection
    const member = c
      .statement(
        `SELECT m.rid, coalesce(h.root, m.rid) AS root, h.root IS NOT NULL AS grouped FROM messages m LEFT JOIN hot_members h ON h.rid = m.rid
         WHERE m.id = ? AND m.board_id IN (SELECT descendant FROM board_tree WHERE ancestor = ?)`,
      )
      .get(query.memberId, query.boardId) as { rid: number; root: number; grouped: number } | undefined
    if (!member) return undefined
    const page = async (root: number, range: { fromMs: number; toMs: number }, after: readonly [number, number] | undefined, limit: number) => {
      if (!member.grouped) {
        // A message in no group is a group of one.
        const ms = c.statement('SELECT created_ms FROM messages WHERE rid = ?', 'pluck').get(root) as number
        return inPage(ms, root, range, after) ? [{ seq: root, createdMs: ms }] : []
      }
      const rows = c
        .statement(
          `SELECT rid, created_ms FROM hot_scope WHERE ancestor = @board AND root = @root AND created_ms >= @from AND created_ms < @to
           AND (@afterMs IS NULL OR created_ms < @afterMs OR (created_ms = @afterMs AND rid < @afterSeq))
           ORDER BY created_ms DESC, rid DESC LIMIT @limit`,
          'raw',
        )
        .all({ board: query.boardId, root, from: range.fromMs, to: range.toMs, afterMs: after?.[0] ?? null, afterSeq: after?.[1] ?? null, limit }) as Array<[number, number]>
      return rows.map(([seq, createdMs]) => ({ seq, createdMs }))
    }
    return readGroupPage(page, async (seqs) => this.#messages(seqs), member.root, query)
  }

  #messages(seqs: readonly number[]): Map<number, Message> {
    const rows = this.#connection
      .statement('SELECT rid, doc FROM messages WHERE rid IN (SELECT value FROM json_each(?))', 'raw')
      .all(JSON.stringify(seqs)) as Array<[number, string]>
    const events = this.#connection
      .statement('SELECT m.rid, e.doc FROM events e JOIN messages m ON m.id = e.message_id WHERE m.rid IN (SELECT value FROM json_each(?)) ORDER BY m.rid, e.seq', 'raw')
      .all(JSON.stringify(seqs)) as Array<[number, string]>
    const timelines = new Map<number, Message['timeline']>()
    for (const [rid, doc] of events) {
      const list = timelines.get(rid) ?? []
      list.push(JSON.parse(doc))
      timelines.set(rid, list)
    }
    return new Map(rows.map(([rid, doc]) => [rid, { ...(JSON.parse(doc) as Omit<Message, 'timeline'>), timeline: timelines.get(rid) ?? [] }]))
  }

  #reader(): GroupReader {
    const c = this.#connection
    // The regions of the members' boards, read once per call for all its groups (a board's
    // region read from its JSON per member cost half of a group's members).
    const regions = new Map<string, string>()
    const regionsOf = (boards: Iterable<string>) => {
      const missing = [...new Set(boards)].filter((board) => !regions.has(board))
      if (missing.length === 0) return
      const rows = c.statement("SELECT id, json_extract(doc, '$.region') FROM boards WHERE id IN (SELECT value FROM json_each(?))", 'raw').all(JSON.stringify(missing)) as Array<[string, string]>
      for (const [board, region] of rows) regions.set(board, region)
    }
    return {
      spans: async (board, range, limit, after) =>
        (c
          .statement(
            `SELECT root, last_ms FROM hot_spans WHERE ancestor = @board AND last_ms >= @from AND first_ms < @to
             AND (@afterMs IS NULL OR last_ms < @afterMs OR (last_ms = @afterMs AND root < @afterRoot))
             ORDER BY last_ms DESC, root DESC LIMIT @limit`,
            'raw',
          )
          .all({ board, from: range.fromMs, to: range.toMs, afterMs: after?.[0] ?? null, afterRoot: after?.[1] ?? null, limit }) as Array<[number, number]>).map(
          ([root, lastMs]) => ({ root, lastMs }),
        ),
      members: async (board, root, range, limit) => {
        const rows = c
          .statement(
            `SELECT s.rid, m.id, s.created_ms, m.board_id FROM hot_scope s JOIN messages m ON m.rid = s.rid
             WHERE s.ancestor = @board AND s.root = @root AND s.created_ms >= @from AND s.created_ms < @to
             ORDER BY s.created_ms DESC, s.rid DESC LIMIT @limit`,
            'raw',
          )
          .all({ board, root, from: range.fromMs, to: range.toMs, limit }) as Array<[number, string, number, string]>
        regionsOf(rows.map((row) => row[3]))
        // A member whose board is not stored is left out, as a join with boards would.
        return rows.filter((row) => regions.has(row[3])).map(([seq, id, createdMs, boardId]): Member => ({ seq, id, createdMs, region: regions.get(boardId)! }))
      },
      messages: async (seqs) => this.#messages(seqs),
    }
  }
}
