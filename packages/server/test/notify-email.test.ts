/**
 * E-mail notifications against a real SMTP server on loopback (the `smtp-server` package): AUTH,
 * envelope, headers and both parts of the body as received, and what a refusal makes of a result.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmailTransport, createNotifyTransports, emailOptionsFromEnv, mailtoRecipients, type NotifyEvent, type NotifyTransport } from '../src/notify/node.js'

const USER = 'liuyan@notify.example.gov.cn'
/** With characters that need percent-encoding in the URL, so both forms must stay hidden. */
const PASSWORD = 'p@ss:w/rd-7Zq!secret'

const EVENT: NotifyEvent = {
  id: 'evt_0042',
  type: 'deadline.overdue',
  timestamp: '2026-03-17T00:00:00.000Z',
  data: { id: 'm_01HZX8', boardId: '220100-gov', type: 'complain', domain: 'urban', title: '小区门口路灯坏了', status: 'processing', dueAt: '2026-03-16T23:59:59.999+08:00' },
}

interface Mail {
  from: string | undefined
  to: string[]
  user: string | undefined
  raw: string
}

const mails: Mail[] = []
let server: SMTPServer
let port: number
/** The reply of the next RCPT TO: undefined accepts. */
let refuseRecipient: { code: number; message: string } | undefined

beforeAll(async () => {
  server = new SMTPServer({
    // Loopback only, and no TLS: AUTH in the clear is allowed for the test's sake.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: auth.username })
      return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }))
    },
    onRcptTo(address, _session, callback) {
      const refusal = refuseRecipient
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const smtpUrl = (password = PASSWORD) => `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(password)}@127.0.0.1:${port}`

// ── A small reader of what nodemailer wrote, independent of it ──────────────────────────────

/** Headers (unfolded, RFC 2047 words decoded) and the top-level body of a message. */
function parse(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()))
  }
  return { headers, body: raw.slice(split + 4) }
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** The decoded parts of a multipart body by content type. */
function parts(mail: { headers: Map<string, string>; body: string }): Map<string, string> {
  const boundary = /boundary="?([^";]+)"?/.exec(mail.headers.get('content-type') ?? '')![1]!
  const found = new Map<string, string>()
  for (const chunk of mail.body.split(`--${boundary}`).slice(1, -1)) {
    const part = parse(chunk.replace(/^\r\n/, ''))
    const type = part.headers.get('content-type')!.split(';')[0]!
    const encoding = part.headers.get('content-transfer-encoding')
    const body = part.body.replace(/\r\n$/, '')
    found.set(type, encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body)
  }
  return found
}

// ── The tests ───────────────────────────────────────────────────────────────────────────────

const signal = () => new AbortController().signal

