// The store contract (docs/architecture.md §6) on every store: messages, transactions, pagination.
// Filters and the order by deadline: store-filters.test.ts; public views, boards, tokens and
// idempotency: store-views.test.ts; what only the SQLite file does: sqlite/store-on-disk.test.ts.
import type { Message } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { InvalidCursorError } from './types.js'
import type { StoreTransaction } from './types.js'
import { board, describeStores, hashOf, ids, insertAll, listAll, makeMessage, makePublished, newestFirst } from '../../test/store-fixtures.js'

describeStores((newStore, create) => {
  describe('messages', () => {
    it('returns a message exactly as inserted, timeline included, by id and by tracking code', async () => {
      const store = newStore()
      const message = makeMessage({
        status: 'replied',
        assigneeBoardId: '220102-jw',
        place: { text: '朝阳区某小区', public: true, coordinates: { lat: 43.88, lng: 125.32 } },
        images: ['https://example.org/a.jpg'],
        imagesPublic: true,
        author: { nickname: '陈先生', realName: '陈小明', phone: '13812345678', maskNickname: true },
        remark: '老问题',
        reviewedAt: '2026-03-02T10:00:00+08:00',
        publishedAt: '2026-03-02T10:00:00+08:00',
        repliedAt: '2026-03-03T02:00:00Z',
        dueAt: '2026-03-09T23:59:59.999+08:00',
        supervised: true,
        reminders: 2,
        posts: [{ kind: 'reply', id: 'p1', organization: '朝阳区住建局', content: '已修复。', createdAt: '2026-03-03T02:00:00Z' }],
        evaluation: { overall: 5, resolution: 5, attitude: 4, speed: 5, comment: '很快' },
      })
      message.timeline.push(
        { id: 'e1', type: 'accept', at: '2026-03-02T10:00:00+08:00', actor: { role: 'reviewer' }, from: 'pending', to: 'accepted', dueAt: '2026-03-09T23:59:59.999+08:00' },
        { id: 'e2', type: 'reply', at: '2026-03-03T02:00:00Z', actor: { role: 'handler', name: '张三' }, note: '现场查看' },
      )
      await insertAll(store, [message])

      expect(await store.read.getMessage(message.id)).toEqual(message)
      expect(await store.read.getMessageByTrackingHash(hashOf(message))).toEqual(message)
      expect(await store.read.getMessage('missing')).toBeUndefined()
      expect(await store.read.getMessageByTrackingHash('0'.repeat(64))).toBeUndefined()
      expect(await store.read.countMessages()).toBe(1)
    })

    it('hands out copies, so mutating an argument or a result changes nothing stored', async () => {
      const store = newStore()
      const message = makeMessage()
      const original = structuredClone(message)
      await insertAll(store, [message])
      message.title = '改过的标题'
      message.timeline.push({ id: 'x', type: 'remind', at: message.createdAt, actor: { role: 'supervisor' } })
      const read = (await store.read.getMessage(message.id))!
      read.author.nickname = '别人'
      read.timeline.length = 0
      expect(await store.read.getMessage(message.id)).toEqual(original)
    })

    it('refuses a second message with the same id or tracking hash', async () => {
      const store = newStore()
      const first = makeMessage()
      await insertAll(store, [first])
      await expect(insertAll(store, [makeMessage({ id: first.id })])).rejects.toThrow()
      await expect(store.transaction((tx) => tx.insertMessage(makeMessage(), hashOf(first)))).rejects.toThrow()
      expect(await store.read.countMessages()).toBe(1)
    })

    it('replaces the tracking hash on update when asked, so the old one finds nothing', async () => {
      const store = newStore()
      const message = makeMessage()
      await insertAll(store, [message])
      const next = 'b'.repeat(64)
      await store.transaction((tx) => tx.updateMessage(message, { trackingHash: next }))
      expect(await store.read.getMessageByTrackingHash(hashOf(message))).toBeUndefined()
      expect(await store.read.getMessageByTrackingHash(next)).toEqual(message)
      // A plain update keeps the hash.
      await store.transaction((tx) => tx.updateMessage({ ...message, title: '路灯坏了很久' }))
      expect((await store.read.getMessageByTrackingHash(next))?.title).toBe('路灯坏了很久')
      const other = makeMessage()
      await insertAll(store, [other])
      await expect(store.transaction((tx) => tx.updateMessage(other, { trackingHash: next }))).rejects.toThrow()
    })

    it('keeps settings, and a rolled-back setting is not kept', async () => {
      const store = newStore()
      expect(await store.read.getSetting('tracking_key_check')).toBeUndefined()
      await store.transaction((tx) => tx.putSetting('tracking_key_check', 'abc'))
      await expect(
        store.transaction(async (tx) => {
          await tx.putSetting('tracking_key_check', 'other')
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await store.read.getSetting('tracking_key_check')).toBe('abc')
    })

    it('breaks ties of equal times by insertion order, newest first, on every page', async () => {
      const store = newStore()
      const at = '2026-03-02T09:00:00+08:00'
      // Ids chosen so that their order is the reverse of the order of insertion.
      const messages = ['m-z', 'm-y', 'm-x', 'm-w', 'm-v'].map((id) => makePublished({ id, createdAt: at }))
      for (const message of messages) await insertAll(store, [message])
      const expected = [...messages].reverse().map((m) => m.id)
      expect((await listAll(store, { limit: 2 })).map((m) => m.id)).toEqual(expected)
      expect((await listAll(store, { limit: 2, publicOnly: true })).map((m) => m.id)).toEqual(expected)
    })

    it('appends only the new timeline events on update and never rewrites stored ones', async () => {
      const store = newStore()
      const message = makeMessage()
      await insertAll(store, [message])
      const accepted: Message = {
        ...structuredClone(message),
        status: 'accepted',
        reviewedAt: '2026-03-02T10:00:00+08:00',
        timeline: [
          { ...message.timeline[0]!, note: 'rewritten' },
          { id: 'e1', type: 'accept', at: '2026-03-02T10:00:00+08:00', actor: { role: 'reviewer' }, from: 'pending', to: 'accepted' },
        ],
      }
      await store.transaction(async (tx) => tx.updateMessage(accepted))
      const stored = (await store.read.getMessage(message.id))!
      expect(stored.status).toBe('accepted')
      expect(stored.timeline).toEqual([message.timeline[0], accepted.timeline[1]])

      await expect(store.transaction(async (tx) => tx.updateMessage({ ...stored, timeline: [] }))).rejects.toThrow(/append-only/)
      await expect(store.transaction(async (tx) => tx.updateMessage(makeMessage()))).rejects.toThrow()
      expect((await store.read.getMessage(message.id))!.timeline).toHaveLength(2)
    })
  })

  describe('transactions', () => {
    it('keeps nothing of a transaction whose function throws, not even timeline events', async () => {
      const store = newStore()
      const kept = makeMessage()
      await insertAll(store, [kept])
      const boom = new Error('boom')
      await expect(
        store.transaction(async (tx) => {
          await tx.putBoard(board('b-new'))
          await tx.insertMessage(makeMessage(), 'a'.repeat(64))
          await tx.updateMessage({
            ...kept,
            status: 'accepted',
            timeline: [...kept.timeline, { id: 'e1', type: 'accept', at: kept.createdAt, actor: { role: 'reviewer' } }],
          })
          await tx.putToken({ hash: 'h', label: 'l', roles: ['handler'], boardIds: ['b'], createdAt: kept.createdAt })
          await tx.beginIdempotency({ scope: 'public', key: 'k', fingerprint: 'f', state: 'running', createdAt: kept.createdAt })
          expect(await tx.countMessages()).toBe(2)
          throw boom
        }),
      ).rejects.toBe(boom)

      expect(await store.read.countMessages()).toBe(1)
      expect(await store.read.getMessage(kept.id)).toEqual(kept)
      expect(await store.read.listBoards()).toEqual([])
      expect(await store.read.findToken('h')).toBeUndefined()
      expect(await store.read.getIdempotency('public', 'k')).toBeUndefined()
      // The store still works after a rollback.
      await insertAll(store, [makeMessage()])
      expect(await store.read.countMessages()).toBe(2)
    })

    it('lets a transaction read its own writes while reads outside see only committed data', async () => {
      const store = newStore()
      const message = makeMessage()
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const running = store.transaction(async (tx) => {
        await tx.insertMessage(message, hashOf(message))
        expect(await tx.getMessage(message.id)).toEqual(message)
        expect((await tx.listMessages({ limit: 10 })).items).toHaveLength(1)
        await gate
      })
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(await store.read.getMessage(message.id)).toBeUndefined()
      expect((await store.read.listMessages({ limit: 10 })).items).toEqual([])
      release()
      await running
      expect(await store.read.getMessage(message.id)).toEqual(message)
    })

    it('serializes concurrent transactions, so 50 read-modify-write increments all count', async () => {
      const store = newStore()
      const message = makeMessage()
      await insertAll(store, [message])
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.transaction(async (tx) => {
            const current = (await tx.getMessage(message.id))!
            await new Promise((resolve) => setTimeout(resolve, 0))
            await tx.updateMessage({ ...current, reminders: current.reminders + 1 })
          }),
        ),
      )
      expect((await store.read.getMessage(message.id))!.reminders).toBe(50)
    })

    it('returns what the function returns, and refuses a transaction object used after it ended', async () => {
      const store = newStore()
      let leaked: StoreTransaction | undefined
      expect(await store.transaction(async (tx) => ((leaked = tx), 42))).toBe(42)
      await expect(leaked!.putBoard(board('late'))).rejects.toThrow(/ended/)
      expect(await store.read.listBoards()).toEqual([])
    })

    it('fails every call after close', async () => {
      const store = create()
      await store.close()
      await expect(store.read.countMessages()).rejects.toThrow()
      await expect(store.transaction(async () => undefined)).rejects.toThrow()
      await store.close()
    })
  })

  describe('pagination', () => {
    // 250 messages over 40 distinct instants, written half in UTC and half in China time, so many
    // share a sort time and order among themselves by id.
    function spread(count: number): Message[] {
      return Array.from({ length: count }, (_, i) => {
        const ms = Date.UTC(2026, 2, 1) + (i % 40) * 60_000
        const utc = new Date(ms).toISOString()
        const china = new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00')
        const createdAt = i % 2 === 0 ? utc : china
        return makePublished({ createdAt, publishedAt: i % 3 === 0 ? utc : china })
      })
    }

    it('lists 250 messages newest first, each exactly once, for several page sizes', async () => {
      const store = newStore()
      const messages = spread(250)
      await insertAll(store, messages)
      for (const limit of [1, 7, 40, 100]) {
        expect(ids(await listAll(store, { limit }))).toEqual(newestFirst(messages))
      }
      expect(ids(await listAll(store, { limit: 33, publicOnly: true }))).toEqual(newestFirst(messages, (m) => m.publishedAt!))
    })

    it('gives no next cursor when the page holds the last item', async () => {
      const store = newStore()
      await insertAll(store, spread(10))
      expect((await store.read.listMessages({ limit: 10 })).nextCursor).toBeNull()
      const first = await store.read.listMessages({ limit: 9 })
      expect(first.nextCursor).toEqual(expect.any(String))
      const second = await store.read.listMessages({ limit: 9, cursor: first.nextCursor! })
      expect(second.items).toHaveLength(1)
      expect(second.nextCursor).toBeNull()
    })

    it('neither repeats nor skips while new messages arrive between page fetches', async () => {
      for (const publicOnly of [false, true]) {
        const store = newStore()
        const original = spread(120)
        await insertAll(store, original)
        const seen: string[] = []
        let cursor: string | undefined
        let round = 0
        do {
          const page = await store.read.listMessages({ limit: 25, publicOnly, ...(cursor ? { cursor } : {}) })
          seen.push(...ids(page.items))
          cursor = page.nextCursor ?? undefined
          // Newer messages, some at the instant of the newest originals, some at that of the oldest.
          const at = new Date(Date.UTC(2026, 2, 1) + [60, 39, 0][round % 3]! * 60_000).toISOString()
          await insertAll(store, [makePublished({ createdAt: at, publishedAt: at }), makePublished({ createdAt: at, publishedAt: at })])
          round++
        } while (cursor !== undefined)
        const originalIds = new Set(ids(original))
        expect(new Set(seen).size).toBe(seen.length)
        expect(seen.filter((id) => originalIds.has(id))).toEqual(newestFirst(original, (m) => (publicOnly ? m.publishedAt! : m.createdAt)))
      }
    })

    it.each(['garbage!', '', 'bm90IGpzb24', btoa('[1]'), btoa('["x","y"]'), btoa('[1.5,"a"]'), btoa('{"a":1}')])(
      'throws InvalidCursorError for the cursor %j',
      async (cursor) => {
        const store = newStore()
        await expect(store.read.listMessages({ limit: 10, cursor })).rejects.toBeInstanceOf(InvalidCursorError)
      },
    )
  })
})
