/**
 * What a group robot or an e-mail says about one event (docs/architecture.md §7): a title naming
 * what happened, then the message's title, board, unit, kind, status and deadline, and a link.
 * Every string is written once, in {@link NOTIFY_TEXTS}, in each of core's locales.
 *
 * The formatter reads only the fields it names, never the content, the author or a place: a
 * group chat is a wide audience, so even a private subscription's payload (which carries the
 * author's name and phone) yields only public facts, and the title passes core's masking again.
 */
import {
  EVENT_TYPES,
  type EventType,
  DEFAULT_LOCALE,
  DOMAIN_LABELS,
  LOCALES,
  maskPII,
  MESSAGE_TYPE_LABELS,
  STATUS_LABELS,
  type Domain,
  type Locale,
  type MessageStatus,
  type MessageType,
} from '@liuyan/core'
import type { NotifyEvent, NotifyMessage } from './transport.js'

/** The event types a notification names (core's event types); another type gets the generic title. */
export const NOTIFY_EVENT_TYPES = EVENT_TYPES
export type NotifyEventType = EventType

interface Texts {
  /** The headline per event type. */
  events: Readonly<Record<NotifyEventType, string>>
  /** The headline of an event type not listed above. */
  otherEvent: string
  /** Labels of the message lines. */
  title: string
  board: string
  assignee: string
  kind: string
  status: string
  due: string
  at: string
  id: string
  /** The link's text. */
  open: string
  /** The time zone a time is written in. */
  chinaTime: string
}

/** Every string of a notification, once per locale. */
export const NOTIFY_TEXTS: Readonly<Record<Locale, Texts>> = {
  'zh-CN': {
    events: {
      'message.submitted': '收到新留言',
      'message.accepted': '留言已受理',
      'message.rejected': '留言不予受理',
      'message.assigned': '留言已交办',
      'message.transferred': '留言已转办',
      'message.replied': '留言已回复',
      'message.followed_up': '留言人追问',
      'message.evaluated': '留言人已评价',
      'message.supervised': '留言被督办',
      'message.reminded': '留言被催办',
      'message.started': '留言开始办理',
      'message.extended': '办理期限已延长',
      'message.reopened': '留言重新办理',
      'message.published': '留言已公开',
      'message.unpublished': '留言已撤下',
      'message.redacted': '留言公开内容已修改',
      'message.code_reissued': '查询码已重新发放',
      'message.marked_duplicate': '留言被标记为重复',
      'message.closed': '留言已办结',
      'deadline.approaching': '办理期限将至',
      'deadline.overdue': '留言已超期',
    },
    otherEvent: '留言动态',
    title: '标题',
    board: '留言对象',
    assignee: '办理单位',
    kind: '类别',
    status: '状态',
    due: '办理期限',
    at: '时间',
    id: '编号',
    open: '查看留言',
    chinaTime: '北京时间',
  },
  'zh-TW': {
    events: {
      'message.submitted': '收到新留言',
      'message.accepted': '留言已受理',
      'message.rejected': '留言不予受理',
      'message.assigned': '留言已交辦',
      'message.transferred': '留言已轉辦',
      'message.replied': '留言已回覆',
      'message.followed_up': '留言人追問',
      'message.evaluated': '留言人已評價',
      'message.supervised': '留言被督辦',
      'message.reminded': '留言被催辦',
      'message.started': '留言開始辦理',
      'message.extended': '辦理期限已延長',
      'message.reopened': '留言重新辦理',
      'message.published': '留言已公開',
      'message.unpublished': '留言已撤下',
      'message.redacted': '留言公開內容已修改',
      'message.code_reissued': '查詢碼已重新發放',
      'message.marked_duplicate': '留言被標記為重複',
      'message.closed': '留言已辦結',
      'deadline.approaching': '辦理期限將至',
      'deadline.overdue': '留言已逾期',
    },
    otherEvent: '留言動態',
    title: '標題',
    board: '留言對象',
    assignee: '辦理單位',
    kind: '類別',
    status: '狀態',
    due: '辦理期限',
    at: '時間',
    id: '編號',
    open: '查看留言',
    chinaTime: '北京時間',
  },
  en: {
    events: {
      'message.submitted': 'New message',
      'message.accepted': 'Message accepted',
      'message.rejected': 'Message not accepted',
      'message.assigned': 'Message assigned',
      'message.transferred': 'Message transferred',
      'message.replied': 'Message replied',
      'message.followed_up': 'The author followed up',
      'message.evaluated': 'The author rated the handling',
      'message.supervised': 'Message under supervision',
      'message.reminded': 'Reminder to handle a message',
      'message.started': 'Handling started',
      'message.extended': 'Deadline extended',
      'message.reopened': 'Message reopened',
      'message.published': 'Message published',
      'message.unpublished': 'Message unpublished',
      'message.redacted': 'Public copy changed',
      'message.code_reissued': 'Tracking code reissued',
      'message.marked_duplicate': 'Marked as a duplicate',
      'message.closed': 'Message closed',
      'deadline.approaching': 'Deadline approaching',
      'deadline.overdue': 'Message overdue',
    },
    otherEvent: 'Message update',
    title: 'Title',
    board: 'Board',
    assignee: 'Handling unit',
    kind: 'Kind',
    status: 'Status',
    due: 'Deadline',
    at: 'Time',
    id: 'ID',
    open: 'Open the message',
    chinaTime: 'China time',
  },
}

export interface NotifyFormatOptions {
  /** @default 'zh-CN' */
  locale?: Locale | undefined
  /** The address of a message for the link (a staff console page, say); none without it. */
  messageLink?: ((messageId: string, event: NotifyEvent) => string | undefined) | undefined
  /** A board's display name from its id; the payload's `boardName`/`board.name`, else the id. */
  boardName?: ((boardId: string) => string | undefined) | undefined
}

