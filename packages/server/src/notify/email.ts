/**
 * Notifications by e-mail through an SMTP server (docs/architecture.md §7), with nodemailer. Node
 * only (it needs a socket), so it lives behind `@liuyan/server/notify`, never in the fetch
 * handler's graph.
 *
 * The SMTP server is the host's (`smtp://user:pass@host:port`, given once to
 * {@link createEmailTransport}); a subscription of kind `email` names only the recipients, as a
 * `mailto:` URL (RFC 6068: `mailto:banli@example.gov.cn,duban@example.gov.cn`). So the SMTP
 * password is never stored with subscriptions, never shown when they are listed, and a staff
 * token cannot make the server talk SMTP to a host of its choosing. The password never appears in
 * a result's `error` (nor does the rest of the SMTP URL's userinfo).
 */
import nodemailer from 'nodemailer'
import { formatNotifyEvent, linkText, safeLink, type NotifyFormatOptions } from './format.js'
import type { DeliveryResult, NotifyEvent, NotifyTarget, NotifyTransport } from './transport.js'

export interface EmailTransportOptions extends NotifyFormatOptions {
  /**
   * The SMTP server: `smtp://user:pass@host:587` (upgrades with STARTTLS when the server offers
   * it), `smtps://user:pass@host:465` (TLS from the start); user and password percent-encoded.
   * Without userinfo no AUTH is sent.
   */
  smtp: string
  /** The From header, e.g. `留言办理通知 <liuyan@example.gov.cn>`. */
  from: string
  /**
   * Refuse to send unless the connection is encrypted (STARTTLS or smtps).
   * @default false
   */
  requireTLS?: boolean | undefined
  /** TLS options of the connection, e.g. a private CA (`ca`). */
  tls?: { ca?: string | string[] | undefined; rejectUnauthorized?: boolean | undefined; servername?: string | undefined } | undefined
  /**
   * Connection, greeting and socket timeouts, each.
   * @default 10_000
   */
  timeoutMs?: number | undefined
}

/**
 * Options from the environment: `LIUYAN_SMTP_URL` and `LIUYAN_SMTP_FROM`, or undefined when the
 * URL is not set (no e-mail transport then).
 */
export function emailOptionsFromEnv(env: Record<string, string | undefined> = process.env): Pick<EmailTransportOptions, 'smtp' | 'from'> | undefined {
  const smtp = env['LIUYAN_SMTP_URL']
  if (!smtp) return undefined
  const from = env['LIUYAN_SMTP_FROM']
  if (!from) throw new Error('LIUYAN_SMTP_URL is set but LIUYAN_SMTP_FROM is not: e-mail needs a From address')
  return { smtp, from }
}

/** The recipients of a `mailto:` target, or why there are none. */
export function mailtoRecipients(url: string): string[] | string {
  if (!/^mailto:/i.test(url)) return 'the target is not a mailto: URL'
  const list = url.slice('mailto:'.length).split('?')[0]!
  const recipients: string[] = []
  for (const part of list.split(',')) {
    let address: string
    try {
      address = decodeURIComponent(part).trim()
    } catch {
      return 'a recipient is not percent-encoded properly'
    }
    if (!address) continue
    if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(address)) return 'a recipient is not an e-mail address'
    recipients.push(address)
  }
  return recipients.length > 0 ? recipients : 'the mailto: URL names no recipient'
}

/** What of an SMTP URL must never be shown: the password and the user name, raw and decoded. */
function smtpSecrets(smtp: string): string[] {
  const secrets = new Set<string>([smtp])
  try {
    const url = new URL(smtp)
    for (const part of [url.password, url.username]) {
      if (!part) continue
      secrets.add(part)
      try {
        secrets.add(decodeURIComponent(part))
      } catch {
        // The raw form is enough.
      }
    }
  } catch {
    // Not a URL: nodemailer refuses it; the whole string is already hidden.
  }
  return [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)
}

interface SmtpServer {
  host: string
  port: number
  secure: boolean
  auth?: { user: string; pass: string }
}

/**
 * Host, port, TLS and login of an `smtp:` or `smtps:` URL, read here (WHATWG URL) rather than by
 * nodemailer, so a malformed URL is refused with a message that does not repeat it.
 */
