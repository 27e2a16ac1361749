/**
 * `liuyan-server copy`: a real SQLite file into a database of the throw-away PostgreSQL cluster,
 * a board's subtree with its messages (timelines, tracking hashes), tokens and settings; a copy
 * interrupted after its first batch continues where it stopped, and the counts agree.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Board } from '@liuyan/core'
import { NewMessageSchema } from '@liuyan/core'
import { copyToPostgres, postgresCounter } from '../src/copy-command.js'
import { createBoardService } from '../src/service.js'
import { createPostgresStore } from '../src/store/postgres.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import { randomTrackingKey } from '../src/tracking-key.js'
import { ensureBuilt } from './built.js'
import { cleanUp, run, tempDir } from './cli-process.js'
import { adminQuery, freshDatabase } from './postgres-database.js'

beforeAll(() => ensureBuilt(), 240_000)
afterAll(cleanUp)

const board = (id: string, parentId: string | null): Board => ({ id, name: `Board ${id}`, kind: 'agency', level: 'city', parentId, region: '220100', acceptsMessages: true })
const BOARDS = [board('x', null), board('p', null), board('c', 'p'), board('u', 'c')]
const START = Date.parse('2026-03-02T01:00:00Z')

/** A SQLite board file: 7 messages under p (some answered, one rejected), 2 under x, tokens of both. */
async function sourceFile(): Promise<{ file: string; codes: Map<string, string>; key: string }> {
  const file = join(tempDir(), 'board.db')
  const key = randomTrackingKey()
  const store = createSqliteStore(file)
  let ms = START
  const service = createBoardService({ store, trackingKey: key, now: () => new Date((ms += 60_000)) })
  await service.putBoards(BOARDS)
  await service.createToken({ label: 'admin', roles: ['reviewer', 'handler', 'supervisor'], boardIds: ['p'], token: 'copy-admin-token-0123456789' })
  await service.createToken({ label: 'x only', roles: ['reviewer'], boardIds: ['x'], token: 'copy-x-token-0123456789abc' })
  const staff = (await service.authenticate('copy-admin-token-0123456789'))!
  const codes = new Map<string, string>()
  const boards = ['u', 'c', 'p', 'u', 'c', 'u', 'p', 'x', 'x']
  for (const [i, boardId] of boards.entries()) {
    const input = NewMessageSchema.parse({ boardId, type: 'complain', domain: 'urban', title: `路灯坏了第${i}号`, content: `第${i}号留言：小区门口的路灯坏了。`, author: { nickname: '市民', realName: '王小明', phone: '13812345678' } })
    const { id, trackingCode } = await service.submit(input)
    codes.set(id, trackingCode)
    if (boardId === 'x') continue
    if (i === 3) {
      await service.act(staff, id, { action: 'reject', reason: '重复反映' })
      continue
    }
    await service.act(staff, id, { action: 'accept' })
    if (i % 2 !== 0) continue
    await service.act(staff, id, { action: 'assign', boardId: 'u' })
    await service.act(staff, id, { action: 'start' })
    await service.act(staff, id, { action: 'reply', content: '已修复。', organization: '住建局' })
  }
  await store.close()
  return { file, codes, key }
}

describe('liuyan-server copy', { timeout: 120_000 }, () => {
  it('copies a board subtree; an interrupted copy resumes where it stopped; the counts agree', async () => {
    const { file, codes, key } = await sourceFile()
    const url = await freshDatabase(false)
    const source = createSqliteStore(file, { readonly: true })
    let target = await createPostgresStore(url)
    let counter = await postgresCounter(url)
    try {
      // Stopped after the first batch of 3: that batch and its cursor are stored, nothing more.
      const abort = new AbortController()
      const seen: number[] = []
      const stopped = copyToPostgres(source, target, counter, {
        boardId: 'p',
        batchSize: 3,
        signal: abort.signal,
        onProgress: (done, total) => {
          seen.push(done)
          expect(total).toBe(7)
          if (done > 0) abort.abort()
        },
      })
      await expect(stopped).rejects.toThrow(/abort/i)
      expect(seen).toEqual([0, 3])
      expect((await adminQuery('SELECT count(*)::int AS n FROM messages', [], new URL(url).pathname.slice(1))).rows[0].n).toBe(3)
      await target.close()
      await counter.close()

      // Run again, on a new connection: it goes on from message 4.
      target = await createPostgresStore(url)
      counter = await postgresCounter(url)
      const report = await copyToPostgres(source, target, counter, { boardId: 'p', batchSize: 3 })
      expect(report).toMatchObject({ copied: 4, before: 3, tokensLeftOut: 1 })
      expect(report.target).toEqual(report.source)
      expect(report.source).toMatchObject({ boards: 3, messages: 7, tokens: 1 })

      // The same messages, timelines and order; the codes work; nothing of board x.
      const all = async (store: typeof target | typeof source, boardIds: string[]) => (await store.read.listMessages({ boardIds, limit: 100 })).items
      expect(await all(target, ['p'])).toEqual(await all(source, ['p']))
      expect(await all(target, ['x'])).toEqual([])
      expect((await target.read.listPublicJson({ boardIds: ['p'], limit: 100 })).items).toEqual((await source.read.listPublicJson({ boardIds: ['p'], limit: 100 })).items)
      const service = createBoardService({ store: target, trackingKey: key })
      await service.ready()
      for (const message of await all(source, ['p'])) {
        expect((await service.track(codes.get(message.id)!, 'zh-CN')).id).toBe(message.id)
      }
      expect(await service.authenticate('copy-admin-token-0123456789')).toBeDefined()
      expect(await service.authenticate('copy-x-token-0123456789abc')).toBeUndefined()
      // Run once more: nothing left to copy.
      expect(await copyToPostgres(source, target, counter, { boardId: 'p' })).toMatchObject({ copied: 0, before: 7 })
    } finally {
      await source.close()
      await target.close()
      await counter.close()
    }
  })

  it('runs as liuyan-server copy: everything, the report on stdout; refuses another tracking key and bad usage (exit 2)', async () => {
    const { file } = await sourceFile()
    const url = await freshDatabase(false)
    const copy = run(['copy', '--from', file, '--to', url, '--idempotency'])
    expect((await copy.exited).code, copy.stderr()).toBe(0)
    expect(copy.stdout()).toMatch(/: 9 messages copied now, 0 before\n/)
    expect(copy.stdout()).toMatch(/messages\s+source\s+9\s+target\s+9\n/)
    expect(copy.stdout()).not.toContain('DIFFERENT')

    // Another SQLite file (another tracking key) into the same database: refused before copying.
    const other = await sourceFile()
    const refused = run(['copy', '--from', other.file, '--to', url])
    expect((await refused.exited).code).toBe(2)
    expect(refused.stderr()).toContain('another tracking key')
    for (const args of [['copy', '--to', url], ['copy', '--from', file], ['copy', '--from', file, '--to', url, '--board', 'nope'], ['copy', '--frm', file]]) {
      const bad = run(args)
      expect((await bad.exited).code, args.join(' ')).toBe(2)
    }
  })
})
