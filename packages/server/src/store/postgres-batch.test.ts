// The PostgreSQL store's write batches (postgres/batch.ts): messages inserted in a transaction are
// written in batches, their counters summed, their groups made per batch; reads see every write
// queued before them, and what the memory store (one message at a time) keeps is kept here too.
import { createHash } from 'node:crypto'
import { MessageSchema } from '@liuyan/core'
import type { Board, Message } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { freshDatabase } from '../../test/postgres-database.js'
import { regionDigits } from './hotspots.js'
import { createMemoryStore } from './memory.js'
import { createPostgresStore } from './postgres.js'
import type { Store, StoreReader } from './types.js'

const board = (id: string, parentId: string | null, region: string): Board => ({ id, name: `Board ${id}`, kind: 'agency', level: 'city', parentId, region, acceptsMessages: true })
/** province p → cities c1, c2 → units u1 (under c1), u2 (under c2). */
const TREE = [board('p', null, '220000'), board('c1', 'p', '220100'), board('c2', 'p', '220200'), board('u1', 'c1', '220104'), board('u2', 'c2', '220202')]
const BOARDS = ['u1', 'u2', 'c1', 'c2', 'p']
const TEXTS = [
  ['朝阳路路灯不亮', '朝阳路与建设街交汇处的路灯已经一个星期不亮了，晚上出行很不安全。'],
  ['老旧小区加装电梯', '我们小区是九十年代的老旧小区，老人上下楼很困难，希望尽快加装电梯。'],
  ['医院挂号太难', '市医院挂号太难了，凌晨排队也挂不上专家号，希望增加号源。'],
  ['公交站台缺少遮雨棚', '人民大街公交站台没有遮雨棚，下雨天等车的市民都被淋湿了。'],
] as const
const DAY = 86_400_000
const START = Date.parse('2026-01-05T09:00:00+08:00')

/** Message i: texts alike in families (so groups form), on five boards, over 120 days out of order, in several statuses. */
function message(i: number, overrides: Partial<Message> = {}): Message {
  const createdMs = START + ((i * 37) % 120) * DAY + (i % 7) * 3_600_000
  const at = new Date(createdMs).toISOString()
  const reviewed = new Date(createdMs + 3_600_000).toISOString()
  const text = TEXTS[i % TEXTS.length]!
  const kind = i % 6
  const status = (['pending', 'rejected', 'accepted', 'assigned', 'replied', 'closed'] as const)[kind]
  return MessageSchema.parse({
    id: `b${String(i).padStart(5, '0')}`,
    boardId: BOARDS[i % BOARDS.length],
    type: i % 2 === 0 ? 'complain' : 'consult',
    domain: i % 4 === 2 ? 'health' : 'urban',
    title: `${text[0]}${i % 3 === 0 ? '' : '了'}`,
    content: i % 5 === 0 ? `${text[1]}已经反映过${i % 4}次。` : text[1],
    images: [],
    imagesPublic: false,
    author: { nickname: '市民', maskNickname: false },
    publish: true,
    channel: 'web',
    status,
    createdAt: at,
    ...(kind >= 1 ? { reviewedAt: reviewed } : {}),
    ...(kind >= 2 ? { publishedAt: reviewed, dueAt: new Date(createdMs + 15 * DAY).toISOString() } : {}),
    ...(kind === 3 ? { assigneeBoardId: BOARDS[(i + 1) % BOARDS.length] } : {}),
    ...(kind >= 4 ? { repliedAt: new Date(createdMs + 3 * DAY).toISOString() } : {}),
    supervised: i % 9 === 0,
    reminders: 0,
    posts: [],
    timeline: [{ id: `b${i}-e0`, type: 'submit', at, actor: { role: 'citizen' } }],
    ...overrides,
  })
}

const hashOf = (m: Pick<Message, 'id'>) => createHash('sha256').update(m.id).digest('hex')
const NOW = '2026-06-01T00:00:00Z'

