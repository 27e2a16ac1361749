// Keyword search of the SQLite store through `message_terms` (migration 5): the characters and
// character pairs of each message's masked text (searchGrams in store/shared.ts, the terms of the
// PostgreSQL store too), each with the sort keys of both lists, so a keyword's page is read from
// one term's index range in list order and stops after the page (docs/architecture.md §6).
import { OPEN_STATUSES } from '@liuyan/core'
import { dueKeySql, keywordGrams, searchGrams } from '../shared.js'
import type { ListPlan } from '../shared.js'
import type { Connection } from './connection.js'

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

/**
 * How many rows of a term the choice of terms counts at most: enough to tell a rare term from a
 * common one, few enough that counting costs about as much as reading a page.
 */
export const TERM_PROBE = 256

/** The terms a keyword's page reads: `walk` in list order, each of `check` looked up per row. */
export interface KeywordTerms {
  walk: string
  check: string[]
}

/**
 * The terms of `plan.keyword` ordered rarest first, counting each term's rows of the list (public
 * or all) up to {@link TERM_PROBE}: `none` when one of them has no row (no message can hold the
 * keyword: the answer is empty after one index lookup per term). The rarest is walked, the
 * others are checked. Only the walk's cost depends on the choice; the answer never does.
 */
export function chooseTerms(connection: Connection, plan: ListPlan): KeywordTerms | 'none' {
  const terms = keywordGrams(plan.keyword!)
  const count = connection.statement(
    plan.publicOnly
      ? 'SELECT count(*) FROM (SELECT 1 FROM message_terms INDEXED BY message_terms_public WHERE term = ? AND published_ms IS NOT NULL LIMIT ?)'
      : 'SELECT count(*) FROM (SELECT 1 FROM message_terms WHERE term = ? LIMIT ?)',
    'pluck',
  )
  const counted: Array<[string, number]> = []
  for (const term of terms) {
    const n = count.get(term, TERM_PROBE) as number
    if (n === 0) return 'none'
    counted.push([term, n])
  }
  counted.sort((a, b) => a[1] - b[1])
  return { walk: counted[0]![0], check: counted.slice(1).map(([term]) => term) }
}

/**
 * The SELECT of one keyword page (limit + 1 rows): `terms.walk`'s rows of the list's index
 * (`message_terms_public` by publication time, the primary key by creation time), newest first;
 * per row, the other terms and the board looked up by key, then the message read by rowid for
 * the remaining filters and the substring itself (a plain substring: %, _ and quotes are text).
 * The columns are `columns` followed by `rid` and `sort_ms`.
 */
