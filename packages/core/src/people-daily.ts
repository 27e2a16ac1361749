import * as z from 'zod/mini'
import type { Channel, Domain, MessageStatus, MessageType } from './enums.js'
import { DOMAIN_LABELS, MESSAGE_TYPE_LABELS } from './labels.js'
import { LiuyanCoreError } from './errors.js'
import { maskPII } from './privacy.js'
import { PublicMessageSchema, type PublicMessage, type PublicTimelineEvent } from './schemas/message.js'

/**
 * One item of the People's Daily Leader Message Board's legacy list endpoint
 * (`queryThreadsList`), as public scrapers record it. Only the fields the mapping reads are typed;
 * the rest are tolerated.
 */
export const PeopleDailyItemSchema = z.looseObject({
  tid: z.union([z.int(), z.string().check(z.regex(/^\d+$/))]),
  fid: z.union([z.int(), z.string().check(z.regex(/^\d+$/))]),
  forumName: z.optional(z.nullable(z.string())),
  typeId: z.optional(z.nullable(z.int())),
  typeName: z.optional(z.nullable(z.string())),
  domainId: z.optional(z.nullable(z.int())),
  domainName: z.optional(z.nullable(z.string())),
  nickName: z.optional(z.nullable(z.string())),
  subject: z.string(),
  content: z.string(),
  dateline: z.number(),
  threadsCheckTime: z.optional(z.nullable(z.number())),
  stateInfo: z.optional(z.nullable(z.string())),
  processInfo: z.optional(z.nullable(z.string())),
  sourceName: z.optional(z.nullable(z.string())),
  answerId: z.optional(z.nullable(z.union([z.int(), z.string()]))),
  answerContent: z.optional(z.nullable(z.string())),
  answerDateline: z.optional(z.nullable(z.number())),
  answerOrganization: z.optional(z.nullable(z.string())),
  grade: z.optional(z.nullable(z.number())),
  gradeLevel: z.optional(z.nullable(z.number())),
  gradeManner: z.optional(z.nullable(z.number())),
  gradeSpeed: z.optional(z.nullable(z.number())),
})
export type PeopleDailyItem = z.infer<typeof PeopleDailyItemSchema>

/** Options of {@link fromPeopleDailyItem}. */
export interface PeopleDailyImportOptions {
  /**
   * Board id for the item's forum (`fid`, `forumName`).
   * @default (fid) => `rmw-${fid}`
   */
  boardId?: (fid: string, forumName: string | undefined) => string
  /** Message type for a `typeName` Liuyan does not know (e.g. 两会). Without it such items throw. */
  fallbackType?: MessageType
}

// Built on first use, so a bundle that never imports records does not carry the tables.
let typeByName: Readonly<Record<string, MessageType>> | undefined
let domainByName: Readonly<Record<string, Domain>> | undefined
function lookups() {
  typeByName ??= {
    ...invert(MESSAGE_TYPE_LABELS['zh-CN']),
    ...invert(MESSAGE_TYPE_LABELS['zh-TW']),
    // The board files complaints and requests for help in one bucket; the complaint is the stronger claim.
    '投诉/求助': 'complain',
    '投诉求助': 'complain',
    建议: 'suggest',
  }
  domainByName ??= { ...invert(DOMAIN_LABELS['zh-CN']), ...invert(DOMAIN_LABELS['zh-TW']) }
  return { typeByName, domainByName }
}

/**
 * Maps one record of the People's Daily board (`typeId`/`typeName`, `domainName`, `stateInfo`,
 * `answer*`, `grade*`) to a {@link PublicMessage}, so real data can be imported and shown. The
 * flattened records of crawls (`title`, `forum`, `date`, `type`, `status`, `replyContent`,
 * `gManner`…, as in the Zhejiang sample) are read too.
 * Unknown domains (e.g. 体育) become `other`; free text is masked like any public text.
 *
 * @example
 * ```ts
 * const message = fromPeopleDailyItem(item)
 * message.type   // 'complain' (typeName 投诉)
 * message.status // 'accepted' (stateInfo 待回复, processInfo 未交办)
 * ```
 */
