/**
 * Every Open311 fixture (spec examples and real cities' recorded answers, in test/fixtures/open311
 * with their licences) through the GeoReport v2 reader, the requests among them imported into a
 * SQLite board, and this server's own Open311 answers imported back: the round trip.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NewMessageSchema, type Board } from '@liuyan/core'
import { afterAll, describe, expect, it } from 'vitest'
import { importOpen311 } from '../src/import/open311.js'
import { readOpen311Document, requestRecords } from '../src/open311/read.js'
import { createOpen311Handler } from '../src/open311/handler.js'
import { createBoardService } from '../src/service.js'
import { createMemoryStore } from '../src/store/memory.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/types.js'

const DIR = new URL('fixtures/open311/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, DIR), 'utf8')
const BOARD: Board = { id: 'sf-311', name: 'San Francisco 311', kind: 'agency', level: 'city', parentId: null, region: '110000', acceptsMessages: true }

/** What each fixture holds: its kind and number of items, or the reader's error. */
const EXPECTED: Record<string, string> = {
  'codeforamerica-open311-ruby/403.xml': 'errors 1',
  'codeforamerica-open311-ruby/get_service_request.xml': 'requests 1',
  'codeforamerica-open311-ruby/get_service_request_not_found.xml': 'errors 1',
  'codeforamerica-open311-ruby/post_service_request.xml': 'requests 1',
  'codeforamerica-open311-ruby/request_id_from_token.xml': 'requests 1',
  'codeforamerica-open311-ruby/service_definition.xml': 'service_definition',
  'codeforamerica-open311-ruby/service_requests.xml': 'requests 2',
  'codeforamerica-open311-ruby/service_requests_empty.xml': 'requests 0',
  'codeforamerica-open311-ruby/services.xml': 'services 36',
  'open311status/requests_many.xml': 'requests 2',
  'open311status/requests_single.xml': 'requests 1',
  'open311status/service_list.json': 'services 3',
  'open311status/service_requests.json': 'requests 2',
  'open311status/services_giessen.xml': 'services 8',
  'spec-examples/json-discovery.json': 'discovery',
  'spec-examples/json-errors.http.txt': 'errors 1',
  'spec-examples/json-request-from-token.json': 'requests 1',
  'spec-examples/json-service-definition.json': 'service_definition',
  'spec-examples/json-service-list.json': 'error: the document is not valid JSON (it has numbers with leading zeros, such as 001: such codes must be strings)',
  'spec-examples/json-service-request-post.json': 'requests 1',
  'spec-examples/json-service-request.json': 'error: the document is not valid JSON (it has numbers with leading zeros, such as 001: such codes must be strings)',
  'spec-examples/json-service-requests.json': 'error: the document is not valid JSON (it has numbers with leading zeros, such as 001: such codes must be strings)',
  'spec-examples/xml-discovery.xml': 'discovery',
  'spec-examples/xml-errors.http.txt': 'errors 1',
  'spec-examples/xml-request-from-token.xml': 'requests 1',
  'spec-examples/xml-service-definition.xml': 'service_definition',
  'spec-examples/xml-service-list.xml': 'services 3',
  'spec-examples/xml-service-request-post.xml': 'requests 1',
  'spec-examples/xml-service-request.xml': 'requests 1',
  'spec-examples/xml-service-requests.xml': 'requests 2',
}
/** Files that are no GeoReport document: a request (tested with the POST below), the spec, the city list. */
const NOT_DOCUMENTS = new Set(['spec-examples/post-request-example-http.txt', 'spec-examples/georeport_v2-1.swagger.yaml', 'open311status/cities.yml'])

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
async function newStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-open311-'))
  dirs.push(dir)
  const store = createSqliteStore(join(dir, 'board.db'))
  await store.transaction((tx) => tx.putBoard(BOARD))
  return store
}

