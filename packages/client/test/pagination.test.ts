/**
 * Cursor pagination over 250 public messages on the real server: `for await` and a manual walk of
 * `nextCursor` see each message exactly once, newest first, even while new messages arrive.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { FetchLike } from '../src/index.js'
import { CITY, useBoard } from './board.js'

const COUNT = 250

describe('pagination over 250 messages (real server, SQLite)', () => {
  const board = useBoard()
  let created: string[] = []

  // Created through the service for speed, then accepted so they are public.
  beforeAll(async () => {
    const { service, admin } = board()
    for (let i = 0; i < COUNT; i++) {
      const { id } = await board().store({ title: `第${i + 1}号楼门前路灯坏了` })
      await service.act(admin, id, { action: 'accept' })
      created.push(id)
    }
    created = created.sort()
    expect(new Set(created).size).toBe(COUNT)
  }, 120_000)

  it('for await yields every message once, newest first, fetching pages of `limit`', async () => {
    const spy = vi.fn<FetchLike>((url, init) => globalThis.fetch(url, init))
    const client = board().client({ fetch: spy })
    const seen: string[] = []
    let previous = Infinity
    for await (const message of client.messages.list({ boardId: CITY, limit: 20 })) {
      seen.push(message.id)
      const at = Date.parse(message.publishedAt!)
      expect(at).toBeLessThanOrEqual(previous)
      previous = at
    }
    expect(seen).toHaveLength(COUNT)
    expect([...seen].sort()).toEqual(created)
    expect(spy).toHaveBeenCalledTimes(Math.ceil(COUNT / 20))
  })

  it('a manual walk of nextCursor sees the same messages, in the same order', async () => {
    const client = board().client()
    const walked: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await client.messages.list({ limit: 37, ...(cursor ? { cursor } : {}) })
      expect(page.items.length).toBeLessThanOrEqual(37)
      walked.push(...page.items.map((m) => m.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(Math.ceil(COUNT / 37))
    expect(walked).toHaveLength(COUNT)
    expect([...walked].sort()).toEqual(created)
    const iterated: string[] = []
    for await (const m of client.messages.list({ limit: 100 })) iterated.push(m.id)
    expect(iterated).toEqual(walked)
  })

  it('the staff inbox pages the same way, with private fields', async () => {
    const seen = new Set<string>()
    for await (const message of board().client({ as: 'admin' }).inbox.list({ status: 'accepted', limit: 100 })) {
      expect(seen.has(message.id)).toBe(false)
      seen.add(message.id)
      expect(message.author.phone).toBe('13812345678')
    }
    expect([...seen].sort()).toEqual(created)
  })

  it('messages published during the walk neither repeat nor shift anything', async () => {
    const { service, admin } = board()
    const seen: string[] = []
    let added = 0
    for await (const message of board().client().messages.list({ limit: 50 })) {
      seen.push(message.id)
      if (seen.length % 50 === 1 && added < 3) {
        // Newer than every cursor: it belongs before the walk's position and must not appear.
        const { id } = await board().store({ title: '新增留言路灯又坏了' })
        await service.act(admin, id, { action: 'accept' })
        added++
      }
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect([...seen].sort()).toEqual(created)
  })

  it('breaking out of for await stops fetching', async () => {
    const spy = vi.fn<FetchLike>((url, init) => globalThis.fetch(url, init))
    let n = 0
    for await (const _ of board().client({ fetch: spy }).messages.list({ limit: 20 })) if (++n === 25) break
    expect(spy).toHaveBeenCalledTimes(2)
  })
})
