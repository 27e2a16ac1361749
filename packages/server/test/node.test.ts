/**
 * The Node adapter over a real socket: what it believes of a reverse proxy's headers, and only
 * when told to; and its answers to what Node's HTTP parser refuses, over raw TCP.
 */
import { connect } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { serve } from '../src/node.js'
import { BASE_PATH, conformanceTest, expectProblem, PRIVATE, submission, useBoard, type TestBoard } from './harness.js'

/** POST /messages as the client a proxy names in X-Forwarded-For. */
const submitAs = (board: TestBoard, forwardedFor: string) =>
  board.post('/messages', submission(), { headers: { 'X-Forwarded-For': forwardedFor } })

const servers = async (board: TestBoard, headers: Record<string, string>) => (await board.get('/openapi.json', { headers })).body.servers

// The limiter counts per wall-clock minute; pin the wall clock so no window ends mid-test.
afterEach(() => {
  vi.useRealTimers()
})

/** GET /tracking/{code} as the client a proxy names in X-Forwarded-For. */
const trackAs = (board: TestBoard, forwardedFor: string) => board.get('/tracking/K7mPq2xR9tWz', { headers: { 'X-Forwarded-For': forwardedFor } })

describe('behind a reverse proxy (trustProxy: true)', () => {
  const board = useBoard('memory', { handler: { submissionsPerMinute: 1, trackingPerMinute: 1 }, serve: { trustProxy: true } })

  it('gives each client named in X-Forwarded-For its own rate-limit budget', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:10Z') })
    expect((await submitAs(board(), '203.0.113.7')).status).toBe(201)
    expectProblem(await submitAs(board(), '203.0.113.7'), 429, 'rate_limited')
    expect((await submitAs(board(), '198.51.100.2')).status).toBe(201)
    // Only the first entry counts: the one a proxy that overwrites the header writes.
    expect((await submitAs(board(), '198.51.100.3, 10.0.0.1')).status).toBe(201)
    expectProblem(await submitAs(board(), '198.51.100.3'), 429, 'rate_limited')
  })

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 address', async () => {
    // A minute after the test above, so its counts are gone.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:01:10Z') })
    expect((await submitAs(board(), '2001:db8:1:2::1')).status).toBe(201)
    // A line given a /64 can pick any address in it: another one buys no new budget…
    expectProblem(await submitAs(board(), '2001:db8:1:2:ffff:ffff:ffff:9'), 429, 'rate_limited')
    // …while another /64 is another client.
    expect((await submitAs(board(), '2001:db8:1:3::1')).status).toBe(201)
    // A dual-stack socket names an IPv4 client `::ffff:a.b.c.d`: one client either way.
    expect((await submitAs(board(), '203.0.113.9')).status).toBe(201)
    expectProblem(await submitAs(board(), '::ffff:203.0.113.9'), 429, 'rate_limited')
    // The tracking-code limit counts the same clients.
    expectProblem(await trackAs(board(), '2001:db8:5:6::1'), 404, 'not_found')
    expectProblem(await trackAs(board(), '2001:db8:5:6:a::1'), 429, 'rate_limited')
    expectProblem(await trackAs(board(), '2001:db8:5:7::1'), 404, 'not_found')
    expectProblem(await trackAs(board(), '::ffff:198.51.100.20'), 404, 'not_found')
    expectProblem(await trackAs(board(), '198.51.100.20'), 429, 'rate_limited')
  })

  it('advertises the scheme and host the citizen used in the OpenAPI servers', async () => {
    const host = new URL(board().origin).host
    expect(await servers(board(), { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'board.example.gov.cn' })).toEqual([
      { url: `https://board.example.gov.cn${BASE_PATH}` },
    ])
    // Without X-Forwarded-Host the Host header (which nginx passes on) names the host.
    expect(await servers(board(), { 'X-Forwarded-Proto': 'HTTPS, http' })).toEqual([{ url: `https://${host}${BASE_PATH}` }])
    // Values that are not a scheme or a plain host[:port] are ignored, not pasted into the URL.
    for (const [proto, forwardedHost] of [['javascript', 'evil.example/x?'], ['ftp', 'user@evil.example'], ['https:', 'evil example']]) {
      expect(await servers(board(), { 'X-Forwarded-Proto': proto!, 'X-Forwarded-Host': forwardedHost! }), `${proto} ${forwardedHost}`).toEqual([
        { url: `http://${host}${BASE_PATH}` },
      ])
    }
  })

  it('falls back to Host when X-Forwarded-Host is no host a URL can hold, rather than refuse the request', async () => {
    const host = new URL(board().origin).host
    const withHost = (forwardedHost: string) => servers(board(), { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': forwardedHost })
    for (const forwardedHost of ['board.example.gov.cn:99999', 'board.example.gov.cn:0', '[::::]', '203.0.113.256']) {
      expect(await withHost(forwardedHost), forwardedHost).toEqual([{ url: `https://${host}${BASE_PATH}` }])
    }
    expect(await withHost('board.example.gov.cn:65535')).toEqual([{ url: `https://board.example.gov.cn:65535${BASE_PATH}` }])
    expect(await withHost('[2001:db8::1]:8443')).toEqual([{ url: `https://[2001:db8::1]:8443${BASE_PATH}` }])
  })
})

