// The PostgreSQL store's write batches (docs/architecture.md §5): inside a transaction, inserted
// messages are queued and written up to BATCH_SIZE at a time in a few statements of arrays (rows,
// events, closure rows; band hashes and candidates; groups), and their statistics counters, heat
// and groups' spans are summed in memory per scope and counter (per board, month and domain; per
// board and group) and written once.
// Whatever is queued is written before any other statement of the transaction runs (a read sees
// every write before it) and before COMMIT: `BatchingClient` is the connection the transaction's
// reads and writes go through. The sums (the tallies) are held back past the statements that
// neither read nor write them (`tallyFree`: the outbox's appends); the last of them, the heat and
// spans (delta rows, postgres/hot-deltas.ts), goes with COMMIT in one round trip (postgres/pipeline.ts).
import type { Message } from '@liuyan/core'
import { DUPLICATE_TRACKING_CODE, duplicateId, instant } from '../shared.js'
import { contributionOf, counterRows } from '../stats-keeping.js'
import { isTallyFree, prepared, type PgClient, type PgQuery, type PgResult } from './driver.js'
import { translate } from './errors.js'
import { batchBands, candidatesSql, groupBatch, SPANS_ADD_SQL, type CandidateRow, type Grouped } from './grouping.js'
import { HEAT_ADD_SQL, type Query } from './hotspots.js'
import { chinaMonth } from '../hotspots.js'
import { messageColumns, rebuildMessageBoards } from './rows.js'

/** Messages written in one go: bounds the memory of a long transaction and the size of a statement. */
export const BATCH_SIZE = 500