export function fromPeopleDailyItem(input: unknown, options: PeopleDailyImportOptions = {}): PublicMessage {
  const parsed = z.safeParse(PeopleDailyItemSchema, isFlattened(input) ? unflatten(input) : input)
  if (!parsed.success) {
    throw new LiuyanCoreError('invalid_import', `Not a People's Daily board record: check the fields ${issuePaths(parsed.error)}.`)
  }
  const item = parsed.data
  const id = String(item.tid)
  const fid = String(item.fid)
  const typeName = item.typeName?.trim() ?? ''
  const { typeByName: TYPE_BY_NAME, domainByName: DOMAIN_BY_NAME } = lookups()
  const type = TYPE_BY_NAME[typeName] ?? options.fallbackType
  if (!type) {
    throw new LiuyanCoreError('unknown_type', `Record ${id} has the message type "${typeName}", which Liuyan does not know; give a fallback type to import it.`)
  }
  const domain = DOMAIN_BY_NAME[item.domainName?.trim() ?? ''] ?? 'other'
  const createdAt = fromUnix(item.dateline)
  const publishedAt = item.threadsCheckTime ? fromUnix(item.threadsCheckTime) : undefined
  const hasAnswer = Boolean(item.answerContent?.trim())
  const status = statusOf(item.stateInfo ?? '', item.processInfo ?? '', hasAnswer)

  const timeline: PublicTimelineEvent[] = [{ id: `${id}-submit`, type: 'submit', at: createdAt, actor: { role: 'citizen' }, to: 'pending' }]
  if (publishedAt) timeline.push({ id: `${id}-accept`, type: 'accept', at: publishedAt, actor: { role: 'reviewer' }, from: 'pending', to: 'accepted' })

  const message: PublicMessage = {
    id,
    boardId: (options.boardId ?? ((f) => `rmw-${f}`))(fid, item.forumName ?? undefined),
    type,
    domain,
    title: maskPII(item.subject.trim()),
    content: maskPII(item.content.trim()),
    images: [],
    author: { nickname: item.nickName?.trim() || '网友' },
    status,
    channel: channelOf(item.sourceName ?? ''),
    createdAt,
    supervised: false,
    posts: [],
    timeline,
  }
  if (publishedAt) message.publishedAt = publishedAt
  if (hasAnswer && item.answerContent) {
    const repliedAt = item.answerDateline ? fromUnix(item.answerDateline) : publishedAt ?? createdAt
    message.repliedAt = repliedAt
    message.posts.push({
      kind: 'reply',
      id: item.answerId != null ? String(item.answerId) : `${id}-reply`,
      organization: item.answerOrganization?.trim() || item.forumName?.trim() || '办理单位',
      content: maskPII(item.answerContent.trim()),
      createdAt: repliedAt,
    })
    timeline.push({ id: `${id}-reply`, type: 'reply', at: repliedAt, actor: { role: 'handler' }, to: 'replied' })
  }
  const scores = [item.grade, item.gradeLevel, item.gradeManner, item.gradeSpeed]
  if (scores.every((s): s is number => typeof s === 'number' && s >= 1 && s <= 5)) {
    const [overall, resolution, attitude, speed] = scores.map(Math.round) as [number, number, number, number]
    message.evaluation = { overall, resolution, attitude, speed }
  }
  const checked = z.safeParse(PublicMessageSchema, message)
  if (!checked.success) {
    throw new LiuyanCoreError('invalid_import', `Record ${id} does not make a valid message: check ${issuePaths(checked.error)}.`)
  }
  return checked.data
}

function issuePaths(error: z.core.$ZodError): string {
  return [...new Set(error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ')
}

type Loose = Record<string, unknown>

/** Crawls of the board also keep a flattened record (`title`, `forum`, `date`, `reply*`, `g*`). */
function isFlattened(input: unknown): input is Loose {
  return typeof input === 'object' && input !== null && 'title' in input && !('subject' in input)
}

/** Names the flattened record's fields as the list item does; `date` (a day in China) becomes the dateline. */
function unflatten(record: Loose): Loose {
  const { title, forum, type, domain, status, replyOrg, replyContent, nick, gManner, gSpeed, date, ...rest } = record
  const day = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00+08:00`) / 1000 : date
  return {
    ...rest,
    subject: title, forumName: forum, typeName: type, domainName: domain, stateInfo: status,
    answerOrganization: replyOrg, answerContent: replyContent, nickName: nick, gradeManner: gManner, gradeSpeed: gSpeed, dateline: day,
  }
}

function statusOf(stateInfo: string, processInfo: string, hasAnswer: boolean): MessageStatus {
  if (hasAnswer || /已(办理|回复|办结)/.test(stateInfo)) return 'replied'
  if (/办理中/.test(stateInfo)) return 'processing'
  return /已交办|已转办/.test(processInfo) ? 'assigned' : 'accepted'
}

function channelOf(source: string): Channel {
  if (/微信/.test(source)) return 'wechat'
  if (/手机|移动|app|h5|客户端/i.test(source)) return 'mobile'
  if (/pc|浏览器|网页|电脑/i.test(source)) return 'web'
  return 'import'
}

function fromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}

/* @__NO_SIDE_EFFECTS__ */
function invert<K extends string>(labels: Readonly<Record<K, string>>): Record<string, K> {
  return Object.fromEntries(Object.entries(labels).map(([key, label]) => [label, key])) as Record<string, K>
}