describe('without a trusted proxy (the default)', () => {
  const board = useBoard('memory', { handler: { submissionsPerMinute: 1 } })

  it('ignores X-Forwarded-For: a client cannot buy a new budget by naming another address', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:10Z') })
    expect((await submitAs(board(), '203.0.113.7')).status).toBe(201)
    expectProblem(await submitAs(board(), '198.51.100.2'), 429, 'rate_limited')
  })

  it('ignores X-Forwarded-Proto and X-Forwarded-Host in the OpenAPI servers', async () => {
    expect(await servers(board(), { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example' })).toEqual([{ url: board().base }])
  })
})

/** A raw HTTP answer, read off the socket. */
interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
  /** Everything the server sent. */
  text: string
}

/**
 * Sends `request` as it is on a new connection and reads until the server closes it, or with
 * `untilFin` until the server ends its side (a client that never sends the rest of its request).
 */
function exchange(origin: string, request: string | Buffer, { untilFin = false } = {}): Promise<string> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (text += chunk))
    // A reset instead of a close would lose the answer: that fails the test.
    socket.on('error', reject)
    if (untilFin) {
      socket.on('end', () => {
        socket.destroy()
        resolve(text)
      })
    }
    socket.on('close', () => resolve(text))
    socket.write(request)
  })
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n')
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = text.slice(end + 4)
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body)
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine!)?.[1]), headers, body: Buffer.from(body, 'latin1').toString('utf8'), text }
}

/** The payload of a chunked body read as latin1 (one character per byte). */
function dechunk(text: string): string {
  let payload = ''
  for (let at = 0; ; ) {
    const lineEnd = text.indexOf('\r\n', at)
    const size = parseInt(text.slice(at, lineEnd), 16)
    if (!(size > 0)) return payload
    payload += text.slice(lineEnd + 2, lineEnd + 2 + size)
    at = lineEnd + 2 + size + 2
  }
}

/** Private data a refused request carries; none of it may come back. */
const TRACKING_CODE = 'K7mPq2xR9tWz'
const TOKEN = 'lyt_secret_token_Zm9yLWVjaG8tdGVzdHM'
const SECRETS = [TRACKING_CODE, TOKEN, PRIVATE.phone, encodeURIComponent(PRIVATE.realName), 'MARKER-7f3a']

/** Asserts the answer is a problem in the fetch handler's shape, echoing nothing of the request. */
function expectRawProblem(answer: RawAnswer, status: number, code: string, title: string): void {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8')
  expect(answer.headers['content-language']).toBe('zh-CN')
  expect(answer.headers['connection']).toBe('close')
  expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body))
  const problem = JSON.parse(answer.body)
  expect(problem).toEqual({ type: `urn:liuyan:problem:${code}`, title, status, code, requestId: expect.any(String) })
  expect(answer.headers['x-request-id']).toBe(problem.requestId)
  for (const secret of SECRETS) expect(answer.text).not.toContain(secret)
}

