// The PostgreSQL store's hot-spot deltas (postgres/hot-deltas.ts): submissions add delta rows, a
// fold moves them into the base rows, and the heat table and the groups read the same before and
// after, and as the memory store counts them.
import { createHash } from 'node:crypto'
import { MessageSchema } from '@liuyan/core'
import type { Board, Message } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { adminQuery, freshDatabase } from '../../test/postgres-database.js'
import { createMemoryStore } from './memory.js'
import { createPostgresStore } from './postgres.js'
import type { Store } from './types.js'

const board = (id: string, parentId: string | null, region: string): Board => ({ id, name: `Board ${id}`, kind: 'agency', level: 'city', parentId, region, acceptsMessages: true })
const TREE = [board('p', null, '220000'), board('c', 'p', '220100'), board('u', 'c', '220104')]
const TEXTS = [
  ['朝阳路路灯不亮', '朝阳路与建设街交汇处的路灯已经一个星期不亮了，晚上出行很不安全。'],
  ['老旧小区加装电梯', '我们小区是九十年代的老旧小区，老人上下楼很困难，希望尽快加装电梯。'],
] as const

function message(i: number): Message {
  const createdAt = new Date(Date.parse('2026-03-01T09:00:00+08:00') + ((i * 7) % 40) * 86_400_000).toISOString()
  const [title, content] = TEXTS[i % 2]!
  return MessageSchema.parse({
    id: `m${String(i).padStart(3, '0')}`, boardId: i % 3 === 0 ? 'c' : 'u', type: 'complain', domain: i % 4 === 0 ? 'health' : 'urban',
    title, content, images: [], imagesPublic: false, author: { nickname: '市民', maskNickname: false },
    publish: true, channel: 'web', status: 'pending', createdAt, supervised: false, reminders: 0, posts: [],
    timeline: [{ id: `e${i}`, type: 'submit', at: createdAt, actor: { role: 'citizen' } }],
  })
}

const open: Store[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

/** Boards, then messages `from`…`to - 1`, one transaction each; the last refused (its heat taken back by the status trigger). */
async function write(store: Store, from: number, to: number): Promise<void> {
  if (from === 0) {
    await store.transaction(async (tx) => {
      for (const b of TREE) await tx.putBoard(b)
    })
  }
  for (let i = from; i < to; i++) {
    const m = message(i)
    await store.transaction((tx) => tx.insertMessage(m, createHash('sha256').update(m.id).digest('hex')))
  }
  await store.transaction(async (tx) => {
    const m = (await tx.getMessage(message(to - 1).id))!
    await tx.updateMessage({ ...m, status: 'rejected' })
  })
}

/** What the hot-spot reads answer under each board; groups also a page of one at a time (the keyset of spans). */
async function reads(store: Store) {
  const out: unknown[] = []
  for (const boardId of ['p', 'c', 'u']) {
    out.push(await store.read.heatTable({ boardId, fromMonth: '2026-01', toMonth: '2026-12', regionDigits: boardId === 'p' ? 4 : 6 }))
    out.push(await store.read.similarGroups({ boardId, limit: 50, regionDigits: 6 }))
    out.push(await store.read.similarGroups({ boardId, limit: 1, regionDigits: 6 }))
  }
  return out
}

const rowCount = async (database: string, table: string) => (await adminQuery(`SELECT count(*)::integer AS n FROM ${table}`, [], database)).rows[0].n as number

describe('postgres store: hot-spot deltas', () => {
  it('reads heat and groups as the memory store does with deltas unfolded, partly folded and folded', async () => {
    const url = await freshDatabase()
    const database = new URL(url).pathname.slice(1)
    const store = await createPostgresStore(url, { foldAfter: 1_000_000 })
    const reference = createMemoryStore()
    open.push(store, reference)
    await write(store, 0, 12)
    await write(reference, 0, 12)
    // Every submission's heat and spans wait in deltas; the base rows have none.
    expect(await rowCount(database, 'hot_heat_delta')).toBeGreaterThan(0)
    expect(await rowCount(database, 'hot_spans_delta')).toBeGreaterThan(0)
    expect(await rowCount(database, 'hot_spans')).toBe(0)
    expect(await reads(store)).toEqual(await reads(reference))

    // A second instance folds after its first transaction; its close() waits for the fold.
    const folder = await createPostgresStore(url, { foldAfter: 1 })
    await folder.transaction((tx) => tx.putSetting('fold', 'now'))
    await folder.close()
    expect(await rowCount(database, 'hot_heat_delta')).toBe(0)
    expect(await rowCount(database, 'hot_spans_delta')).toBe(0)
    expect(await rowCount(database, 'hot_spans')).toBeGreaterThan(0)
    expect(await reads(store)).toEqual(await reads(reference))

    // More submissions: groups with both base rows and deltas.
    await write(store, 12, 20)
    await write(reference, 12, 20)
    expect(await rowCount(database, 'hot_spans_delta')).toBeGreaterThan(0)
    expect(await reads(store)).toEqual(await reads(reference))
  })
})