export function keywordSql(plan: ListPlan, terms: KeywordTerms, columns: string): { sql: string; params: Record<string, unknown> } {
  const sort = plan.publicOnly ? 'published_ms' : 'created_ms'
  const params: Record<string, unknown> = { limit: plan.limit + 1, term: terms.walk, keyword: plan.keyword }
  const where = ['t.term = @term']
  // By deadline, the matches are sorted by the message's due key: the term's rows are read whole
  // (they are in creation order), the keyword's matches sorted, the page taken.
  const due = dueKeySql('m')
  if (plan.publicOnly) where.push('t.published_ms IS NOT NULL')
  if (plan.after && plan.byDue) {
    where.push(`(${due}, m.rid) > (@afterMs, @afterSeq)`)
    params['afterMs'] = plan.after[0]
    params['afterSeq'] = plan.after[1]
  } else if (plan.after) {
    where.push(`(t.${sort}, t.rid) < (@afterMs, @afterSeq)`)
    params['afterMs'] = plan.after[0]
    params['afterSeq'] = plan.after[1]
  }
  if (plan.fromMs !== undefined) {
    where.push(`t.${sort} >= @fromMs`)
    params['fromMs'] = plan.fromMs
  }
  if (plan.toMs !== undefined) {
    where.push(`t.${sort} < @toMs`)
    params['toMs'] = plan.toMs
  }
  terms.check.forEach((term, index) => {
    // The primary key (term, created_ms, rid): one lookup.
    where.push(`EXISTS (SELECT 1 FROM message_terms o WHERE o.term = @check${index} AND o.created_ms = t.created_ms AND o.rid = t.rid)`)
    params[`check${index}`] = term
  })
  const roots = plan.boardIds ? [...plan.boardIds] : undefined
  if (roots?.length === 1) {
    where.push('EXISTS (SELECT 1 FROM message_scope s WHERE s.ancestor = @board AND s.rid = t.rid)')
    params['board'] = roots[0]
  } else if (roots) {
    where.push('EXISTS (SELECT 1 FROM message_scope s WHERE s.ancestor IN (SELECT value FROM json_each(@boards)) AND s.rid = t.rid)')
    params['boards'] = JSON.stringify(roots)
  }
  if (plan.statuses) {
    where.push('m.status IN (SELECT value FROM json_each(@statuses))')
    params['statuses'] = JSON.stringify([...plan.statuses])
  }
  if (plan.type !== undefined) {
    where.push('m.type = @type')
    params['type'] = plan.type
  }
  if (plan.domain !== undefined) {
    where.push('m.domain = @domain')
    params['domain'] = plan.domain
  }
  if (plan.supervised) where.push("json_extract(m.doc, '$.supervised') = 1")
  if (plan.overdueMs !== undefined) {
    where.push(`m.status IN (${OPEN_SQL}) AND m.due_ms < @overdueMs`)
    params['overdueMs'] = plan.overdueMs
  }
  where.push('instr(m.search_text, @keyword) > 0')
  const selected = columns.split(',').map((column) => `m.${column.trim()}`).join(', ')
  // CROSS JOIN keeps the term's rows the outer loop, so they are read in list order.
  const [key, order] = plan.byDue ? [due, `${due}, m.rid`] : [`t.${sort}`, `t.${sort} DESC, t.rid DESC`]
  const sql =
    `SELECT ${selected}, t.rid, ${key} AS sort_ms FROM message_terms t${plan.publicOnly ? ' INDEXED BY message_terms_public' : ''} ` +
    `CROSS JOIN messages m ON m.rid = t.rid WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`
  return { sql, params }
}

/** A message's row as the terms table needs it. */
export interface TermRow {
  rid: number
  search_text: string
  created_ms: number
  published_ms: number | null
}

const DELETE = 'DELETE FROM message_terms WHERE term IN (SELECT value FROM json_each(@terms)) AND created_ms = @created_ms AND rid = @rid'
const UPDATE = `UPDATE message_terms SET created_ms = @new_created_ms, published_ms = @published_ms
  WHERE term IN (SELECT value FROM json_each(@terms)) AND created_ms = @created_ms AND rid = @rid`

/**
 * Adds the terms of a message row just inserted. They wait with the transaction's other term rows
 * (pending.ts) and are written, sorted, before the next statement that reads `message_terms` or
 * at the end of the transaction.
 */
export function insertTerms(connection: Connection, row: TermRow): void {
  connection.pending.addTerms(searchGrams(row.search_text), row.created_ms, row.rid, row.published_ms)
}

/**
 * Brings a message's terms from its row as it was (`before`) to the row as it is now (`after`):
 * nothing when neither the text nor a sort key changed, the sort keys of the same terms when only
 * those did, the terms themselves when the text did. Each term is found by its primary key.
 */
export function updateTerms(connection: Connection, before: TermRow, after: TermRow): void {
  if (before.search_text === after.search_text) {
    if (before.created_ms === after.created_ms && before.published_ms === after.published_ms) return
    connection.statement(UPDATE).run({
      rid: before.rid,
      created_ms: before.created_ms,
      new_created_ms: after.created_ms,
      published_ms: after.published_ms,
      terms: JSON.stringify(searchGrams(before.search_text)),
    })
    return
  }
  connection.statement(DELETE).run({ rid: before.rid, created_ms: before.created_ms, terms: JSON.stringify(searchGrams(before.search_text)) })
  insertTerms(connection, after)
}