/** What a notification can tell of a payload: the public view, `{ message }`, or a staff view. */
interface MessageFacts {
  id?: string
  title?: string
  boardId?: string
  boardName?: string
  assigneeBoardId?: string
  assigneeName?: string
  type?: string
  domain?: string
  status?: string
  dueAt?: string
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

function factsOf(data: Record<string, unknown>): MessageFacts {
  const message = record(data.message) ?? data
  const author = record(message.author)
  const copy = record(message.publicCopy)
  const rawTitle = str(copy?.title) ?? str(message.title)
  // A staff payload carries the author's name and phone: mask them out of the title as the
  // public view would (core's maskPII, docs/architecture.md §4); a public title is masked already.
  const names = str(author?.realName) ? [str(author?.realName)!] : []
  const phones = str(author?.phone) ? [str(author?.phone)!] : []
  const title = rawTitle === undefined ? undefined : maskPII(rawTitle, { names, phones })
  const board = record(data.board) ?? record(message.board)
  const assignee = record(data.assignee)
  const facts: MessageFacts = {}
  const set = <K extends keyof MessageFacts>(key: K, value: string | undefined) => {
    if (value !== undefined) facts[key] = value
  }
  set('id', str(message.id) ?? str(data.messageId))
  set('title', title)
  set('boardId', str(message.boardId) ?? str(board?.id))
  set('boardName', str(data.boardName) ?? str(board?.name))
  set('assigneeBoardId', str(message.assigneeBoardId) ?? str(assignee?.id))
  set('assigneeName', str(data.assigneeName) ?? str(assignee?.name))
  set('type', str(message.type))
  set('domain', str(message.domain))
  set('status', str(message.status))
  set('dueAt', str(message.dueAt) ?? str(data.dueAt))
  return facts
}

/** `YYYY-MM-DD HH:mm` in China time (UTC+8, no daylight saving), or the input if it is no time. */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms + 8 * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

function localeOf(locale: string | undefined): Locale {
  return (LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : DEFAULT_LOCALE
}

/** The headline of an event type in `locale`. */
export function eventHeadline(type: string, locale: Locale = DEFAULT_LOCALE): string {
  const texts = NOTIFY_TEXTS[localeOf(locale)]
  return (texts.events as Record<string, string>)[type] ?? texts.otherEvent
}

/**
 * The notification of one event: a headline (`留言已交办：小区门口路灯坏了`), lines of `label：value`
 * and the link of `messageLink`. Labels of types, domains and statuses are core's.
 */
export function formatNotifyEvent(event: NotifyEvent, options: NotifyFormatOptions = {}): NotifyMessage {
  const locale = localeOf(options.locale)
  const texts = NOTIFY_TEXTS[locale]
  const facts = factsOf(event.data)
  const headline = eventHeadline(event.type, locale)
  const colon = locale === 'en' ? ': ' : '：'
  const lines: string[] = []
  const line = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`${label}${colon}${value}`)
  }
  const boardLabel = (id: string | undefined, name: string | undefined) =>
    id === undefined ? name : (name ?? options.boardName?.(id) ?? id)
  line(texts.title, facts.title)
  line(texts.board, boardLabel(facts.boardId, facts.boardName))
  line(texts.assignee, boardLabel(facts.assigneeBoardId, facts.assigneeName))
  const type = facts.type && (MESSAGE_TYPE_LABELS[locale] as Record<string, string>)[facts.type as MessageType]
  const domain = facts.domain && (DOMAIN_LABELS[locale] as Record<string, string>)[facts.domain as Domain]
  if (type || domain) line(texts.kind, [type, domain].filter(Boolean).join(' · '))
  line(texts.status, facts.status && (STATUS_LABELS[locale] as Record<string, string>)[facts.status as MessageStatus])
  const zoned = (iso: string) => (locale === 'en' ? `${chinaTime(iso)} (${texts.chinaTime})` : `${chinaTime(iso)}（${texts.chinaTime}）`)
  if (facts.dueAt) line(texts.due, zoned(facts.dueAt))
  line(texts.at, zoned(event.timestamp))
  line(texts.id, facts.id)
  const link = facts.id === undefined ? undefined : options.messageLink?.(facts.id, event)
  const title = facts.title ? `${headline}${colon}${facts.title}` : headline
  return { title, lines, ...(link ? { link } : {}) }
}

/** The label of a notification's link in `locale`. */
export function linkText(locale: Locale = DEFAULT_LOCALE): string {
  return NOTIFY_TEXTS[localeOf(locale)].open
}

/**
 * Citizen text made inert in a robot's markdown: the characters that open links, emphasis, code,
 * headings, quotes or HTML become their full-width forms, so a title cannot put a link or markup
 * into an agency's group chat. Line breaks become spaces.
 */
export function inertMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[[\]()<>*_`#~|\\]/g, (c) => INERT[c] ?? c)
}
const INERT: Record<string, string> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', _: '＿', '`': '｀', '#': '＃', '~': '～', '|': '｜', '\\': '＼',
}

/** A notification as robot markdown: the headline in bold, a line per fact, the link last. */
export function notifyMarkdown(message: NotifyMessage, locale: Locale = DEFAULT_LOCALE): string {
  const parts = [`**${inertMarkdown(message.title)}**`, ...message.lines.map(inertMarkdown)]
  const link = message.link && safeLink(message.link)
  if (link) parts.push(`[${linkText(locale)}](${link})`)
  return parts.join('\n\n')
}

/** An http(s) address fit for a markdown link (parentheses escaped), or undefined. */
export function safeLink(link: string): string | undefined {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29')
}
