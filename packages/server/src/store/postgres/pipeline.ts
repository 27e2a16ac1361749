// A transaction's connection that saves round trips (docs/architecture.md §6, PostgreSQL): BEGIN
// is sent with the transaction's first statement, and statements whose answer nobody reads (the
// outbox's appends) with the next one, in one simple-protocol query, each prepared statement run
// there as `EXECUTE name(values)` (the statement the driver prepared on this connection, its plan
// kept, its values written in as literals). On a busy machine each round trip costs the wake-up of
// both processes; a submission took 9 of them.
import type { PgClient, PgPoolClient, PgQuery, PgResult } from './driver.js'

/** Sent before statements with values written in, in their transaction: quotes mean what they say. */
const INLINED_SETTINGS = 'SET LOCAL standard_conforming_strings = on;\n'

/** The prepared statements each connection has run, by name: those `EXECUTE` may name. */
const preparedOn = new WeakMap<PgPoolClient, Set<string>>()

export class TransactionClient implements PgClient {
  readonly #client: PgPoolClient
  readonly #prepared: Set<string>
  #begun = false
  /** `EXECUTE` statements to send before the next statement. */
  #deferred: string[] = []

  constructor(client: PgPoolClient) {
    this.#client = client
    let names = preparedOn.get(client)
    if (!names) preparedOn.set(client, (names = new Set()))
    this.#prepared = names
  }

  async query<R = Record<string, unknown>>(query: string | PgQuery, values?: readonly unknown[]): Promise<PgResult<R>> {
    const head = this.#head()
    if (head !== '') {
      const execute = typeof query === 'string' ? undefined : this.#execute(query)
      if (execute !== undefined) return lastOf<R>(await this.#client.query(`${head}${INLINED_SETTINGS}${execute}`))
      await this.#client.query(head)
    }
    const result = await this.#client.query<R>(query, values)
    if (typeof query !== 'string' && query.name) this.#prepared.add(query.name)
    return result
  }

  /**
   * Queues a statement whose answer is not needed, to be sent with the next one (or COMMIT); false
   * when it cannot be (not yet prepared on this connection, or a value that cannot be written in):
   * the caller runs it then.
   */
  defer(query: PgQuery): boolean {
    const execute = this.#execute(query)
    if (execute === undefined) return false
    this.#deferred.push(execute)
    return true
  }

  /** Commits, sending what is deferred with COMMIT. */
  async commit(): Promise<void> {
    await this.#client.query(`${this.#head()}COMMIT`)
  }

  /** What must go before the next statement: BEGIN, then the deferred statements; taken. */
  #head(): string {
    let head = this.#begun ? '' : 'BEGIN;\n'
    this.#begun = true
    if (this.#deferred.length > 0) head += `${INLINED_SETTINGS}${this.#deferred.join('')}`
    this.#deferred = []
    return head
  }

  /**
   * `EXECUTE name(literals);` of a prepared statement this connection has, or undefined; only for a
   * query marked `inline` (no citizen's data: PostgreSQL logs the text of a failing statement).
   */
  #execute(query: PgQuery): string | undefined {
    if (!query.inline || !query.name || !this.#prepared.has(query.name)) return undefined
    const literals: string[] = []
    for (const value of query.values ?? []) {
      const text = literal(value)
      if (text === undefined) return undefined
      literals.push(text)
    }
    return `EXECUTE ${query.name}${literals.length > 0 ? `(${literals.join(', ')})` : ''};\n`
  }
}

/** The answer of the last statement of a simple query (`pg` answers an array for several). */
function lastOf<R>(results: unknown): PgResult<R> {
  return (Array.isArray(results) ? results.at(-1) : results) as PgResult<R>
}

/**
 * A value as a literal the statement's parameter type reads, as the driver would send it (text);
 * quoted as standard SQL (`INLINED_SETTINGS`). Undefined for a value of another kind.
 */
function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL'
  const text = Array.isArray(value) ? arrayText(value) : scalarText(value)
  return text === undefined || text.includes('\0') ? undefined : `'${text.replaceAll("'", "''")}'`
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  return undefined
}

/** A one-dimensional array in PostgreSQL's array syntax, as `pg` writes it. */
function arrayText(values: readonly unknown[]): string | undefined {
  const items: string[] = []
  for (const value of values) {
    if (value === null || value === undefined) {
      items.push('NULL')
      continue
    }
    const text = scalarText(value)
    if (text === undefined) return undefined
    items.push(`"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
  }
  return `{${items.join(',')}}`
}
