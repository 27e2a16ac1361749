// The SQLite plans of the list's and the inbox's access paths: each is an index range in list
// order (no temporary B-tree to sort, no full scan), so its cost grows with the page, not the board.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { planQuery } from '../shared.js'
import { createSqliteStore, type SqliteStore } from '../sqlite.js'
import type { MessageQuery } from '../types.js'
import { keywordArms, type KeywordTerms } from './keyword.js'
import { listSql } from './reader.js'
import { DUE_TODAY_SQL } from './stats.js'
import { countInbox } from './staff-tools.js'

let store: SqliteStore | undefined
afterEach(async () => {
  await store?.close()
  store = undefined
})

/** The lines of EXPLAIN QUERY PLAN of `sql`. */
function explain(sql: string, params: Record<string, unknown>): string[] {
  store ??= createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'))
  return (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail)
}

/** The lines of EXPLAIN QUERY PLAN for the page query of `query`. */
function planOf(query: MessageQuery, columns?: string): string[] {
  const { sql, params } = listSql(planQuery(query), columns)
  return explain(sql, params)
}

/** The plans of a keyword page's arms: the indexed messages' and the tail's. */
function keywordPlans(query: MessageQuery, columns = 'id, doc', terms: KeywordTerms): { index: string[]; tail: string[] } {
  const { index, tail, params } = keywordArms(planQuery(query), terms, columns)
  return { index: explain(index!, params), tail: explain(tail, params) }
}

const cursor = 'WzE3NzI0MDk2MDAwMDAsMTBd'
/** The same position in a list by deadline. */
const dueCursor = 'WzE3NzI0MDk2MDAwMDAsMTAsImR1ZSJd'
const PUBLIC = 'id, public_doc, public_version'

