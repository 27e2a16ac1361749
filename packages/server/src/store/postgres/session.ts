// The connection of one transaction of the PostgreSQL store, which sends BEGIN only when a statement
// needs it (docs/architecture.md §6 "Durable writes on PostgreSQL"). At READ COMMITTED every
// statement reads its own snapshot, so a read that locks nothing, run before the transaction's
// first write, answers what it would have answered inside the transaction: it runs on its own.
// A transaction whose only write is its last statement (a submission: look-ups that find nothing,
// then one statement writing the message, its closure, groups and outbox events) is then that one
// statement, committed by PostgreSQL as it ends (synchronous_commit as configured: acknowledged
// writes are durable), without BEGIN nor COMMIT: three round trips instead of eight.
import type { PgClient, PgQuery, PgResult } from './driver.js'

/**
 * How a statement runs while the transaction has not begun:
 * - `read`: on its own (a SELECT that locks nothing and calls no function with effects);
 * - `optimistic`: a locking read expected to find nothing (a tracking hash not in use yet): on its
 *   own; when it finds rows, the transaction begins and the statement runs again inside it, where
 *   its locks hold until the end;
 * - `write`: the transaction begins first;
 * - `last`: the transaction's last statement: on its own when nothing began the transaction, and
 *   the transaction is then committed by it.
 */
export type StatementMode = 'read' | 'optimistic' | 'write' | 'last'

/** Statements with effects beyond their answer, or locks: never run before BEGIN. */
const NOT_A_PLAIN_READ = /\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b|pg_advisory|nextval|setval|set_config/i

/** The mode of a statement sent without one: `read` for a plain SELECT, else `write`. */
export function modeOf(text: string): StatementMode {
  return /^\s*SELECT\b/i.test(text) && !NOT_A_PLAIN_READ.test(text) ? 'read' : 'write'
}

/** Exact texts of locking reads run `optimistic` (see {@link StatementMode}). */
const OPTIMISTIC = new Set<string>()

/** Marks the text of a locking read that usually finds nothing as `optimistic`. */
export function optimistic(text: string): string {
  OPTIMISTIC.add(text)
  return text
}

export class Session implements PgClient {
  readonly #client: PgClient
  /** 'idle': nothing sent that needed a transaction; 'open': BEGIN sent; 'done': committed by a `last` statement. */
  #state: 'idle' | 'open' | 'done' = 'idle'

  constructor(client: PgClient) {
    this.#client = client
  }

  /** Whether BEGIN was sent (ROLLBACK and COMMIT then have something to end). */
  get open(): boolean {
    return this.#state === 'open'
  }

  async query<R = Record<string, unknown>>(query: string | PgQuery, values?: readonly unknown[], mode?: StatementMode): Promise<PgResult<R>> {
    if (this.#state === 'done') throw new Error('The transaction has ended')
    if (this.#state === 'idle') {
      const text = typeof query === 'string' ? query : query.text
      const how = mode ?? (OPTIMISTIC.has(text) ? 'optimistic' : modeOf(text))
      if (how === 'last') {
        const result = await this.#client.query<R>(query, values)
        this.#state = 'done'
        return result
      }
      if (how !== 'write') {
        const result = await this.#client.query<R>(query, values)
        if (how === 'read' || result.rows.length === 0) return result
      }
      await this.#client.query('BEGIN')
      this.#state = 'open'
    }
    return this.#client.query<R>(query, values)
  }

  /** Commits what BEGIN opened; nothing when no statement needed a transaction or the last one committed. */
  async commit(): Promise<void> {
    if (this.#state === 'open') await this.#client.query('COMMIT')
    this.#state = 'done'
  }

  /** Rolls back what BEGIN opened, if anything. */
  async rollback(): Promise<void> {
    const open = this.#state === 'open'
    this.#state = 'done'
    if (open) await this.#client.query('ROLLBACK')
  }
}