describe('e-mail through SMTP', () => {
  let email: NotifyTransport
  beforeAll(() => {
    email = createEmailTransport({
      smtp: smtpUrl(),
      from: '留言办理通知 <liuyan@notify.example.gov.cn>',
      messageLink: (id) => `https://console.example.gov.cn/messages/${id}`,
      timeoutMs: 5_000,
    })
  })

  it('delivers one mail per event to the mailto: recipients, logged in, with the notification', async () => {
    const result = await email.send({ url: 'mailto:banli@jl.example.gov.cn,duban%40jl.example.gov.cn' }, EVENT, signal())
    expect(result).toEqual({ ok: true, retryable: false })
    const mail = mails.at(-1)!
    expect(mail.user).toBe(USER)
    expect(mail.from).toBe('liuyan@notify.example.gov.cn')
    expect(mail.to).toEqual(['banli@jl.example.gov.cn', 'duban@jl.example.gov.cn'])
    const message = parse(mail.raw)
    expect(message.headers.get('subject')).toBe('留言已超期：小区门口路灯坏了')
    expect(message.headers.get('from')).toBe('留言办理通知 <liuyan@notify.example.gov.cn>')
    expect(message.headers.get('to')).toBe('banli@jl.example.gov.cn, duban@jl.example.gov.cn')
    expect(message.headers.get('auto-submitted')).toBe('auto-generated')
    expect(message.headers.get('x-liuyan-event-id')).toBe('evt_0042')
    expect(message.headers.get('x-liuyan-event-type')).toBe('deadline.overdue')
    expect(message.headers.get('message-id')).toBe('<evt_0042.liuyan@notify.example.gov.cn>')
    const bodies = parts(message)
    expect(bodies.get('text/plain')!.split(/\r?\n/)).toEqual([
      '标题：小区门口路灯坏了',
      '留言对象：220100-gov',
      '类别：投诉 · 城建',
      '状态：办理中',
      '办理期限：2026-03-16 23:59（北京时间）',
      '时间：2026-03-17 08:00（北京时间）',
      '编号：m_01HZX8',
      '',
      '查看留言: https://console.example.gov.cn/messages/m_01HZX8',
    ])
    expect(bodies.get('text/html')).toContain('<a href="https://console.example.gov.cn/messages/m_01HZX8">查看留言</a>')
  })

  it('escapes citizen text in the HTML part', async () => {
    const hostile = { ...EVENT, data: { ...EVENT.data, title: '<img src=x onerror=alert(1)>路灯' } }
    expect(await email.send({ url: 'mailto:banli@jl.example.gov.cn' }, hostile, signal())).toMatchObject({ ok: true })
    const html = parts(parse(mails.at(-1)!.raw)).get('text/html')!
    expect(html).not.toContain('<img')
    expect(html).toContain('&#60;img')
  })

  it('retries a login the server refuses, and never shows the password', async () => {
    const wrong = createEmailTransport({ smtp: smtpUrl('not-the-password'), from: 'liuyan@notify.example.gov.cn' })
    const result = await wrong.send({ url: 'mailto:banli@jl.example.gov.cn' }, EVENT, signal())
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/^EAUTH 535: /) })
    expect(result.error).not.toContain('not-the-password')
    expect(result.error).not.toContain(USER)
  })

  it('gives up on a recipient refused for good (550), retries one refused for now (450)', async () => {
    const before = mails.length
    refuseRecipient = { code: 550, message: 'No such user here' }
    try {
      expect(await email.send({ url: 'mailto:nobody@jl.example.gov.cn' }, EVENT, signal())).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('550') })
      refuseRecipient = { code: 450, message: 'Mailbox busy, try later' }
      expect(await email.send({ url: 'mailto:busy@jl.example.gov.cn' }, EVENT, signal())).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('450') })
    } finally {
      refuseRecipient = undefined
    }
    expect(mails.length).toBe(before)
  })

  it('retries when the SMTP server is down, without the password or the user in the error', async () => {
    const down = createEmailTransport({ smtp: `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:1`, from: 'liuyan@notify.example.gov.cn' })
    const result = await down.send({ url: 'mailto:banli@jl.example.gov.cn' }, EVENT, signal())
    expect(result).toMatchObject({ ok: false, retryable: true })
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), USER, encodeURIComponent(USER)]) expect(result.error).not.toContain(secret)
  })

  it('refuses a target that is not a mailto: URL with recipients, for good', async () => {
    for (const url of ['https://example.gov.cn/hook', 'mailto:', 'mailto:not-an-address', 'mailto:a@b.cn%ZZ']) {
      expect(await email.send({ url }, EVENT, signal())).toMatchObject({ ok: false, retryable: false })
    }
    expect(mailtoRecipients('mailto:a@jl.example.gov.cn,%20b@jl.example.gov.cn?subject=x')).toEqual(['a@jl.example.gov.cn', 'b@jl.example.gov.cn'])
  })
})

describe('registration', () => {
  it('adds the e-mail transport to the robots in one list', () => {
    const email = createEmailTransport({ smtp: smtpUrl(), from: 'liuyan@notify.example.gov.cn' })
    expect(createNotifyTransports({ extra: [email] }).map((t) => t.kind)).toEqual(['dingtalk', 'wecom', 'feishu', 'email'])
    expect(() => createNotifyTransports({ extra: [email, email] })).toThrow(/kind email/)
  })

  it('refuses a malformed SMTP URL without repeating it', () => {
    for (const smtp of [`smtp://${USER}:${PASSWORD}@`, `http://u:${PASSWORD}@mail.example.gov.cn`, 'smtp:/ /x y']) {
      expect(() => createEmailTransport({ smtp, from: 'a@example.gov.cn' })).toThrow(/SMTP URL/)
      try {
        createEmailTransport({ smtp, from: 'a@example.gov.cn' })
      } catch (error) {
        expect(String(error)).not.toContain(PASSWORD)
      }
    }
  })

  it('reads LIUYAN_SMTP_URL and LIUYAN_SMTP_FROM', () => {
    expect(emailOptionsFromEnv({})).toBeUndefined()
    expect(emailOptionsFromEnv({ LIUYAN_SMTP_URL: 'smtp://mail.example.gov.cn:587', LIUYAN_SMTP_FROM: 'a@example.gov.cn' })).toEqual({ smtp: 'smtp://mail.example.gov.cn:587', from: 'a@example.gov.cn' })
    expect(() => emailOptionsFromEnv({ LIUYAN_SMTP_URL: 'smtp://mail.example.gov.cn:587' })).toThrow(/LIUYAN_SMTP_FROM/)
  })
})