describe('requests Node’s HTTP parser refuses', () => {
  const board = useBoard('memory')

  it('headers over the limit answer 431 as a problem document', async () => {
    const request =
      `GET ${BASE_PATH}/tracking/${TRACKING_CODE}?phone=${PRIVATE.phone} HTTP/1.1\r\nHost: board.example\r\n` +
      `Authorization: Bearer ${TOKEN}\r\nAccept-Language: en\r\nCookie: MARKER-7f3a${'a'.repeat(20_000)}\r\n\r\n`
    expectRawProblem(parseAnswer(await exchange(board().origin, request)), 431, 'headers_too_large', '请求的地址或请求头过长')
  })

  it('a request line over the limit answers 431 as well', async () => {
    const request = `GET ${BASE_PATH}/tracking/${TRACKING_CODE}?name=${encodeURIComponent(PRIVATE.realName)}&q=${'b'.repeat(20_000)} HTTP/1.1\r\nHost: board.example\r\n\r\n`
    expectRawProblem(parseAnswer(await exchange(board().origin, request)), 431, 'headers_too_large', '请求的地址或请求头过长')
  })

  it('a malformed request answers 400 bad_request like the fetch handler does', async () => {
    const requests: (string | Buffer)[] = [
      // A header line without a colon.
      `POST ${BASE_PATH}/tracking/${TRACKING_CODE}/follow-ups HTTP/1.1\r\nHost: board.example\r\nAuthorization Bearer ${TOKEN}\r\n\r\n`,
      // A request line that is not HTTP.
      `GET ${BASE_PATH}/tracking/${TRACKING_CODE} MARKER-7f3a\r\n\r\n`,
      // A TLS handshake sent to the plain-HTTP port.
      Buffer.from('16030100a5010000a10303' + '00'.repeat(64), 'hex'),
    ]
    for (const request of requests) {
      expectRawProblem(parseAnswer(await exchange(board().origin, request)), 400, 'bad_request', '请求有误')
    }
    // A request Node parses but no URL can be built from reaches the adapter's own 400, same shape.
    const answer = parseAnswer(await exchange(board().origin, `GET ${BASE_PATH}/boards HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n`))
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toEqual({ type: 'urn:liuyan:problem:bad_request', title: '请求有误', status: 400, code: 'bad_request', requestId: answer.headers['x-request-id'] })
    expect(answer.headers['content-language']).toBe('zh-CN')
  })

  it('the server goes on answering', async () => {
    await exchange(board().origin, `GET / HTTP/1.1\r\nHost: ${'x'.repeat(40_000)}\r\n\r\n`)
    expect((await board().get('/boards')).status).toBe(200)
  })
})

describe('request targets other than a path', () => {
  const board = useBoard('memory')
  const proxied = useBoard('memory', { serve: { trustProxy: true } })
  const openapi = `${BASE_PATH}/openapi.json`

  /** `GET target` over a raw connection, with the board's own Host unless `fields` name one. */
  async function get(on: TestBoard, target: string, fields = `Host: ${new URL(on.origin).host}\r\n`): Promise<RawAnswer> {
    return parseAnswer(await exchange(on.origin, `GET ${target} HTTP/1.1\r\n${fields}Connection: close\r\n\r\n`))
  }

  it('answer 400 as a problem document, so the target cannot name the scheme or host of the request URL', async () => {
    // By its path, the OpenAPI document names the server the client connected to.
    expect(JSON.parse((await get(board(), openapi)).body).servers).toEqual([{ url: board().base }])
    const { host } = new URL(board().origin)
    // Absolute form (even naming this server), a scheme-relative `//host`, and `/\host`, which URL
    // parsers read as `//host`.
    for (const target of [`https://evil.example${openapi}`, `http://${host}${openapi}`, `//evil.example${openapi}`, `/\\evil.example${openapi}`]) {
      const answer = await get(board(), target)
      expectRawProblem(answer, 400, 'bad_request', '请求有误')
      expect(answer.text, target).not.toContain('evil.example')
    }
    // The asterisk form, which Node passes on as the URL `*`.
    const asterisk = parseAnswer(await exchange(board().origin, `OPTIONS * HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`))
    expectRawProblem(asterisk, 400, 'bad_request', '请求有误')
  })

  it('answer 400 behind a trusted proxy too: the target does not beat X-Forwarded-Proto and -Host', async () => {
    const fields = `Host: ${new URL(proxied().origin).host}\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: board.example.gov.cn\r\n`
    expect(JSON.parse((await get(proxied(), openapi, fields)).body).servers).toEqual([{ url: `https://board.example.gov.cn${BASE_PATH}` }])
    expectRawProblem(await get(proxied(), `http://evil.example${openapi}`, fields), 400, 'bad_request', '请求有误')
  })

  it('a Host header that would end the host early answers 400 rather than change the path', async () => {
    // `http://evil.example/x?` + the path would route to /x with the path as its query.
    for (const host of ['evil.example/x?', 'evil.example?', 'evil.example#', 'evil.example\\x']) {
      expectRawProblem(await get(board(), openapi, `Host: ${host}\r\n`), 400, 'bad_request', '请求有误')
    }
  })
})

