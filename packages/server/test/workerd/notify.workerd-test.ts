/**
 * The DingTalk, WeCom and Feishu transports run inside workerd (Node compatibility off) and reach
 * the loopback receiver of robot-receiver.ts, which checks their signatures with node:crypto.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleWorker, startWorkerd, type RunningWorkerd } from '../../../../scripts/workerd.mjs'
import type { DeliveryResult } from '../../src/notify/index.js'
import { dingtalkSign, EVENT, feishuSign, NOW, receiver, SECRET, TOKEN, useRobotReceiver } from '../robot-receiver.js'

useRobotReceiver()
let worker: RunningWorkerd

beforeAll(async () => {
  worker = await startWorkerd({ code: await bundleWorker({ entry: fileURLToPath(new URL('./notify-worker.ts', import.meta.url)) }) })
})
afterAll(async () => {
  await worker?.close()
})

const urls = {
  dingtalk: () => `${receiver.origin}/robot/send?access_token=${TOKEN}`,
  wecom: () => `${receiver.origin}/cgi-bin/webhook/send?key=${TOKEN}`,
  feishu: () => `${receiver.origin}/open-apis/bot/v2/hook/${TOKEN}`,
}

async function send(kind: keyof typeof urls, secret: string | undefined = SECRET, extra: { locale?: string; timeoutMs?: number } = {}): Promise<DeliveryResult> {
  const response = await fetch(`${worker.url}/send`, {
    method: 'POST',
    body: JSON.stringify({ kind, target: { url: urls[kind](), ...(secret ? { secret } : {}) }, event: EVENT, now: NOW, locale: 'zh-CN', timeoutMs: 2_000, ...extra }),
  })
  expect(response.status, worker.stderr()).toBe(200)
  return response.json() as Promise<DeliveryResult>
}

describe('group robots inside workerd', () => {
  it('DingTalk: a signed markdown message the robot accepts', async () => {
    expect(await send('dingtalk')).toEqual({ ok: true, status: 200, retryable: false })
    const { url, body } = receiver.received.at(-1)!
    expect(url.searchParams.get('sign')).toBe(dingtalkSign(String(NOW), SECRET))
    expect(body.markdown.title).toBe('留言已交办：小区门口路灯坏了')
  })

  it('WeCom: a markdown message with the key in the URL', async () => {
    expect(await send('wecom', undefined)).toEqual({ ok: true, status: 200, retryable: false })
    expect(receiver.received.at(-1)!.body.markdown.content).toContain('办理期限：2026-03-16 23:59（北京时间）')
  })

  it('Feishu: a signed post, in English when asked', async () => {
    expect(await send('feishu', SECRET, { locale: 'en' })).toEqual({ ok: true, status: 200, retryable: false })
    const { body } = receiver.received.at(-1)!
    expect(body.sign).toBe(feishuSign(String(NOW / 1000), SECRET))
    expect(body.content.post.en_us.title).toBe('Message assigned: 小区门口路灯坏了')
  })

  it('judges failures as on Node: a wrong signature for good, 503 and a silent receiver for later', async () => {
    const wrong = await send('dingtalk', 'SECwrong-secret-for-the-robot')
    expect(wrong).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^code 310000/) })
    expect(wrong.error).not.toContain(TOKEN)
    receiver.next = { status: 503, text: 'busy' }
    expect(await send('feishu')).toEqual({ ok: false, status: 503, retryable: true, error: 'HTTP 503' })
    receiver.next = 'hang'
    expect(await send('wecom', undefined, { timeoutMs: 300 })).toEqual({ ok: false, retryable: true, error: 'no answer within 300 ms' })
  })
})