describe('SQLite query plans', () => {
  it.each<[string, MessageQuery, string | undefined, RegExp]>([
    ['public list of a board', { boardIds: ['p'], publicOnly: true, limit: 20 }, PUBLIC, /message_scope_public \(ancestor=\? AND published_ms>\?\)/u],
    ['public list of a board, next page', { boardIds: ['p'], publicOnly: true, limit: 20, cursor }, PUBLIC, /message_scope_public \(ancestor=\? AND/u],
    ['public list of a board by type', { boardIds: ['p'], publicOnly: true, type: 'consult', limit: 20 }, PUBLIC, /message_scope_public/u],
    ['inbox of a board', { boardIds: ['p'], limit: 20 }, undefined, /message_scope_staff \(ancestor=\?\)/u],
    ['inbox of a board, next page', { boardIds: ['p'], limit: 20, cursor }, undefined, /message_scope_staff \(ancestor=\? AND/u],
    ['inbox of a board, one status', { boardIds: ['p'], statuses: ['pending'], limit: 20 }, undefined, /message_scope_status \(ancestor=\? AND status=\?\)/u],
    ['inbox of a board, overdue', { boardIds: ['p'], overdueAt: '2026-03-01T00:00:00Z', limit: 20 }, undefined, /COVERING INDEX message_scope_open \(ancestor=\?\)/u],
    ['public list of everything', { publicOnly: true, limit: 20 }, PUBLIC, /messages_public/u],
    ['inbox of everything', { limit: 20 }, undefined, /messages_staff/u],
    ['inbox of a board by deadline', { boardIds: ['p'], sort: 'due', limit: 20 }, undefined, /message_scope_due_key \(ancestor=\?\)/u],
    ['inbox of a board by deadline, next page', { boardIds: ['p'], sort: 'due', limit: 20, cursor: dueCursor }, undefined, /message_scope_due_key \(ancestor=\? AND/u],
    ['inbox of everything by deadline', { sort: 'due', limit: 20 }, undefined, /messages_due_key/u],
  ])('%s: one index range, no sort, no full scan', (_name, query, columns, index) => {
    const plan = planOf(query, columns)
    expect(plan.join('\n')).toMatch(index)
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/u)
    // A SCAN of the scope table or of messages outside an index in list order would read the board.
    for (const line of plan) if (/^SCAN /u.test(line)) expect(line).toMatch(/USING (COVERING )?INDEX messages_(public|staff|due_key)|^SCAN json_each/u)
    // Messages are read by rowid, one per row of the page.
    if (query.boardIds) expect(plan.join('\n')).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/u)
  })

  // A keyword: its rarest term's rows walked in list order, the other terms, the board and the
  // message each looked up by key per row, so a page costs about its size in reads.
  const one: KeywordTerms = { walk: '灯', check: [] }
  const three: KeywordTerms = { walk: '灯坏', check: ['路灯'] }
  it.each<[string, MessageQuery, string | undefined, KeywordTerms, RegExp]>([
    ['public keyword', { publicOnly: true, keyword: '灯', limit: 20 }, PUBLIC, one, /SEARCH t USING (COVERING )?INDEX message_terms_public \(term=\? AND published_ms>\?\)/u],
    ['public keyword of 3 characters, next page', { publicOnly: true, keyword: '路灯坏', limit: 20, cursor }, PUBLIC, three, /SEARCH t USING (COVERING )?INDEX message_terms_public \(term=\? AND/u],
    ['public keyword of a board', { boardIds: ['p'], publicOnly: true, keyword: '路灯坏', limit: 20 }, PUBLIC, three, /SEARCH t USING (COVERING )?INDEX message_terms_public/u],
    ['public keyword of several boards', { boardIds: ['p', 'q'], publicOnly: true, keyword: '灯', limit: 20 }, PUBLIC, one, /SEARCH t USING (COVERING )?INDEX message_terms_public/u],
    ['inbox keyword', { keyword: '路灯坏', limit: 20 }, undefined, three, /SEARCH t USING PRIMARY KEY \(term=\?\)/u],
    ['inbox keyword of a board, one status, next page', { boardIds: ['p'], statuses: ['pending'], keyword: '灯', limit: 20, cursor }, undefined, one, /SEARCH t USING PRIMARY KEY \(term=\? AND/u],
    ['inbox keyword of a board, overdue', { boardIds: ['p'], overdueAt: '2026-03-01T00:00:00Z', keyword: '灯', limit: 20 }, undefined, one, /SEARCH t USING PRIMARY KEY \(term=\?\)/u],
  ])('%s: one term walked in list order, the rest by key, no sort, no full scan; the tail read by rowid', (_name, query, columns, terms, walk) => {
    const { index: plan, tail } = keywordPlans(query, columns, terms)
    // The tail: the messages after the last batch of terms, a rowid range (sorted: a batch at most).
    expect(tail.join('\n')).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid>\?\)/u)
    for (const line of tail) expect(line).not.toMatch(/^SCAN (m|t|messages|message_terms)\b/u)
    const text = plan.join('\n')
    expect(text).toMatch(walk)
    expect(text).not.toMatch(/TEMP B-TREE/u)
    for (const line of plan) if (/^SCAN /u.test(line)) expect(line).toMatch(/^SCAN json_each/u)
    expect(text).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/u)
    if (terms.check.length > 0) expect(text).toMatch(/SEARCH o EXISTS USING PRIMARY KEY \(term=\? AND created_ms=\? AND rid=\?\)/u)
    if (query.boardIds) expect(text).toMatch(/SEARCH s EXISTS USING [^\n]*\((ancestor=\? AND rid=\?|rid=\? AND ancestor=\?)\)/u)
  })
})

describe('SQLite plans of the inbox counts', () => {
  it.each([[['p']], [['p', 'q']]])('roots %j: per status from the scope index alone, the overdue from the open rows only, no message read', (roots) => {
    store ??= createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'))
    const db = store.database
    const plans: string[][] = []
    const all = <R>(sql: string, ...params: unknown[]): R[] => {
      plans.push((db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail))
      return [{ n: 0 }] as R[]
    }
    countInbox(all, { boardIds: roots, now: '2026-03-01T00:00:00Z' })
    const [perStatus, overdue] = plans.map((plan) => plan.join('\n'))
    expect(perStatus).toMatch(/COVERING INDEX message_scope_status \(ancestor=\?\)/u)
    expect(overdue).toMatch(/USING (COVERING )?INDEX message_scope_open \(ancestor=\?\)/u)
    for (const plan of [perStatus, overdue]) expect(plan).not.toMatch(/\bmessages\b|SCAN message_scope\b(?! USING)/u)
  })
})

describe('SQLite plan of the statistics', () => {
  it('counts the open messages due earlier today from a range of deadlines, not every open row', () => {
    store ??= createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'))
    const plan = (store.database.prepare(`EXPLAIN QUERY PLAN ${DUE_TODAY_SQL}`).all('p', 1, 2, 3, 4) as { detail: string }[]).map((row) => row.detail).join('\n')
    expect(plan).toMatch(/INDEX message_scope_due \(ancestor=\? AND due_ms>\? AND due_ms<\?\)/u)
  })
})
