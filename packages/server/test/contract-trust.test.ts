/**
 * Trust in the loop, over HTTP against every store: the tracking code is the author's secret
 * (no staff answer of any role holds one, staff cannot rate or follow up, a supervisor can only
 * reissue one), review before publication with a public copy, refusals explained to the author,
 * and staff timelines that name the token which acted.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REJECT_REASON_TEXTS } from '@liuyan/core'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import {
  ADMIN_TOKEN,
  conformanceTest,
  expectProblem,
  MAYOR,
  ROLES,
  STORES,
  submission,
  tokenOf,
  UNIT_HANDLER_TOKEN,
  useBoard,
  type ApiReply,
  type TestBoard,
} from './harness.js'
import { testCluster } from './postgres-database.js'

/** Every byte of the SQLite store's files: the database, its WAL and shared memory. */
function sqliteFiles(b: TestBoard): string {
  const store = b.service.store as unknown as { database: { name: string } }
  const dir = dirname(store.database.name)
  return readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1')).join('\n')
}

/**
 * What the PostgreSQL store's database holds: every row of every table as text, and, after a
 * checkpoint, every byte of the database's files and of the write-ahead log (dead row versions
 * included).
 */
async function postgresContents(b: TestBoard): Promise<string> {
  const client = new pg.Client({ connectionString: b.databaseUrl })
  await client.connect()
  try {
    const parts: string[] = []
    const tables = await client.query<{ name: string }>(`SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public'`)
    for (const { name } of tables.rows) {
      parts.push(...(await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`)).rows.map((r) => r.row))
    }
    await client.query('CHECKPOINT')
    const { rows } = await client.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')
    const data = join((await testCluster()).dir, 'data')
    for (const dir of [join(data, 'base', String(rows[0]!.oid)), join(data, 'pg_wal')]) {
      for (const name of readdirSync(dir)) {
        const file = join(dir, name)
        if (statSync(file).isFile()) parts.push(readFileSync(file).toString('latin1'))
      }
    }
    return parts.join('\n')
  } finally {
    await client.end()
  }
}

const SCORES = { overall: 5, resolution: 5, attitude: 5, speed: 5 }

/** Every staff answer a token can reach: the inbox page by page, each message, and its own identity. */
async function crawl(b: TestBoard, token: string): Promise<ApiReply[]> {
  const replies: ApiReply[] = [await b.get('/me', { token })]
  let cursor: string | null = null
  do {
    const page: ApiReply = await b.get(`/inbox?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token })
    expect(page.status).toBe(200)
    replies.push(page)
    for (const item of page.body.items as { id: string }[]) replies.push(await b.get(`/inbox/${item.id}`, { token }))
    cursor = page.body.nextCursor
  } while (cursor)
  return replies
}

describe.each(STORES)('trust in the loop (%s store)', (kind) => {
  describe('the tracking code is the author’s secret', () => {
    const board = useBoard(kind)

    it('no staff answer of any role or scope holds a tracking code, and staff cannot rate or follow up', async () => {
      const b = board()
      const codes: string[] = []
      for (const status of ['pending', 'accepted', 'processing', 'replied', 'closed', 'rejected'] as const) {
        codes.push((await b.arrange(status)).trackingCode)
      }
      // Submitted over HTTP with an Idempotency-Key too: its stored answer holds the code.
      const keyed = await b.post('/messages', submission(), { headers: { 'Idempotency-Key': 'trust-1' } })
      expect(keyed.status).toBe(201)
      codes.push(keyed.body.trackingCode)
      const replied = codes[3]!

      // Every action answer, too.
      const actionAnswers: ApiReply[] = []
      for (const status of ['pending', 'accepted'] as const) {
        const { id } = await b.arrange(status)
        actionAnswers.push(await b.act(id, status === 'pending' ? 'accept' : 'supervise'))
      }
      const tokens = [...ROLES.flatMap((role) => [tokenOf(role), tokenOf(role, 'ministry')]), ADMIN_TOKEN, UNIT_HANDLER_TOKEN]
      for (const token of tokens) {
        for (const reply of [...(await crawl(b, token)), ...actionAnswers]) {
          for (const code of codes) expect(reply.text, `${token} ${reply.text.slice(0, 60)}`).not.toContain(code)
          expect(reply.text).not.toMatch(/"trackingCode"/)
        }
      }

      // What a handler has of a message (its id, anything in the inbox) opens no author's route.
      const [first] = (await b.get('/inbox', { token: tokenOf('handler') })).body.items as { id: string }[]
      for (const token of [undefined, tokenOf('handler'), ADMIN_TOKEN]) {
        expectProblem(await b.post(`/tracking/${first!.id}/evaluation`, SCORES, { ...(token ? { token } : {}) }), 404, 'not_found')
        expectProblem(await b.post(`/tracking/${first!.id}/follow-ups`, { content: '请问什么时候修好？' }, { ...(token ? { token } : {}) }), 404, 'not_found')
      }
      // The author, with the code, still can.
      expect((await b.post(`/tracking/${replied}/evaluation`, SCORES)).status).toBe(201)
      expect(JSON.stringify(b.logs)).not.toMatch(new RegExp(codes.join('|')))
    })

    it('a supervisor reissues a code once, with a reason on the staff timeline; the old code stops working', async () => {
      const b = board()
      const { id, trackingCode: old } = await b.arrange('replied')
      expectProblem(await b.act(id, { action: 'reissue-code', reason: '来电遗失' }, tokenOf('reviewer')), 403, 'forbidden')
      expectProblem(await b.post(`/messages/${id}/actions`, { action: 'reissue-code' }, { token: tokenOf('supervisor') }), 422)

      const headers = { 'Idempotency-Key': `reissue-${id}` }
      const body = { action: 'reissue-code', reason: '留言人来电称查询码遗失，已核实身份' }
      const reply = await b.post(`/messages/${id}/actions`, body, { token: tokenOf('supervisor'), headers })
      expect(reply.status, reply.text).toBe(200)
      const fresh: string = reply.body.trackingCode
      expect(fresh).toMatch(/^[2-9A-HJ-NP-Za-km-z]{12}$/)
      expect(fresh).not.toBe(old)
      expect(reply.body.timeline.at(-1)).toMatchObject({ type: 'reissue-code', note: body.reason, actor: { role: 'supervisor', name: 'supervisor@province' } })
      // A retry of the same request gets the same answer (stored sealed), not a third code.
      const retry = await b.post(`/messages/${id}/actions`, body, { token: tokenOf('supervisor'), headers })
      expect(retry.body.trackingCode).toBe(fresh)

      expectProblem(await b.get(`/tracking/${old}`), 404, 'not_found')
      expect((await b.get(`/tracking/${fresh}`)).body.id).toBe(id)
      // The reissue is staff business: the public and the author see no such event.
      expect((await b.get(`/tracking/${fresh}`)).body.timeline.map((e: { type: string }) => e.type)).not.toContain('reissue-code')
      expect((await b.get(`/inbox/${id}`, { token: ADMIN_TOKEN })).text).not.toContain(fresh)
    })

    if (kind === 'sqlite' || kind === 'postgres') {
      it('the database holds no tracking code in the clear, however it was issued', async () => {
        const b = board()
        const codes = [(await b.arrange('pending')).trackingCode]
        const keyed = await b.post('/messages', submission(), { headers: { 'Idempotency-Key': 'file-scan' } })
        codes.push(keyed.body.trackingCode)
        const { id } = await b.arrange('accepted')
        const reissued = await b.post(`/messages/${id}/actions`, { action: 'reissue-code', reason: '来电' }, { token: ADMIN_TOKEN, headers: { 'Idempotency-Key': 'file-scan-2' } })
        codes.push(reissued.body.trackingCode)
        const bytes = kind === 'sqlite' ? sqliteFiles(b) : await postgresContents(b)
        expect(bytes.length).toBeGreaterThan(10_000)
        // The scan reads the stored messages: their ids are there, their codes are not.
        expect(bytes).toContain(id)
        for (const code of codes) expect(bytes.includes(code), code).toBe(false)
      })
    }
  })

  describe('review before publication', () => {
    const board = useBoard(kind)
    const NAME_TEXT = '我叫刘建国，家住幸福小区，小区门口的路灯坏了两个星期，晚上出行很不方便。'
    const REDACTED = '小区门口的路灯坏了两个星期，晚上出行很不方便。'

    it('accepts without publishing on a reviewing board; redacted, published and hidden again by staff', async () => {
      const b = board()
      const { id, trackingCode } = await b.submit({ boardId: MAYOR, content: NAME_TEXT })
      const accepted = await b.act(id, 'accept', tokenOf('reviewer'))
      expect(accepted.status, accepted.text).toBe(200)
      expect(accepted.body.publishedAt).toBeUndefined()
      expectProblem(await b.get(`/messages/${id}`), 404, 'not_found')
      expect((await b.get('/messages')).body.items.map((m: { id: string }) => m.id)).not.toContain(id)
      expect((await b.get(`/tracking/${trackingCode}`)).body).toMatchObject({ listed: false, publish: true })

      expectProblem(await b.act(id, { action: 'redact', content: REDACTED }, tokenOf('handler')), 403, 'forbidden')
      const redacted = await b.act(id, { action: 'redact', content: REDACTED, note: '隐去留言人姓名' }, tokenOf('reviewer'))
      expect(redacted.body).toMatchObject({ content: NAME_TEXT, publicCopy: { content: REDACTED } })
      const published = await b.act(id, { action: 'publish', note: '已核对' }, tokenOf('reviewer'))
      expect(published.status, published.text).toBe(200)

      const thread = await b.get(`/messages/${id}`)
      expect(thread.body).toMatchObject({ content: REDACTED, redacted: true })
      expect(thread.text).not.toContain('刘建国')
      expect(thread.body.timeline.map((e: { type: string }) => e.type)).toEqual(['submit', 'accept', 'publish'])
      // Search reads the public copy: the withheld name finds nothing.
      expect((await b.get(`/messages?keyword=${encodeURIComponent('刘建国')}`)).body.items).toEqual([])
      expect((await b.get(`/messages?keyword=${encodeURIComponent('路灯坏了')}`)).body.items.map((m: { id: string }) => m.id)).toContain(id)
      // Staff keep the original.
      expect((await b.get(`/inbox/${id}`, { token: tokenOf('handler') })).body.content).toBe(NAME_TEXT)
      expect((await b.get(`/tracking/${trackingCode}`)).body).toMatchObject({ listed: true, redacted: true, content: REDACTED })

      expectProblem(await b.act(id, 'publish', tokenOf('reviewer')), 409, 'already_published')
      expectProblem(await b.post(`/messages/${id}/actions`, { action: 'unpublish' }, { token: tokenOf('supervisor') }), 422)
      expect((await b.act(id, { action: 'unpublish', reason: '发现未隐去的住址' }, tokenOf('supervisor'))).status).toBe(200)
      expectProblem(await b.get(`/messages/${id}`), 404, 'not_found')
      expect((await b.get('/messages')).body.items.map((m: { id: string }) => m.id)).not.toContain(id)
      expectProblem(await b.act(id, { action: 'unpublish', reason: '再次' }, tokenOf('supervisor')), 409, 'not_published')
    })

    it('refuses to publish what the author did not consent to publish', async () => {
      const b = board()
      const { id } = await b.submit({ boardId: MAYOR, publish: false })
      await b.act(id, 'accept')
      expectProblem(await b.act(id, 'publish', tokenOf('reviewer')), 409, 'no_consent')
    })

    it('a board that publishes on acceptance keeps doing so', async () => {
      const b = board()
      const { id } = await b.submit()
      await b.act(id, 'accept')
      expect((await b.get(`/messages/${id}`)).status).toBe(200)
    })
  })

  describe('refusals explained, and who acted', () => {
    const board = useBoard(kind)

    it('the author’s tracking view shows the standard reason and the reviewer’s words', async () => {
      const b = board()
      const { id, trackingCode } = await b.submit()
      const reason = '您反映的问题属于供电公司职责，请拨打95598反映。'
      expect((await b.act(id, { action: 'reject', code: 'out_of_scope', reason }, tokenOf('reviewer'))).status).toBe(200)
      const tracked = await b.get(`/tracking/${trackingCode}`)
      expect(tracked.body).toMatchObject({ status: 'rejected', listed: false, rejection: { code: 'out_of_scope', reason, ...REJECT_REASON_TEXTS['zh-CN'].out_of_scope } })
      // Worded in the request's language, so a page needs no table of every language's texts.
      expect((await b.get(`/tracking/${trackingCode}`, { lang: 'en' })).body.rejection).toEqual({ code: 'out_of_scope', reason, ...REJECT_REASON_TEXTS.en.out_of_scope })
      expect((await b.get(`/tracking/${trackingCode}`, { lang: 'zh-TW' })).body.rejection.label).toBe('不屬於受理範圍')
      expectProblem(await b.act((await b.submit()).id, { action: 'reject', code: 'no_such_reason', reason } as never), 422, 'validation_failed')
    })

    it('the staff timeline names the token that acted; the public timeline only the role', async () => {
      const b = board()
      const { id } = await b.submit()
      await b.act(id, 'accept', tokenOf('reviewer'))
      await b.act(id, 'supervise', tokenOf('supervisor'))
      const staff = (await b.get(`/inbox/${id}`, { token: ADMIN_TOKEN })).body.timeline
      expect(staff.slice(1).map((e: { actor: object }) => e.actor)).toEqual([
        expect.objectContaining({ role: 'reviewer', name: 'reviewer@province' }),
        expect.objectContaining({ role: 'supervisor', name: 'supervisor@province' }),
      ])
      const open = (await b.get(`/messages/${id}`)).body.timeline
      expect(open.map((e: { actor: object }) => e.actor)).toEqual([{ role: 'citizen' }, { role: 'reviewer' }, { role: 'supervisor' }])
      expect(JSON.stringify(open)).not.toMatch(/@province|admin/)
    })
  })
})

conformanceTest()
