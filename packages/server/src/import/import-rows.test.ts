// An import writes exactly the rows the store's ordinary path writes (one insertMessage per
// transaction, as a submission does): every table of the SQLite database compared row by row, so
// no optimisation of the import's write path can change a result (hot-spot groups, counters,
// terms, scope rows, events).
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Board, Message } from '@liuyan/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryStore } from '../store/memory.js'
import { createSqliteStore, type SqliteStore } from '../store/sqlite.js'
import type { Store } from '../store/types.js'
import { importPeopleDaily, importedMessageId } from './people-daily.js'
import { readJsonRecords } from './records.js'

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../core/test/fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>
const LEGACY = fixture('liuyan_legacy_queryThreadsList_item.json')
const FLATTENED = fixture('liuyan_zhejiang_flattened_record.json')

// Two boards under a third, so each message counts under two boards.
const BOARDS: Board[] = [
  { id: '450700-gov', name: '钦州市人民政府', kind: 'agency', level: 'city', parentId: null, region: '450700', acceptsMessages: true },
  { id: '450721-sw', name: '灵山县委书记', kind: 'leader', level: 'county', parentId: '450700-gov', region: '450721', acceptsMessages: true },
  { id: '450722-gov', name: '浦北县人民政府', kind: 'agency', level: 'county', parentId: '450700-gov', region: '450722', acceptsMessages: true },
]
const BOARD_MAP = { 3611: '450721-sw', 3612: '450722-gov', 14: '450722-gov' }

const SUBJECTS = ['新兴路路面损坏严重', '小区门口路灯坏了', '公交站台缺少遮雨棚', '学校周边交通拥堵', '老旧小区加装电梯']
const BODIES = [
  '路面坑洼不平，雨天积水严重，电动车经常摔倒，希望有关部门尽快修复。',
  '晚上小区门口一片漆黑，老人小孩出行很不方便，请尽快安排维修路灯。',
  '站台没有遮雨棚，下雨天等车的群众只能淋雨，建议增设遮雨设施。',
]

/** Records of both layouts: similar texts close in time (hot-spot groups), answers and grades (events, counters), two forums. */
function records(count: number): unknown[] {
  const start = 1_600_000_000
  return Array.from({ length: count }, (_, i) => {
    const dateline = start + i * 5_000 + (i % 7) * 86_400 * 20
    if (i % 9 === 4) {
      const date = new Date(dateline * 1000).toISOString().slice(0, 10)
      return { ...FLATTENED, id: String(30_000_000 + i), tid: 30_000_000 + i, date, title: `${SUBJECTS[i % 5]}${i % 3}`, content: `${BODIES[i % 3]}${i % 4}`, hasReply: i % 2 === 0, replyOrg: i % 2 === 0 ? '浦北县住建局' : '', replyContent: i % 2 === 0 ? '已安排处理。' : '' }
    }
    const answered = i % 3 === 0
    return {
      ...LEGACY,
      tid: 20_000_000 + i,
      fid: i % 4 === 0 ? 3612 : 3611,
      typeName: ['投诉', '咨询', '建言', '求助'][i % 4],
      domainName: ['城建', '交通', '教育', '三农', '环保'][i % 5],
      subject: `${SUBJECTS[i % 5]}${i % 2}`,
      content: i % 6 === 5 ? `第${i}号来信：${'各类杂事'.repeat(1 + (i % 3))}` : `${BODIES[i % 3]}${i % 5}`,
      dateline,
      threadsCheckTime: dateline + 3600,
      stateInfo: answered ? '已办理' : '待回复',
      answerContent: answered ? '您好，经核实，相关部门已安排修复，感谢您的监督。' : null,
      answerDateline: answered ? dateline + 86_400 : null,
      answerOrganization: answered ? '灵山县交通运输局' : null,
      ...(answered && i % 2 === 0 ? { grade: 1, gradeLevel: 1 + (i % 3), gradeManner: 2, gradeSpeed: 3 } : {}),
    }
  })
}

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

async function newStore(): Promise<SqliteStore> {
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-import-rows-'))
  dirs.push(dir)
  // Terms with every commit: both stores end with every message's terms written.
  const store = createSqliteStore(join(dir, 'board.db'), { keywordBatch: 1 })
  await withBoards(store)
  return store
}

async function withBoards<S extends Store>(store: S): Promise<S> {
  await store.transaction(async (tx) => {
    for (const board of BOARDS) await tx.putBoard(board)
  })
  return store
}

const lines = (items: unknown[]) => items.map((r) => JSON.stringify(r)).join('\n')
const run = (store: Store, items: unknown[], batchSize?: number) =>
  importPeopleDaily(store, readJsonRecords(Readable.from([Buffer.from(lines(items))])), { boards: { boardMap: BOARD_MAP }, ...(batchSize ? { batchSize } : {}) })

/** Every row of every table, by table, in a fixed order; without the tracking hashes (random for imported messages). */
function dump(store: SqliteStore): Record<string, unknown[]> {
  const db = store.database
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  const out: Record<string, unknown[]> = {}
  for (const table of tables) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => c !== 'tracking_hash')
    out[table] = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`).raw().all()
  }
  return out
}

/** The reference: the records' messages (mapped through the memory store), each inserted in its own transaction. */
async function reference(items: unknown[]): Promise<SqliteStore> {
  const memory = await withBoards(createMemoryStore())
  await run(memory, items)
  const store = await newStore()
  for (const item of items) {
    const message = await memory.read.getMessage(importedMessageId(String((item as { tid: number }).tid)))
    if (!message) continue
    await store.transaction((tx) => tx.insertMessage(message as Message, createHash('sha256').update(message.id).digest('hex')))
  }
  return store
}

describe('an import writes the rows of the ordinary write path', () => {
  it('every table alike, in batches of any size, resumed halfway, and again after a second run', async () => {
    const items = records(420)
    const expected = await reference(items)
    const rows = dump(expected)
    // Not a comparison of empty tables: the records make groups, terms, counters and events.
    expect(rows['messages']!.length).toBe(420)
    expect(rows['hot_members']!.length).toBeGreaterThan(50)
    expect(rows['message_terms']!.length).toBeGreaterThan(420 * 20)
    expect(rows['message_scope']!.length).toBe(840)
    expect(rows['events']!.length).toBeGreaterThan(420)
    expect(rows['stats_counts']!.length).toBeGreaterThan(50)

    for (const batchSize of [undefined, 97]) {
      const store = await newStore()
      expect(await run(store, items, batchSize)).toMatchObject({ imported: 420, skippedCount: 0 })
      expect(dump(store)).toEqual(rows)
      expect(await run(store, items, batchSize)).toMatchObject({ imported: 0, alreadyThere: 420 })
      expect(dump(store)).toEqual(rows)
      await store.close()
    }
    // An import stopped after its first records, then run again on the whole file.
    const resumed = await newStore()
    await run(resumed, items.slice(0, 150), 64)
    expect(await run(resumed, items, 64)).toMatchObject({ imported: 270, alreadyThere: 150 })
    expect(dump(resumed)).toEqual(rows)
    await resumed.close()
    await expected.close()
  })
})
