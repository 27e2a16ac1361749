/**
 * The group robots Chinese agencies are told through: DingTalk (钉钉), WeCom (企业微信) and Feishu
 * (飞书) custom robots, each a webhook URL that takes one JSON message per POST
 * (docs/architecture.md §7). Web-standard only (fetch, Web Crypto), so they run wherever the fetch
 * handler runs, workers included.
 *
 * Their answers: HTTP 200 with `{"errcode":0,"errmsg":"ok"}` (DingTalk, WeCom) or
 * `{"code":0,"msg":"success"}` (Feishu); any other code is a failure, worth retrying only when it
 * says the robot is busy or rate-limited. A 429, a 5xx, a timeout or a connection error is
 * retried; any other 4xx (a robot deleted, a URL mistyped) is not.
 */
import type { Locale } from '@liuyan/core'
import { formatNotifyEvent, linkText, notifyMarkdown, safeLink, type NotifyFormatOptions } from './format.js'
import type { DeliveryResult, NotifyTarget, NotifyTransport } from './transport.js'

export interface RobotOptions extends NotifyFormatOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch | undefined
  /**
   * How long one POST may take, answer included.
   * @default 10_000
   */
  timeoutMs?: number | undefined
  /**
   * The clock of the signatures' timestamps: the wall clock (the robots allow an hour either
   * way), as for Standard Webhooks' `now`.
   * @default () => new Date()
   */
  now?: (() => Date) | undefined
}

const DEFAULT_TIMEOUT_MS = 10_000
/** A robot's answer is a few dozen bytes; more is not read. */
const MAX_ANSWER_CHARS = 4_096

const encoder = new TextEncoder()

/** base64(HMAC-SHA256(key, message)) with Web Crypto. */
export async function hmacSha256Base64(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)))
  let binary = ''
  for (const byte of mac) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Replaces every secret a target holds (its signing secret, the query's values such as
 * `access_token` and `key`, a Feishu hook's token in the path) in text that goes into a result.
 */
export function targetRedactor(target: NotifyTarget): (text: string) => string {
  const secrets = new Set<string>()
  if (target.secret) secrets.add(target.secret)
  try {
    const url = new URL(target.url)
    for (const value of url.searchParams.values()) if (value.length >= 4) secrets.add(value)
    for (const segment of url.pathname.split('/')) if (segment.length >= 16) secrets.add(segment)
    if (url.password) secrets.add(decodeURIComponent(url.password))
  } catch {
    // Not a URL: nothing in it to find.
  }
  const list = [...secrets].sort((a, b) => b.length - a.length)
  return (text) => list.reduce((out, secret) => out.split(secret).join('***'), text)
}

/** Truncates text to at most `bytes` of UTF-8, on a character boundary, marking the cut with `…`. */
export function fitBytes(text: string, bytes: number): string {
  if (encoder.encode(text).length <= bytes) return text
  let out = ''
  let used = encoder.encode('…').length
  for (const char of text) {
    const size = encoder.encode(char).length
    if (used + size > bytes) break
    out += char
    used += size
  }
  return `${out}…`
}

interface RobotAnswer {
  code: number
  message: string
}

/**
 * POSTs `body` as JSON and judges the answer with `read` (the robot's code) and `retryableCodes`
 * (the codes that mean "later"). Never throws for the receiver's failure.
 */
async function postJson(
  url: URL,
  body: unknown,
  signal: AbortSignal,
  options: RobotOptions,
  redact: (text: string) => string,
  read: (answer: Record<string, unknown>) => RobotAnswer | undefined,
  retryableCodes: ReadonlySet<number>,
): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const timeout = AbortSignal.timeout(timeoutMs)
  const doFetch = options.fetch ?? globalThis.fetch
  let response: Response
  let text: string
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, timeout]),
      redirect: 'manual',
    })
    text = (await response.text()).slice(0, MAX_ANSWER_CHARS)
  } catch (error) {
    if (timeout.aborted) return { ok: false, retryable: true, error: `no answer within ${timeoutMs} ms` }
    if (signal.aborted) return { ok: false, retryable: true, error: 'delivery aborted' }
    // The error's message may name the address; only its kind and code are kept.
    const cause = (error as { cause?: { code?: unknown } }).cause
    const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
    return { ok: false, retryable: true, error: redact(`connection failed${code}`) }
  }
  const status = response.status
  if (status === 429 || status === 408 || status >= 500) return { ok: false, status, retryable: true, error: `HTTP ${status}` }
  if (status < 200 || status > 299) return { ok: false, status, retryable: false, error: `HTTP ${status}` }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, status, retryable: false, error: 'the answer is not JSON: not a robot webhook' }
  }
  const answer = typeof parsed === 'object' && parsed !== null ? read(parsed as Record<string, unknown>) : undefined
  if (!answer) return { ok: false, status, retryable: false, error: 'the answer has no result code: not a robot webhook' }
  if (answer.code === 0) return { ok: true, status, retryable: false }
  return {
    ok: false,
    status,
    retryable: retryableCodes.has(answer.code),
    error: redact(`code ${answer.code}: ${answer.message}`.slice(0, 300)),
  }
}