describe('reading GeoReport v2 documents', () => {
  const files = readdirSync(DIR, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && !/(README|LICENSE)\.md$/.test(f.name))
    .map((f) => join(f.parentPath, f.name).slice(DIR.pathname.length))
    .sort()

  it('knows every fixture', () => {
    expect(files.filter((f) => !NOT_DOCUMENTS.has(f))).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('%s → %s', (file, expected) => {
    let got: string
    try {
      const document = readOpen311Document(read(file))
      got = 'items' in document ? `${document.kind} ${document.items.length}` : document.kind
    } catch (error) {
      got = `error: ${(error as Error).message}`
    }
    expect(got).toBe(expected)
  })

  it('reads the quirks of real servers: error texts, definitions without the wrapper, German text', () => {
    expect(readOpen311Document(read('codeforamerica-open311-ruby/403.xml'))).toEqual({ kind: 'errors', items: [{ description: "Invalid api_key received -- can't proceed with create_request." }] })
    expect(readOpen311Document(read('spec-examples/json-errors.http.txt'))).toEqual({ kind: 'errors', items: [{ code: '403', description: "Invalid api_key received -- can't proceed with create_request." }] })
    const definition = readOpen311Document(read('codeforamerica-open311-ruby/service_definition.xml'))
    expect(definition.kind === 'service_definition' && (definition.value.attributes as unknown[]).length).toBeGreaterThan(0)
    const giessen = readOpen311Document(read('open311status/services_giessen.xml'))
    expect(JSON.stringify(giessen)).toMatch(/[äöüß]/)
  })
})

describe('importing Open311 requests', () => {
  it('imports the recorded requests of real cities and the spec as published messages, once', async () => {
    const store = await newStore()
    const sources = ['codeforamerica-open311-ruby/service_requests.xml', 'open311status/requests_many.xml', 'open311status/service_requests.json', 'spec-examples/xml-service-requests.xml', 'spec-examples/xml-service-request.xml']
    let imported = 0
    for (const file of sources) imported += (await importOpen311(store, requestRecords(readOpen311Document(read(file))), { board: BOARD.id, defaultOffset: '-08:00' })).imported
    // The spec's two requests are the Ruby client's, and xml-service-request.xml repeats one of them.
    expect(imported).toBe(2 + 2 + 2)
    const again = await importOpen311(store, requestRecords(readOpen311Document(read('spec-examples/xml-service-requests.xml'))), { board: BOARD.id })
    expect(again).toMatchObject({ imported: 0, alreadyThere: 2 })

    expect(await store.read.getMessage('open311-638344')).toMatchObject({
      boardId: BOARD.id, type: 'help', domain: 'other', status: 'closed', publish: true, channel: 'import',
      title: 'Sidewalk and Curb Issues · 8TH AVE and JUDAH ST', content: 'Sidewalk and Curb Issues · 8TH AVE and JUDAH ST',
      place: { text: '8TH AVE and JUDAH ST', public: true, coordinates: { lat: 37.762221815, lng: -122.4651145 } },
      createdAt: '2010-04-14T06:37:38-08:00', closedAt: '2010-04-14T06:37:38-08:00', dueAt: '2010-04-15T06:37:38-08:00',
      posts: [{ kind: 'reply', organization: 'San Francisco 311', content: 'Duplicate request.' }],
    })
    expect(await store.read.getMessage('open311-101005420892')).toMatchObject({ status: 'accepted', place: { text: 'Warden Ave / Freeman St, Scarborough', coordinates: { lat: 43.691104288, lng: -79.272306875 } } })
    expect(await store.read.getMessage('open311-14-01100669')).toMatchObject({ createdAt: '2014-07-12T10:58:43-05:00', title: 'Alley Light Out · 1540 W 17TH ST, CHICAGO, IL, 60608' })
    const page = await store.read.listPublicJson({ boardIds: [BOARD.id], limit: 100, publicOnly: true })
    expect(page.items).toHaveLength(6)
  })

  it('skips an item without an id or a time, with its place in the list and the reason', async () => {
    const store = await newStore()
    const document = readOpen311Document(JSON.stringify([{ service_request_id: 1, requested_datetime: '2026-01-02T03:04:05Z' }, { status: 'open' }, { service_request_id: 'x', status: 'open' }, { service_request_id: 'y', requested_datetime: '2026-01-02T03:04:05Z', status: 'sleeping' }]))
    const report = await importOpen311(store, requestRecords(document), { board: BOARD.id })
    expect(report).toMatchObject({ read: 4, imported: 1, skippedCount: 3 })
    expect(report.skipped).toEqual([
      { line: 2, reason: 'the request has no service_request_id' },
      { line: 3, reason: 'request x has no valid requested_datetime' },
      { line: 4, reason: 'request y has the status "sleeping", which is not GeoReport\'s' },
    ])
  })

  it('round-trips this server’s own answers, JSON and XML: the same type, domain, text, place and status', async () => {
    const clock = { at: new Date('2026-11-02T09:00:00+08:00') }
    const source = createBoardService({ store: createMemoryStore(), now: () => clock.at })
    const city: Board = { ...BOARD, id: '220100-gov', name: '长春市人民政府', region: '220100' }
    await source.putBoards([city])
    const { token } = await source.createToken({ label: 'staff', roles: ['reviewer', 'handler'], boardIds: [city.id] })
    const staff = (await source.authenticate(token))!
    for (const [title, type, domain] of [['路灯坏了两周', 'complain', 'urban'], ['公交线路咨询', 'consult', 'transport']] as const) {
      const { id } = await source.submit(NewMessageSchema.parse({
        boardId: city.id, type, domain, title, content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
        place: { text: '朝阳路12号', public: true, coordinates: { lat: 43.88, lng: 125.32 } }, author: { nickname: '市民' }, publish: true,
      }))
      await source.act(staff, id, { action: 'accept' })
    }
    const open311 = createOpen311Handler(source, { jurisdictions: { 'changchun.gov.cn': city.id } })
    for (const format of ['json', 'xml'] as const) {
      const text = await (await open311(new Request(`http://localhost/open311/v2/requests.${format}`))).text()
      const store = await newStore()
      expect((await importOpen311(store, requestRecords(readOpen311Document(text)), { board: BOARD.id })).imported).toBe(2)
      const originals = (await source.listPublic({ boardId: city.id, limit: 10 })).items
      for (const original of originals) {
        const copy = await store.read.getMessage(`open311-${original.id}`)
        expect(copy, format).toMatchObject({ type: original.type, domain: original.domain, title: original.title, content: original.content, place: original.place, status: original.status, createdAt: original.createdAt })
      }
    }
  })
})
