// Keyword search of the SQLite store through `message_terms` (migration 5): the characters and
// character pairs of each message's masked text (searchGrams in store/shared.ts, the terms of the
// PostgreSQL store too), each with the sort keys of both lists, so a keyword's page is read from
// one term's index range in list order and stops after the page (docs/architecture.md §6).
// New messages get their terms in batches (indexTail): until then they are the tail, which a
// keyword's page reads by rowid and matches by substring.
import { OPEN_STATUSES } from '@liuyan/core'
import { dueKeySql, keywordGrams, searchGrams } from '../shared.js'
import type { ListPlan } from '../shared.js'
import type { Connection } from './connection.js'

const OPEN_SQL = OPEN_STATUSES.map((status) => `'${status}'`).join(', ')

/** The last message (rid) whose terms are in `message_terms` (migration 14); the messages after it are the tail. */
const THROUGH_SQL = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'terms_through'"

/**
 * Messages whose terms are written together by default: a message adds about a hundred terms,
 * each in its own page of the index, so written with its own commit they are half the pages that
 * commit writes; a batch writes each page once for all its messages. A keyword's page reads the
 * tail (at most a batch and a group commit) by rowid.
 */
export const KEYWORD_BATCH = 128

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
 * or all) up to {@link TERM_PROBE}: `none` when one of them has no row (no indexed message can
 * hold the keyword: only the tail is read). The rarest is walked, the
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
 * The SELECT of one keyword page (limit + 1 rows), from two arms merged in list order:
 *
 * - the indexed messages (not when `terms` is `none`): `terms.walk`'s rows of the list's index
 *   (`message_terms_public` by publication time, the primary key by creation time), newest
 *   first; per row, the other terms and the board looked up by key, then the message read by
 *   rowid for the remaining filters and the substring itself (a plain substring: %, _ and quotes
 *   are text);
 * - the tail: the messages stored after the last batch of terms (at most a batch and a group
 *   commit, see {@link indexTail}), read by rowid and matched by the substring alone.
 *
 * The columns are `columns` followed by `rid` and `sort_ms`.
 */
export function keywordSql(plan: ListPlan, terms: KeywordTerms | 'none', columns: string): { sql: string; params: Record<string, unknown> } {
  const { index, tail, params } = keywordArms(plan, terms, columns)
  const order = plan.byDue ? 'sort_ms, rid' : 'sort_ms DESC, rid DESC'
  const sql = index === undefined ? tail : `SELECT * FROM (${index}) UNION ALL SELECT * FROM (${tail}) ORDER BY ${order} LIMIT @limit`
  return { sql, params }
}

