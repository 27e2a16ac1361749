/**
 * The group robots against receivers on loopback that answer as DingTalk, WeCom and Feishu do and
 * check the signatures themselves, with node:crypto, as those services document them.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createNotifyTransports, type NotifyTransport } from '../src/notify/index.js'
import { dingtalkSign, EVENT, feishuSign, NOW, receiver, SECRET, TOKEN, useRobotReceiver } from './robot-receiver.js'

useRobotReceiver()

const transports = createNotifyTransports({ now: () => new Date(NOW), timeoutMs: 2_000, messageLink: (id) => `https://console.example.gov.cn/messages/${id}` })
const byKind = (kind: string): NotifyTransport => transports.find((t) => t.kind === kind)!
const urls = {
  dingtalk: () => `${receiver.origin}/robot/send?access_token=${TOKEN}`,
  wecom: () => `${receiver.origin}/cgi-bin/webhook/send?key=${TOKEN}`,
  feishu: () => `${receiver.origin}/open-apis/bot/v2/hook/${TOKEN}`,
}
const send = (kind: keyof typeof urls, secret: string | undefined = SECRET, event = EVENT) =>
  byKind(kind).send({ url: urls[kind](), secret }, event, new AbortController().signal)
const last = () => receiver.received.at(-1)!

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
    receiver.next = { status: 200, json: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }
    expect(await send('dingtalk')).toMatchObject({ ok: false, retryable: true, error: 'code 130101: send too fast, exceed 20 times per minute' })
    const wrongToken = await byKind('dingtalk').send({ url: `${receiver.origin}/robot/send?access_token=nope`, secret: SECRET }, EVENT, new AbortController().signal)
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
    receiver.next = { status: 200, json: { errcode: 45009, errmsg: 'api freq out of limit' } }
    expect(await send('wecom')).toMatchObject({ ok: false, retryable: true })
    const wrong = await byKind('wecom').send({ url: `${receiver.origin}/cgi-bin/webhook/send?key=deadbeef-0000` }, EVENT, new AbortController().signal)
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
    receiver.next = { status: 200, json: { code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]', data: {} } }
    expect(await send('feishu')).toMatchObject({ ok: false, retryable: true })
  })

  it('writes English posts under en_us', async () => {
    const [, , feishu] = createNotifyTransports({ now: () => new Date(NOW), locale: 'en' })
    expect(await feishu!.send({ url: urls.feishu(), secret: SECRET }, EVENT, new AbortController().signal)).toMatchObject({ ok: true })
    expect(last().body.content.post.en_us.title).toBe('Message assigned: 小区门口路灯坏了')
  })
})

describe('every robot', () => {
  it.each(['dingtalk', 'wecom', 'feishu'] as const)('%s: retries 429 and 5xx, not 404 or a page that is not the API', async (kind) => {
    receiver.next = { status: 503, text: 'busy' }
    expect(await send(kind)).toEqual({ ok: false, status: 503, retryable: true, error: 'HTTP 503' })
    receiver.next = { status: 429, text: '' }
    expect(await send(kind)).toMatchObject({ ok: false, status: 429, retryable: true })
    receiver.next = { status: 404, text: 'gone' }
    expect(await send(kind)).toMatchObject({ ok: false, status: 404, retryable: false })
    receiver.next = { status: 200, text: '<html>captive portal</html>' }
    expect(await send(kind)).toMatchObject({ ok: false, status: 200, retryable: false, error: expect.stringContaining('not JSON') })
  })

  it('gives up on a receiver that never answers, retryably', async () => {
    const [dingtalk] = createNotifyTransports({ now: () => new Date(NOW), timeoutMs: 300 })
    receiver.next = 'hang'
    expect(await dingtalk!.send({ url: urls.dingtalk(), secret: SECRET }, EVENT, new AbortController().signal)).toEqual({
      ok: false,
      retryable: true,
      error: 'no answer within 300 ms',
    })
  })

  it('answers an aborted delivery as retryable, and a refused connection without the token', async () => {
    const controller = new AbortController()
    receiver.next = 'hang'
    const before = receiver.hanging.length
    const pending = byKind('wecom').send({ url: urls.wecom() }, EVENT, controller.signal)
    while (receiver.hanging.length === before) await new Promise((r) => setTimeout(r, 10))
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
