/**
 * The group robots against receivers on loopback that answer as DingTalk, WeCom and Feishu do and
 * check the signatures themselves, with node:crypto, as those services document them.
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNotifyTransports, type NotifyEvent, type NotifyTransport } from '../src/notify/index.js'

/** 2026-03-02 09:00 China time: the transports' clock and the receivers' "now". */
const NOW = Date.parse('2026-03-02T09:00:00+08:00')
const SECRET = 'SECa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9'
const TOKEN = 'f3b1c2d4e5a6978812345678abcdef0123456789abcdef0123456789abcdef01'

const EVENT: NotifyEvent = {
  id: 'evt_0001',
  type: 'message.assigned',
  timestamp: '2026-03-02T01:30:00.000Z',
  data: { id: 'm_01HZX8', boardId: '220100-gov', type: 'complain', domain: 'urban', title: '小区门口路灯坏了', status: 'assigned', dueAt: '2026-03-16T23:59:59.999+08:00' },
}

interface Received {
  url: URL
  contentType: string | undefined
  body: any
}

/** What the receiver answers next: its robot's own verdict by default, or a forced answer. */
type Answer = { status: number; json?: unknown; text?: string } | 'hang' | undefined

const received: Received[] = []
let next: Answer
const hanging: ServerResponse[] = []
let server: Server
let origin: string

function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
}
function feishuSign(timestamp: string, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64')
}

/** The verdicts of the real services on a request, as their guides describe the checks. */
function verdict(path: string, url: URL, body: any): unknown {
  if (path === '/robot/send') {
    if (url.searchParams.get('access_token') !== TOKEN) return { errcode: 300001, errmsg: 'token is not exist' }
    const timestamp = url.searchParams.get('timestamp')
    const sign = url.searchParams.get('sign')
    if (!timestamp || !sign || Math.abs(Number(timestamp) - NOW) > 3_600_000 || sign !== dingtalkSign(timestamp, SECRET)) {
      return { errcode: 310000, errmsg: `sign not match, more: [token ${TOKEN}]` }
    }
    if (body.msgtype !== 'markdown' || typeof body.markdown?.title !== 'string' || typeof body.markdown?.text !== 'string') return { errcode: 40035, errmsg: 'missing parameter' }
    return { errcode: 0, errmsg: 'ok' }
  }
  if (path === '/cgi-bin/webhook/send') {
    if (url.searchParams.get('key') !== TOKEN) return { errcode: 93000, errmsg: 'invalid webhook url' }
    if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string') return { errcode: 40008, errmsg: 'invalid message type' }
    if (Buffer.byteLength(body.markdown.content) > 4096) return { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' }
    return { errcode: 0, errmsg: 'ok' }
  }
  if (path === `/open-apis/bot/v2/hook/${TOKEN}`) {
    const { timestamp, sign } = body
    if (typeof timestamp !== 'string' || Math.abs(Number(timestamp) * 1000 - NOW) > 3_600_000 || sign !== feishuSign(timestamp, SECRET)) {
      return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} }
    }
    if (body.msg_type !== 'post') return { code: 9499, msg: 'Bad Request', data: {} }
    return { code: 0, msg: 'success', data: {}, StatusCode: 0, StatusMessage: 'success' }
  }
  return undefined
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url!, origin)
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text ? JSON.parse(text) : undefined
      received.push({ url, contentType: req.headers['content-type'], body })
      const answer = next
      next = undefined
      if (answer === 'hang') {
        hanging.push(res)
        return
      }
      if (answer) {
        res.writeHead(answer.status, { 'Content-Type': answer.json === undefined ? 'text/html' : 'application/json' })
        res.end(answer.json === undefined ? (answer.text ?? '') : JSON.stringify(answer.json))
        return
      }
      const json = verdict(url.pathname, url, body)
      if (json === undefined) {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(json))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const res of hanging) res.destroy()
  await new Promise((resolve) => server.close(resolve))
})

