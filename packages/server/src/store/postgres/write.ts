// The statement that writes what a transaction queued (postgres/batch.ts), in one round trip: a
// batch of message rows (seqs taken before, by grouping.ts's CANDIDATES_SQL), their events and
// closure rows, the batch's band hashes and groups, the summed statistics counters and the outbox
// events queued (with their deliveries to the subscriptions that want them). Its parts are
// data-modifying CTEs: they run on one snapshot, none sees another's rows, which is why the
// groups' board rows read the batch's rows from `d` rather than from `messages`.
import { EVENT_COLUMNS } from '../outbox-rows.js'
import { groupsCtes } from './grouping.js'
import { rebuildMessageBoards } from './rows.js'

/** SQL types of the columns of a message row after its `seq`, in the order of batch.ts's `messageRow`. */
export const COLUMNS = [
  ['id', 'text'],
  ['board_id', 'text'],
  ['assignee_board_id', 'text'],
  ['status', 'text'],
  ['type', 'text'],
  ['domain', 'text'],
  ['tracking_hash', 'text'],
  ['created_ms', 'bigint'],
  ['published_ms', 'bigint'],
  ['due_ms', 'bigint'],
  ['reviewed_at', 'text'],
  ['replied_at', 'text'],
  ['due_at', 'text'],
  ['overall', 'smallint'],
  ['search_text', 'text'],
  ['grams', 'text'],
  ['doc', 'text'],
  ['public_doc', 'text'],
  ['public_version', 'integer'],
] as const

const NAMES = COLUMNS.map(([name]) => name).join(', ')

