/**
 * A loopback receiver that answers as the DingTalk, WeCom and Feishu robots do, checking their
 * signatures itself with node:crypto as those services document them (notify-robots.test.ts, and
 * the same transports inside workerd in workerd/notify.workerd-test.ts).
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import type { NotifyEvent } from '../src/notify/index.js'

/** 2026-03-02 09:00 China time: the transports' clock and the receivers' "now". */
export const NOW = Date.parse('2026-03-02T09:00:00+08:00')
export const SECRET = 'SECa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9'
export const TOKEN = 'f3b1c2d4e5a6978812345678abcdef0123456789abcdef0123456789abcdef01'

export const EVENT: NotifyEvent = {
  id: 'evt_0001',
  type: 'message.assigned',
  timestamp: '2026-03-02T01:30:00.000Z',
  data: { id: 'm_01HZX8', boardId: '220100-gov', type: 'complain', domain: 'urban', title: '小区门口路灯坏了', status: 'assigned', dueAt: '2026-03-16T23:59:59.999+08:00' },
}

export interface Received {
  url: URL
  contentType: string | undefined
  body: any
}

/** What the receiver answers next: its robot's own verdict by default, or a forced answer. */
export type Answer = { status: number; json?: unknown; text?: string } | 'hang' | undefined

/** The receiver's state: what it got, what it answers next, the answers it holds back. */
export const receiver = {
  origin: '',
  received: [] as Received[],
  next: undefined as Answer,
  hanging: [] as ServerResponse[],
}
let server: Server

export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
}
export function feishuSign(timestamp: string, secret: string): string {
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

/** Starts the receiver before the file's tests and stops it after them. */
export function useRobotReceiver(): void {
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url!, receiver.origin)
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text ? JSON.parse(text) : undefined
      receiver.received.push({ url, contentType: req.headers['content-type'], body })
      const answer = receiver.next
      receiver.next = undefined
      if (answer === 'hang') {
        receiver.hanging.push(res)
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
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const res of receiver.hanging) res.destroy()
  await new Promise((resolve) => server.close(resolve))
})
}