const transports = createNotifyTransports({ now: () => NOW, timeoutMs: 2_000, messageLink: (id) => `https://console.example.gov.cn/messages/${id}` })
const byKind = (kind: string): NotifyTransport => transports.find((t) => t.kind === kind)!
const urls = {
  dingtalk: () => `${origin}/robot/send?access_token=${TOKEN}`,
  wecom: () => `${origin}/cgi-bin/webhook/send?key=${TOKEN}`,
  feishu: () => `${origin}/open-apis/bot/v2/hook/${TOKEN}`,
}
const send = (kind: keyof typeof urls, secret: string | undefined = SECRET, event = EVENT) =>
  byKind(kind).send({ url: urls[kind](), secret }, event, new AbortController().signal)
const last = () => received.at(-1)!

it('offers one transport per robot kind', () => {
  expect(transports.map((t) => t.kind)).toEqual(['dingtalk', 'wecom', 'feishu'])
})

describe('DingTalk', () => {
  it('posts a signed markdown message the robot accepts', async () => {
    expect(await send('dingtalk')).toEqual({ ok: true, status: 200, retryable: false })
    const { url, body, contentType } = last()
    expect(contentType).toBe('application/json; charset=utf-8')
    expect(url.searchParams.get('timestamp')).toBe(String(NOW))
    // The sign travels url-encoded (`+`, `/` and `=` escaped) and decodes to the base64 HMAC.
    expect(url.search).toContain(`&sign=${encodeURIComponent(dingtalkSign(String(NOW), SECRET))}`)
    expect(body.markdown.title).toBe('留言已交办：小区门口路灯坏了')
    expect(body.markdown.text).toContain('办理期限：2026-03-16 23:59（北京时间）')
    expect(body.markdown.text).toContain('[查看留言](https://console.example.gov.cn/messages/m_01HZX8)')
  })

  it('fails for good on a wrong secret, and the error shows neither secret nor token', async () => {
    const result = await send('dingtalk', 'SECnot-the-robot-secret')
    expect(result).toMatchObject({ ok: false, status: 200, retryable: false })
    expect(result.error).toMatch(/^code 310000: sign not match/)
    expect(result.error).not.toContain(TOKEN)
    expect(result.error).not.toContain('SECnot-the-robot-secret')
  })

  it('retries a rate limit (130101) but not an unknown token', async () => {
    next = { status: 200, json: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }
    expect(await send('dingtalk')).toMatchObject({ ok: false, retryable: true, error: 'code 130101: send too fast, exceed 20 times per minute' })
    const wrongToken = await byKind('dingtalk').send({ url: `${origin}/robot/send?access_token=nope`, secret: SECRET }, EVENT, new AbortController().signal)
    expect(wrongToken).toMatchObject({ ok: false, retryable: false, error: 'code 300001: token is not exist' })
  })
})

describe('WeCom', () => {
  it('posts a markdown message with the key in the URL and no signature', async () => {
    expect(await send('wecom')).toEqual({ ok: true, status: 200, retryable: false })
    const { url, body } = last()
    expect([...url.searchParams.keys()]).toEqual(['key'])
    expect(body.msgtype).toBe('markdown')
    expect(body.markdown.content.split('\n\n')[0]).toBe('**留言已交办：小区门口路灯坏了**')
  })

  it('keeps a long message within 4,096 bytes', async () => {
    const long = { ...EVENT, data: { ...EVENT.data, title: '路'.repeat(3000) } }
    expect(await send('wecom', undefined, long)).toMatchObject({ ok: true })
    expect(Buffer.byteLength(last().body.markdown.content)).toBeLessThanOrEqual(4096)
  })

  it('retries 45009 (frequency limit), not 93000 (invalid webhook URL), without showing the key', async () => {
    next = { status: 200, json: { errcode: 45009, errmsg: 'api freq out of limit' } }
    expect(await send('wecom')).toMatchObject({ ok: false, retryable: true })
    const wrong = await byKind('wecom').send({ url: `${origin}/cgi-bin/webhook/send?key=deadbeef-0000` }, EVENT, new AbortController().signal)
    expect(wrong).toMatchObject({ ok: false, retryable: false, error: 'code 93000: invalid webhook url' })
  })
})

