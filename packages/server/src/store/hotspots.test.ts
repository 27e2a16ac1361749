// Hot spots on every store (docs/architecture.md §6): the heat table equals a count of the rows,
// also after boards move or change region; the groups are the same in every store (one grouping,
// store/hotspots.ts), also when messages come out of time order.
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageSchema } from '@liuyan/core'
import type { Board, Message } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { freshDatabase, openingStore } from '../../test/postgres-database.js'
import { regionDigits } from './hotspots.js'
import { createMemoryStore } from './memory.js'
import { createPostgresStore } from './postgres.js'
import { createSqliteStore } from './sqlite.js'
import type { Store } from './types.js'

const board = (id: string, parentId: string | null, region: string): Board => ({ id, name: `Board ${id}`, kind: 'agency', level: 'city', parentId, region, acceptsMessages: true })
/** province p (220000) → cities c1 (220100), c2 (220200) → unit u1 under c1. */
const TREE = [board('p', null, '220000'), board('c1', 'p', '220100'), board('c2', 'p', '220200'), board('u1', 'c1', '220104')]
const TEXTS = [
  ['朝阳路路灯不亮', '朝阳路与建设街交汇处的路灯已经一个星期不亮了，晚上出行很不安全。'],
  ['朝阳路路灯坏了', '朝阳路与建设街交汇处的路灯坏了一个星期，晚上出行很不安全，请尽快修。'],
  ['老旧小区加装电梯', '我们小区是九十年代的老旧小区，老人上下楼很困难，希望尽快加装电梯。'],
  ['老旧小区加装电梯难', '我们小区是九十年代的老旧小区，老人上下楼很困难，加装电梯一直没有进展。'],
  ['医院挂号太难', '市医院挂号太难了，凌晨排队也挂不上专家号，希望增加号源。'],
] as const

function message(i: number, boardId: string, day: number, text: number, status: Message['status'] = 'pending'): Message {
  const createdAt = new Date(Date.parse('2026-03-01T09:00:00+08:00') + day * 86_400_000).toISOString()
  return MessageSchema.parse({
    id: `m${String(i).padStart(3, '0')}`, boardId, type: 'complain', domain: text === 4 ? 'health' : 'urban',
    title: TEXTS[text]![0], content: TEXTS[text]![1], images: [], imagesPublic: false, author: { nickname: '市民', maskNickname: false },
    publish: true, channel: 'web', status, createdAt, supervised: false, reminders: 0, posts: [],
    timeline: [{ id: `e${i}`, type: 'submit', at: createdAt, actor: { role: 'citizen' } }],
  })
}

/** Forty messages over ten weeks, inserted out of time order, of five texts on three boards. */
const MESSAGES = Array.from({ length: 40 }, (_, i) => message(i, ['u1', 'c1', 'c2'][i % 3]!, (i * 17) % 70, i % 5, i % 11 === 0 ? 'rejected' : 'pending'))