describe('a refused request after an answer has begun on the same connection', () => {
  it('closes the connection without splicing a problem into the answer under way', async () => {
    // A download whose head is sent and whose body waits: the next request on the connection is
    // refused by the parser while this answer is still being written.
    let sendRest!: () => void
    const running = await serve(async () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('FIRST-CHUNK'))
          sendRest = () => controller.close()
        },
      })
      return new Response(body, { headers: { 'Content-Length': '2000000', 'Content-Type': 'application/octet-stream' } })
    }, { port: 0 })
    try {
      const { port } = new URL(running.url)
      const text = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1')
        let received = ''
        let refused = false
        socket.setEncoding('latin1')
        socket.on('data', (chunk: string) => {
          received += chunk
          if (!refused && received.includes('FIRST-CHUNK')) {
            refused = true
            socket.write('NOT HTTP AT ALL\r\n\r\n')
          }
        })
        socket.on('error', reject)
        socket.on('close', () => resolve(received))
        socket.write('GET /download HTTP/1.1\r\nHost: board.example\r\n\r\n')
      })
      expect(text).toMatch(/^HTTP\/1\.1 200 /)
      expect(text).toContain('FIRST-CHUNK')
      expect(text).not.toContain('problem')
      expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1)
    } finally {
      sendRest?.()
      running.server.closeAllConnections()
      await running.close()
    }
  })
})

conformanceTest()

describe('the API’s own answers', () => {
  const board = useBoard('memory')

  it('carry Content-Length, not a chunked body', async () => {
    const { host } = new URL(board().origin)
    for (const path of ['/boards', '/messages?limit=1', '/tracking/K7mPq2xR9tWz']) {
      const answer = parseAnswer(await exchange(board().origin, `GET ${BASE_PATH}${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`))
      expect(answer.headers['transfer-encoding'], path).toBeUndefined()
      expect(Number(answer.headers['content-length']), path).toBe(Buffer.byteLength(answer.body))
      expect(JSON.parse(answer.body), path).toBeTypeOf('object')
    }
  })
})

describe('a body over the limit', () => {
  const board = useBoard('memory', { handler: { submissionsPerMinute: false } })

  it('answers 413 that the client can read, every time: the server reads the rest before it closes', async () => {
    // 2 MB (limit 64 KB) from Node's fetch: closing on unread bytes reset the connection before
    // the client read the answer, about one time in three.
    const body = JSON.stringify({ title: 'a'.repeat(2_000_000) })
    for (let i = 0; i < 12; i++) {
      const reply = await board().call('POST', '/messages', { body, headers: { 'Content-Type': 'application/json' }, record: false })
      expectProblem(reply, 413, 'payload_too_large')
    }
    // And without Content-Length, streamed in chunks.
    for (let i = 0; i < 4; i++) {
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let n = 0; n < 32; n++) controller.enqueue(new TextEncoder().encode('b'.repeat(65_536)))
          controller.close()
        },
      })
      const reply = await board().call('POST', '/messages', { body: chunks, headers: { 'Content-Type': 'application/json' }, record: false })
      expectProblem(reply, 413, 'payload_too_large')
    }
    expect((await board().get('/boards')).status).toBe(200)
  })
})

describe('a client that goes away mid-upload', () => {
  const board = useBoard('memory', { handler: { submissionsPerMinute: false } })

  it('is logged as 499 client_aborted, not as a server error', async () => {
    const { hostname, port } = new URL(board().origin)
    for (const path of ['/messages', '/tracking/K7mPq2xR9tWz/follow-ups']) {
      const socket = connect(Number(port), hostname)
      await new Promise<void>((resolve) => socket.once('connect', resolve))
      socket.write(`POST ${BASE_PATH}${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"title":"${PRIVATE.phone}`)
      socket.destroy()
    }
    await eventually(async () => board().logs.filter((e) => e.method === 'POST').length === 2, 'both requests in the log')
    for (const entry of board().logs.filter((e) => e.method === 'POST')) {
      expect(entry).toMatchObject({ status: 499, code: 'client_aborted' })
      expect(entry.error).toBeUndefined()
      expect(JSON.stringify(entry)).not.toContain(PRIVATE.phone)
    }
    expect((await board().get('/boards')).status).toBe(200)
  })
})