const open: Store[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

async function withTree<S extends Store>(store: S): Promise<S> {
  open.push(store)
  await store.transaction(async (tx) => {
    for (const b of TREE) await tx.putBoard(b)
  })
  return store
}

const openPostgres = async () => withTree(await createPostgresStore(await freshDatabase()))

/** What the stores keep of the messages: statistics, heat, groups and their members, the list. */
async function kept(read: StoreReader) {
  const out: unknown[] = [await read.countMessages()]
  for (const boardId of BOARDS) {
    // Regions rolled up as the service asks for them: to the level below the board.
    const digits = regionDigits(TREE.find((b) => b.id === boardId)!.region)
    out.push(await read.boardStats({ boardId, now: NOW }))
    out.push(await read.heatTable({ boardId, fromMonth: '2026-01', toMonth: '2026-12', regionDigits: digits }))
    const groups = await read.similarGroups({ boardId, limit: 50, regionDigits: digits })
    out.push(groups)
    for (const g of groups) out.push((await read.groupMessages({ boardId, memberId: g.id, limit: 100 }))!.items.map((m) => m.id))
  }
  out.push((await read.listMessages({ limit: 100 })).items.map((m) => m.id))
  return out
}

describe('postgres store: write batches', () => {
  it('keeps of 1,100 messages inserted in one transaction (three batches) what the memory store keeps, and reads them inside it', async () => {
    const messages = Array.from({ length: 1100 }, (_, i) => message(i))
    const reference = await withTree(createMemoryStore())
    for (const m of messages) await reference.transaction((tx) => tx.insertMessage(m, hashOf(m)))
    const expected = await kept(reference.read)
    expect(await reference.read.similarGroups({ boardId: 'p', limit: 50, regionDigits: 4 })).not.toHaveLength(0)

    const store = await openPostgres()
    await store.transaction(async (tx) => {
      for (const m of messages) await tx.insertMessage(m, hashOf(m))
      // Reads inside the transaction see every queued write: rows, counters, heat and groups.
      expect(await kept(tx)).toEqual(expected)
    })
    expect(await kept(store.read)).toEqual(expected)
    expect(await store.read.getMessage(messages[777]!.id)).toEqual(messages[777])
  }, 60_000)

  it('groups a message written alone with those of an earlier batch as if each had been written alone', async () => {
    const messages = Array.from({ length: 120 }, (_, i) => message(i))
    const reference = await withTree(createMemoryStore())
    for (const m of messages) await reference.transaction((tx) => tx.insertMessage(m, hashOf(m)))
    const store = await openPostgres()
    // Two batches of 60 in one transaction (a read between them writes the first), then one by one.
    await store.transaction(async (tx) => {
      for (const m of messages.slice(0, 60)) await tx.insertMessage(m, hashOf(m))
      expect(await tx.countMessages()).toBe(60)
      for (const m of messages.slice(60, 100)) await tx.insertMessage(m, hashOf(m))
    })
    for (const m of messages.slice(100)) await store.transaction((tx) => tx.insertMessage(m, hashOf(m)))
    expect(await kept(store.read)).toEqual(await kept(reference.read))
  })

  it('fails the whole transaction on a duplicate id at its next statement, naming the id, and writes nothing of it', async () => {
    const store = await openPostgres()
    const first = message(1)
    await store.transaction((tx) => tx.insertMessage(first, hashOf(first)))
    const before = await kept(store.read)
    let inserted = false
    const failed = store.transaction(async (tx) => {
      for (const i of [2, 3, 4]) await tx.insertMessage(message(i), hashOf(message(i)))
      // Queued: the insert itself does not know yet.
      await tx.insertMessage(message(5, { id: first.id }), 'f'.repeat(64))
      inserted = true
      await tx.getMessage(first.id)
    })
    await expect(failed).rejects.toThrow(`A message with id ${first.id} already exists`)
    expect(inserted).toBe(true)
    // Two of one id in the same batch: refused at COMMIT.
    await expect(
      store.transaction(async (tx) => {
        for (const m of [message(6), message(7, { id: message(6).id })]) await tx.insertMessage(m, hashOf(m) + m.title)
      }),
    ).rejects.toThrow(`A message with id ${message(6).id} already exists`)
    // Two of one tracking hash in the same batch.
    await expect(
      store.transaction(async (tx) => {
        for (const i of [8, 9]) await tx.insertMessage(message(i), 'a'.repeat(64))
      }),
    ).rejects.toThrow('Another message already has this tracking code')
    expect(await kept(store.read)).toEqual(before)
  })

  it('writes a message as it was when it was queued, and refuses a bad one at the call', async () => {
    const store = await openPostgres()
    const m = message(4)
    const copy = structuredClone(m)
    await store.transaction(async (tx) => {
      await tx.insertMessage(m, hashOf(m))
      // The caller's object changes before the batch is written: what was queued is written.
      m.title = '别的标题'
      m.timeline.push({ id: 'later', type: 'accept', at: m.createdAt, actor: { role: 'reviewer' } })
      await expect(tx.insertMessage({ ...message(5), id: 'bad', createdAt: 'not a time' }, 'b'.repeat(64))).rejects.toThrow('createdAt')
    })
    // The refused message failed only its own call; the transaction went on and committed.
    expect(await store.read.getMessage(m.id)).toEqual(copy)
    expect(await store.read.getMessage('bad')).toBeUndefined()
  })

  it('adds the heat and spans of a submission with its COMMIT, quoting board ids as they are', async () => {
    const store = await openPostgres()
    // Quotes, a backslash and a dollar sign: written into the statement sent with COMMIT.
    const odd = board(`u'3\\$1"`, 'c1', '220104')
    await store.transaction((tx) => tx.putBoard(odd))
    for (const i of [0, 4]) {
      const m = message(i, { boardId: odd.id })
      await store.transaction((tx) => tx.insertMessage(m, hashOf(m)))
    }
    const heat = await store.read.heatTable({ boardId: odd.id, fromMonth: '2026-01', toMonth: '2026-12', regionDigits: 6 })
    expect(heat.reduce((n, row) => row.counts.reduce((a, b) => a + b, n), 0)).toBe(2)
    const [group] = await store.read.similarGroups({ boardId: odd.id, limit: 5, regionDigits: 6 })
    expect(group).toMatchObject({ count: 2, firstAt: message(0).createdAt, lastAt: message(4).createdAt })
  })

  it('keeps nothing of a transaction that throws while a batch is being written, and the store goes on', async () => {
    const store = await openPostgres()
    const boom = new Error('boom')
    await expect(
      store.transaction(async (tx) => {
        // 500 start being written as the 500th is queued; the function throws meanwhile.
        for (let i = 0; i < 620; i++) await tx.insertMessage(message(i), hashOf(message(i)))
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(await store.read.countMessages()).toBe(0)
    expect(await store.read.heatTable({ boardId: 'p', fromMonth: '2026-01', toMonth: '2026-12', regionDigits: 6 })).toEqual([])
    const next = message(2000)
    await store.transaction((tx) => tx.insertMessage(next, hashOf(next)))
    expect(await store.read.countMessages()).toBe(1)
  })
})