/** SQL types of the columns of a message row after its `seq`, in the order of {@link messageRow}. */
const COLUMNS = [
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

const N = COLUMNS.length
const NAMES = COLUMNS.map(([name]) => name).join(', ')

/**
 * Rows of messages (one array per column, `grams` as JSON arrays), their events (message's index
 * in the batch, position, document) and their closure rows, in one statement; answers each row's
 * seq by index. The seqs are taken from the identity's sequence in the batch's order, as inserts
 * one by one would take them. The unique constraints refuse a second id or tracking hash, in the
 * batch or stored, also of two instances at once. The same statement stores the batch's band
 * hashes and answers the candidates of its messages (postgres/grouping.ts), one round trip.
 */
const CANDIDATES = candidatesSql(N + 3)

const INSERT_SQL = `WITH d AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('messages', 'seq')) AS seq, u.*
    FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY AS u (${NAMES}, k)
  ), m AS (
    INSERT INTO messages (seq, ${NAMES}) OVERRIDING SYSTEM VALUE
    SELECT d.seq, ${COLUMNS.map(([name]) => (name === 'grams' ? 'ARRAY(SELECT json_array_elements_text(d.grams::json))' : `d.${name}`)).join(', ')}
    FROM d ORDER BY d.k
  ), e AS (
    INSERT INTO events (message_seq, n, doc)
    SELECT d.seq, x.n, x.doc FROM unnest($${N + 1}::integer[], $${N + 2}::integer[], $${N + 3}::text[]) AS x (k, n, doc) JOIN d ON d.k = x.k
  ), b AS (
    ${rebuildMessageBoards('TRUE', 'd m')}
  ), ${CANDIDATES.ctes}
  SELECT 0 AS kind, k::integer AS k, seq::text AS seq, NULL::integer AS band, NULL::text AS created_ms, NULL::text AS root, NULL::text AS text FROM d
  UNION ALL
  ${CANDIDATES.rows}`

/**
 * Adds summed counters to every board of each scope's closure (its board, its assigned unit and
 * every ancestor of either: the boards of its `message_boards` rows; each scope's boards found
 * once), in a fixed order (bytewise, the cheapest to sort) so that two transactions lock the rows
 * alike.
 */
const COUNTERS_SQL = `WITH d AS MATERIALIZED (
    SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::integer[], $5::text[], $6::bigint[]) AS d (board_id, assignee_board_id, grain, period, key, n)
  ), scope AS MATERIALIZED (
    SELECT s.board_id, s.assignee_board_id, x.board FROM (SELECT DISTINCT board_id, assignee_board_id FROM d) s
    CROSS JOIN LATERAL (
      SELECT s.board_id AS board
      UNION SELECT s.assignee_board_id
      UNION SELECT t.ancestor FROM board_tree t WHERE t.descendant = s.board_id OR t.descendant = s.assignee_board_id
    ) x
    WHERE x.board IS NOT NULL
  )
  INSERT INTO stats_counts (board, grain, period, key, n)
  SELECT scope.board COLLATE "C", d.grain, d.period, d.key COLLATE "C", sum(d.n)
  FROM d JOIN scope ON scope.board_id = d.board_id AND scope.assignee_board_id IS NOT DISTINCT FROM d.assignee_board_id
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (board, grain, period, key) DO UPDATE SET n = stats_counts.n + excluded.n`

/** {@link HEAT_ADD_SQL} (`$1`–`$4`) and {@link SPANS_ADD_SQL} (`$5`–`$8`) in one statement. */
const HOT_ADD_SQL = `WITH heat AS (${HEAT_ADD_SQL}) ${SPANS_ADD_SQL.replace(/\$([1-4])\b/g, (_, n: string) => `$${Number(n) + 4}`)}`

/** A queued message: its row's values and its events' documents, made when it is queued. */
interface Queued {
  message: Message
  row: unknown[]
  events: string[]
}

/** The writes a transaction has queued; see the module's comment. */
export class WriteBatch {
  readonly #client: PgClient
  #messages: Queued[] = []
  /** Summed counters: `board \0 assignee \0 grain \0 period \0 key` → n. */
  #counters = new Map<string, number>()
  /** Summed heat of messages not refused: `board \0 month \0 domain` → n. */
  #heat = new Map<string, number>()
  /** Spans of groups to add: `board \0 root` → first and last creation. */
  #spans = new Map<string, [number, number]>()
  /**
   * The writes under way, one after the other: a full queue is written while the caller goes on
   * (queueing the next messages), and a write that fails fails every write after it and the next
   * flush, so the transaction.
   */
  #writing: Promise<void> | undefined
  /** Set once the transaction ends without committing: nothing more is written. */
  #abandoned = false
  /** Delta rows of heat and spans written so far (postgres/hot-deltas.ts: what a fold has to move). */
  deltas = 0

  constructor(client: PgClient) {
    this.#client = client
  }

  /** Queues a message; starts writing the queue when it is full. */
  insert(message: Message, trackingHash: string): void {
    // The values now: a bad one is refused by this call, and a caller changing its object after
    // the call changes nothing that is written.
    this.#messages.push({ message: { ...message }, row: messageRow(message, trackingHash), events: message.timeline.map((event) => JSON.stringify(event)) })
    const scope = `${message.boardId}\0${message.assigneeBoardId ?? ''}\0`
    for (const [grain, period, key, n] of counterRows(contributionOf(message))) {
      const id = `${scope}${grain}\0${period}\0${key}`
      this.#counters.set(id, (this.#counters.get(id) ?? 0) + n)
    }
    if (message.status !== 'rejected') {
      const cell = `${message.boardId}\0${chinaMonth(instant(message.createdAt, 'createdAt'))}\0${message.domain}`
      this.#heat.set(cell, (this.#heat.get(cell) ?? 0) + 1)
    }
    if (this.#messages.length >= BATCH_SIZE) this.#writeQueue()
  }

  /**
   * Writes everything queued, messages then (unless `tallies` is false) the sums: counters, heat
   * and spans; waits for every write under way (before a statement of the transaction); rejects
   * when one failed.
   */
  async flush(tallies = true): Promise<void> {
    this.#writeQueue()
    if (tallies) this.#then(() => this.#writeSums(false))
    await this.#settle()
  }

  /**
   * {@link flush} before COMMIT, its last statement (heat and spans) deferred to go with COMMIT in
   * one round trip (postgres/pipeline.ts) when the connection can.
   */
  async finish(): Promise<void> {
    this.#writeQueue()
    this.#then(() => this.#writeSums(true))
    await this.#settle()
  }

  /** Waits for the writes under way; rejects when one failed. */
  async #settle(): Promise<void> {
    const writing = this.#writing
    if (!writing) return
    await writing
    if (this.#writing === writing) this.#writing = undefined
  }

  /** The sums taken when the writes before them are done (the spans come from the groups' writes), then written. */
  #writeSums(last: boolean): Promise<void> {
    const [counters, heat, spans] = [this.#counters, this.#heat, this.#spans]
    this.#counters = new Map()
    this.#heat = new Map()
    this.#spans = new Map()
    return this.#writeTallies(counters, heat, spans, last)
  }

  /** Stops writing (the transaction rolls back); resolves when no write is under way. */
  async abandon(): Promise<void> {
    this.#abandoned = true
    this.#messages = []
    this.#counters = new Map()
    this.#heat = new Map()
    this.#spans = new Map()
    await this.#writing?.catch(() => {})
  }

  #writeQueue(): void {
    if (this.#messages.length === 0) return
    const messages = this.#messages
    this.#messages = []
    this.#then(() => this.#writeMessages(messages))
  }

  #then(write: () => Promise<void>): void {
    const next = (this.#writing ?? Promise.resolve()).then(() => {
      if (this.#abandoned) throw new Error('The transaction has ended')
      return write()
    })
    // Seen by the next flush; a rejection nobody waits for is no error of the process.
    next.catch(() => {})
    this.#writing = next
  }

  /** Queues a statement whose answer is not read, sent with the next (false: run it now). */
  /** For the grouping's locks and the heat and spans only: their values are written in (no citizen's data, see PgQuery.inline). */
  readonly #defer = (text: string, values: readonly unknown[]): boolean => this.#client.defer?.(prepared(text, values, true)) ?? false

  readonly #query: Query = async <R>(text: string, values: readonly unknown[] = []) => {
    try {
      return (await this.#client.query<R>(prepared(text, values))).rows
    } catch (error) {
      throw translate(error)
    }
  }

  async #writeMessages(queued: readonly Queued[]): Promise<void> {
    const columns: unknown[][] = COLUMNS.map(() => [])
    const events: [number[], number[], string[]] = [[], [], []]
    for (const [index, { row, events: docs }] of queued.entries()) {
      for (let i = 0; i < N; i++) columns[i]!.push(row[i])
      for (const [n, doc] of docs.entries()) {
        events[0].push(index + 1)
        events[1].push(n)
        events[2].push(doc)
      }
    }
    // The search text is core's similarity text: the masked title and content, lower-cased.
    const text = columns[COLUMNS.findIndex(([name]) => name === 'search_text')]! as string[]
    const created = columns[COLUMNS.findIndex(([name]) => name === 'created_ms')]! as number[]
    const bands = batchBands(text, created)
    let rows: Array<CandidateRow>
    try {
      rows = await this.#query<CandidateRow>(INSERT_SQL, [...columns, ...events, ...bands.ask, ...bands.store])
    } catch (error) {
      throw duplicateError(error) ?? error
    }
    const seqs: number[] = []
    for (const row of rows) if (row.kind === 0) seqs[row.k! - 1] = Number(row.seq)
    this.#addSpans(
      await groupBatch(
        this.#query,
        queued.map(({ message }, index) => ({ message, seq: seqs[index]!, text: text[index]! })),
        bands,
        rows.filter((row) => row.kind !== 0),
        this.#defer,
      ),
    )
  }

  /** Adds a batch's spans to those held back, those of groups it merged away moved into the group they joined. */
  #addSpans({ merges, spans }: Grouped): void {
    const add = (ancestor: string, root: number, first: number, last: number) => {
      const id = `${ancestor}\0${root}`
      const span = this.#spans.get(id)
      this.#spans.set(id, span ? [Math.min(span[0], first), Math.max(span[1], last)] : [first, last])
    }
    if (merges.length > 0 && this.#spans.size > 0) {
      const into = new Map(merges)
      for (const [id, [first, last]] of [...this.#spans]) {
        const [ancestor, root] = id.split('\0') as [string, string]
        const to = into.get(Number(root))
        if (to === undefined) continue
        this.#spans.delete(id)
        add(ancestor, to, first, last)
      }
    }
    for (const span of spans) add(span.ancestor, span.root, span.firstMs, span.lastMs)
  }

  /** Writes the sums; with `last`, the statement of the heat and spans deferred when it can be (see {@link finish}). */
  async #writeTallies(counters: Map<string, number>, heat: Map<string, number>, spans: Map<string, [number, number]>, last = false): Promise<void> {
    const columns: [string[], Array<string | null>, number[], number[], string[], number[]] = [[], [], [], [], [], []]
    for (const [id, n] of counters) {
      if (n === 0) continue
      const [board, assignee, grain, period, key] = id.split('\0') as [string, string, string, string, string]
      columns[0].push(board)
      columns[1].push(assignee === '' ? null : assignee)
      columns[2].push(Number(grain))
      columns[3].push(Number(period))
      columns[4].push(key)
      columns[5].push(n)
    }
    if (columns[0].length > 0) await this.#query(COUNTERS_SQL, columns)
    const cells: [string[], string[], string[], number[]] = [[], [], [], []]
    for (const [id, n] of heat) {
      const [board, month, domain] = id.split('\0') as [string, string, string]
      cells[0].push(board)
      cells[1].push(month)
      cells[2].push(domain)
      cells[3].push(n)
    }
    const added: [string[], number[], number[], number[]] = [[], [], [], []]
    for (const [id, [first, last]] of spans) {
      const [ancestor, root] = id.split('\0') as [string, string]
      added[0].push(ancestor)
      added[1].push(Number(root))
      added[2].push(first)
      added[3].push(last)
    }
    // Heat and spans in one statement: delta rows (postgres/hot-deltas.ts).
    const [text, values] =
      cells[0].length > 0 && added[0].length > 0 ? [HOT_ADD_SQL, [...cells, ...added]] : cells[0].length > 0 ? [HEAT_ADD_SQL, cells] : [SPANS_ADD_SQL, added]
    if (values[0]!.length === 0) return
    this.deltas += values[0]!.length + (values.length > 4 ? values[4]!.length : 0)
    // Sent with COMMIT: as EXECUTE of the statement this connection prepared (postgres/pipeline.ts);
    // on a connection that has not prepared it yet, run now (and so prepared).
    if (last && this.#defer(text, values)) return
    await this.#query(text, values)
  }
}