/** `sql` with its parameters `$n` numbered from `$(n + by)`. */
const shift = (sql: string, by: number) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`)

/** Rows (`$1` seqs, then one array per column, `grams` as JSON arrays) and events (seq, position, document). */
const ROWS_CTES = `d AS (
    SELECT * FROM unnest($1::bigint[], ${COLUMNS.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ')}) AS d (seq, ${NAMES})
  ), m AS (
    INSERT INTO messages (seq, ${NAMES}) OVERRIDING SYSTEM VALUE
    SELECT d.seq, ${COLUMNS.map(([name]) => (name === 'grams' ? 'ARRAY(SELECT json_array_elements_text(d.grams::json))' : `d.${name}`)).join(', ')}
    FROM d ORDER BY d.seq
  ), e AS (
    INSERT INTO events (message_seq, n, doc) SELECT * FROM unnest($${COLUMNS.length + 2}::bigint[], $${COLUMNS.length + 3}::integer[], $${COLUMNS.length + 4}::text[])
  ), b AS (
    ${rebuildMessageBoards('TRUE', 'd m')}
  )`
const ROWS_VALUES = COLUMNS.length + 4

/**
 * Adds summed counters (`$1`–`$6`: board, assignee, grain, period, key, n) to every board of each
 * scope's closure (its board, its assigned unit and every ancestor of either; each scope's boards
 * found once; scopes matched by equality, which hashes: no board id is empty), in a fixed order
 * (bytewise, the cheapest to sort) so that two transactions lock the rows alike.
 */
const COUNTERS_CTES = `cd AS MATERIALIZED (
    SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::integer[], $5::text[], $6::bigint[]) AS cd (board_id, assignee_board_id, grain, period, key, n)
  ), cs AS MATERIALIZED (
    SELECT s.board_id, s.assignee_board_id, x.board FROM (SELECT DISTINCT board_id, assignee_board_id FROM cd) s
    CROSS JOIN LATERAL (
      SELECT s.board_id AS board
      UNION SELECT s.assignee_board_id
      UNION SELECT t.ancestor FROM board_tree t WHERE t.descendant = s.board_id OR t.descendant = s.assignee_board_id
    ) x
    WHERE x.board IS NOT NULL
  ), cnt AS (
    INSERT INTO stats_counts (board, grain, period, key, n)
    SELECT cs.board COLLATE "C", cd.grain, cd.period, cd.key COLLATE "C", sum(cd.n)
    FROM cd JOIN cs ON cs.board_id = cd.board_id AND coalesce(cs.assignee_board_id, '') = coalesce(cd.assignee_board_id, '')
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (board, grain, period, key) DO UPDATE SET n = stats_counts.n + excluded.n
  )`
const COUNTERS_VALUES = 6

/**
 * Outbox events (`$1`–`$10`: the columns of EVENT_COLUMNS, the board ids as a JSON array, and when
 * each was queued), each once (ON CONFLICT: an event stored already is not stored nor delivered
 * again), and their deliveries: to every subscription to the event's type on one of its boards or
 * above (private ones only for staff-only events), in the events' order, then the subscriptions'.
 */
const OUTBOX_CTES = `ev AS MATERIALIZED (
    SELECT u.id, u.type, u.message_id, ARRAY(SELECT json_array_elements_text(u.boards::json)) AS board_ids, u.occurred_at, u.payload,
      u.private_payload, u.staff_only, u.queued_at, u.queued_ms, u.ord
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::bigint[])
      WITH ORDINALITY AS u (id, type, message_id, boards, occurred_at, payload, private_payload, staff_only, queued_at, queued_ms, ord)
  ), ob AS (
    INSERT INTO outbox (${EVENT_COLUMNS}) SELECT ${EVENT_COLUMNS} FROM ev ORDER BY ev.ord ON CONFLICT (id) DO NOTHING RETURNING id
  ), dl AS (
    INSERT INTO deliveries (webhook_id, event_id, state, attempts, next_at, next_ms, created_at)
    SELECT w.id, ev.id, 'pending', 0, ev.queued_at, ev.queued_ms, ev.queued_at FROM ev JOIN ob ON ob.id = ev.id
    JOIN webhooks w ON ev.type = ANY (w.events) AND (NOT ev.staff_only OR w.private)
      AND w.board_id IN (SELECT t.ancestor FROM board_tree t WHERE t.descendant = ANY (ev.board_ids) UNION SELECT unnest(ev.board_ids))
    ORDER BY ev.ord, w.created_ms, w.id
  )`
const OUTBOX_VALUES = 10

/** The parts a write has besides its rows, events and groups' bands and memberships. */
export interface WriteParts {
  /** Message rows (with their events, bands and memberships), and merges of groups. */
  rows: boolean
  merges: boolean
  counters: boolean
  events: boolean
}

const texts = new Map<string, string>()

/**
 * The statement of a write with `parts` (only those a write has: each is planned with the
 * statement's values, which costs in proportion to its parts). Its values: with `rows`, rows and
 * events, bands and memberships (grouping.ts's `Grouped`, merges only with `merges`); counters;
 * outbox events.
 */
export function writeSql(parts: WriteParts): string {
  const id = `${Number(parts.rows)}${Number(parts.merges)}${Number(parts.counters)}${Number(parts.events)}`
  let text = texts.get(id)
  if (text === undefined) {
    let at = 0
    const rows: string[] = []
    const rest: string[] = []
    if (parts.rows) {
      rows.push(ROWS_CTES, shift(groupsCtes(parts.merges), ROWS_VALUES))
      at = ROWS_VALUES + (parts.merges ? 7 : 5)
    }
    if (parts.counters) {
      rest.push(shift(COUNTERS_CTES, at))
      at += COUNTERS_VALUES
    }
    if (parts.events) rest.push(shift(OUTBOX_CTES, at))
    // The groups' spans last: a span of a group many messages join at once is a row they all
    // update, locked from its update to the COMMIT, so it is updated as late as can be.
    text = `WITH ${[rows[0], ...rest, rows[1]].filter(Boolean).join(', ')}\n  SELECT 1`
    texts.set(id, text)
  }
  return text
}

/** The values of {@link writeSql}'s outbox part, in their order. */
export const OUTBOX_COLUMNS = OUTBOX_VALUES
