// A submission's fresh tracking code is not looked up first (tracking-codes.ts `fresh`): when the
// store refuses it as taken, the submission runs again with another code, and no author is ever
// handed another's message. The code generator is replaced to force a clash.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NewMessageSchema, type Board } from '@liuyan/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { freshDatabase, openingStore } from '../test/postgres-database.js'
import { createBoardService } from './service.js'
import { createMemoryStore } from './store/memory.js'
import { createPostgresStore } from './store/postgres.js'
import { createSqliteStore } from './store/sqlite.js'
import { DUPLICATE_TRACKING_CODE } from './store/shared.js'
import type { Store } from './store/types.js'

/** Codes the generator hands out first, before random ones. */
const forced = vi.hoisted(() => [] as string[])
vi.mock('@liuyan/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@liuyan/core')>()
  return { ...core, createTrackingCode: () => forced.shift() ?? core.createTrackingCode() }
})
const { createTrackingCode } = await vi.importActual<typeof import('@liuyan/core')>('@liuyan/core')

const BOARD: Board = { id: '220104-cgj', name: '朝阳区城市管理局', kind: 'agency', level: 'unit', parentId: null, region: '220104', acceptsMessages: true }
const submission = (title: string) =>
  NewMessageSchema.parse({ boardId: BOARD.id, type: 'consult', domain: 'urban', title, content: '小区门口的路灯坏了，请问什么时候能修好？', author: { nickname: '市民' }, publish: true })

const open: Store[] = []
afterEach(async () => {
  forced.length = 0
  await Promise.all(open.splice(0).map((store) => store.close()))
})

describe.each<[string, () => Store]>([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-')), 'board.db'))],
  ['postgres', () => openingStore(freshDatabase().then((url) => createPostgresStore(url)))],
])('%s store: a tracking code already taken', (_name, create) => {
  it('submits again with another code, and each code finds its own message', async () => {
    const store = create()
    open.push(store)
    const service = createBoardService({ store })
    await service.putBoards([BOARD])
    const [taken, other] = [createTrackingCode(), createTrackingCode()]
    forced.push(taken)
    const first = await service.submit(submission('路灯坏了第一条'))
    expect(first.trackingCode).toBe(taken)
    // The second submission draws the taken code first: refused by the store, then run with `other`.
    forced.push(taken, other)
    const second = await service.submit(submission('路灯坏了第二条'))
    expect(second.trackingCode).toBe(other)
    expect((await service.track(taken)).id).toBe(first.id)
    expect((await service.track(other)).id).toBe(second.id)
    expect(await store.read.countMessages()).toBe(2)
    // Taken every time: the submission fails after its attempts, storing nothing.
    forced.push(taken, taken, taken)
    await expect(service.submit(submission('路灯坏了第三条'))).rejects.toThrow(DUPLICATE_TRACKING_CODE)
    expect(await store.read.countMessages()).toBe(2)
  })
})