describe('Feishu', () => {
  it('posts a signed rich-text post the bot accepts', async () => {
    expect(await send('feishu')).toEqual({ ok: true, status: 200, retryable: false })
    const { body } = last()
    expect(body.timestamp).toBe(String(NOW / 1000))
    expect(body.sign).toBe(feishuSign(String(NOW / 1000), SECRET))
    const post = body.content.post.zh_cn
    expect(post.title).toBe('留言已交办：小区门口路灯坏了')
    expect(post.content[0]).toEqual([{ tag: 'text', text: '标题：小区门口路灯坏了' }])
    expect(post.content.at(-1)).toEqual([{ tag: 'a', text: '查看留言', href: 'https://console.example.gov.cn/messages/m_01HZX8' }])
  })

  it('fails for good on a wrong secret (19021), retries 11232', async () => {
    expect(await send('feishu', 'another secret')).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^code 19021: sign match fail/) })
    next = { status: 200, json: { code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]', data: {} } }
    expect(await send('feishu')).toMatchObject({ ok: false, retryable: true })
  })

  it('writes English posts under en_us', async () => {
    const [, , feishu] = createNotifyTransports({ now: () => NOW, locale: 'en' })
    expect(await feishu!.send({ url: urls.feishu(), secret: SECRET }, EVENT, new AbortController().signal)).toMatchObject({ ok: true })
    expect(last().body.content.post.en_us.title).toBe('Message assigned: 小区门口路灯坏了')
  })
})

describe('every robot', () => {
  it.each(['dingtalk', 'wecom', 'feishu'] as const)('%s: retries 429 and 5xx, not 404 or a page that is not the API', async (kind) => {
    next = { status: 503, text: 'busy' }
    expect(await send(kind)).toEqual({ ok: false, status: 503, retryable: true, error: 'HTTP 503' })
    next = { status: 429, text: '' }
    expect(await send(kind)).toMatchObject({ ok: false, status: 429, retryable: true })
    next = { status: 404, text: 'gone' }
    expect(await send(kind)).toMatchObject({ ok: false, status: 404, retryable: false })
    next = { status: 200, text: '<html>captive portal</html>' }
    expect(await send(kind)).toMatchObject({ ok: false, status: 200, retryable: false, error: expect.stringContaining('not JSON') })
  })

  it('gives up on a receiver that never answers, retryably', async () => {
    const [dingtalk] = createNotifyTransports({ now: () => NOW, timeoutMs: 300 })
    next = 'hang'
    expect(await dingtalk!.send({ url: urls.dingtalk(), secret: SECRET }, EVENT, new AbortController().signal)).toEqual({
      ok: false,
      retryable: true,
      error: 'no answer within 300 ms',
    })
  })

  it('answers an aborted delivery as retryable, and a refused connection without the token', async () => {
    const controller = new AbortController()
    next = 'hang'
    const before = hanging.length
    const pending = byKind('wecom').send({ url: urls.wecom() }, EVENT, controller.signal)
    while (hanging.length === before) await new Promise((r) => setTimeout(r, 10))
    controller.abort()
    expect(await pending).toEqual({ ok: false, retryable: true, error: 'delivery aborted' })

    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const refused = await byKind('dingtalk').send({ url: `http://127.0.0.1:${port}/robot/send?access_token=${TOKEN}`, secret: SECRET }, EVENT, new AbortController().signal)
    expect(refused).toEqual({ ok: false, retryable: true, error: 'connection failed (ECONNREFUSED)' })
  })

  it('refuses a target that is not an http(s) URL, for good', async () => {
    for (const kind of ['dingtalk', 'wecom', 'feishu']) {
      expect(await byKind(kind).send({ url: 'file:///etc/passwd' }, EVENT, new AbortController().signal)).toMatchObject({ ok: false, retryable: false })
    }
  })
})
