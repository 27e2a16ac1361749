import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { BUILT_IN_CALENDARS, MessageSchema, type Board, type Message, type SubmissionResult } from '@liuyan/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BOARDS } from '../src/seed.js'
import { createBoardService } from '../src/service.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import { ensureBuilt } from './built.js'
import { cleanUp, run, start, stop, tempDir } from './cli-process.js'

// The CLI's server (serve, seed, calendars, crash safety) as a child process from the built
// dist/cli.js, built first when stale. Its database commands: cli-database.test.ts; tokens: cli-token.test.ts.
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
    expect(cli.stdout()).toMatch(/database:\s+\S+board\.db \(SQLite, \d+ read workers?\)/)
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
      [['--read-workers', 'many'], /--read-workers/],
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
