import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { BUILT_IN_CALENDARS, MessageSchema, NewMessageSchema, type Board, type Message, type StaffRole, type SubmissionResult } from '@liuyan/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BOARDS } from '../src/seed.js'
import { createBoardService, sha256Hex } from '../src/service.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import { SCHEMA_VERSION } from '../src/store/sqlite/schema.js'
import type { StaffToken } from '../src/store/types.js'
import { ensureBuilt } from './built.js'
import { cleanUp, run, start, stop, tempDir } from './cli-process.js'

// The CLI runs as a child process from the built dist/cli.js, built first when stale.
const TOKEN = 'cli-test-token-3f9a7c21'

/** A request with the path sent exactly as written (fetch would resolve the dot segments first). */
function raw(url: string, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/`, { method, path }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function submission(title: string, author = { nickname: '测试市民', realName: '赵测试', phone: '13912345678' }, remark?: string) {
  return {
    boardId: '220100-gov',
    type: 'complain',
    domain: 'urban',
    title,
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    place: { text: '朝阳区某小区', public: false },
    author,
    ...(remark ? { remark } : {}),
    publish: true,
  }
}

const postJson = (url: string, body: unknown) =>
  fetch(`${url}/api/v1/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  for (const started = Date.now(); !check(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`)
  }
}

beforeAll(() => ensureBuilt(), 240_000)

afterAll(cleanUp)

describe('liuyan-server', () => {
  it('serves the seeded API and a static site, limits submissions, logs no private data and stops on SIGTERM', async () => {
    const tmp = tempDir()
    const site = join(tmp, 'site')
    mkdirSync(join(site, 'sub'), { recursive: true })
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>留言</title><script type="module" src="app.js"></script>')
    writeFileSync(join(site, 'app.js'), 'console.log("liuyan")')
    writeFileSync(join(site, 'styles.css'), 'body { margin: 0 }')
    writeFileSync(join(site, 'sub', 'index.html'), '<p>sub</p>')
    writeFileSync(join(site, '.env'), 'SECRET=DOTFILE-MARKER')
    writeFileSync(join(tmp, 'package.json'), '{"secret":"OUTSIDE-MARKER"}')
    const db = join(tmp, 'data', 'nested', 'board.db')

    const cli = await start([
      '--port', '0', '--db', db, '--seed', 'demo', '--demo-token', TOKEN, '--static', site, '--rate-limit', '2/min', '--tracking-limit', '3/min',
      '--cors-origin', 'https://www.example.gov.cn', '--cors-origin', 'https://m.example.gov.cn',
    ])
    const { url } = cli
    expect(cli.stdout()).toContain(`${url}/api/v1/boards`)
    expect(cli.stdout()).toContain(`${url}/api/v1/openapi.json`)
    // stdout is the log: piped, neither it nor stderr shows the demo token, only its scope.
    expect(cli.stdout()).toMatch(/demo token:\s+the one given to --demo-token; never printed into the log\s+\(reviewer, handler, supervisor on /)
    expect(cli.stdout()).not.toContain(TOKEN)
    expect(cli.stderr()).not.toContain(TOKEN)
    expect(cli.stdout()).toMatch(/rate limit:\s+2 submissions\/min per client, 3 tracking-code requests\/min per client, 120 searches\/min per client/)
    expect(existsSync(db)).toBe(true)

    // API over the seeded database.
    const boards = await fetch(`${url}/api/v1/boards`, { headers: { Origin: 'https://m.example.gov.cn' } })
    expect(boards.status).toBe(200)
    expect(boards.headers.get('access-control-allow-origin')).toBe('https://m.example.gov.cn')
    const boardIds = ((await boards.json()) as { items: { id: string }[] }).items.map((b) => b.id)
    expect(boardIds.sort()).toEqual(DEMO_BOARDS.map((b) => b.id).sort())
    const other = await fetch(`${url}/api/v1/boards`, { headers: { Origin: 'https://evil.example.com' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()

    const list = await fetch(`${url}/api/v1/messages?limit=100`)
    expect(list.status).toBe(200)
    const listText = await list.text()
    const page = JSON.parse(listText) as { items: { author: Record<string, unknown> }[]; nextCursor: string | null }
    expect(page.items.length).toBeGreaterThan(10)
    for (const item of page.items) expect(Object.keys(item.author)).toEqual(['nickname'])
    expect(listText).not.toMatch(/1[3-9]\d{9}/)

    expect((await fetch(`${url}/api/v1/openapi.json`)).headers.get('content-type')).toMatch(/^application\/json/)
    expect((await fetch(`${url}/api/v1/inbox`)).status).toBe(401)
    const inbox = await fetch(`${url}/api/v1/inbox?limit=100`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(inbox.status).toBe(200)
    const staffItems = ((await inbox.json()) as { items: Message[] }).items
    expect(staffItems.some((m) => m.author.realName)).toBe(true)

    // The static site.
    const index = await fetch(`${url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toContain('<title>留言</title>')
    const script = await fetch(`${url}/app.js`)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log("liuyan")')
    expect((await fetch(`${url}/styles.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8')
    const head = await fetch(`${url}/app.js`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await head.text()).toBe('')
    const folder = await fetch(`${url}/sub`, { redirect: 'manual' })
    expect(folder.status).toBe(301)
    expect(folder.headers.get('location')).toBe('/sub/')
    expect(await (await fetch(`${url}/sub/`)).text()).toBe('<p>sub</p>')
    const missing = await fetch(`${url}/missing.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect((await fetch(`${url}/index.html`, { method: 'POST', body: 'x' })).status).toBe(404)

    // Nothing outside the folder, however the path is spelled, and no dot files.
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2fpackage.json', '/sub/..%2f..%2fpackage.json', '/..%5cpackage.json', '/.env', '/%2eenv']) {
      const res = await raw(url, path)
      expect(res.status, path).toBe(404)
      expect(res.body, path).not.toMatch(/OUTSIDE-MARKER|DOTFILE-MARKER/)
    }

    // Two submissions a minute from this client. The limiter's windows follow the wall clock, which a
    // child process cannot have pinned: five submissions made in far less than a minute fall in at
    // most two windows, so at least one answers 429 with Retry-After, and the first two always pass.
    const remark = 'REMARK-仅工作人员可见-7f3a'
    const author = { nickname: '测试市民', realName: '赵测试', phone: '13912345678' }
    const first = await postJson(url, submission('路灯坏了第一次反映', author, remark))
    expect(first.status).toBe(201)
    const { trackingCode } = (await first.json()) as SubmissionResult
    const second = await postJson(url, submission('路灯坏了第二次反映', author, remark))
    expect(second.status).toBe(201)
    const secondCode = ((await second.json()) as SubmissionResult).trackingCode
    const more = []
    for (const n of ['三', '四', '五']) more.push(await postJson(url, submission(`路灯坏了第${n}次反映`, author, remark)))
    const refusedPosts = more.filter((r) => r.status === 429)
    expect(refusedPosts.length).toBeGreaterThanOrEqual(1)
    for (const r of refusedPosts) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(more.every((r) => r.status === 201 || r.status === 429)).toBe(true)
    const tracked = await fetch(`${url}/api/v1/tracking/${trackingCode}`)
    expect(tracked.status).toBe(200)
    expect(await tracked.text()).not.toContain(author.phone)
    // Three requests by tracking code a minute, right or wrong codes alike. With the look-up above
    // these are seven, made in far less than a minute: at most two windows, one of which has four.
    const lookups = []
    for (const code of ['ABCDEFGHJKLM', trackingCode, 'ABCDEFGHJKLN', secondCode, 'ABCDEFGHJKLP', trackingCode]) {
      lookups.push(await fetch(`${url}/api/v1/tracking/${code}`))
    }
    const refused = lookups.filter((r) => r.status === 429)
    expect(refused.length).toBeGreaterThanOrEqual(1)
    for (const r of refused) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(lookups.every((r) => [200, 404, 429].includes(r.status))).toBe(true)

    // One JSON line per request; never a body, a token or a tracking code.
    await until(() => cli.stdout().includes('"/api/v1/tracking/***"'), 'the tracking request in the log')
    const logLines = cli.stdout().split('\n').filter((line) => line.startsWith('{'))
    const parsed = logLines.map((line) => JSON.parse(line) as { method?: string; path: string; status: number; requestId: string; escalation?: unknown; webhook?: unknown })
    // Besides requests, the log has the background work: a deadline escalation run, webhook attempts.
    for (const entry of parsed) if (entry.method === undefined) expect(Object.keys(entry).sort()).toSatisfy((keys: string[]) => keys.includes('escalation') || keys.includes('webhook'))
    const entries = parsed.filter((entry): entry is typeof entry & { method: string } => entry.method !== undefined)
    for (const entry of entries) expect(entry).toMatchObject({ method: expect.any(String), path: expect.any(String), status: expect.any(Number) })
    expect(entries.filter((e) => e.method === 'POST' && e.path === '/api/v1/messages').map((e) => e.status)).toEqual([201, 201, ...more.map((r) => r.status)])
    expect(entries.some((e) => e.path === '/app.js' && e.status === 200)).toBe(true)
    const log = logLines.join('\n')
    for (const secret of [author.phone, author.realName, remark, TOKEN, trackingCode, secondCode]) expect(log).not.toContain(secret)

    expect(await stop(cli)).toBe(0)
  }, 60_000)

  it('--trust-proxy counts clients by X-Forwarded-For and takes the scheme and host from -Proto and -Host; without it they are ignored', async () => {
    const proxied = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'board.example.gov.cn' }
    const submitAs = (url: string, forwardedFor: string, i: number) =>
      fetch(`${url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
        body: JSON.stringify(submission(`代理后面的第${i}条留言`)),
      })
    const openapiServers = async (url: string) =>
      ((await (await fetch(`${url}/api/v1/openapi.json`, { headers: proxied })).json()) as { servers: unknown }).servers
    // One submission a minute per client. The test takes far less than a minute, so its requests
    // fall in at most two rate-limit windows: of three requests on one budget, one is refused.
    const trusting = await start(['--port', '0', '--db', ':memory:', '--seed', 'demo', '--rate-limit', '1/min', '--trust-proxy'])
    expect(trusting.stdout()).toMatch(/client IP:\s+first X-Forwarded-For entry/)
    for (const [i, address] of ['203.0.113.7', '198.51.100.2', '2001:db8::1'].entries()) {
      expect((await submitAs(trusting.url, address, i)).status, address).toBe(201)
    }
    const again = [await submitAs(trusting.url, '203.0.113.7', 3), await submitAs(trusting.url, '203.0.113.7', 4)]
    expect(again.map((r) => r.status)).toContain(429)
    expect(await openapiServers(trusting.url)).toEqual([{ url: 'https://board.example.gov.cn/api/v1' }])
    expect(await stop(trusting)).toBe(0)

    const direct = await start(['--port', '0', '--db', ':memory:', '--seed', 'demo', '--rate-limit', '1/min'])
    expect(direct.stdout()).toMatch(/client IP:\s+the connection's address/)
    const spoofed = [await submitAs(direct.url, '203.0.113.7', 0), await submitAs(direct.url, '198.51.100.2', 1), await submitAs(direct.url, '2001:db8::1', 2)]
    expect(spoofed.map((r) => r.status)).toContain(429)
    expect(await openapiServers(direct.url)).toEqual([{ url: `${direct.url}/api/v1` }])
    expect(await stop(direct)).toBe(0)
  }, 30_000)

  it('refuses bad flags with a clear message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'http'], /--port/],
      [['--port', '70000'], /--port/],
      [['--rate-limit', 'fast'], /--rate-limit/],
      [['--trust-proxy=yes'], /--trust-proxy/],
      [['--tracking-limit', '0/min'], /--tracking-limit/],
      [['--seed', 'production'], /--seed/],
      [['--cors-origin', 'www.example.gov.cn'], /--cors-origin/],
      [['--static', '/nonexistent/liuyan-site'], /--static/],
      [['--demo-token', 'short'], /--demo-token/],
      [['--bogus'], /bogus/],
      [['extra'], /extra|positional/i],
    ]
    await Promise.all(
      cases.map(async ([args, message]) => {
        const cli = run(args)
        const { code } = await cli.exited
        expect(code, args.join(' ')).toBe(2)
        expect(cli.stderr(), args.join(' ')).toMatch(message)
        expect(cli.stderr()).toContain('--help')
      }),
    )
    const help = run(['--help'])
    expect((await help.exited).code).toBe(0)
    expect(help.stdout()).toMatch(/Usage: liuyan-server[\s\S]*--rate-limit[\s\S]*--tracking-limit[\s\S]*--trust-proxy/)
  }, 30_000)

  it('seeds an empty database once with --seed demo, and leaves a database with data as it is, across restarts', async () => {
    const dir = tempDir()
    const args = (db: string) => ['--port', '0', '--db', db, '--seed', 'demo', '--demo-token', TOKEN]
    const boardIds = async (url: string) =>
      (((await (await fetch(`${url}/api/v1/boards`)).json()) as { items: Board[] }).items).map((b) => b.id).sort()

    // An agency's database: its own board under an id the demo also uses, with its own settings.
    const agencyDb = join(dir, 'agency.db')
    const agencyBoard: Board = {
      id: '220100-gov', name: '长春市人民政府（正式）', kind: 'agency', level: 'city', parentId: null, region: '220100',
      acceptsMessages: false, deadlines: { consult: 3 },
    }
    const setup = createSqliteStore(agencyDb)
    await createBoardService({ store: setup }).putBoards([agencyBoard])
    await setup.close()

    const agency = await start(args(agencyDb))
    expect(agency.stdout()).toContain('--seed demo changed nothing: the database already has 1 board and 0 messages')
    expect(await boardIds(agency.url)).toEqual([agencyBoard.id])
    expect(await stop(agency)).toBe(0)
    const after = createSqliteStore(agencyDb)
    try {
      expect(await after.read.listBoards()).toEqual([agencyBoard])
      expect(await after.read.countMessages()).toBe(0)
    } finally {
      await after.close()
    }

    // A demo database: seeded on the first start, left as it is on a restart with the same flags.
    const demoDb = join(dir, 'demo.db')
    const first = await start(args(demoDb))
    const seeded = /seeded (\d+) demo boards and (\d+) demo messages/.exec(first.stdout())
    expect(seeded?.slice(1).map(Number)).toEqual([DEMO_BOARDS.length, expect.any(Number)])
    expect(await stop(first)).toBe(0)
    const second = await start(args(demoDb))
    expect(second.stdout()).toContain(`--seed demo changed nothing: the database already has ${DEMO_BOARDS.length} boards and ${seeded![2]} messages`)
    expect(await boardIds(second.url)).toEqual(DEMO_BOARDS.map((b) => b.id).sort())
    const inbox = await fetch(`${second.url}/api/v1/inbox?limit=1`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(inbox.status).toBe(200)
    expect(await stop(second)).toBe(0)
  }, 30_000)

  // TEST DATA, not State Council notices: made-up years in the shape of a real notice.
  const MADE_UP_2031 = { year: 2031, holidays: ['2031-01-01', '2031-05-01/2031-05-05'], workdays: ['2031-04-27'] }
  const MADE_UP_2032 = { year: 2032, holidays: ['2032-01-01/2032-01-02'], workdays: [] }

  it('registers the years of --calendar files and lists every year it knows', async () => {
    const dir = tempDir()
    const first = join(dir, 'calendar-2031.json')
    const second = join(dir, 'calendar-2032.json')
    writeFileSync(first, JSON.stringify(MADE_UP_2031, null, 2))
    // As a Windows editor saves it: with a byte order mark.
    writeFileSync(second, `\uFEFF${JSON.stringify(MADE_UP_2032)}`)
    const builtIn = BUILT_IN_CALENDARS.map((c) => c.year).join(', ')

    const cli = await start(['--port', '0', '--db', ':memory:', '--calendar', first, '--calendar', second])
    expect(cli.stdout()).toContain(`calendars:   ${builtIn}, 2031, 2032 (2031 from ${first}; 2032 from ${second}); other years count weekends only`)
    expect(await stop(cli)).toBe(0)

    const plain = await start(['--port', '0', '--db', ':memory:'])
    expect(plain.stdout()).toContain(`calendars:   ${builtIn}; other years count weekends only`)
    expect(await stop(plain)).toBe(0)
  }, 30_000)

  it('refuses a bad --calendar file with exit code 2, naming the file and the problem, never a stack trace', async () => {
    const dir = tempDir()
    const file = (name: string, content: unknown) => {
      const path = join(dir, name)
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
      return path
    }
    const good = file('good-2031.json', MADE_UP_2031)
    const { workdays, ...withoutWorkdays } = MADE_UP_2031
    const cases: [string[], RegExp][] = [
      [[join(dir, 'missing.json')], /missing\.json: no such file/],
      [[dir], /: this is a folder, not a JSON file/],
      [[file('not-json.json', '{ year: 2031 }')], /not-json\.json: not valid JSON at line 1, column 3$/m],
      // A file named by mistake: nothing of its text is printed.
      [[file('secrets.env', 'DEMO_TOKEN=lyt_must_not_be_printed\n')], /secrets\.env: not valid JSON/],
      [['/dev/zero'], /\/dev\/zero: this is not a regular file/],
      [[file('misspelt.json', { ...withoutWorkdays, workday: workdays })], /misspelt\.json: .*unknown key "workday"/],
      [[file('bad-date.json', { ...MADE_UP_2031, holidays: ['2031-01-01', '2031-5-1'] })], /bad-date\.json: holidays\[1\]: expected a date YYYY-MM-DD/],
      [[file('weekday.json', { ...MADE_UP_2031, workdays: ['2031-02-03'] })], /weekday\.json: .*"2031-02-03" is a Monday/],
      [[good, file('again-2031.json', { ...MADE_UP_2031, holidays: [] })], /again-2031\.json: 2031 is already given by .*good-2031\.json/],
    ]
    await Promise.all(
      cases.map(async ([files, message]) => {
        const cli = run(['--port', '0', '--db', ':memory:', ...files.flatMap((f) => ['--calendar', f])])
        const { code } = await cli.exited
        expect(code, files.join(' ')).toBe(2)
        expect(cli.stderr(), files.join(' ')).toMatch(message)
        expect(cli.stderr()).toContain(`--calendar ${files[files.length - 1]}`)
        expect(cli.stderr()).not.toMatch(/^\s+at /m)
        expect(cli.stderr()).not.toMatch(/DEMO_TOKEN|lyt_must_not/)
        expect(cli.stdout()).not.toContain('site:')
      }),
    )
  }, 30_000)

  it('keeps every acknowledged submission, complete, through a SIGKILL mid-stream', async () => {
    const db = join(tempDir(), 'board.db')
    const first = await start(['--port', '0', '--db', db, '--rate-limit', 'off', '--seed', 'demo', '--demo-token', TOKEN])
    const acked: SubmissionResult[] = []
    let killed = false
    let inFlight = 0
    let inFlightAtKill = 0
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        inFlight++
        try {
          const res = await postJson(first.url, submission(`耐久测试${w}号第${i}条`, { nickname: `并发${w}`, realName: '耐久测试', phone: '13800000000' }))
          if (killed) continue
          expect(res.status).toBe(201)
          acked.push((await res.json()) as SubmissionResult)
          if (acked.length >= 300 && !killed) {
            killed = true
            inFlightAtKill = inFlight - 1
            first.child.kill('SIGKILL')
          }
        } catch (error) {
          if (!killed) throw error // after the kill, cut connections are expected
        } finally {
          inFlight--
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)))
    expect((await first.exited).signal).toBe('SIGKILL')
    expect(acked.length).toBeGreaterThanOrEqual(300)
    expect(inFlightAtKill).toBeGreaterThan(0)

    // Hundreds of look-ups by tracking code below: more than the default 60 a minute.
    const second = await start(['--port', '0', '--db', db, '--rate-limit', 'off', '--tracking-limit', 'off', '--demo-token', TOKEN])
    const stored = new Map<string, Message>()
    let cursor: string | null = null
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const res = await fetch(`${second.url}/api/v1/inbox?limit=100${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } })
      expect(res.status).toBe(200)
      const page = (await res.json()) as { items: unknown[]; nextCursor: string | null }
      for (const item of page.items) {
        const message = MessageSchema.parse(item)
        expect(message.timeline.length).toBeGreaterThanOrEqual(1)
        expect(message.timeline[0]!.type).toBe('submit')
        stored.set(message.id, message)
      }
      cursor = page.nextCursor
    } while (cursor)
    for (const ack of acked) {
      const message = stored.get(ack.id)
      expect(message, ack.id).toBeDefined()
      expect(JSON.stringify(message)).not.toContain(ack.trackingCode)
      expect(message!.timeline.some((e) => e.type === 'submit')).toBe(true)
    }
    // The author's view by tracking code finds each one as well.
    for (let i = 0; i < acked.length; i += 20) {
      await Promise.all(
        acked.slice(i, i + 20).map(async (ack) => {
          const res = await fetch(`${second.url}/api/v1/tracking/${ack.trackingCode}`)
          expect(res.status).toBe(200)
          const view = (await res.json()) as { id: string; timeline: { type: string }[] }
          expect(view.id).toBe(ack.id)
          expect(view.timeline[0]!.type).toBe('submit')
        }),
      )
    }
    expect(await stop(second)).toBe(0)

    // Every row in the file is a whole message: none half-written, none outside the inbox's scope.
    const store = createSqliteStore(db)
    try {
      expect(await store.read.countMessages()).toBe(stored.size)
      let seen = 0
      let next: string | undefined
      do {
        const page = await store.read.listMessages({ limit: 100, ...(next ? { cursor: next } : {}) })
        for (const message of page.items) {
          expect(MessageSchema.safeParse(message).success).toBe(true)
          expect(message.timeline.length).toBeGreaterThanOrEqual(1)
          seen++
        }
        next = page.nextCursor ?? undefined
      } while (next)
      expect(seen).toBe(stored.size)
    } finally {
      await store.close()
    }
  }, 120_000)
})

