// The store contract suite's fixtures (src/store/store*.test.ts, sqlite/store-on-disk.test.ts):
// messages that pass core's schema, boards, listing helpers, and each test file's run of its
// tests on the memory, SQLite and PostgreSQL stores.
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageSchema, toPublicMessage } from '@liuyan/core'
import type { Board, Message } from '@liuyan/core'
import { afterEach, describe, expect } from 'vitest'
import { createMemoryStore } from '../src/store/memory.js'
import { createPostgresStore } from '../src/store/postgres.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import type { MessageQuery, Store } from '../src/store/types.js'
import { freshDatabase, openingStore } from './postgres-database.js'

let serial = 0

/** A stand-in for the keyed hash of a message's tracking code: 64 hex digits, unique per id. */
export function hashOf(message: Pick<Message, 'id'>): string {
  return createHash('sha256').update(message.id).digest('hex')
}

/** A small deterministic generator of numbers in [0, 1) (mulberry32), so a failing test replays. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A message that passes core's MessageSchema; overrides win. */
export function makeMessage(overrides: Partial<Message> = {}): Message {
  serial++
  const id = overrides.id ?? `m${String(serial).padStart(6, '0')}`
  const createdAt = overrides.createdAt ?? '2026-03-02T09:00:00+08:00'
  return MessageSchema.parse({
    id,
    boardId: '220100-gov',
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    images: [],
    imagesPublic: false,
    author: { nickname: '市民', maskNickname: false },
    publish: true,
    channel: 'web',
    status: 'pending',
    createdAt,
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [{ id: `${id}-e0`, type: 'submit', at: createdAt, actor: { role: 'citizen' } }],
    ...overrides,
  })
}

/** A message that passed review with the author's consent, so the public list shows it. */
export function makePublished(overrides: Partial<Message> = {}): Message {
  const createdAt = overrides.createdAt ?? '2026-03-02T09:00:00+08:00'
  return makeMessage({ status: 'accepted', reviewedAt: createdAt, publishedAt: createdAt, ...overrides })
}

export const board = (id: string, parentId: string | null = null): Board => ({
  id,
  name: `Board ${id}`,
  kind: 'agency',
  level: 'city',
  parentId,
  region: '220100',
  acceptsMessages: true,
})

export async function insertAll(store: Store, messages: readonly Message[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const message of messages) await tx.insertMessage(message, hashOf(message))
  })
}

/** Every message of a query, page by page, checking that no page is larger than the limit. */
export async function listAll(store: Store, query: Omit<MessageQuery, 'cursor'>): Promise<Message[]> {
  const all: Message[] = []
  let cursor: string | undefined
  do {
    const page = await store.read.listMessages(cursor === undefined ? query : { ...query, cursor })
    expect(page.items.length).toBeLessThanOrEqual(query.limit)
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor !== undefined)
  return all
}

export const ids = (items: readonly { id: string }[]) => items.map((item) => item.id)

/** What the public sees of a message: core's view, as JSON text. */
export const publicText = (message: Message) => JSON.stringify(toPublicMessage(message))

/**
 * Every page of the public JSON list, each checked against listMessages (publicOnly) with core's
 * toPublicMessage: the same text, in the same order, with the same cursor. Returns the ids listed.
 */
export async function listPublicAll(store: Store, query: Omit<MessageQuery, 'cursor' | 'publicOnly'>): Promise<string[]> {
  const all: string[] = []
  let cursor: string | undefined
  do {
    const q = cursor === undefined ? query : { ...query, cursor }
    const json = await store.read.listPublicJson(q)
    const page = await store.read.listMessages({ ...q, publicOnly: true })
    expect(json.items).toEqual(page.items.map(publicText))
    expect(json.nextCursor).toEqual(page.nextCursor)
    all.push(...json.items.map((text) => (JSON.parse(text) as { id: string }).id))
    cursor = json.nextCursor ?? undefined
  } while (cursor !== undefined)
  return all
}

/** A published message with what the public must never see: real name, phone, remark, staff notes. */
export function makePrivate(overrides: Partial<Message> = {}): Message {
  const message = makePublished({
    status: 'replied',
    title: '路灯坏了请联系13812345678',
    content: '我的身份证号是11010519491231002X，邮箱 wang@example.com，卡号 6222020200112233446。',
    author: { nickname: '王先生', realName: '王小明', phone: '13912345678', maskNickname: true },
    remark: '白天不在家',
    place: { text: '朝阳路12号', public: false },
    images: ['https://example.org/private.jpg'],
    imagesPublic: false,
    repliedAt: '2026-03-03T02:00:00Z',
    posts: [{ kind: 'reply', id: 'p1', organization: '朝阳区住建局', content: '已联系13812345678处理。', createdAt: '2026-03-03T02:00:00Z' }],
    ...overrides,
  })
  message.timeline.push({ id: `${message.id}-e1`, type: 'reply', at: '2026-03-03T02:00:00Z', actor: { role: 'handler', name: '张三' }, note: '内部备注' })
  return message
}

/** The expected newest-first order: by instant, then id, both descending. */
export function newestFirst(messages: readonly Message[], time: (m: Message) => string = (m) => m.createdAt): string[] {
  return [...messages]
    .sort((a, b) => Date.parse(time(b)) - Date.parse(time(a)) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((m) => m.id)
}

export function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db')
}

const open: Store[] = []

/** Closes, after each test, the stores {@link openStore} and {@link describeStores} opened. */
export function closeStoresAfterEach(): void {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()))
  })
}

/** Keeps `store` to be closed after the test. */
export function openStore<S extends Store>(store: S): S {
  open.push(store)
  return store
}

/**
 * Runs `tests` once per store (memory, SQLite in a temporary file, PostgreSQL in a fresh
 * database), as `describe('<kind> store')`, with `newStore` opening a store of that kind (closed
 * after each test) and `create` one the test closes itself. The SQLite store writes each message's
 * keyword terms with its own commit here (`keywordBatch: 0`), so keyword searches read the term
 * index; the HTTP contract suite (harness.ts) runs it as configured by default, where a test's few
 * messages are all in the tail that searches read directly.
 */
export function describeStores(tests: (newStore: () => Store, create: () => Store) => void): void {
  closeStoresAfterEach()
  describe.each<[string, () => Store]>([
    ['memory', () => createMemoryStore()],
    ['sqlite', () => createSqliteStore(tempDatabase(), { keywordBatch: 0 })],
    ['postgres', () => openingStore(freshDatabase().then(createPostgresStore))],
  ])('%s store', (_name, create) => tests(() => openStore(create()), create))
}
