// The store contract on every store: public views as JSON, boards and tokens, idempotency.
import { toPublicMessage } from '@liuyan/core'
import type { Message } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { InvalidCursorError } from './types.js'
import type { IdempotencyRecord, StaffToken } from './types.js'
import { board, describeStores, ids, insertAll, listPublicAll, makeMessage, makePrivate, makePublished, newestFirst, publicText } from '../../test/store-fixtures.js'

describeStores((newStore, create) => {
  describe('public views as JSON', () => {
    /** Published, unpublished and private messages over several boards, instants and statuses. */
    function mixed(count: number): Message[] {
      return Array.from({ length: count }, (_, i) => {
        const ms = Date.UTC(2026, 2, 1) + (i % 13) * 60_000
        const at = i % 2 === 0 ? new Date(ms).toISOString() : new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00')
        const common = { boardId: `b${i % 3}`, createdAt: at, domain: i % 4 === 0 ? ('transport' as const) : ('urban' as const) }
        if (i % 7 === 0) return makeMessage(common)
        if (i % 11 === 0) return makePublished({ ...common, publish: false })
        if (i % 5 === 0) return makePrivate({ ...common, reviewedAt: at, publishedAt: at })
        return makePublished({ ...common, publishedAt: at })
      })
    }

    it('lists the same text, order and cursors as listMessages with core’s toPublicMessage', async () => {
      const store = newStore()
      const messages = mixed(90)
      await insertAll(store, messages)
      const listed = messages.filter((m) => m.publish && m.status !== 'pending')
      for (const limit of [1, 7, 100]) {
        expect(await listPublicAll(store, { limit })).toEqual(newestFirst(listed, (m) => m.publishedAt!))
      }
      expect(await listPublicAll(store, { limit: 4, boardIds: ['b1'], domain: 'urban' })).toEqual(
        newestFirst(listed.filter((m) => m.boardId === 'b1' && m.domain === 'urban'), (m) => m.publishedAt!),
      )
      expect(await listPublicAll(store, { limit: 5, keyword: '路灯坏了' })).toEqual(newestFirst(listed, (m) => m.publishedAt!))
      expect(await listPublicAll(store, { limit: 5, keyword: '13812345678' })).toEqual([])
      expect(await listPublicAll(store, { limit: 5, statuses: ['replied'] })).toEqual(
        newestFirst(listed.filter((m) => m.status === 'replied'), (m) => m.publishedAt!),
      )
    })

    it('lists only public messages, whatever the query says about publicOnly', async () => {
      const store = newStore()
      const visible = makePublished({ publishedAt: '2026-03-01T00:00:00Z' })
      await insertAll(store, [makeMessage(), makePublished({ publish: false }), visible])
      const page = await store.read.listPublicJson({ limit: 10, publicOnly: false })
      expect(page).toEqual({ items: [publicText(visible)], nextCursor: null })
    })

    it('gives one message only while the public may see it, with nothing private in it', async () => {
      const store = newStore()
      const pending = makeMessage()
      const noConsent = makePublished({ publish: false })
      const rejected = makeMessage({ status: 'rejected', reviewedAt: '2026-03-02T10:00:00+08:00' })
      const shown = makePrivate()
      await insertAll(store, [pending, noConsent, rejected, shown])

      for (const id of [pending.id, noConsent.id, rejected.id, 'missing']) expect(await store.read.getPublicJson(id)).toBeUndefined()
      const text = (await store.read.getPublicJson(shown.id))!
      expect(text).toBe(publicText(shown))
      for (const secret of ['王小明', '13912345678', '13812345678', '白天不在家', '朝阳路12号', 'private.jpg', '内部备注', '张三', '11010519491231002X', 'wang@example.com', '6222020200112233446']) {
        expect(text).not.toContain(secret)
      }
      expect(JSON.parse(text)).toMatchObject({ author: { nickname: '王***' }, timeline: [{ type: 'submit' }, { type: 'reply' }] })
    })

    it('follows every update: acceptance, new timeline events and withdrawn consent', async () => {
      const store = newStore()
      const message = makeMessage({ createdAt: '2026-03-02T09:00:00+08:00' })
      const other = makePublished({ publishedAt: '2026-03-01T00:00:00Z' })
      await insertAll(store, [message, other])
      expect(await listPublicAll(store, { limit: 10 })).toEqual([other.id])

      const accepted: Message = {
        ...message,
        status: 'accepted',
        reviewedAt: '2026-03-02T10:00:00+08:00',
        publishedAt: '2026-03-02T10:00:00+08:00',
        timeline: [...message.timeline, { id: 'e1', type: 'accept', at: '2026-03-02T10:00:00+08:00', actor: { role: 'reviewer' }, from: 'pending', to: 'accepted' }],
      }
      await store.transaction(async (tx) => tx.updateMessage(accepted))
      expect(await store.read.getPublicJson(message.id)).toBe(publicText(accepted))
      expect(await listPublicAll(store, { limit: 1 })).toEqual([message.id, other.id])

      // The timeline shown is the stored one: stored events are never rewritten by an update.
      const replied: Message = {
        ...accepted,
        status: 'replied',
        repliedAt: '2026-03-03T10:00:00+08:00',
        posts: [{ kind: 'reply', id: 'p1', organization: '住建局', content: '已处理，电话13812345678。', createdAt: '2026-03-03T10:00:00+08:00' }],
        timeline: [{ ...accepted.timeline[0]!, note: 'rewritten', at: '2026-03-02T09:30:00+08:00' }, accepted.timeline[1]!, { id: 'e2', type: 'reply', at: '2026-03-03T10:00:00+08:00', actor: { role: 'handler' } }],
      }
      await store.transaction(async (tx) => tx.updateMessage(replied))
      const stored = (await store.read.getMessage(message.id))!
      expect(stored.timeline[0]).toEqual(message.timeline[0])
      expect(await store.read.getPublicJson(message.id)).toBe(publicText(stored))
      expect(await store.read.getPublicJson(message.id)).toContain('138****5678')
      expect(await listPublicAll(store, { limit: 1 })).toEqual([message.id, other.id])

      await store.transaction(async (tx) => tx.updateMessage({ ...stored, publish: false }))
      expect(await store.read.getPublicJson(message.id)).toBeUndefined()
      expect(await listPublicAll(store, { limit: 1 })).toEqual([other.id])
    })

    it('shows a new message on the next read of the same page', async () => {
      const store = newStore()
      const first = makePublished({ publishedAt: '2026-03-01T00:00:00Z' })
      await insertAll(store, [first])
      for (let round = 0; round < 3; round++) expect((await store.read.listPublicJson({ limit: 2 })).items).toEqual([publicText(first)])
      const second = makePublished({ publishedAt: '2026-03-02T00:00:00Z' })
      await insertAll(store, [second])
      expect(await store.read.listPublicJson({ limit: 2 })).toEqual({ items: [publicText(second), publicText(first)], nextCursor: null })
      const third = makePublished({ publishedAt: '2026-03-03T00:00:00Z' })
      await insertAll(store, [third])
      const page = await store.read.listPublicJson({ limit: 2 })
      expect(page.items).toEqual([publicText(third), publicText(second)])
      expect(await store.read.listPublicJson({ limit: 2, cursor: page.nextCursor! })).toEqual({ items: [publicText(first)], nextCursor: null })
      // A caller changing a page it was given changes nothing for the next reader.
      page.items.length = 0
      expect((await store.read.listPublicJson({ limit: 2 })).items).toHaveLength(2)
    })

    it.each(['garbage!', btoa('[1]')])('throws InvalidCursorError for the cursor %j', async (cursor) => {
      const store = newStore()
      await expect(store.read.listPublicJson({ limit: 10, cursor })).rejects.toBeInstanceOf(InvalidCursorError)
    })
  })

  describe('boards and tokens', () => {
    it('stores boards by id, replacing on put, listed by id', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        await tx.putBoard(board('220100-gov', '220000-gov'))
        await tx.putBoard(board('220000-gov'))
        await tx.putBoard({ ...board('220100-gov', '220000-gov'), name: '长春市人民政府', deadlines: { consult: 5 } })
      })
      expect(ids(await store.read.listBoards())).toEqual(['220000-gov', '220100-gov'])
      expect(await store.read.getBoard('220100-gov')).toEqual({ ...board('220100-gov', '220000-gov'), name: '长春市人民政府', deadlines: { consult: 5 } })
      expect(await store.read.getBoard('nope')).toBeUndefined()
    })

    it('finds a staff token by its hash', async () => {
      const store = newStore()
      const token: StaffToken = { hash: 'a'.repeat(64), label: '住建局 张三', roles: ['handler', 'reviewer'], boardIds: ['b1', 'b2'], createdAt: '2026-03-01T00:00:00Z' }
      await store.transaction(async (tx) => tx.putToken(token))
      expect(await store.read.findToken(token.hash)).toEqual(token)
      expect(await store.read.findToken('b'.repeat(64))).toBeUndefined()
    })

    it('deletes a staff token by its hash, saying whether there was one, and only when the transaction commits', async () => {
      const store = newStore()
      const token: StaffToken = { hash: 'a'.repeat(64), label: '住建局 张三', roles: ['handler'], boardIds: ['b1'], createdAt: '2026-03-01T00:00:00Z' }
      const other: StaffToken = { ...token, hash: 'c'.repeat(64) }
      await store.transaction(async (tx) => {
        await tx.putToken(token)
        await tx.putToken(other)
      })
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.deleteToken(token.hash)).toBe(true)
          expect(await tx.findToken(token.hash)).toBeUndefined()
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await store.read.findToken(token.hash)).toEqual(token)

      expect(await store.transaction(async (tx) => tx.deleteToken(token.hash))).toBe(true)
      expect(await store.read.findToken(token.hash)).toBeUndefined()
      expect(await store.read.findToken(other.hash)).toEqual(other)
      expect(await store.transaction(async (tx) => tx.deleteToken(token.hash))).toBe(false)
    })

    it('lists every staff token oldest first, as instants, then by hash, inside and outside a transaction', async () => {
      const store = newStore()
      expect(await store.read.listTokens()).toEqual([])
      const token = (hash: string, createdAt: string, label = `label ${hash[0]}`): StaffToken => ({
        hash: hash.repeat(64), label, roles: ['handler'], boardIds: ['b1'], createdAt,
      })
      // 08:00+08:00 is 00:00Z: the earliest, though it sorts last as text.
      const early = token('d', '2026-03-01T08:00:00+08:00')
      const tieB = token('b', '2026-03-01T06:00:00Z')
      const tieA = token('a', '2026-03-01T06:00:00.000Z')
      const late = token('c', '2026-03-02T00:00:00Z', '住建局 张三')
      await store.transaction(async (tx) => {
        for (const t of [late, tieB, early, tieA]) await tx.putToken(t)
      })
      expect(await store.read.listTokens()).toEqual([early, tieA, tieB, late])

      const added = token('e', '2026-02-28T00:00:00Z')
      await store.transaction(async (tx) => {
        await tx.deleteToken(tieA.hash)
        await tx.putToken(added)
        await tx.putToken({ ...late, roles: ['supervisor'] })
        expect(await tx.listTokens()).toEqual([added, early, tieB, { ...late, roles: ['supervisor'] }])
        // Outside, the transaction's writes are not there yet.
        expect((await store.read.listTokens()).map((t) => t.hash)).toEqual([early, tieA, tieB, late].map((t) => t.hash))
      })
      const listed = await store.read.listTokens()
      expect(listed).toEqual([added, early, tieB, { ...late, roles: ['supervisor'] }])
      listed[0]!.roles.push('reviewer')
      expect((await store.read.listTokens())[0]).toEqual(added)
    })
  })

  describe('idempotency', () => {
    const record = (key: string, createdAt: string): IdempotencyRecord => ({ scope: 'public', key, fingerprint: `fp-${key}`, state: 'running', createdAt })

    it('claims a key once and hands back the existing claim afterwards without overwriting it', async () => {
      const store = newStore()
      const first = record('k1', '2026-03-01T00:00:00Z')
      expect(await store.transaction(async (tx) => tx.beginIdempotency(first))).toBeUndefined()
      expect(await store.transaction(async (tx) => tx.beginIdempotency({ ...first, fingerprint: 'other' }))).toEqual(first)
      expect(await store.read.getIdempotency('public', 'k1')).toEqual(first)
      // Keys are per scope.
      expect(await store.transaction(async (tx) => tx.beginIdempotency({ ...first, scope: 'token-hash' }))).toBeUndefined()
    })

    it('completes a claim with the response to replay, and releases a claim', async () => {
      const store = newStore()
      const response = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"m1"}' }
      await store.transaction(async (tx) => {
        await tx.beginIdempotency(record('k1', '2026-03-01T00:00:00Z'))
        await tx.beginIdempotency(record('k2', '2026-03-01T00:00:00Z'))
      })
      await store.transaction(async (tx) => tx.completeIdempotency('public', 'k1', response))
      expect(await store.read.getIdempotency('public', 'k1')).toEqual({ ...record('k1', '2026-03-01T00:00:00Z'), state: 'done', response })
      expect(await store.transaction(async (tx) => tx.beginIdempotency(record('k1', '2026-03-02T00:00:00Z')))).toEqual({
        ...record('k1', '2026-03-01T00:00:00Z'),
        state: 'done',
        response,
      })
      await expect(store.transaction(async (tx) => tx.completeIdempotency('public', 'nope', response))).rejects.toThrow()

      await store.transaction(async (tx) => tx.releaseIdempotency('public', 'k2'))
      expect(await store.read.getIdempotency('public', 'k2')).toBeUndefined()
    })

    it('expires claims created before a time, comparing instants across offsets', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        await tx.beginIdempotency(record('old', '2026-03-01T07:59:59+08:00'))
        await tx.beginIdempotency(record('edge', '2026-03-01T00:00:00Z'))
        await tx.beginIdempotency(record('new', '2026-03-01T09:00:00+08:00'))
      })
      expect(await store.transaction(async (tx) => tx.expireIdempotency('2026-03-01T08:00:00+08:00'))).toBe(1)
      expect(await store.read.getIdempotency('public', 'old')).toBeUndefined()
      expect(await store.read.getIdempotency('public', 'edge')).toBeDefined()
      expect(await store.transaction(async (tx) => tx.expireIdempotency('2026-03-02T00:00:00Z'))).toBe(2)
      expect(await store.transaction(async (tx) => tx.expireIdempotency('2026-03-02T00:00:00Z'))).toBe(0)
    })
  })
})