function smtpServerOf(smtp: string): SmtpServer {
  let url: URL
  try {
    url = new URL(smtp)
  } catch {
    throw new Error('The SMTP URL is not a URL: write smtp://user:password@host:port (user and password percent-encoded)')
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`The SMTP URL must start with smtp:// or smtps://, not ${url.protocol}//`)
  if (!url.hostname) throw new Error('The SMTP URL has no host')
  const secure = url.protocol === 'smtps:'
  const server: SmtpServer = { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : secure ? 465 : 587, secure }
  if (url.username) server.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
  return server
}

const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'ECONNREFUSED', 'ECONNRESET'])

/** The result of a failed send, judged by nodemailer's `code` and the SMTP reply's code. */
function failure(error: unknown, redact: (text: string) => string): DeliveryResult {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown }
  const code = typeof e.code === 'string' ? e.code : undefined
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined
  const message = typeof e.message === 'string' ? e.message : String(error)
  // A refused login is the host's configuration, not the recipients': retried while it is fixed.
  let retryable: boolean
  if (code === 'EAUTH') retryable = true
  else if (reply !== undefined) retryable = reply >= 400 && reply < 500
  else retryable = code === undefined || RETRYABLE_CODES.has(code) || !code.startsWith('E')
  const head = [code, reply].filter((part) => part !== undefined).join(' ')
  return { ok: false, retryable, error: redact(`${head ? `${head}: ` : ''}${message}`).slice(0, 300) }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A header-safe token of the event id for the Message-ID. */
function messageIdOf(event: NotifyEvent, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'liuyan.invalid'
  return `<${event.id.replace(/[^A-Za-z0-9._-]/g, '_')}.liuyan@${domain}>`
}

/**
 * The transport of kind `email`: one message per event to the target's `mailto:` recipients,
 * subject = the notification's title, a plain-text and an HTML part, `Auto-Submitted:
 * auto-generated` (RFC 3834, so auto-responders stay quiet) and a Message-ID made of the event's
 * id, so a delivery retried after a lost answer is recognisably the same mail.
 */
export function createEmailTransport(options: EmailTransportOptions): NotifyTransport {
  const timeoutMs = options.timeoutMs ?? 10_000
  const secrets = smtpSecrets(options.smtp)
  const redact = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text)
  const server = smtpServerOf(options.smtp)
  const transporter = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.auth ? { auth: server.auth } : {}),
    requireTLS: options.requireTLS ?? false,
    ...(options.tls ? { tls: options.tls } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  })
  return {
    kind: 'email',
    async send(target: NotifyTarget, event: NotifyEvent, signal: AbortSignal): Promise<DeliveryResult> {
      const recipients = mailtoRecipients(target.url)
      if (typeof recipients === 'string') return { ok: false, retryable: false, error: recipients }
      if (signal.aborted) return { ok: false, retryable: true, error: 'delivery aborted' }
      const message = formatNotifyEvent(event, options)
      const link = message.link && safeLink(message.link)
      const label = linkText(options.locale)
      const text = [...message.lines, ...(link ? ['', `${label}: ${link}`] : [])].join('\n')
      const html = [
        `<p><strong>${escapeHtml(message.title)}</strong></p>`,
        ...message.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
        ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(label)}</a></p>`] : []),
      ].join('\n')
      const sending = transporter.sendMail({
        from: options.from,
        to: recipients,
        subject: message.title,
        text,
        html,
        messageId: messageIdOf(event, options.from),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Liuyan-Event-Id': event.id, 'X-Liuyan-Event-Type': event.type },
      })
      let onAbort: (() => void) | undefined
      const aborted = new Promise<DeliveryResult>((resolve) => {
        onAbort = () => resolve({ ok: false, retryable: true, error: 'delivery aborted' })
        signal.addEventListener('abort', onAbort, { once: true })
      })
      try {
        return await Promise.race([
          sending.then((): DeliveryResult => ({ ok: true, retryable: false }), (error: unknown) => failure(error, redact)),
          aborted,
        ])
      } finally {
        signal.removeEventListener('abort', onAbort!)
        // A send cut off by the signal still settles; its outcome is no longer anyone's.
        sending.catch(() => undefined)
      }
    },
  }
}
