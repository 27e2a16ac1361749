import { spawn, spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/store/sqlite.js'
import { CLI, ensureBuilt } from './built.js'

// `liuyan-server import` as a child process from the built CLI, on the People's Daily samples of
// the project's shared fixtures (copied into core's test fixtures; see their README).
const sample = (name: string) => readFileSync(new URL(`../../core/test/fixtures/${name}`, import.meta.url), 'utf8')
const LEGACY = JSON.parse(sample('liuyan_legacy_queryThreadsList_item.json')) as Record<string, unknown>
const FLATTENED = JSON.parse(sample('liuyan_zhejiang_flattened_record.json')) as Record<string, unknown>

let dir: string
let db: string
beforeAll(async () => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'liuyan-import-cli-'))
  db = join(dir, 'board.db')
  const store = createSqliteStore(db)
  await store.transaction(async (tx) => {
    await tx.putBoard({ id: '450721-sw', name: '灵山县委书记', kind: 'leader', level: 'county', parentId: null, region: '450721', acceptsMessages: true })
    await tx.putBoard({ id: '330000-gov', name: '浙江省人民政府', kind: 'agency', level: 'province', parentId: null, region: '330000', acceptsMessages: true })
  })
  await store.close()
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function cli(...args: string[]) {
  // The key file beside the database, which the first run creates.
  const { LIUYAN_TRACKING_KEY: _, ...env } = process.env
  const result = spawnSync(process.execPath, [CLI, 'import', ...args], { encoding: 'utf8', env })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function write(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('liuyan-server import --format people-daily', () => {
  it('imports a JSON array file, reports what it skipped and why, and adds nothing the second time', () => {
    const file = write('records.json', JSON.stringify([LEGACY, { ...LEGACY, tid: 11, typeName: '两会' }, FLATTENED], null, 2))
    const map = write('map.json', JSON.stringify({ 3611: '450721-sw', 14: '330000-gov' }))
    const skipped = join(dir, 'skipped.jsonl')
    const first = cli('--format', 'people-daily', '--board-map', map, '--db', db, '--skipped', skipped, file)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`${file}: 3 records read, 2 imported, 0 already in the database, 1 skipped`)
    // The second record starts on the line after the first one's closing brace.
    const line = JSON.stringify([LEGACY], null, 2).split('\n').length
    expect(first.stdout).toContain(`line ${line}: Record 11 has the message type "两会"`)
    expect(readFileSync(skipped, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { line, reason: 'Record 11 has the message type "两会", which Liuyan does not know; give a fallback type to import it.' },
    ])

    const again = cli('--format', 'people-daily', '--board-map', map, '--db', db, '--fallback-type', 'suggest', file)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(`${file}: 3 records read, 1 imported, 2 already in the database, 0 skipped`)
  }, 60_000)

  it('takes JSON lines and skips the line that is not JSON, naming it', () => {
    const file = write('records.jsonl', [JSON.stringify({ ...LEGACY, tid: 21 }), '{"tid": 22, "subject": "王小明 13812345678"', JSON.stringify({ ...LEGACY, tid: 23 })].join('\n'))
    const result = cli('--format', 'people-daily', '--board', '450721-sw', '--db', db, file)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('3 records read, 2 imported, 0 already in the database, 1 skipped')
    expect(result.stdout).toContain('line 2: the line is not valid JSON')
    expect(result.stdout + result.stderr).not.toMatch(/王小明|13812345678/)
  }, 60_000)

  it('exits 2 on bad usage or a board that does not exist, and 1 without a database or a file', () => {
    const file = write('one.jsonl', JSON.stringify({ ...LEGACY, tid: 31 }))
    expect(cli('--board', '450721-sw', '--db', db, file)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format is required') })
    expect(cli('--format', 'rednet', '--board', 'x', file)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of people-daily') })
    expect(cli('--format', 'people-daily', '--db', db, file)).toMatchObject({ code: 2, stderr: expect.stringContaining('give either --board ID or --board-map FILE') })
    expect(cli('--format', 'people-daily', '--board', 'x', '--fallback-type', 'praise!', file)).toMatchObject({ code: 2, stderr: expect.stringContaining('--fallback-type must be one of') })
    expect(cli('--format', 'people-daily', '--board', 'nowhere', '--db', db, file)).toMatchObject({ code: 2, stderr: expect.stringContaining('there is no board "nowhere"') })
    expect(cli('--format', 'people-daily', '--board', '450721-sw', '--db', join(dir, 'none.db'), file)).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no database at') })
    expect(cli('--format', 'people-daily', '--board', '450721-sw', '--db', db, join(dir, 'none.jsonl'))).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no file at') })
    expect(cli('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: liuyan-server import') })
  }, 60_000)
})

describe('liuyan-server import --format open311', () => {
  const fixture = (path: string) => new URL(`fixtures/open311/${path}`, import.meta.url).pathname
  let server: Server
  let origin: string
  beforeAll(async () => {
    // A GeoReport server on loopback: Toronto's recorded requests, and an error document.
    server = createServer((req, res) => {
      if (req.url === '/v2/requests.xml') {
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(readFileSync(fixture('open311status/requests_many.xml')))
      } else {
        res.writeHead(404, { 'Content-Type': 'text/xml' }).end(readFileSync(fixture('codeforamerica-open311-ruby/get_service_request_not_found.xml')))
      }
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((done) => server.close(done)))

  // spawnSync would block the loopback server above: run the CLI asynchronously.
  const cliAsync = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const { LIUYAN_TRACKING_KEY: _, ...env } = process.env
      const child = spawn(process.execPath, [CLI, 'import', ...args], { env })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
      child.on('exit', (code) => done({ code, stdout, stderr }))
    })

  it('imports a requests document from a file and from a URL, once', async () => {
    const map = write('services.json', JSON.stringify({ 'CSROWR-12': 'help.transport' }))
    const file = await cliAsync('--format', 'open311', '--board', '330000-gov', '--db', db, '--service-map', map, fixture('open311status/service_requests.json'))
    expect(file).toMatchObject({ code: 0, stderr: '' })
    expect(file.stdout).toContain('2 records read, 2 imported, 0 already in the database, 0 skipped')
    const url = await cliAsync('--format', 'open311', '--board', '330000-gov', '--db', db, '--service-map', map, `${origin}/v2/requests.xml`)
    expect(url).toMatchObject({ code: 0, stderr: '' })
    expect(url.stdout).toContain(`${origin}/v2/requests.xml: 2 records read, 2 imported`)
    const again = await cliAsync('--format', 'open311', '--board', '330000-gov', '--db', db, `${origin}/v2/requests.xml`)
    expect(again.stdout).toContain('2 records read, 0 imported, 2 already in the database')
    const store = createSqliteStore(db)
    expect(await store.read.getMessage('open311-101005420892')).toMatchObject({ type: 'help', domain: 'transport', boardId: '330000-gov' })
    await store.close()
  }, 60_000)

  it('says what the server answered, and refuses what is no requests document', async () => {
    const missing = await cliAsync('--format', 'open311', '--board', '330000-gov', '--db', db, `${origin}/v2/nothing.xml`)
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('answered 404: Service request not found with id or token not-an-id') })
    const services = await cliAsync('--format', 'open311', '--board', '330000-gov', '--db', db, fixture('open311status/service_list.json'))
    expect(services).toMatchObject({ code: 1, stderr: expect.stringContaining('holds services, not service requests') })
    const strict = await cliAsync('--format', 'open311', '--board', '330000-gov', '--db', db, fixture('spec-examples/json-service-requests.json'))
    expect(strict).toMatchObject({ code: 1, stderr: expect.stringContaining('numbers with leading zeros') })
    expect(await cliAsync('--format', 'open311', '--board-map', 'x.json', fixture('open311status/service_requests.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--board-map and --fallback-type are for --format people-daily') })
    expect(await cliAsync('--format', 'open311', '--board', '330000-gov', '--offset', '8', fixture('open311status/service_requests.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--offset must be Z or ±HH:MM') })
  }, 60_000)
})

