/**
 * Every error of the Board API as a problem document, requests that must not crash the server,
 * CORS, rate limits and Idempotency-Key, over real HTTP against both stores.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sha256Hex } from '../src/service.js'
import {
  ADMIN_TOKEN,
  BASE_PATH,
  call,
  CLOSED_BOARD,
  conformanceTest,
  expectProblem,
  inNode,
  STORES,
  submission,
  tokenOf,
  useBoard,
  type TestBoard,
} from './harness.js'

const ALLOWED_ORIGIN = 'https://www.jl.gov.cn'
const TOO_LONG_TITLE = '关于小区门口路灯长期损坏一直无人维修的问题反映'

/** A body of `size` bytes in chunks, sent without Content-Length. */
function chunked(size: number, chunk = 8192): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close()
      const n = Math.min(chunk, size - sent)
      controller.enqueue(new TextEncoder().encode(sent === 0 ? `{"title":"${'a'.repeat(n - 10)}` : 'a'.repeat(n)))
      sent += n
    },
  })
}

describe.each(STORES)('errors, robustness, CORS, rate limits and idempotency (%s store)', (kind) => {
  describe('problems', () => {
    const board = useBoard(kind)

    it('malformed JSON answers 400 malformed_json', async () => {
      for (const body of ['{"title": ', '', "{'single': 'quotes'}", '{"a":1}}']) {
        expectProblem(await board().call('POST', '/messages', { body, headers: { 'Content-Type': 'application/json' } }), 400, 'malformed_json')
      }
      const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])
      expectProblem(await board().call('POST', '/messages', { body: invalidUtf8, headers: { 'Content-Type': 'application/json' } }), 400, 'malformed_json')
    })

    it('a schema failure answers 422 with issues in the language of Accept-Language', async () => {
      const body = submission({ title: TOO_LONG_TITLE })
      const cases: Array<[string | undefined, string, string, string]> = [
        [undefined, 'zh-CN', '提交的内容有误', '标题不能超过22个字'],
        ['zh-CN,zh;q=0.9', 'zh-CN', '提交的内容有误', '标题不能超过22个字'],
        ['zh-TW', 'zh-TW', '提交的內容有誤', '標題不能超過22個字'],
        ['zh-HK,en;q=0.5', 'zh-TW', '提交的內容有誤', '標題不能超過22個字'],
        ['en-US,en;q=0.9', 'en', 'The submitted data is not valid', 'The title must be at most 22 characters.'],
        ['fr-FR', 'zh-CN', '提交的内容有误', '标题不能超过22个字'],
      ]
      for (const [lang, language, title, message] of cases) {
        const reply = await board().post('/messages', body, lang ? { lang } : {})
        expectProblem(reply, 422, 'validation_failed')
        expect(reply.body.title, lang).toBe(title)
        expect(reply.headers.get('Content-Language'), lang).toBe(language)
        expect(reply.body.issues).toEqual([{ path: ['title'], code: 'too_big', message }])
      }
      const many = await board().post('/messages', { ...submission({ author: { nickname: '', phone: '12345' } }), extra: 1, type: 'rant' }, { lang: 'en' })
      expectProblem(many, 422, 'validation_failed')
      expect(many.body.issues.map((i: { path: unknown[]; code: string }) => [i.path.join('.'), i.code]).sort()).toEqual(
        [['author.nickname', 'required'], ['author.phone', 'invalid_phone'], ['extra', 'unknown_field'], ['type', 'invalid_option']].sort(),
      )
    })

    it('unknown routes and unknown ids answer 404', async () => {
      for (const path of ['/nothing', '/messages/x/y/z', '', '/boards/']) expectProblem(await board().get(path), 404, 'not_found')
      expectProblem(await call('GET', `${board().origin}/elsewhere`), 404, 'not_found')
      expectProblem(await board().get('/messages/missing'), 404, 'not_found')
      expectProblem(await board().act('missing', 'accept'), 404, 'not_found')
      expectProblem(await board().post('/tracking/ABCDEFGHJKLM/evaluation', { overall: 5, resolution: 5, attitude: 5, speed: 5 }), 404, 'not_found')
    })

    it('a method a path does not have answers 405 with Allow', async () => {
      const cases: Array<[string, string, string]> = [
        ['DELETE', '/messages', 'GET, POST'],
        ['PUT', '/boards', 'GET'],
        ['POST', '/boards/220100-gov', 'GET'],
        ['PATCH', '/messages/some-id', 'GET'],
        ['GET', '/messages/some-id/actions', 'POST'],
        ['DELETE', '/inbox', 'GET'],
      ]
      for (const [method, path, allow] of cases) {
        const reply = await board().call(method, path)
        expectProblem(reply, 405, 'method_not_allowed')
        expect(reply.headers.get('Allow'), `${method} ${path}`).toBe(allow)
      }
    })

    it('a body over 64 KB answers 413, with or without Content-Length', async () => {
      const big = JSON.stringify({ ...submission(), content: '路'.repeat(30_000) })
      expect(new TextEncoder().encode(big).byteLength).toBeGreaterThan(65_536)
      expectProblem(await board().call('POST', '/messages', { body: big, headers: { 'Content-Type': 'application/json' } }), 413, 'payload_too_large')
      const streamed = await board().call('POST', '/messages', { body: chunked(100_000), headers: { 'Content-Type': 'application/json' } })
      expectProblem(streamed, 413, 'payload_too_large')
      const staff = await board().call('POST', '/messages/x/actions', { body: chunked(70_000), token: ADMIN_TOKEN, headers: { 'Content-Type': 'application/json' } })
      expectProblem(staff, 413, 'payload_too_large')
      // Just under the limit is read (and then judged on its content).
      expectProblem(await board().call('POST', '/messages', { body: chunked(60_000), headers: { 'Content-Type': 'application/json' } }), 400, 'malformed_json')
      expect((await board().get('/boards')).status).toBe(200)
    })

    it('a body that is not JSON answers 415', async () => {
      const body = JSON.stringify(submission())
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
        expectProblem(await board().call('POST', '/messages', { body, headers: { 'Content-Type': type } }), 415, 'unsupported_media_type')
      }
      expectProblem(await board().call('POST', '/messages', { body: new Blob([body]) }), 415, 'unsupported_media_type')
      const ok = await board().call('POST', '/messages', { body, headers: { 'Content-Type': 'application/json; charset=utf-8' } })
      expect(ok.status).toBe(201)
    })
  })

  describe('no request can crash the server', () => {
    const board = useBoard(kind)
    const json = { 'Content-Type': 'application/json' }

    it('odd paths, huge queries and bad query values answer 4xx problems', async () => {
      const b = board()
      expectProblem(await b.get('/messages/%E0%A4%A'), 400, 'bad_request')
      expectProblem(await b.get('/tracking/%ZZ'), 400, 'bad_request')
      expectProblem(await b.post('/messages/%C0%AF/actions', { action: 'accept' }, { token: ADMIN_TOKEN }), 400, 'bad_request')
      expectProblem(await b.get(`/messages?keyword=${'路'.repeat(1000)}`), 422, 'validation_failed')
      expectProblem(await b.get(`/messages?cursor=${'A'.repeat(9000)}`), 422, 'validation_failed')
      for (const query of ['limit=0', 'limit=1000', 'limit=abc', 'limit=-1', 'limit=2.5', 'status=bogus', 'status=pending,bogus', 'type=rant', 'domain=space', 'from=yesterday', 'to=2026-13-45']) {
        const reply = await b.get(`/messages?${query}`)
        expectProblem(reply, 422, 'validation_failed')
        expect(reply.body.issues.length, query).toBeGreaterThan(0)
      }
      expectProblem(await b.get('/inbox?overdue=maybe', { token: ADMIN_TOKEN }), 422, 'validation_failed')
      // Unknown parameters are ignored, as the list schema documents.
      expect((await b.get(`/messages?utm_source=weixin&page=2&x=${'y'.repeat(5000)}`)).status).toBe(200)
      if (inNode(kind)) {
        // Node's own HTTP parser refuses a request line past its 16 KB header limit, before the handler.
        const huge = await call('GET', `${b.base}/messages?x=${'y'.repeat(20_000)}`, { record: false })
        expect(huge.status).toBe(431)
      }
      expect((await b.get('/boards')).status).toBe(200)
    })

    it('a keyword with control characters answers 422 at keyword, in the request’s language', async () => {
      const b = board()
      // NUL once reached SQLite's FTS5 MATCH string and answered 500; C0, DEL and C1 are all refused.
      for (const keyword of ['%00%00%00', '%00', '%E8%B7%AF%00%E7%81%AF', 'a%01b', '%1Fabc', '%7F', 'ab%C2%80', '%C2%9F%C2%9F%C2%9F', '%E8%B7%AF%0A%E7%81%AF']) {
        for (const path of [`/messages?keyword=${keyword}`, `/inbox?keyword=${keyword}`]) {
          const reply = await b.get(path, { token: ADMIN_TOKEN })
          expectProblem(reply, 422, 'validation_failed')
          expect(reply.body.issues, path).toEqual([{ path: ['keyword'], code: 'invalid_characters', message: '关键词不能包含控制字符' }])
        }
      }
      const en = await b.get('/messages?keyword=%00%00%00', { lang: 'en' })
      expect(en.body.issues).toEqual([{ path: ['keyword'], code: 'invalid_characters', message: 'The keyword must not contain control characters.' }])
      const tw = await b.get('/inbox?keyword=%00%00%00', { lang: 'zh-TW', token: ADMIN_TOKEN })
      expect(tw.body.issues).toEqual([{ path: ['keyword'], code: 'invalid_characters', message: '關鍵詞不能包含控制字元' }])
      expect(b.logs.filter((entry) => entry.status >= 500)).toEqual([])
      // Ordinary keywords, spaces and full-width punctuation included, still search.
      for (const keyword of ['路灯', '路灯 井盖', '路灯，井盖', 'LED']) {
        expect((await b.get(`/messages?keyword=${encodeURIComponent(keyword)}`)).status, keyword).toBe(200)
      }
    })

    it('bodies of the wrong shape answer 422, deep nesting included', async () => {
      const b = board()
      for (const body of ['null', '[]', '42', '"text"', 'true', '[{"action":"accept"}]']) {
        const reply = await b.call('POST', '/messages', { body, headers: json })
        expectProblem(reply, 422, 'validation_failed')
        expect(reply.body.issues[0].code, body).toBe('invalid_type')
      }
      const deepArray = '['.repeat(10_000) + ']'.repeat(10_000)
      expectProblem(await b.call('POST', '/messages', { body: deepArray, headers: json }), 422, 'validation_failed')
      const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)
      expectProblem(await b.call('POST', '/messages', { body: deepObject, headers: json }), 422, 'validation_failed')
      const deepField = `{"title":${deepArray}}`
      expectProblem(await b.call('POST', '/messages', { body: deepField, headers: json }), 422, 'validation_failed')
      expectProblem(await b.call('POST', '/messages/x/actions', { body: deepArray, headers: json, token: ADMIN_TOKEN }), 422, 'validation_failed')
      for (const body of ['null', '[]', '7']) {
        expectProblem(await b.call('POST', '/tracking/ABCDEFGHJKLM/evaluation', { body, headers: json }), 422, 'validation_failed')
      }
      expectProblem(await b.post('/messages', submission(), { headers: { 'Idempotency-Key': 'k'.repeat(256) } }), 400, 'bad_request')
      expect((await b.get('/boards')).status).toBe(200)
      expect((await b.submit()).status).toBe('pending')
    })
  })

  describe('CORS', () => {
    const board = useBoard(kind)

    it('an allowed origin may read answers, errors included, and the Retry-After header', async () => {
      for (const reply of [await board().get('/boards', { headers: { Origin: ALLOWED_ORIGIN } }), await board().get('/nothing', { headers: { Origin: ALLOWED_ORIGIN } })]) {
        expect(reply.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED_ORIGIN)
        expect(reply.headers.get('Access-Control-Expose-Headers')?.split(/,\s*/)).toContain('Retry-After')
        expect(reply.headers.get('Vary')).toMatch(/Origin/)
        expect(reply.headers.get('Access-Control-Allow-Credentials')).toBeNull()
      }
    })

    it('a preflight allows POST with Idempotency-Key', async () => {
      const reply = await board().call('OPTIONS', '/messages', {
        headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
      })
      expect(reply.status).toBe(204)
      expect(reply.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED_ORIGIN)
      expect(reply.headers.get('Access-Control-Allow-Methods')?.split(/,\s*/)).toContain('POST')
      const allowed = reply.headers.get('Access-Control-Allow-Headers')?.toLowerCase().split(/,\s*/)
      expect(allowed).toEqual(expect.arrayContaining(['idempotency-key', 'content-type', 'authorization']))
    })

    it('an origin not on the list gets no Access-Control-Allow-Origin', async () => {
      const headers = { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' }
      for (const reply of [await board().get('/boards', { headers }), await board().call('OPTIONS', '/messages', { headers })]) {
        expect(reply.headers.get('Access-Control-Allow-Origin')).toBeNull()
        expect(reply.headers.get('Access-Control-Allow-Headers')).toBeNull()
      }
    })
  })

  describe('CORS with a wildcard', () => {
    const board = useBoard(kind, { handler: { corsOrigins: ['*'] } })

    it('answers any origin with *, since staff calls carry a token and never cookies', async () => {
      const reply = await board().get('/boards', { headers: { Origin: 'https://any.example' } })
      expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
      expect(reply.headers.get('Access-Control-Allow-Credentials')).toBeNull()
    })
  })

  describe('rate limits', () => {
    const board = useBoard(kind, { handler: { submissionsPerMinute: 2, staffPerMinute: 2 } })
    // The limiter counts per wall-clock minute; pin the wall clock so no window ends mid-test.
    afterEach(() => {
      vi.useRealTimers()
    })

    it('the third submission in a minute answers 429 with Retry-After; reads go on', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:10Z') })
      const b = board()
      expect((await b.post('/messages', submission())).status).toBe(201)
      expect((await b.post('/messages', submission())).status).toBe(201)
      const limited = await b.post('/messages', submission(), { headers: { Origin: ALLOWED_ORIGIN } })
      expectProblem(limited, 429, 'rate_limited')
      expect(limited.headers.get('Retry-After')).toBe('50')
      expect(limited.headers.get('Access-Control-Expose-Headers')).toMatch(/Retry-After/)
      // Follow-ups and ratings share the citizen's budget.
      expectProblem(await b.post('/tracking/ABCDEFGHJKLM/follow-ups', { content: '请尽快处理' }), 429, 'rate_limited')
      expect((await b.get('/messages')).status).toBe(200)
      vi.setSystemTime(new Date('2030-01-01T00:01:00Z'))
      expect((await b.post('/messages', submission())).status).toBe(201)
    })

    it('a staff token over its budget answers 429 with Retry-After', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:05:30Z') })
      const token = tokenOf('reviewer')
      expect((await board().get('/me', { token })).status).toBe(200)
      expect((await board().get('/inbox', { token })).status).toBe(200)
      const limited = await board().get('/me', { token })
      expectProblem(limited, 429, 'rate_limited')
      expect(limited.headers.get('Retry-After')).toBe('30')
      expect((await board().get('/me', { token: tokenOf('handler') })).status).toBe(200)
    })
  })

  describe('rate limit of requests by tracking code', () => {
    // Each client its own budget: told apart by X-Forwarded-For, as behind a trusted proxy.
    const board = useBoard(kind, { handler: { trackingPerMinute: 3, submissionsPerMinute: false }, serve: { trustProxy: true } })
    const as = (client: string, lang?: string) => ({ headers: { 'X-Forwarded-For': client }, ...(lang ? { lang } : {}) })
    const WRONG = 'ABCDEFGHJKLM'
    const scores = { overall: 5, resolution: 5, attitude: 5, speed: 5 }
    afterEach(() => {
      vi.useRealTimers()
    })

    it('a wrong code costs as much as a right one: after three a minute, either answers 429', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:10:15Z') })
      const b = board()
      const { trackingCode } = await b.arrange('processing')
      // One client guesses three times, another looks its own code up three times.
      for (let i = 0; i < 3; i++) expectProblem(await b.get(`/tracking/${WRONG}`, as('203.0.113.1')), 404, 'not_found')
      for (let i = 0; i < 3; i++) expect((await b.get(`/tracking/${trackingCode}`, as('203.0.113.2'))).status).toBe(200)
      for (const client of ['203.0.113.1', '203.0.113.2']) {
        for (const code of [WRONG, trackingCode]) {
          const limited = await b.get(`/tracking/${code}`, as(client, 'en'))
          expectProblem(limited, 429, 'rate_limited')
          expect(limited.body.title).toBe('Too many requests; try again later')
          expect(limited.headers.get('Retry-After')).toBe('45')
          expect(limited.text).not.toContain(code)
        }
      }
      expect((await b.get(`/tracking/${trackingCode}`, as('203.0.113.3', 'zh-CN'))).status).toBe(200)
      expect((await b.get(`/tracking/${WRONG}`, as('203.0.113.1', 'zh-CN'))).body.title).toBe('操作太频繁，请稍后再试')
      // The next minute brings a new budget.
      vi.setSystemTime(new Date('2030-01-01T00:11:00Z'))
      expect((await b.get(`/tracking/${trackingCode}`, as('203.0.113.2'))).status).toBe(200)
      expect(JSON.stringify(b.logs)).not.toContain(trackingCode)
    })

    it('follow-ups and ratings by tracking code spend the same budget, so they are no faster way to guess', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:20:00Z') })
      const b = board()
      const { trackingCode } = await b.arrange('replied')
      const client = as('198.51.100.9')
      expectProblem(await b.post(`/tracking/${WRONG}/follow-ups`, { content: '请问什么时候能修好？' }, client), 404, 'not_found')
      expectProblem(await b.post(`/tracking/${WRONG}/evaluation`, scores, client), 404, 'not_found')
      expect((await b.post(`/tracking/${trackingCode}/evaluation`, scores, client)).status).toBe(201)
      expectProblem(await b.post(`/tracking/${trackingCode}/follow-ups`, { content: '请问什么时候能修好？' }, client), 429, 'rate_limited')
      expectProblem(await b.post(`/tracking/${WRONG}/evaluation`, scores, client), 429, 'rate_limited')
      expectProblem(await b.get(`/tracking/${trackingCode}`, client), 429, 'rate_limited')
    })
  })

  describe('search budget', () => {
    const board = useBoard(kind, { handler: { searchesPerMinute: 2 }, serve: { trustProxy: true } })
    const as = (client: string) => ({ headers: { 'X-Forwarded-For': client } })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('keyword searches have a per-client budget of their own; plain pages and other clients are not touched', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:30:10Z') })
      const b = board()
      const client = as('192.0.2.10')
      expect((await b.get(`/messages?keyword=${encodeURIComponent('路灯')}`, client)).status).toBe(200)
      // A malformed search costs as much as a good one.
      expectProblem(await b.get('/messages?keyword=%00%01', client), 422, 'validation_failed')
      const limited = await b.get(`/messages?keyword=${encodeURIComponent('井盖')}`, client)
      expectProblem(limited, 429, 'rate_limited')
      expect(limited.headers.get('Retry-After')).toBe('50')
      expect((await b.get('/messages?limit=5', client)).status).toBe(200)
      expect((await b.get(`/messages?keyword=${encodeURIComponent('井盖')}`, as('192.0.2.11'))).status).toBe(200)
      vi.setSystemTime(new Date('2030-01-01T00:31:00Z'))
      expect((await b.get(`/messages?keyword=${encodeURIComponent('井盖')}`, client)).status).toBe(200)
    })
  })

  describe('Idempotency-Key', () => {
    const board = useBoard(kind)
    const post = (b: TestBoard, key: string, body: unknown) => b.post('/messages', body, { headers: { 'Idempotency-Key': key } })

    it('the same key and body replay the first answer and store one message', async () => {
      const b = board()
      const before = await b.service.store.read.countMessages()
      const body = submission({ title: '重复提交测试留言' })
      const first = await post(b, 'retry-1', body)
      const second = await post(b, 'retry-1', body)
      expect(first.status).toBe(201)
      expect(second.status).toBe(201)
      expect(second.body).toEqual(first.body)
      expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
      expect(await b.service.store.read.countMessages()).toBe(before + 1)
      // Without a key, the same body is a new message.
      expect((await b.post('/messages', body)).body.id).not.toBe(first.body.id)
    })

    it('the same key with another body answers 422 idempotency_key_reused', async () => {
      const b = board()
      expect((await post(b, 'reuse-1', submission())).status).toBe(201)
      expectProblem(await post(b, 'reuse-1', submission({ title: '另一条留言标题' })), 422, 'idempotency_key_reused')
    })

    it('a request still running with the key answers 409 with Retry-After', async () => {
      const b = board()
      const text = JSON.stringify(submission({ title: '网络重试中的留言' }))
      const fingerprint = await sha256Hex(`POST ${BASE_PATH}/messages\n${text}`)
      await b.service.store.transaction((tx) =>
        tx.beginIdempotency({ scope: 'public', key: 'running-1', fingerprint, state: 'running', createdAt: b.clock.now().toISOString() }),
      )
      const reply = await b.call('POST', '/messages', { body: text, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'running-1' } })
      expectProblem(reply, 409, 'idempotency_in_progress')
      expect(reply.headers.get('Retry-After')).toBe('1')
      expectProblem(await post(b, 'running-1', submission()), 422, 'idempotency_key_reused')
    })

    it('concurrent requests with one key store one message: each answers the same 201 or 409', async () => {
      const b = board()
      const before = await b.service.store.read.countMessages()
      const body = submission({ title: '并发重试的留言' })
      const replies = await Promise.all(Array.from({ length: 6 }, () => post(b, 'burst-1', body)))
      expect(await b.service.store.read.countMessages()).toBe(before + 1)
      const created = replies.filter((r) => r.status === 201)
      expect(created.length).toBeGreaterThanOrEqual(1)
      for (const r of created) expect(r.body).toEqual(created[0]!.body)
      for (const r of replies.filter((x) => x.status !== 201)) expectProblem(r, 409, 'idempotency_in_progress')
      expect((await post(b, 'burst-1', body)).body).toEqual(created[0]!.body)
    })

    it('a failed request releases its key, so a corrected retry with the same key succeeds', async () => {
      const b = board()
      // Refused by the schema before the key is claimed.
      expectProblem(await post(b, 'fix-1', submission({ title: TOO_LONG_TITLE })), 422, 'validation_failed')
      expect((await post(b, 'fix-1', submission())).status).toBe(201)
      // Refused by the service after the key was claimed: the claim is released.
      expectProblem(await post(b, 'fix-2', submission({ boardId: CLOSED_BOARD })), 422, 'validation_failed')
      expect(await b.service.store.read.getIdempotency('public', 'fix-2')).toBeUndefined()
      const fixed = await post(b, 'fix-2', submission())
      expect(fixed.status).toBe(201)
      expect(await b.service.store.read.getIdempotency('public', 'fix-2')).toMatchObject({ state: 'done', response: { status: 201 } })
    })

    it('keys are per caller and expire after 24 hours', async () => {
      const b = board()
      const { id } = await b.submit()
      const accept = (token: string) => b.post(`/messages/${id}/actions`, { action: 'accept' }, { token, headers: { 'Idempotency-Key': 'act-1' } })
      const first = await accept(ADMIN_TOKEN)
      const replayed = await accept(ADMIN_TOKEN)
      expect(first.status).toBe(200)
      expect(replayed.body).toEqual(first.body) // a replay, not a 409 for accepting twice
      expectProblem(await accept(tokenOf('reviewer')), 409, 'invalid_status') // another caller's key is its own
      expect((await post(b, 'act-1', submission())).status).toBe(201) // citizens have their own key space
      b.clock.advance(25 * 3_600_000)
      expect((await post(b, 'act-1', submission({ title: '一天后的新留言' }))).status).toBe(201)
    })
  })
})

conformanceTest()