describe('liuyan-server tracking key', () => {
  it('keeps the key in a 0600 file beside the database, and refuses to start with a lost or wrong key', async () => {
    const dir = tempDir()
    const db = join(dir, 'board.db')
    const keyFile = `${db}.key`
    const first = await start(['--port', '0', '--db', db, '--seed', 'demo'])
    expect(first.stdout()).toContain(`tracking key: ${keyFile} (created`)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const ack = (await (
      await fetch(`${first.url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ boardId: '220100-gov', type: 'consult', domain: 'urban', title: '路灯什么时候修', content: '小区门口的路灯坏了，请问什么时候能修好？', author: { nickname: '市民' } }),
      })
    ).json()) as SubmissionResult
    expect(await stop(first)).toBe(0)
    expect(readFileSync(db).toString('latin1')).not.toContain(ack.trackingCode)

    // The same key next time: the code still works.
    const second = await start(['--port', '0', '--db', db])
    expect(second.stdout()).toContain(`tracking key: ${keyFile}\n`)
    expect((await fetch(`${second.url}/api/v1/tracking/${ack.trackingCode}`)).status).toBe(200)
    expect(await stop(second)).toBe(0)

    const key = readFileSync(keyFile, 'utf8')
    rmSync(keyFile)
    const lost = run(['--port', '0', '--db', db])
    expect((await lost.exited).code).toBe(2)
    expect(lost.stderr()).toMatch(/tracking key file .*board\.db\.key is missing/)
    expect(existsSync(keyFile)).toBe(false)

    const wrong = run(['--port', '0', '--db', db], { LIUYAN_TRACKING_KEY: 'another-key-of-more-than-32-bytes-0123456789' })
    expect((await wrong.exited).code).toBe(2)
    expect(wrong.stderr()).toMatch(/not the one this database's tracking codes were stored with/)
    expect(wrong.stderr()).not.toContain('another-key')

    const short = run(['--port', '0', '--db', db], { LIUYAN_TRACKING_KEY: 'short' })
    expect((await short.exited).code).toBe(2)
    expect(short.stderr()).toMatch(/shorter than 32 bytes/)

    const restored = await start(['--port', '0', '--db', db], { LIUYAN_TRACKING_KEY: key.trim() })
    expect(restored.stdout()).toContain('tracking key: from LIUYAN_TRACKING_KEY')
    expect((await fetch(`${restored.url}/api/v1/tracking/${ack.trackingCode}`)).status).toBe(200)
    expect(await stop(restored)).toBe(0)
  }, 60_000)
})

describe('liuyan-server migrate', () => {
  it('brings an older database up to date: schema, and tracking codes that were kept in the clear', async () => {
    const db = join(tempDir(), 'board.db')
    const store = createSqliteStore(db)
    const service = createBoardService({ store })
    await service.putBoards([{ id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city', parentId: null, region: '220100', acceptsMessages: true }])
    const { id, trackingCode } = await service.submit(
      NewMessageSchema.parse({ boardId: '220100-gov', type: 'consult', domain: 'urban', title: '路灯什么时候修', content: '小区门口的路灯坏了，请问什么时候能修好？', author: { nickname: '市民' } }),
    )
    // Back to version 2, which kept the code in the clear and knew no tracking key (and had no
    // indexed ancestry, migration 4, nor outbox, counters, terms of keywords, hot spots, reply templates or the
    // indexes of the inbox by deadline, migrations 5–10; migration 11 dropped two insert triggers,
    // put back here as stand-ins for the older migrations to drop again).
    store.database.exec(`CREATE TRIGGER message_scope_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
      CREATE TRIGGER hot_heat_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
      DROP INDEX message_scope_due_key; DROP INDEX messages_due_key; DROP TABLE reply_templates; DROP TRIGGER hot_heat_insert; DROP TRIGGER hot_heat_status; DROP TABLE hot_heat;
      DROP TABLE hot_bands; DROP TABLE hot_members; DROP TABLE hot_scope; DROP TABLE hot_spans;
      DROP TABLE message_terms;
      CREATE VIRTUAL TABLE messages_fts USING fts5 (search_text, content = 'messages', content_rowid = 'rid', tokenize = 'trigram');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN SELECT 1; END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN SELECT 1; END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_text ON messages BEGIN SELECT 1; END;
      DROP INDEX message_scope_due; DROP TABLE stats_counts;
      DROP TABLE delivery_attempts; DROP TABLE deliveries; DROP TABLE webhook_events; DROP TABLE webhooks; DROP TABLE outbox;
      DROP TRIGGER message_scope_insert; DROP TRIGGER message_scope_update; DROP TRIGGER message_scope_delete;
      DROP TABLE message_scope; DROP TABLE board_tree;
      ALTER TABLE messages RENAME COLUMN tracking_hash TO tracking_code;
      DROP INDEX messages_public; DROP INDEX messages_staff;
      CREATE INDEX messages_public ON messages (published_ms DESC, id DESC) WHERE published_ms IS NOT NULL;
      CREATE INDEX messages_staff ON messages (created_ms DESC, id DESC);
      DELETE FROM meta WHERE key LIKE 'setting:%'; PRAGMA user_version = 2`)
    store.database.prepare('UPDATE messages SET tracking_code = ? WHERE id = ?').run(trackingCode, id)
    await store.close()

    const first = run(['migrate', '--db', db])
    expect((await first.exited).code, first.stderr()).toBe(0)
    expect(first.stdout()).toContain(`${db}: schema version ${SCHEMA_VERSION} (migrated from 2); tracking codes stored as keyed hashes (key ${db}.key, created)`)
    expect(readFileSync(db).toString('latin1')).not.toContain(trackingCode)
    const again = run(['migrate', '--db', db])
    expect((await again.exited).code).toBe(0)
    expect(again.stdout()).toContain(`schema version ${SCHEMA_VERSION} (already up to date)`)

    // The author's old code still works on the server, with the key the migration made.
    const server = await start(['--port', '0', '--db', db])
    expect((await fetch(`${server.url}/api/v1/tracking/${trackingCode}`)).status).toBe(200)
    expect(await stop(server)).toBe(0)

    const wrong = run(['migrate', '--db', db], { LIUYAN_TRACKING_KEY: 'another-key-of-more-than-32-bytes-0123456789' })
    expect((await wrong.exited).code).toBe(2)
    const missing = run(['migrate', '--db', join(tempDir(), 'nothing.db')])
    expect((await missing.exited).code).toBe(1)
    expect(missing.stderr()).toMatch(/there is no database at/)
  }, 60_000)
})

describe('liuyan-server token', () => {
  const CITY: Board = { id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city', parentId: null, region: '220100', acceptsMessages: true }
  const UNIT: Board = { id: '220104-cgj', name: '朝阳区城市管理局', kind: 'agency', level: 'unit', parentId: CITY.id, region: '220104', acceptsMessages: true }
  /** Something shaped like a token, to be sure it is never echoed when given in the wrong place. */
  const STRAY_TOKEN = 'kq3FJ0sZ-never-echo-this-token_9x8w7v6u5t4s'

  /** Runs a token command to the end. */
  async function token(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const cli = run(['token', ...args])
    const { code } = await cli.exited
    return { code, stdout: cli.stdout(), stderr: cli.stderr() }
  }

  /** A board database with two boards, and optionally token records written as a script would. */
  async function boardDatabase(records: StaffToken[] = []): Promise<string> {
    const db = join(tempDir(), 'board.db')
    const store = createSqliteStore(db)
    try {
      await createBoardService({ store }).putBoards([CITY, UNIT])
      await store.transaction(async (tx) => {
        for (const record of records) await tx.putToken(record)
      })
    } finally {
      await store.close()
    }
    return db
  }

  async function storedTokens(db: string): Promise<StaffToken[]> {
    const store = createSqliteStore(db, { readonly: true })
    try {
      return await store.read.listTokens()
    } finally {
      await store.close()
    }
  }

  const record = (hash: string, label: string, createdAt = '2026-03-01T00:00:00.000Z'): StaffToken => ({
    hash, label, roles: ['handler'], boardIds: [UNIT.id], createdAt,
  })

  it('creates a token shown once, lists it by its hash only, and revokes it by label', async () => {
    const db = await boardDatabase()
    const created = await token(['create', '--db', db, '--label', ' 朝阳区城市管理局 办理 ', '--role', 'handler', '--role', 'supervisor', '--role', 'handler', '--board', UNIT.id, '--board', CITY.id])
    expect(created.code, created.stderr).toBe(0)
    const secret = /^token: +(\S+)$/m.exec(created.stdout)?.[1]
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const hash = await sha256Hex(secret!)
    expect(created.stdout).toMatch(new RegExp(`^hash: +${hash.slice(0, 12)}$`, 'm'))
    expect(created.stdout).toMatch(/^label: +朝阳区城市管理局 办理$/m)
    expect(created.stdout).toMatch(/^roles: +handler, supervisor$/m)
    expect(created.stdout).toMatch(/^boards: +220104-cgj \(朝阳区城市管理局\), 220100-gov \(长春市人民政府\)$/m)
    expect(created.stderr).toMatch(/shown this once: only its SHA-256 hash is stored/)
    expect(created.stderr).not.toContain(secret)

    // What was stored works as a token of the board service, with what the command printed.
    const stored = await storedTokens(db)
    expect(stored).toEqual([{ hash, label: '朝阳区城市管理局 办理', roles: ['handler', 'supervisor'], boardIds: [UNIT.id, CITY.id], createdAt: expect.any(String) }])

    const listed = await token(['list', '--db', db])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toBe(`${hash.slice(0, 12)}\t朝阳区城市管理局 办理\thandler,supervisor\t220104-cgj,220100-gov\t${stored[0]!.createdAt}\n`)
    expect(listed.stdout + listed.stderr).not.toContain(secret)
    expect(listed.stdout).not.toContain(hash)

    const revoked = await token(['revoke', '--db', db, '--label', '朝阳区城市管理局 办理'])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(revoked.stdout).toMatch(new RegExp(`^revoked ${hash.slice(0, 12)}\t朝阳区城市管理局 办理\t`))
    expect(await storedTokens(db)).toEqual([])
    const empty = await token(['list', '--db', db])
    expect(empty).toMatchObject({ code: 0, stdout: '' })
    expect(empty.stderr).toMatch(/No staff tokens in/)
  }, 30_000)

  it('refuses unknown roles and boards with exit code 2, naming each, and stores nothing', async () => {
    const db = await boardDatabase()
    const refused = await token(['create', '--db', db, '--label', '办理', '--role', 'admin', '--role', 'handler', '--role', 'Reviewer', '--board', UNIT.id, '--board', '220104-cgjj'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/no token created: unknown roles "admin", "Reviewer" \(the roles are reviewer, handler, supervisor\); no board "220104-cgjj" in /)
    expect(refused.stderr).not.toMatch(/"handler"|"220104-cgj"/)
    expect(refused.stderr).toContain('--help')
    expect(refused.stdout).toBe('')
    expect(await storedTokens(db)).toEqual([])
  }, 30_000)

  it('revokes by a unique hash prefix; an ambiguous prefix or label exits 2 naming the tokens, no match exits 1', async () => {
    const twinA = record(`abcdef01${'1'.repeat(56)}`, '环卫处 办理', '2026-03-01T00:00:00.000Z')
    const twinB = record(`abcdef01${'2'.repeat(56)}`, '环卫处 审核', '2026-03-02T00:00:00.000Z')
    const sameLabel = [record('c'.repeat(64), '值班'), record('d'.repeat(64), '值班')]
    // A label written by a script of old, with a tab, an escape sequence and a line break in it.
    const odd = record('e'.repeat(64), 'x\t\u001b[31my\nz', '2026-03-03T00:00:00.000Z')
    // And one with no label at all and an escape sequence for a role.
    const bare = { ...record('f'.repeat(64), '', '2026-03-04T00:00:00.000Z'), label: undefined as unknown as string, roles: ['handler\u001b[2J' as StaffRole] }
    const db = await boardDatabase([twinA, twinB, ...sameLabel, odd, bare])

    const listed = await token(['list', '--db', db])
    expect(listed.code).toBe(0)
    const lines = listed.stdout.trimEnd().split('\n')
    expect(lines.map((line) => line.split('\t')[0])).toEqual(['abcdef011111', 'cccccccccccc', 'dddddddddddd', 'abcdef012222', 'eeeeeeeeeeee', 'ffffffffffff'])
    for (const line of lines) expect(line.split('\t')).toHaveLength(5)
    expect(listed.stdout).not.toContain('\u001b')

    const ambiguous = await token(['revoke', '--db', db, '--hash', 'ABCDEF01'])
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toMatch(/start the hash of 2 tokens \(abcdef011111 环卫处 办理; abcdef012222 环卫处 审核\); give more of the hash/)
    const byLabel = await token(['revoke', '--db', db, '--label', '值班'])
    expect(byLabel.code).toBe(2)
    expect(byLabel.stderr).toMatch(/2 tokens have the label "值班" \(cccccccccccc 值班; dddddddddddd 值班\); revoke one with --hash/)
    const none = await token(['revoke', '--db', db, '--hash', '0123456789ab'])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/no token's hash starts with the digits given/)
    const noLabel = await token(['revoke', '--db', db, '--label', '没有这个'])
    expect(noLabel.code).toBe(1)
    expect(noLabel.stderr).toMatch(/no token has the label "没有这个"/)
    expect((await storedTokens(db)).length).toBe(6)

    const unique = await token(['revoke', '--db', db, '--hash', ' ABCDEF012 '])
    expect(unique.code, unique.stderr).toBe(0)
    expect(unique.stdout).toMatch(/^revoked abcdef012222\t环卫处 审核\thandler\t220104-cgj\t2026-03-02T00:00:00.000Z\n$/)
    const whole = await token(['revoke', '--db', db, '--hash', 'c'.repeat(64)])
    expect(whole.code, whole.stderr).toBe(0)
    const escaped = await token(['revoke', '--db', db, '--hash', 'eeeeeeee'])
    expect(escaped.code).toBe(0)
    expect(escaped.stdout).not.toContain('\u001b')
    const labelless = await token(['revoke', '--db', db, '--hash', 'ffffffff'])
    expect(labelless.code, labelless.stderr).toBe(0)
    expect(labelless.stdout).toMatch(/^revoked ffffffffffff\t\thandler\uFFFD\[2J\t/)
    expect((await storedTokens(db)).map((t) => t.hash)).toEqual([twinA.hash, sameLabel[1]!.hash])
    const again = await token(['revoke', '--db', db, '--hash', 'abcdef012222'])
    expect(again.code).toBe(1)
  }, 30_000)

  it('refuses bad usage with exit code 2 and a clear message, never echoing a token given in the wrong place', async () => {
    const db = await boardDatabase()
    const create = ['create', '--db', db]
    const cases: [string[], RegExp][] = [
      [[], /create, list or revoke/],
      [['frobnicate'], /unknown command/],
      [[STRAY_TOKEN], /unknown command/],
      [[...create, '--role', 'handler', '--board', UNIT.id], /--label/],
      [[...create, '--label', '   ', '--role', 'handler', '--board', UNIT.id], /--label must be 1 to 100 characters/],
      [[...create, '--label', '办'.repeat(101), '--role', 'handler', '--board', UNIT.id], /--label must be 1 to 100 characters/],
      [[...create, '--label', '办理\n审核', '--role', 'handler', '--board', UNIT.id], /--label .*control characters/],
      [[...create, '--label', '办理', '--board', UNIT.id], /at least one --role/],
      [[...create, '--label', '办理', '--role', 'handler'], /at least one --board/],
      [[...create, '--label', '办理', '--role'], /--role/],
      [['list', '--db', ':memory:'], /:memory: holds no tokens/],
      [['list', '--db', ''], /--db must name/],
      [['list', '--db', db, '--bogus'], /unknown option --bogus/],
      [['list', '--db', db, `--${STRAY_TOKEN}`], /unknown option/],
      [['list', '--db', db, 'extra'], /unexpected argument/],
      [['revoke', '--db', db], /--hash HEX or --label TEXT/],
      [['revoke', '--db', db, '--hash', 'abcdef01', '--label', '办理'], /not both/],
      [['revoke', '--db', db, '--hash', 'abc'], /--hash takes the hex SHA-256/],
      [['revoke', '--db', db, '--hash', STRAY_TOKEN], /not the token itself/],
      [['revoke', '--db', db, STRAY_TOKEN], /unexpected argument/],
      [['revoke', '--db', db, '--label', ' '], /--label must not be empty/],
    ]
    await Promise.all(
      cases.map(async ([args, message]) => {
        const result = await token(args)
        expect(result.code, args.join(' ')).toBe(2)
        expect(result.stderr, args.join(' ')).toMatch(message)
        expect(result.stderr, args.join(' ')).toContain('--help')
        expect(result.stderr, args.join(' ')).not.toContain(STRAY_TOKEN)
        expect(result.stderr, args.join(' ')).not.toMatch(/^\s+at /m)
        expect(result.stdout, args.join(' ')).toBe('')
      }),
    )
    expect(await storedTokens(db)).toEqual([])

    // The server's own flags come before no subcommand: a misplaced "token" says where it goes.
    const misplaced = run(['--db', db, 'token', 'list'])
    expect((await misplaced.exited).code).toBe(2)
    expect(misplaced.stderr()).toMatch(/"token" first/)

    for (const [args, usage] of [
      [['--help'], /Usage: liuyan-server token <command>[\s\S]*create[\s\S]*list[\s\S]*revoke/],
      [['create', '--help'], /Usage: liuyan-server token create --label TEXT --role ROLE[\s\S]*--board ID/],
      [['list', '-h'], /Usage: liuyan-server token list/],
      [['revoke', '--help'], /Usage: liuyan-server token revoke \(--hash HEX \| --label TEXT\)/],
    ] as const) {
      const help = await token([...args])
      expect(help.code, args.join(' ')).toBe(0)
      expect(help.stdout, args.join(' ')).toMatch(usage)
    }
    const main = run(['--help'])
    expect((await main.exited).code).toBe(0)
    expect(main.stdout()).toMatch(/liuyan-server token create\|list\|revoke/)
  }, 30_000)

  it('exits 1 when the database cannot be opened, and creates no database', async () => {
    const dir = tempDir()
    const missing = join(dir, 'typo', 'board.db')
    const junk = join(dir, 'junk.db')
    writeFileSync(junk, 'not a database')
    const commands = (db: string) => [
      ['create', '--db', db, '--label', '办理', '--role', 'handler', '--board', UNIT.id],
      ['list', '--db', db],
      ['revoke', '--db', db, '--hash', 'abcdef01'],
    ]
    for (const [db, message] of [[missing, /there is no such file/], [dir, /it is not a file/], [junk, /file is not a database/]] as const) {
      for (const args of commands(db)) {
        const result = await token(args)
        expect(result.code, args.join(' ')).toBe(1)
        expect(result.stderr, args.join(' ')).toMatch(new RegExp(`cannot open the database .*: ${message.source}`))
        expect(result.stderr, args.join(' ')).not.toMatch(/^\s+at /m)
        expect(result.stdout, args.join(' ')).toBe('')
      }
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false)

    // A database of an older schema (a server not yet upgraded runs on it) is left for that server.
    const older = await boardDatabase()
    const setVersion = createSqliteStore(older)
    setVersion.database.pragma('user_version = 1')
    await setVersion.close()
    for (const args of commands(older)) {
      const result = await token(args)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toMatch(/schema version 1 is older than \d+; back it up and start this version of liuyan-server on it once/)
    }
    // Still at version 1: a read-only store refuses it for that reason.
    expect(() => createSqliteStore(older, { readonly: true })).toThrow(/schema version 1, older than/)
  }, 30_000)

  it('creates and revokes tokens while a server runs on the same file: its next request with a revoked token answers 401', async () => {
    const db = await boardDatabase()
    const server = await start(['--port', '0', '--db', db])
    const me = (secret: string) => fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } })

    const created = await token(['create', '--db', db, '--label', '朝阳区城市管理局 办理', '--role', 'handler', '--board', UNIT.id])
    expect(created.code, created.stderr).toBe(0)
    const secret = /^token: +(\S+)$/m.exec(created.stdout)![1]!
    const other = await token(['create', '--db', db, '--label', '长春市 审核', '--role', 'reviewer', '--board', CITY.id])
    const otherSecret = /^token: +(\S+)$/m.exec(other.stdout)![1]!
    expect((await me(secret)).status).toBe(200)
    expect((await me(otherSecret)).status).toBe(200)

    const listed = await token(['list', '--db', db])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout.trimEnd().split('\n')).toHaveLength(2)

    const prefix = (await sha256Hex(secret)).slice(0, 10)
    const revoked = await token(['revoke', '--db', db, '--hash', prefix])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect((await me(secret)).status).toBe(401)
    expect((await me(otherSecret)).status).toBe(200)

    const log = server.stdout()
    expect(log).not.toContain(secret)
    expect(log).not.toContain(otherSecret)
    expect(await stop(server)).toBe(0)
  }, 30_000)
})