const open: Store[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

async function seed(store: Store): Promise<Store> {
  open.push(store)
  await store.transaction(async (tx) => {
    for (const b of TREE) await tx.putBoard(b)
  })
  for (const m of MESSAGES) await store.transaction((tx) => tx.insertMessage(m, createHash('sha256').update(m.id).digest('hex')))
  return store
}

const heat = (store: Store, boardId: string, digits = 6) => store.read.heatTable({ boardId, fromMonth: '2026-01', toMonth: '2026-12', regionDigits: digits })
const total = (rows: Array<{ counts: number[] }>) => rows.reduce((sum, r) => r.counts.reduce((a, b) => a + b, sum), 0)

describe.each<[string, () => Store]>([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'))],
  // Its sums and scans answered by a worker thread (sqlite/read-pool.ts, the worker from dist).
  ['sqlite with read workers', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'), { readWorkers: 2 })],
  ['postgres', () => openingStore(freshDatabase().then(createPostgresStore))],
  // Its deltas folded into the base rows after each transaction (while none is being folded): the
  // reads meet every mix of folded and unfolded rows (postgres/hot-deltas.ts).
  ['postgres, folding', () => openingStore(freshDatabase().then((url) => createPostgresStore(url, { foldAfter: 1 })))],
])('%s store: hot spots', (_name, create) => {
  it('counts the heat table as the rows say, and again after a board moves and another changes region', async () => {
    const store = await seed(create())
    const reference = await seed(createMemoryStore())
    /** Each board's table at its own grain (as the service asks), cell for cell as the memory store counts. */
    const sameAsReference = async (regions: Record<string, string>) => {
      for (const id of ['p', 'c1', 'c2', 'u1']) expect(await heat(store, id, regionDigits(regions[id]))).toEqual(await heat(reference, id, regionDigits(regions[id])))
    }
    await sameAsReference({ p: '220000', c1: '220100', c2: '220200', u1: '220104' })
    const counted = (boards: string[]) => MESSAGES.filter((m) => m.status !== 'rejected' && boards.includes(m.boardId)).length
    expect(total(await heat(store, 'p'))).toBe(counted(['u1', 'c1', 'c2']))
    expect(total(await heat(store, 'c1'))).toBe(counted(['u1', 'c1']))
    expect((await heat(store, 'p', 4)).map((c) => c.region).filter((r, i, all) => all.indexOf(r) === i)).toEqual(['220100', '220200'])
    // u1 moves under c2; c2 changes region; a refusal comes out of the count.
    for (const s of [store, reference]) {
      await s.transaction(async (tx) => {
        await tx.putBoard(board('u1', 'c2', '220104'))
        await tx.putBoard(board('c2', 'p', '220300'))
        const m = (await tx.getMessage('m001'))!
        await tx.updateMessage({ ...m, status: 'rejected' })
      })
    }
    await sameAsReference({ p: '220000', c1: '220100', c2: '220300', u1: '220104' })
    const after = (boards: string[]) => MESSAGES.filter((m) => m.id !== 'm001' && m.status !== 'rejected' && boards.includes(m.boardId)).length
    expect(total(await heat(store, 'c1'))).toBe(after(['c1']))
    expect(total(await heat(store, 'c2'))).toBe(after(['c2', 'u1']))
    expect(total(await heat(store, 'p'))).toBe(after(['u1', 'c1', 'c2']))
    expect((await heat(store, 'c2')).map((c) => c.region).filter((r, i, all) => all.indexOf(r) === i).sort()).toEqual(['220104', '220300'])
    // Groups follow the move too: u1's members count under c2 now, not c1.
    const groups = await store.read.similarGroups({ boardId: 'c1', limit: 50, regionDigits: 6 })
    for (const g of groups) expect(g.places.map((p) => p.region)).not.toContain('220104')
  })

  it('groups as the memory store does, whatever order the messages came in', async () => {
    const store = await seed(create())
    const reference = await seed(createMemoryStore())
    for (const root of ['p', 'c1', 'c2', 'u1']) {
      const groups = await store.read.similarGroups({ boardId: root, limit: 50, regionDigits: 6 })
      expect(groups).toEqual(await reference.read.similarGroups({ boardId: root, limit: 50, regionDigits: 6 }))
      for (const g of groups) {
        const members = await store.read.groupMessages({ boardId: root, memberId: g.latest.id, limit: 100 })
        expect(members!.items.map((m) => m.id)).toEqual((await reference.read.groupMessages({ boardId: root, memberId: g.latest.id, limit: 100 }))!.items.map((m) => m.id))
        expect(members!.items).toHaveLength(g.count)
      }
    }
    // The lights, the lifts and the hospital make three families of similar texts: no group mixes two.
    const family = (title: string) => Math.min(2, Math.floor(TEXTS.findIndex((t) => t[0] === title) / 2))
    const all = await store.read.similarGroups({ boardId: 'p', limit: 50, regionDigits: 6 })
    expect(all.length).toBeGreaterThanOrEqual(3)
    for (const g of all) {
      const members = await store.read.groupMessages({ boardId: 'p', memberId: g.id, limit: 100 })
      expect(new Set(members!.items.map((m) => family(m.title))).size).toBe(1)
    }
    // Out of the board's subtree: nothing.
    expect(await store.read.groupMessages({ boardId: 'c1', memberId: 'm002', limit: 10 })).toBeUndefined()
  })
})
