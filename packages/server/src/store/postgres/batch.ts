// The PostgreSQL store's write batches (docs/architecture.md §5, §6): inside a transaction, inserted
// messages are queued and written up to BATCH_SIZE at a time in two statements (one reads the
// candidates of their groups and takes their seqs, postgres/grouping.ts; one writes everything,
// postgres/write.ts), their statistics counters are summed in memory per scope and counter, and
// outbox events are queued too; counters and events go with the next statement that writes.
// Whatever is queued is written before any other statement of the transaction runs (a read sees
// every write before it) and before COMMIT: `BatchingClient` is the connection the transaction's
// reads and writes go through. The write made by the transaction's end is its `last` statement
// (postgres/session.ts): a transaction that wrote nothing before commits with it.
import type { Message } from '@liuyan/core'
import { eventValues } from '../outbox-rows.js'
import type { OutboxEvent } from '../outbox-types.js'
import { DUPLICATE_TRACKING_CODE, duplicateId, instant } from '../shared.js'
import { contributionOf, counterRows } from '../stats-keeping.js'
import { prepared, type PgClient, type PgQuery, type PgResult } from './driver.js'
import { translate } from './errors.js'
import { FOLD_LOCK } from './deltas.js'
import { askCandidates, CANDIDATES_SQL, decideGroups, NO_GROUPS } from './grouping.js'
import { messageColumns } from './rows.js'
import type { Session, StatementMode } from './session.js'
import { COLUMNS, OUTBOX_COLUMNS, writeSql } from './write.js'

/** Messages written in one go: bounds the memory of a long transaction and the size of a statement. */
export const BATCH_SIZE = 500

const N = COLUMNS.length
/** Where `search_text` (core's similarity text: the masked title and content, lower-cased) is in a row. */
const SEARCH_TEXT = COLUMNS.findIndex(([name]) => name === 'search_text')

/** A queued message: its row's values and its events' documents, made when it is queued. */
interface Queued {
  message: Message
  row: unknown[]
  events: string[]
}

/** The writes a transaction has queued; see the module's comment. */
export class WriteBatch {
  readonly #session: Session
  #messages: Queued[] = []
  /** Summed counters: `board \0 assignee \0 grain \0 period \0 key` → n. */
  #counters = new Map<string, number>()
  /** Outbox events queued, as the columns of write.ts's outbox part; each id once. */
  #events: unknown[][] = Array.from({ length: OUTBOX_COLUMNS }, () => [])
  #eventIds = new Set<string>()
  /**
   * The writes under way, one after the other: a full queue is written while the caller goes on
   * (queueing the next messages), and a write that fails fails every write after it and the next
   * flush, so the transaction.
   */
  #writing: Promise<void> | undefined
  /** Set once the transaction ends without committing: nothing more is written. */
  #abandoned = false