/** Opens a connection, sends `request`, and resolves with what came back once the server ends it. */
function slowClient(origin: string, request: string): Promise<string> {
  // The server's FIN is enough: this client never sends the rest.
  return exchange(origin, request, { untilFin: true })
}

/** Resolves once `check` resolves true, polling; fails after a generous bound. */
async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !(await check()); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`)
  }
}

describe('slow clients', () => {
  const board = useBoard('memory', { serve: { headersTimeoutMs: 300, requestTimeoutMs: 300 } })

  it('a body that never finishes, or headers that never end, answer 408 and the connection closes', { timeout: 20_000 }, async () => {
    const { host } = new URL(board().origin)
    const requests = [
      `POST ${BASE_PATH}/messages HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":"`,
      `GET ${BASE_PATH}/boards HTTP/1.1\r\nHost: ${host}\r\n`,
    ]
    // Closed well within the bound, whatever the machine's speed: the timeouts are 300 ms.
    const answers = await Promise.all(requests.map((request) => slowClient(board().origin, request)))
    for (const text of answers) expectRawProblem(parseAnswer(text), 408, 'request_timeout', '请求超时，请重试')
    expect((await board().get('/boards')).status).toBe(200)
  })
})

describe('connections per client address', () => {
  const board = useBoard('memory', { serve: { maxConnectionsPerClient: 3 } })

  it('a client past the cap is refused until one of its connections closes', { timeout: 20_000 }, async () => {
    const { hostname, port } = new URL(board().origin)
    const open = async () => {
      const socket = connect(Number(port), hostname)
      let text = ''
      socket.setEncoding('latin1').on('data', (chunk: string) => (text += chunk))
      socket.on('error', () => {})
      const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(text)))
      socket.write(`GET ${BASE_PATH}/boards HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`)
      return { socket, closed, answered: () => text.startsWith('HTTP/1.1 200 ') }
    }
    // Three kept-alive connections, each answered, so the server has counted them.
    const held = [await open(), await open(), await open()]
    await eventually(async () => held.every((c) => c.answered()), 'three answers')
    // A fourth is closed unanswered.
    expect(await (await open()).closed).toBe('')
    // Once one closes, the client is served again.
    held[0]!.socket.destroy()
    await eventually(async () => {
      const next = await open()
      await eventually(async () => next.answered() || next.socket.destroyed, 'an answer or a close')
      next.socket.destroy()
      return next.answered()
    }, 'a served connection')
    for (const c of held) c.socket.destroy()
  })
})

describe('a request target in raw UTF-8', () => {
  const board = useBoard('memory')

  /** `GET target` with the target's characters sent as raw UTF-8 bytes, not percent-encoded. */
  async function getRaw(target: string | Buffer): Promise<RawAnswer> {
    const { host } = new URL(board().origin)
    const head = Buffer.concat([Buffer.from('GET '), Buffer.from(target), Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)])
    return parseAnswer(await exchange(board().origin, head))
  }

  it('is read as UTF-8, as curl sends `?keyword=井盖`', async () => {
    const { id } = await board().arrange('replied', { title: '井盖缺失很危险', content: '路口的井盖丢了一个星期，晚上走路很危险，请尽快补上。' })
    const found = await getRaw(`${BASE_PATH}/messages?keyword=井盖`)
    expect(found.status, found.text).toBe(200)
    expect(JSON.parse(found.body).items.map((m: { id: string }) => m.id)).toEqual([id])
    // Characters with the byte 0xA0 in their UTF-8 (a no-break space, read as latin1).
    expect((await getRaw(`${BASE_PATH}/messages?keyword=à蠠`)).status).toBe(200)
    // The same as percent-encoded.
    expect(JSON.parse((await getRaw(`${BASE_PATH}/messages?keyword=${encodeURIComponent('井盖')}`)).body).items).toHaveLength(1)
    // In the path as well: the board id is decoded, and unknown.
    const path = await getRaw(`${BASE_PATH}/boards/长春`)
    expect(path.status, path.text).toBe(404)
    expect(JSON.parse(path.body).code).toBe('not_found')
  })

  it('that is not valid UTF-8 answers 400 saying so', async () => {
    const answer = await getRaw(Buffer.concat([Buffer.from(`${BASE_PATH}/messages?keyword=`), Buffer.from([0xe4, 0xba]), Buffer.from('x')]))
    expectRawProblem(answer, 400, 'malformed_target', '请求地址含有不是 UTF-8 的字节，请对非 ASCII 字符进行百分号编码')
  })
})
