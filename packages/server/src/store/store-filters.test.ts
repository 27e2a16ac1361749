// The store contract on every store: the filters of the lists and the order by deadline.
import type { Message, MessageStatus } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { InvalidCursorError } from './types.js'
import type { MessageQuery } from './types.js'
import { board, describeStores, ids, insertAll, listAll, listPublicAll, makeMessage, makePublished, newestFirst } from '../../test/store-fixtures.js'

describeStores((newStore, create) => {
  describe('filters', () => {
    async function seeded() {
      const store = newStore()
      const m = {
        pending: makeMessage({ id: 'a-pending', boardId: 'b1', status: 'pending', createdAt: '2026-03-01T00:00:00Z' }),
        noConsent: makeMessage({
          id: 'b-noconsent',
          boardId: 'b1',
          status: 'accepted',
          publish: false,
          reviewedAt: '2026-03-01T02:00:00Z',
          publishedAt: '2026-03-01T02:00:00Z',
          createdAt: '2026-03-01T01:00:00Z',
        }),
        assigned: makePublished({
          id: 'c-assigned',
          boardId: 'b1',
          assigneeBoardId: 'b2',
          status: 'assigned',
          type: 'consult',
          domain: 'transport',
          createdAt: '2026-03-01T10:00:00+08:00',
          publishedAt: '2026-03-01T12:00:00+08:00',
          dueAt: '2026-03-05T23:59:59.999+08:00',
        }),
        processing: makePublished({
          id: 'd-processing',
          boardId: 'b3',
          status: 'processing',
          type: 'help',
          domain: 'health',
          title: 'Street LED lamp',
          content: '请联系我13812345678，邮箱 wang@example.com，谢谢。',
          createdAt: '2026-03-02T00:00:00Z',
          publishedAt: '2026-03-02T01:00:00Z',
          dueAt: '2026-03-04T00:00:00Z',
        }),
        closed: makePublished({
          id: 'e-closed',
          boardId: 'b2',
          status: 'closed',
          type: 'suggest',
          domain: 'urban',
          title: '建议增加公交线路',
          content: '希望增加一条从南湖到火车站的公交线路。50%的人需要_这个。',
          createdAt: '2026-03-03T00:00:00Z',
          publishedAt: '2026-03-03T00:00:00Z',
          dueAt: '2026-03-03T12:00:00Z',
        }),
        rejected: makeMessage({
          id: 'f-rejected',
          boardId: 'b2',
          status: 'rejected',
          reviewedAt: '2026-03-04T00:00:00Z',
          publishedAt: '2026-03-04T00:00:00Z',
          createdAt: '2026-03-04T00:00:00Z',
        }),
      } satisfies Record<string, Message>
      await insertAll(store, Object.values(m))
      const list = async (query: Omit<MessageQuery, 'limit'>) => ids(await listAll(store, { limit: 2, ...query }))
      return { store, m, list }
    }

    it('filters by board or assigned unit, status, type and domain, combined with AND', async () => {
      const { list } = await seeded()
      expect(await list({ boardIds: ['b2'] })).toEqual(['f-rejected', 'e-closed', 'c-assigned'])
      expect(await list({ boardIds: ['b1', 'b3'] })).toEqual(['d-processing', 'c-assigned', 'b-noconsent', 'a-pending'])
      expect(await list({ boardIds: [] })).toEqual([])
      expect(await list({ statuses: ['pending', 'closed'] })).toEqual(['e-closed', 'a-pending'])
      expect(await list({ type: 'consult' })).toEqual(['c-assigned'])
      expect(await list({ domain: 'urban' })).toEqual(['f-rejected', 'e-closed', 'b-noconsent', 'a-pending'])
      expect(await list({ domain: 'urban', boardIds: ['b1'], statuses: ['accepted'] })).toEqual(['b-noconsent'])
    })

    it('lists publicly only accepted messages with consent, by publication time', async () => {
      const { list, store } = await seeded()
      expect(await list({ publicOnly: true })).toEqual(['e-closed', 'd-processing', 'c-assigned'])
      // Once a public message is deleted from view (rejected is terminal, but consent can be revoked).
      const closed = (await store.read.getMessage('e-closed'))!
      await store.transaction(async (tx) => tx.updateMessage({ ...closed, publish: false }))
      expect(await list({ publicOnly: true })).toEqual(['d-processing', 'c-assigned'])
      expect(await list({ publicOnly: true, boardIds: ['b2'] })).toEqual(['c-assigned'])
    })

    it('bounds the sort time by from (inclusive) and to (exclusive), comparing instants across offsets', async () => {
      const { list } = await seeded()
      // c-assigned was created at 2026-03-01T02:00:00Z, written in China time.
      expect(await list({ from: '2026-03-01T02:00:00Z', to: '2026-03-03T08:00:00+08:00' })).toEqual(['d-processing', 'c-assigned'])
      expect(await list({ from: '2026-03-01T10:00:01+08:00' })).toEqual(['f-rejected', 'e-closed', 'd-processing'])
      expect(await list({ to: '2026-03-01T10:00:00+08:00' })).toEqual(['b-noconsent', 'a-pending'])
      // Public lists bound the publication time: c-assigned was published at 04:00Z.
      expect(await list({ publicOnly: true, from: '2026-03-01T04:00:00Z', to: '2026-03-02T01:00:00Z' })).toEqual(['c-assigned'])
    })

    it('finds open messages past their deadline with overdueAt', async () => {
      const { list } = await seeded()
      expect(await list({ overdueAt: '2026-03-10T00:00:00Z' })).toEqual(['d-processing', 'c-assigned'])
      // Deadline exactly at the moment is not yet overdue; closed messages never are.
      expect(await list({ overdueAt: '2026-03-04T08:00:00+08:00' })).toEqual([])
      expect(await list({ overdueAt: '2026-03-04T00:00:00.001Z' })).toEqual(['d-processing'])
    })

    it('finds Chinese keywords of two and more characters in the title and content', async () => {
      const { list } = await seeded()
      const both = ['f-rejected', 'c-assigned', 'b-noconsent', 'a-pending']
      expect(await list({ keyword: '路灯' })).toEqual(both)
      expect(await list({ keyword: '门口路灯' })).toEqual(both)
      expect(await list({ keyword: '小区门口路灯坏了' })).toEqual(both)
      expect(await list({ keyword: '灯' })).toEqual(both)
      expect(await list({ keyword: '两个星期' })).toEqual(both)
      expect(await list({ keyword: '公交', publicOnly: true })).toEqual(['e-closed'])
      expect(await list({ keyword: '路灯', publicOnly: true, boardIds: ['b1'] })).toEqual(['c-assigned'])
      expect(await list({ keyword: '地铁' })).toEqual([])
      expect(await list({ keyword: '' })).toHaveLength(6)
    })

    it('matches Latin keywords in any case', async () => {
      const { list } = await seeded()
      expect(await list({ keyword: 'led' })).toEqual(['d-processing'])
      expect(await list({ keyword: 'STREET led' })).toEqual(['d-processing'])
      expect(await list({ keyword: 'Le' })).toEqual(['d-processing'])
    })

    it('searches only the masked text, so private numbers and addresses cannot be found', async () => {
      const { list } = await seeded()
      expect(await list({ keyword: '13812345678' })).toEqual([])
      expect(await list({ keyword: '12345678' })).toEqual([])
      expect(await list({ keyword: 'wang@example.com' })).toEqual([])
      expect(await list({ keyword: '138****5678' })).toEqual(['d-processing'])
    })

    it.each<[string, string[]]>([
      ['"', []],
      ['""', []],
      ['a"b', []],
      ['路灯"', []],
      ['*', ['d-processing']],
      ['路灯*', []],
      ['OR', []],
      ['路灯 OR 公交', []],
      ['NEAR(', []],
      ['NEAR(路灯 公交)', []],
      ['title:路灯', []],
      ['^路灯', []],
      ['-', []],
      ['(', []],
      ['AND NOT', []],
      ["'", []],
      [';', []],
    ])('treats the FTS syntax %j as text to find', async (keyword, expected) => {
      const { list } = await seeded()
      expect(await list({ keyword })).toEqual(expected)
    })

    it('treats % and _ as characters, not wildcards', async () => {
      const { list } = await seeded()
      expect(await list({ keyword: '%' })).toEqual(['e-closed'])
      expect(await list({ keyword: '50%' })).toEqual(['e-closed'])
      expect(await list({ keyword: '_这个' })).toEqual(['e-closed'])
      expect(await list({ keyword: '路%' })).toEqual([])
      expect(await list({ keyword: '路_' })).toEqual([])
    })

    it('pages the newest matches of 1- and 2-character Chinese keywords: public list, a board, the inbox, after edits', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        for (const b of [board('p'), board('c', 'p'), board('d', 'p')]) await tx.putBoard(b)
      })
      const titles = ['路灯坏了', '井盖丢失', '路面塌陷', '灯光太亮']
      const messages = Array.from({ length: 40 }, (_, i) => {
        // Equal times in places: ties go to the later insertion.
        const at = new Date(Date.UTC(2026, 2, 1) + (i % 17) * 60_000).toISOString()
        const common = { boardId: i % 3 === 0 ? 'c' : 'd', createdAt: at, title: titles[i % 4]!, content: `第${i}号` }
        if (i % 5 === 0) return makeMessage(common)
        return makePublished({ ...common, publishedAt: new Date(Date.parse(at) + (i % 7) * 3_600_000).toISOString() })
      })
      await insertAll(store, messages)
      const check = async (all: Message[]) => {
        for (const keyword of ['灯', '路', '路灯', '井盖', '坏了', '火星', '星', '灯坏了', '号']) {
          const has = all.filter((m) => `${m.title}\n${m.content}`.includes(keyword))
          const listed = has.filter((m) => m.status !== 'pending' && m.publish)
          expect(ids(await listAll(store, { limit: 3, keyword })), keyword).toEqual(newestFirst(has))
          expect(await listPublicAll(store, { limit: 3, keyword }), keyword).toEqual(newestFirst(listed, (m) => m.publishedAt!))
          expect(await listPublicAll(store, { limit: 2, keyword, boardIds: ['c'] }), keyword).toEqual(
            newestFirst(listed.filter((m) => m.boardId === 'c'), (m) => m.publishedAt!),
          )
          expect(ids(await listAll(store, { limit: 2, keyword, boardIds: ['p'], statuses: ['pending'] })), keyword).toEqual(
            newestFirst(has.filter((m) => m.status === 'pending')),
          )
          expect(ids(await listAll(store, { limit: 2, keyword, boardIds: ['d', 'c'], from: '2026-03-01T00:05:00Z' })), keyword).toEqual(
            newestFirst(has.filter((m) => m.createdAt >= '2026-03-01T00:05:00.000Z')),
          )
        }
      }
      await check(messages)
      // A new title takes the old terms away and brings new ones; unpublished, a message leaves the public list.
      const edited = { ...messages[1]!, title: '火星来客' }
      const hidden = { ...messages[2]!, publish: false }
      const moved = { ...messages[3]!, publishedAt: '2026-03-05T00:00:00Z' }
      await store.transaction(async (tx) => {
        for (const message of [edited, hidden, moved]) await tx.updateMessage(message)
      })
      await check([messages[0]!, edited, hidden, moved, ...messages.slice(4)])
    })
  })

  describe('by deadline (sort: due)', () => {
    const DAY = 86_400_000
    const START = Date.UTC(2026, 2, 1)
    const STATUSES: MessageStatus[] = ['pending', 'accepted', 'assigned', 'processing', 'replied', 'closed', 'rejected']
    // 60 messages of a small tree (p above c1 and c2, and x apart), in every status; those awaiting
    // review or refused have no deadline. Deadlines fall on six instants, written in UTC and in
    // China time, so many are equal and order among themselves by insertion; created times run the
    // other way, so a list by time and one by deadline differ.
    function spread(): Message[] {
      return Array.from({ length: 60 }, (_, i) => {
        const status = STATUSES[i % 7]!
        const dueMs = START + (i % 6) * DAY
        const dueAt = i % 2 ? new Date(dueMs).toISOString() : new Date(dueMs + 8 * 3600_000).toISOString().replace('Z', '+08:00')
        return makeMessage({
          id: `due-${String(i).padStart(2, '0')}`,
          boardId: ['c1', 'c2', 'x', 'p'][i % 4]!,
          ...(i % 5 === 0 ? { assigneeBoardId: 'c1' } : {}),
          status,
          ...(status === 'pending' || status === 'rejected' ? {} : { dueAt, reviewedAt: '2026-02-01T00:00:00Z' }),
          supervised: i % 4 === 1,
          title: i % 3 === 0 ? '井盖丢失' : '小区门口路灯坏了',
          createdAt: new Date(START - i * 3600_000).toISOString(),
        })
      })
    }
    const subtree: Record<string, string[]> = { p: ['p', 'c1', 'c2'], c1: ['c1'], c2: ['c2'], x: ['x'] }
    const OPEN = new Set<MessageStatus>(['accepted', 'assigned', 'processing'])
    /** The query's messages as the test reads them from the raw messages: filtered, then by (deadline, insertion). */
    function expected(messages: readonly Message[], q: Omit<MessageQuery, 'limit'>): string[] {
      const inBoards = (m: Message) => !q.boardIds || q.boardIds.some((root) => (subtree[root] ?? [root]).some((b) => b === m.boardId || b === m.assigneeBoardId))
      // The deadline that runs: an open message's; the others have none to sort by.
      const due = (m: Message) => (m.dueAt === undefined || !OPEN.has(m.status) ? Infinity : Date.parse(m.dueAt))
      return messages
        .map((m, order) => ({ m, order }))
        .filter(({ m }) =>
          inBoards(m) &&
          (!q.statuses || q.statuses.includes(m.status)) &&
          (!q.supervised || m.supervised) &&
          (!q.keyword || m.title.includes(q.keyword) || m.content.includes(q.keyword)) &&
          (q.overdueAt === undefined || (OPEN.has(m.status) && m.dueAt !== undefined && Date.parse(m.dueAt) < Date.parse(q.overdueAt))) &&
          (q.from === undefined || Date.parse(m.createdAt) >= Date.parse(q.from)) &&
          (q.to === undefined || Date.parse(m.createdAt) < Date.parse(q.to)))
        .sort((a, b) => due(a.m) - due(b.m) || a.order - b.order || 0)
        .map(({ m }) => m.id)
    }
    const QUERIES: Omit<MessageQuery, 'limit' | 'sort'>[] = [
      {},
      { boardIds: ['p'] },
      { boardIds: ['c1'] },
      { boardIds: ['c1', 'x'] },
      { statuses: ['processing'] },
      { statuses: ['assigned', 'processing'], boardIds: ['p'] },
      { overdueAt: '2026-03-04T00:00:00Z' },
      { overdueAt: '2026-03-04T00:00:00Z', boardIds: ['c2'] },
      { supervised: true, boardIds: ['p'] },
      { keyword: '井盖' },
      { keyword: '井盖', boardIds: ['p'], supervised: true },
      { keyword: '井盖', overdueAt: '2026-03-05T00:00:00Z' },
      { from: '2026-02-28T00:00:00Z', to: '2026-03-01T08:00:00+08:00' },
    ]

    it('lists the earliest running deadline first, the rest (not open) last, equal ones in insertion order, on every page', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        for (const b of [board('p'), board('c1', 'p'), board('c2', 'p'), board('x')]) await tx.putBoard(b)
      })
      const messages = spread()
      await insertAll(store, messages)
      for (const query of QUERIES) {
        const want = expected(messages, query)
        for (const limit of [1, 4, 50]) expect(ids(await listAll(store, { ...query, sort: 'due', limit })), JSON.stringify({ ...query, limit })).toEqual(want)
      }
      // Something to see: the queries are not all empty, and the order is not the newest-first one.
      expect(expected(messages, { keyword: '井盖', boardIds: ['p'], supervised: true }).length).toBeGreaterThan(1)
      expect(ids(await listAll(store, { sort: 'due', limit: 100 }))).not.toEqual(ids(await listAll(store, { limit: 100 })))
    })

    it('follows a deadline that changes, and refuses a cursor of the other order', async () => {
      const store = newStore()
      await store.transaction(async (tx) => {
        for (const b of [board('p'), board('c1', 'p'), board('c2', 'p'), board('x')]) await tx.putBoard(b)
      })
      const messages = spread()
      await insertAll(store, messages)
      // The first by deadline is extended past every other; one awaiting review is accepted with
      // one; one open is replied to, so its deadline no longer runs.
      const [first] = expected(messages, {})
      const changed = messages.map((m) =>
        m.id === first ? { ...m, dueAt: '2026-04-01T00:00:00Z' }
          : m.id === 'due-00' ? { ...m, status: 'accepted' as const, dueAt: '2026-02-01T00:00:00Z' }
            : m.id === 'due-03' ? { ...m, status: 'replied' as const }
              : m)
      expect(messages.find((m) => m.id === 'due-03')!.status).toBe('processing')
      await store.transaction(async (tx) => {
        for (const id of [first!, 'due-00', 'due-03']) await tx.updateMessage(changed.find((m) => m.id === id)!)
      })
      for (const query of [{}, { boardIds: ['p'] }, { boardIds: ['c1', 'x'] }, { keyword: '井盖' }]) {
        expect(ids(await listAll(store, { ...query, sort: 'due', limit: 7 }))).toEqual(expected(changed, query))
      }
      const byDue = await store.read.listMessages({ sort: 'due', limit: 5 })
      const byTime = await store.read.listMessages({ limit: 5 })
      await expect(store.read.listMessages({ limit: 5, cursor: byDue.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError)
      await expect(store.read.listMessages({ sort: 'due', limit: 5, cursor: byTime.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError)
    })
  })
})