  constructor(session: Session) {
    this.#session = session
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
    if (this.#messages.length >= BATCH_SIZE) this.#writeQueue('write')
  }

  /**
   * Queues outbox events (their times checked now): each is stored unless one of its id is already
   * (queued or stored), and delivered to the subscriptions that want it when it is.
   */
  appendEvents(events: readonly OutboxEvent[], queuedAt: string): void {
    const ms = instant(queuedAt, 'queuedAt')
    for (const event of events) {
      const values = [...eventValues(event, (ids) => JSON.stringify(ids), (on) => on), queuedAt, ms]
      if (this.#eventIds.has(event.id)) continue
      this.#eventIds.add(event.id)
      for (const [i, value] of values.entries()) this.#events[i]!.push(value)
    }
  }

  /**
   * Writes everything queued and waits for every write under way (before a statement of the
   * transaction: `write`; before COMMIT: `last`); rejects when one failed.
   */
  async flush(mode: 'write' | 'last' = 'write'): Promise<void> {
    if (this.#messages.length > 0 || this.#counters.size > 0 || this.#events[0]!.length > 0) this.#writeQueue(mode, true)
    const writing = this.#writing
    if (!writing) return
    await writing
    if (this.#writing === writing) this.#writing = undefined
  }

  /** Stops writing (the transaction rolls back); resolves when no write is under way. */
  async abandon(): Promise<void> {
    this.#abandoned = true
    this.#messages = []
    this.#counters = new Map()
    this.#events = Array.from({ length: OUTBOX_COLUMNS }, () => [])
    await this.#writing?.catch(() => {})
  }

  /** Chains the write of the queued messages (and, `all`, of the counters and events too). */
  #writeQueue(mode: 'write' | 'last', all = false): void {
    const messages = this.#messages
    this.#messages = []
    let counters = new Map<string, number>()
    let events: unknown[][] = Array.from({ length: OUTBOX_COLUMNS }, () => [])
    if (all) {
      ;[counters, this.#counters] = [this.#counters, counters]
      ;[events, this.#events] = [this.#events, events]
    }
    const next = (this.#writing ?? Promise.resolve()).then(() => {
      if (this.#abandoned) throw new Error('The transaction has ended')
      return this.#write(messages, counters, events, mode)
    })
    // Seen by the next flush; a rejection nobody waits for is no error of the process.
    next.catch(() => {})
    this.#writing = next
  }

  async #query<R>(text: string, values: readonly unknown[], mode: StatementMode): Promise<R[]> {
    try {
      return (await this.#session.query<R>(prepared(text, values), undefined, mode)).rows
    } catch (error) {
      throw translate(error)
    }
  }

  async #write(queued: readonly Queued[], counters: Map<string, number>, events: unknown[][], mode: 'write' | 'last'): Promise<void> {
    const columns: unknown[][] = COLUMNS.map(() => [])
    for (const { row } of queued) for (let i = 0; i < N; i++) columns[i]!.push(row[i])
    let seqs: number[] = []
    let grouped = NO_GROUPS
    if (queued.length > 0) {
      const text = columns[SEARCH_TEXT]! as string[]
      const asked = askCandidates(queued.map(({ message }, index) => ({ message, text: text[index]! })))
      ;({ seqs, grouped } = await decideGroups(asked, await this.#query(CANDIDATES_SQL, asked.values, 'read')))
      if (grouped[5].length > 0) {
        // Merges one at a time, each decided on what those before it committed; and no fold
        // meanwhile, as a merge renames the deltas of spans (postgres/deltas.ts).
        await this.#query('SELECT pg_advisory_xact_lock($1)', [FOLD_LOCK], 'write')
        ;({ seqs, grouped } = await decideGroups(asked, await this.#query(CANDIDATES_SQL, asked.values, 'read')))
      }
    }
    const timeline: [number[], number[], string[]] = [[], [], []]
    for (const [index, { events: docs }] of queued.entries()) {
      for (const [n, doc] of docs.entries()) {
        timeline[0].push(seqs[index]!)
        timeline[1].push(n)
        timeline[2].push(doc)
      }
    }
    try {
      const counted = counterColumns(counters)
      const parts = { rows: queued.length > 0, merges: grouped[5].length > 0, counters: counted[0]!.length > 0, events: events[0]!.length > 0 }
      if (!parts.rows && !parts.counters && !parts.events) return
      const values = [
        ...(parts.rows ? [seqs, ...columns, ...timeline, ...(parts.merges ? grouped : grouped.slice(0, 5))] : []),
        ...(parts.counters ? counted : []),
        ...(parts.events ? events : []),
      ]
      await this.#query(writeSql(parts), values, mode)
    } catch (error) {
      throw duplicateError(error) ?? error
    }
  }
}

/** Summed counters as write.ts's counter columns. */
function counterColumns(counters: Map<string, number>): unknown[][] {
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
  return columns
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
  readonly #session: Session
  readonly #batch: WriteBatch

  constructor(session: Session, batch: WriteBatch) {
    this.#session = session
    this.#batch = batch
  }

  async query<R = Record<string, unknown>>(query: string | PgQuery, values?: readonly unknown[]): Promise<PgResult<R>> {
    await this.#batch.flush()
    return this.#session.query<R>(query, values)
  }
}