function errcodeAnswer(answer: Record<string, unknown>): RobotAnswer | undefined {
  if (typeof answer.errcode !== 'number') return undefined
  return { code: answer.errcode, message: typeof answer.errmsg === 'string' ? answer.errmsg : '' }
}

function feishuAnswer(answer: Record<string, unknown>): RobotAnswer | undefined {
  // `StatusCode`/`StatusMessage` are the older names Feishu still sends alongside.
  const code = typeof answer.code === 'number' ? answer.code : answer.StatusCode
  if (typeof code !== 'number') return undefined
  const message = typeof answer.msg === 'string' ? answer.msg : typeof answer.StatusMessage === 'string' ? answer.StatusMessage : ''
  return { code, message }
}

function webhookUrl(target: NotifyTarget): URL | DeliveryResult {
  let url: URL
  try {
    url = new URL(target.url)
  } catch {
    return { ok: false, retryable: false, error: 'the target is not a URL' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, retryable: false, error: `unsupported scheme ${url.protocol}` }
  return url
}

function wallClock(options: RobotOptions): number {
  return (options.now?.() ?? new Date()).getTime()
}

function localeOf(options: RobotOptions): Locale {
  return options.locale ?? 'zh-CN'
}

// ── DingTalk ──────────────────────────────────────────────────────────────────────────────────

/**
 * DingTalk's busy (-1) and rate-limit (130101: more than 20 messages a minute, throttled for 10
 * minutes) codes.
 */
const DINGTALK_RETRYABLE = new Set([-1, 130101])

/**
 * DingTalk custom robot (自定义机器人): `POST https://oapi.dingtalk.com/robot/send?access_token=…`
 * with `{ msgtype: 'markdown', markdown: { title, text } }`. With a secret (加签, the `SEC…`
 * string) the URL also gets `timestamp` (ms) and `sign` = urlEncode(base64(HmacSHA256(key =
 * secret, message = timestamp + "\n" + secret))), which DingTalk accepts within an hour of its time.
 * Source: DingTalk's custom robot guide, open.dingtalk.com/document/robots/custom-robot-access
 * (加签 section), as quoted in its Java and Python samples.
 */
export function createDingTalkTransport(options: RobotOptions = {}): NotifyTransport {
  return {
    kind: 'dingtalk',
    async send(target, event, signal) {
      const url = webhookUrl(target)
      if (!(url instanceof URL)) return url
      if (target.secret) {
        const timestamp = String(wallClock(options))
        const sign = await hmacSha256Base64(target.secret, `${timestamp}\n${target.secret}`)
        // URLSearchParams writes the form encoding (+ / = escaped), the urlEncode the guide asks for.
        url.searchParams.set('timestamp', timestamp)
        url.searchParams.set('sign', sign)
      }
      const message = formatNotifyEvent(event, options)
      const body = { msgtype: 'markdown', markdown: { title: message.title, text: fitBytes(notifyMarkdown(message, localeOf(options)), 18_000) } }
      return postJson(url, body, signal, options, targetRedactor(target), errcodeAnswer, DINGTALK_RETRYABLE)
    },
  }
}

// ── WeCom ─────────────────────────────────────────────────────────────────────────────────────

/** WeCom's busy (-1) and frequency-limit (45009: 20 messages a minute per robot) codes. */
const WECOM_RETRYABLE = new Set([-1, 45009])

/**
 * WeCom group robot (群机器人): `POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` with
 * `{ msgtype: 'markdown', markdown: { content } }`, content at most 4,096 bytes of UTF-8. No
 * signing: the `key` in the URL is the secret. Source: WeCom's group robot guide,
 * developer.work.weixin.qq.com/document/path/91770 (消息类型及数据格式 · markdown类型).
 */
export function createWeComTransport(options: RobotOptions = {}): NotifyTransport {
  return {
    kind: 'wecom',
    async send(target, event, signal) {
      const url = webhookUrl(target)
      if (!(url instanceof URL)) return url
      const message = formatNotifyEvent(event, options)
      const body = { msgtype: 'markdown', markdown: { content: fitBytes(notifyMarkdown(message, localeOf(options)), 4_096) } }
      return postJson(url, body, signal, options, targetRedactor(target), errcodeAnswer, WECOM_RETRYABLE)
    },
  }
}

// ── Feishu ────────────────────────────────────────────────────────────────────────────────────

/** Feishu's frequency-limit code (11232). */
const FEISHU_RETRYABLE = new Set([11232])

/**
 * Feishu custom bot (自定义机器人): `POST https://open.feishu.cn/open-apis/bot/v2/hook/…` with a
 * rich-text post `{ msg_type: 'post', content: { post: { zh_cn: { title, content: [[…]] } } } }`
 * (plain text runs and an `a` link: nothing in it is markup). With a secret (签名校验) the body
 * also has `timestamp` (seconds) and `sign` = base64(HmacSHA256(key = timestamp + "\n" + secret,
 * message = "")): the string is the key and the message is empty, unlike DingTalk; Feishu accepts
 * it within an hour of its time. Source: Feishu's custom bot guide (自定义机器人使用指南,
 * open.feishu.cn/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN: 签名校验 and its Python sample, and
 * the answer `{"code":0,"msg":"success"}`).
 */
export function createFeishuTransport(options: RobotOptions = {}): NotifyTransport {
  return {
    kind: 'feishu',
    async send(target, event, signal) {
      const url = webhookUrl(target)
      if (!(url instanceof URL)) return url
      const locale = localeOf(options)
      const message = formatNotifyEvent(event, options)
      const rows: unknown[][] = message.lines.map((line) => [{ tag: 'text', text: line }])
      const link = message.link && safeLink(message.link)
      if (link) rows.push([{ tag: 'a', text: linkText(locale), href: link }])
      const body: Record<string, unknown> = {
        msg_type: 'post',
        content: { post: { [locale === 'en' ? 'en_us' : 'zh_cn']: { title: message.title, content: rows } } },
      }
      if (target.secret) {
        const timestamp = String(Math.floor(wallClock(options) / 1000))
        body.timestamp = timestamp
        body.sign = await hmacSha256Base64(`${timestamp}\n${target.secret}`, '')
      }
      return postJson(url, body, signal, options, targetRedactor(target), feishuAnswer, FEISHU_RETRYABLE)
    },
  }
}

/** The robot transports (DingTalk, WeCom, Feishu) with one set of options. */
export function createRobotTransports(options: RobotOptions = {}): NotifyTransport[] {
  return [createDingTalkTransport(options), createWeComTransport(options), createFeishuTransport(options)]
}