/** The error a unique constraint's refusal of a batch means, naming the id that clashed. */
function duplicateError(error: unknown): Error | undefined {
  const { code, constraint, detail } = error as { code?: unknown; constraint?: unknown; detail?: unknown }
  if (code !== '23505') return undefined
  if (constraint === 'messages_tracking_hash') return new Error(DUPLICATE_TRACKING_CODE, { cause: error })
  if (constraint !== 'messages_id_key') return undefined
  // PostgreSQL's detail: Key (id)=(…) already exists.
  const id = typeof detail === 'string' ? /^Key \(id\)=\((.*)\) already exists\.$/s.exec(detail)?.[1] : undefined
  return new Error(duplicateId(id ?? '(unknown)'), { cause: error })
}

/** The values of a message's row, in the order of {@link COLUMNS}. */
function messageRow(message: Message, trackingHash: string): unknown[] {
  const columns = messageColumns(message, message.timeline)
  const row = [message.id, ...columns.slice(0, 5), trackingHash, ...columns.slice(5)]
  row[15] = JSON.stringify(row[15])
  return row
}

/**
 * The connection a transaction's statements go through: each first writes what the batch holds,
 * so it sees every write made before it.
 */
export class BatchingClient implements PgClient {
  readonly #client: PgClient
  readonly #batch: WriteBatch

  constructor(client: PgClient, batch: WriteBatch) {
    this.#client = client
    this.#batch = batch
  }

  async query<R = Record<string, unknown>>(query: string | PgQuery, values?: readonly unknown[]): Promise<PgResult<R>> {
    await this.#batch.flush(!isTallyFree(typeof query === 'string' ? query : query.text))
    return this.#client.query<R>(query, values)
  }

  /**
   * A statement deferred goes before every later one, the batch's writes included: only one that
   * neither reads nor needs what the batch holds (the outbox's appends) may be deferred.
   */
  defer(query: PgQuery): boolean {
    return this.#client.defer?.(query) ?? false
  }
}
