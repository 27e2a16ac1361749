import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { MessageSchema, PublicMessageSchema, type Board } from '@liuyan/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../store/sqlite.js'
import type { Store } from '../store/types.js'
import { importPeopleDaily, ImportSetupError, type PeopleDailyImportOptions } from './people-daily.js'
import { readJsonRecords } from './records.js'

// Source: the project's shared fixtures of the People's Daily board (copied into core's test
// fixtures; see packages/core/test/fixtures/README.md).
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../core/test/fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>
const LEGACY = fixture('liuyan_legacy_queryThreadsList_item.json')
const FLATTENED = fixture('liuyan_zhejiang_flattened_record.json')

const BOARDS: Board[] = [
  { id: '450721-sw', name: '灵山县委书记', kind: 'leader', level: 'county', parentId: null, region: '450721', acceptsMessages: true },
  { id: '330000-gov', name: '浙江省人民政府', kind: 'agency', level: 'province', parentId: null, region: '330000', acceptsMessages: true },
]

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

async function newStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-import-'))
  dirs.push(dir)
  const store = createSqliteStore(join(dir, 'board.db'))
  await store.transaction(async (tx) => {
    for (const board of BOARDS) await tx.putBoard(board)
  })
  return store
}

const jsonLines = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')
const run = (store: Store, text: string, options: Partial<PeopleDailyImportOptions> = {}) =>
  importPeopleDaily(store, readJsonRecords(Readable.from([Buffer.from(text)])), { boards: { boardMap: { 3611: '450721-sw', 14: '330000-gov' } }, ...options })

describe('importPeopleDaily', () => {
  it('imports the samples as published messages of their boards, masked, in the public list', async () => {
    const store = await newStore()
    const report = await run(store, jsonLines(LEGACY, FLATTENED))
    expect(report).toMatchObject({ read: 2, imported: 2, alreadyThere: 0, skippedCount: 0 })

    const legacy = await store.read.getMessage('rmw-9024562')
    expect(MessageSchema.safeParse(legacy).success).toBe(true)
    expect(legacy).toMatchObject({
      boardId: '450721-sw', type: 'complain', domain: 'urban', status: 'accepted', channel: 'web', publish: true,
      title: '新兴路成为混凝土公司专用道路面损严重', author: { nickname: '陈***' },
      createdAt: '2021-01-18T15:22:27.000Z', reviewedAt: '2021-01-19T10:48:57.000Z', publishedAt: '2021-01-19T10:48:57.000Z',
    })
    const zhejiang = await store.read.getMessage('rmw-25275456')
    expect(zhejiang).toMatchObject({ boardId: '330000-gov', domain: 'agriculture', status: 'replied', publishedAt: '2026-05-11T16:00:00.000Z' })

    const page = await store.read.listPublicJson({ boardIds: ['450721-sw', '330000-gov'], limit: 10, publicOnly: true })
    const listed = page.items.map((item) => PublicMessageSchema.parse(JSON.parse(item)))
    expect(listed.map((m) => m.id)).toEqual(['rmw-25275456', 'rmw-9024562'])
    expect(page.items.join('')).not.toMatch(/124\.227\.4|39\.174\.40/)
    await store.close()
  })

  it('adds nothing when the same records come again, in the same run or the next', async () => {
    const store = await newStore()
    const text = jsonLines(LEGACY, FLATTENED, LEGACY)
    expect(await run(store, text)).toMatchObject({ read: 3, imported: 2, alreadyThere: 1 })
    expect(await run(store, text, { batchSize: 1 })).toMatchObject({ read: 3, imported: 0, alreadyThere: 3, skippedCount: 0 })
    expect(await store.read.countMessages()).toBe(2)
    await store.close()
  })

  it('skips a malformed record with its line and reason, and imports the rest', async () => {
    const store = await newStore()
    const text = jsonLines(
      LEGACY,
      '{"tid": 1, "subject": "王小明 13812345678"',
      { ...LEGACY, tid: 2, subject: undefined },
      { ...LEGACY, tid: 3, typeName: '两会' },
      { ...LEGACY, tid: 4, fid: 999 },
      { ...LEGACY, tid: 5, nickName: '一个非常非常非常非常非常非常长的网名超过了二十个字' },
      { ...FLATTENED, tid: 6, id: '6' },
    )
    const skips: unknown[] = []
    const report = await run(store, text, { onSkip: (s) => skips.push(s) })
    expect(report).toMatchObject({ read: 7, imported: 2, alreadyThere: 0, skippedCount: 5 })
    expect(report.skipped).toEqual([
      { line: 2, reason: 'the line is not valid JSON' },
      { line: 3, reason: "Not a People's Daily board record: check the fields subject." },
      { line: 4, reason: 'Record 3 has the message type "两会", which Liuyan does not know; give a fallback type to import it.' },
      { line: 5, reason: 'forum 999 has no board in the board map' },
      { line: 6, reason: 'Record 5 does not make a valid message: check author.nickname.' },
    ])
    expect(skips).toEqual(report.skipped)
    expect(report.skippedByReason['the record has the message type "两会", which Liuyan does not know; give a fallback type to import it.']).toBe(1)
    expect(JSON.stringify(report)).not.toMatch(/王小明|13812345678/)
    expect(await store.read.getMessage('rmw-6')).toMatchObject({ boardId: '330000-gov' })

    expect(await run(store, jsonLines({ ...LEGACY, tid: 3, typeName: '两会' }), { fallbackType: 'suggest' })).toMatchObject({ imported: 1 })
    expect(await store.read.getMessage('rmw-3')).toMatchObject({ type: 'suggest' })
    await store.close()
  })

  it('puts every record on one board when told, and refuses a board that does not exist before writing', async () => {
    const store = await newStore()
    expect(await run(store, jsonLines(LEGACY, FLATTENED), { boards: { board: '330000-gov' } })).toMatchObject({ imported: 2 })
    expect((await store.read.getMessage('rmw-9024562'))?.boardId).toBe('330000-gov')
    await expect(run(store, jsonLines({ ...LEGACY, tid: 8 }), { boards: { board: 'nowhere' } })).rejects.toThrow(ImportSetupError)
    await expect(run(store, jsonLines({ ...LEGACY, tid: 8 }), { boards: { boardMap: { 3611: 'nowhere' } } })).rejects.toThrow(/no board "nowhere"/)
    expect(await store.read.getMessage('rmw-8')).toBeUndefined()
    await store.close()
  })
})