/** The two arms of {@link keywordSql}, each a page in list order, and their parameters. @internal */
export function keywordArms(plan: ListPlan, terms: KeywordTerms | 'none', columns: string): { index?: string; tail: string; params: Record<string, unknown> } {
  const sort = plan.publicOnly ? 'published_ms' : 'created_ms'
  const params: Record<string, unknown> = { limit: plan.limit + 1, keyword: plan.keyword }
  if (plan.after) {
    params['afterMs'] = plan.after[0]
    params['afterSeq'] = plan.after[1]
  }
  if (plan.fromMs !== undefined) params['fromMs'] = plan.fromMs
  if (plan.toMs !== undefined) params['toMs'] = plan.toMs
  const roots = plan.boardIds ? [...plan.boardIds] : undefined
  if (roots?.length === 1) params['board'] = roots[0]
  else if (roots) params['boards'] = JSON.stringify(roots)
  // The filters read from the message row, the same in both arms.
  const messageFilters: string[] = []
  if (plan.statuses) {
    messageFilters.push('m.status IN (SELECT value FROM json_each(@statuses))')
    params['statuses'] = JSON.stringify([...plan.statuses])
  }
  if (plan.type !== undefined) {
    messageFilters.push('m.type = @type')
    params['type'] = plan.type
  }
  if (plan.domain !== undefined) {
    messageFilters.push('m.domain = @domain')
    params['domain'] = plan.domain
  }
  if (plan.supervised) messageFilters.push("json_extract(m.doc, '$.supervised') = 1")
  if (plan.overdueMs !== undefined) {
    messageFilters.push(`m.status IN (${OPEN_SQL}) AND m.due_ms < @overdueMs`)
    params['overdueMs'] = plan.overdueMs
  }
  messageFilters.push('instr(m.search_text, @keyword) > 0')
  // The filters of an arm; `k` names the table its sort keys and rid are read from.
  const where = (k: 't' | 'm'): string[] => {
    const conditions: string[] = []
    // By deadline, the matches are sorted by the message's due key: the term's rows are read
    // whole (they are in creation order), the keyword's matches sorted, the page taken.
    if (plan.publicOnly) conditions.push(`${k}.published_ms IS NOT NULL`)
    if (plan.after && plan.byDue) conditions.push(`(${dueKeySql('m')}, m.rid) > (@afterMs, @afterSeq)`)
    else if (plan.after) conditions.push(`(${k}.${sort}, ${k}.rid) < (@afterMs, @afterSeq)`)
    if (plan.fromMs !== undefined) conditions.push(`${k}.${sort} >= @fromMs`)
    if (plan.toMs !== undefined) conditions.push(`${k}.${sort} < @toMs`)
    if (roots?.length === 1) conditions.push(`EXISTS (SELECT 1 FROM message_scope s WHERE s.ancestor = @board AND s.rid = ${k}.rid)`)
    else if (roots) conditions.push(`EXISTS (SELECT 1 FROM message_scope s WHERE s.ancestor IN (SELECT value FROM json_each(@boards)) AND s.rid = ${k}.rid)`)
    return conditions.concat(messageFilters)
  }
  const selected = columns.split(',').map((column) => `m.${column.trim()}`).join(', ')
  const due = dueKeySql('m')
  const arm = (k: 't' | 'm') =>
    plan.byDue ? { key: due, order: `${due}, m.rid` } : { key: `${k}.${sort}`, order: `${k}.${sort} DESC, ${k}.rid DESC` }
  const tailArm = arm('m')
  // NOT INDEXED: the rowid range alone (an index in list order would walk the whole board when
  // the tail holds no match).
  const tail =
    `SELECT ${selected}, m.rid AS rid, ${tailArm.key} AS sort_ms FROM messages m NOT INDEXED ` +
    `WHERE m.rid > (${THROUGH_SQL}) AND ${where('m').join(' AND ')} ORDER BY ${tailArm.order} LIMIT @limit`
  if (terms === 'none') return { tail, params }
  params['term'] = terms.walk
  const indexed = where('t')
  terms.check.forEach((term, index) => {
    // The primary key (term, created_ms, rid): one lookup.
    indexed.push(`EXISTS (SELECT 1 FROM message_terms o WHERE o.term = @check${index} AND o.created_ms = t.created_ms AND o.rid = t.rid)`)
    params[`check${index}`] = term
  })
  const indexArm = arm('t')
  // CROSS JOIN keeps the term's rows the outer loop, so they are read in list order.
  const index =
    `SELECT ${selected}, t.rid AS rid, ${indexArm.key} AS sort_ms FROM message_terms t${plan.publicOnly ? ' INDEXED BY message_terms_public' : ''} ` +
    `CROSS JOIN messages m ON m.rid = t.rid WHERE t.term = @term AND ${indexed.join(' AND ')} ORDER BY ${indexArm.order} LIMIT @limit`
  return { index, tail, params }
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

/** Adds the terms of a message row. They wait with the transaction's other term rows (pending.ts). */
function insertTerms(connection: Connection, row: TermRow): void {
  connection.pending.addTerms(searchGrams(row.search_text), row.created_ms, row.rid, row.published_ms)
}

/**
 * Adds the terms of the tail's messages, from their rows as they are, when the tail holds `batch`
 * messages or more (0: any), and moves the tail past them. Called before a group's COMMIT, so the
 * terms are written with it.
 */
export function indexTail(connection: Connection, batch: number): void {
  const through = connection.statement(THROUGH_SQL, 'pluck').get() as number
  const last = connection.statement('SELECT coalesce(max(rid), 0) FROM messages', 'pluck').get() as number
  if (last - through < Math.max(1, batch)) return
  const rows = connection.statement('SELECT rid, search_text, created_ms, published_ms FROM messages WHERE rid > ? ORDER BY rid').all(through) as TermRow[]
  for (const row of rows) insertTerms(connection, row)
  connection.statement("UPDATE meta SET value = ? WHERE key = 'terms_through'").run(last)
}

/**
 * Brings a message's terms (once written) from its row as it was (`before`) to the row as it is now (`after`):
 * nothing when neither the text nor a sort key changed, the sort keys of the same terms when only
 * those did, the terms themselves when the text did. Each term is found by its primary key.
 */
export function updateTerms(connection: Connection, before: TermRow, after: TermRow): void {
  // A message of the tail has no terms yet: they will be written from its row as it is then.
  if (before.rid > (connection.statement(THROUGH_SQL, 'pluck').get() as number)) return
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
