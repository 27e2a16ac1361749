/**
 * The closed vocabularies of a message board and their labels in every supported language.
 *
 * Wire values are stable English identifiers; labels are for people. Every list is `as const`, so
 * `MessageType`, `Domain` and `MessageStatus` are exact unions.
 */

/** The languages Liuyan ships messages and labels for. zh-CN is the default everywhere. */
export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const
/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number]
/** The locale used when none is given or the given one is unknown. */
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/**
 * The five kinds of message a citizen can leave (咨询, 建言, 投诉, 求助, 感谢).
 *
 * @example
 * ```ts
 * MESSAGE_TYPES.includes('complain') // true
 * MESSAGE_TYPE_LABELS['zh-CN'].complain // '投诉'
 * ```
 */
export const MESSAGE_TYPES = ['consult', 'suggest', 'complain', 'help', 'thank'] as const
/** One of {@link MESSAGE_TYPES}. */
export type MessageType = (typeof MESSAGE_TYPES)[number]

/**
 * The fourteen subject domains (领域) of the reference boards, from 城建 (urban) to 其他 (other).
 *
 * @example
 * ```ts
 * DOMAIN_LABELS.en.agriculture // 'Agriculture'
 * ```
 */
export const DOMAINS = [
  'urban',
  'transport',
  'agriculture',
  'environment',
  'education',
  'health',
  'security',
  'tourism',
  'employment',
  'culture',
  'finance',
  'enterprise',
  'government',
  'other',
] as const
/** One of {@link DOMAINS}. */
export type Domain = (typeof DOMAINS)[number]

/**
 * The lifecycle statuses of a message. See {@link allowedActions} for the transitions.
 *
 * @example
 * ```ts
 * STATUS_LABELS['zh-CN'].assigned        // '已交办' (what staff see)
 * PUBLIC_STATUS_LABELS['zh-CN'].assigned // '待回复' (what the public sees)
 * ```
 */
export const STATUSES = ['pending', 'accepted', 'assigned', 'processing', 'replied', 'closed', 'rejected'] as const
/** One of {@link STATUSES}. */
export type MessageStatus = (typeof STATUSES)[number]

/** Statuses in which the handling clock runs (the message is accepted and not yet answered). */
export const OPEN_STATUSES = ['accepted', 'assigned', 'processing'] as const satisfies readonly MessageStatus[]

/**
 * Who acts on a message: the author (`citizen`, identified by the tracking code) or staff.
 *
 * @example
 * ```ts
 * STAFF_ROLES // ['reviewer', 'handler', 'supervisor']
 * ```
 */
export const ROLES = ['citizen', 'reviewer', 'handler', 'supervisor'] as const
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number]
/** The roles a staff token can carry. */
export const STAFF_ROLES = ['reviewer', 'handler', 'supervisor'] as const
/** One of {@link STAFF_ROLES}. */
export type StaffRole = (typeof STAFF_ROLES)[number]

/** How a message reached the board. */
export const CHANNELS = ['web', 'mobile', 'wechat', 'phone', 'letter', 'import', 'other'] as const
/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number]

/** Labels of a closed vocabulary, per locale. */
export type Labels<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>

/** Labels of {@link MESSAGE_TYPES}. */
export const MESSAGE_TYPE_LABELS: Labels<MessageType> = {
  'zh-CN': { consult: '咨询', suggest: '建言', complain: '投诉', help: '求助', thank: '感谢' },
  'zh-TW': { consult: '諮詢', suggest: '建言', complain: '投訴', help: '求助', thank: '感謝' },
  en: { consult: 'Enquiry', suggest: 'Suggestion', complain: 'Complaint', help: 'Request for help', thank: 'Thanks' },
}

/** Labels of {@link DOMAINS}. */
export const DOMAIN_LABELS: Labels<Domain> = {
  'zh-CN': {
    urban: '城建', transport: '交通', agriculture: '三农', environment: '环保', education: '教育',
    health: '医疗', security: '治安', tourism: '旅游', employment: '就业', culture: '文娱',
    finance: '金融', enterprise: '企业', government: '政务', other: '其他',
  },
  'zh-TW': {
    urban: '城建', transport: '交通', agriculture: '三農', environment: '環保', education: '教育',
    health: '醫療', security: '治安', tourism: '旅遊', employment: '就業', culture: '文娛',
    finance: '金融', enterprise: '企業', government: '政務', other: '其他',
  },
  en: {
    urban: 'Urban development', transport: 'Transport', agriculture: 'Agriculture',
    environment: 'Environment', education: 'Education', health: 'Health care',
    security: 'Public security', tourism: 'Tourism', employment: 'Employment', culture: 'Culture',
    finance: 'Finance', enterprise: 'Business', government: 'Government affairs', other: 'Other',
  },
}

/** Staff-facing labels of {@link STATUSES}. */
export const STATUS_LABELS: Labels<MessageStatus> = {
  'zh-CN': { pending: '待审核', accepted: '已受理', assigned: '已交办', processing: '办理中', replied: '已回复', closed: '已办结', rejected: '不予受理' },
  'zh-TW': { pending: '待審核', accepted: '已受理', assigned: '已交辦', processing: '辦理中', replied: '已回覆', closed: '已辦結', rejected: '不予受理' },
  en: { pending: 'Awaiting review', accepted: 'Accepted', assigned: 'Assigned', processing: 'In progress', replied: 'Replied', closed: 'Closed', rejected: 'Not accepted' },
}

/**
 * Public labels of {@link STATUSES}: the public sees three stages only (待回复, 办理中, 已办理), as on
 * the reference boards.
 */
export const PUBLIC_STATUS_LABELS: Labels<MessageStatus> = {
  'zh-CN': { pending: '待回复', accepted: '待回复', assigned: '待回复', processing: '办理中', replied: '已办理', closed: '已办理', rejected: '不予受理' },
  'zh-TW': { pending: '待回覆', accepted: '待回覆', assigned: '待回覆', processing: '辦理中', replied: '已辦理', closed: '已辦理', rejected: '不予受理' },
  en: { pending: 'Awaiting reply', accepted: 'Awaiting reply', assigned: 'Awaiting reply', processing: 'In progress', replied: 'Answered', closed: 'Answered', rejected: 'Not accepted' },
}

/** Labels of {@link ROLES}. */
export const ROLE_LABELS: Labels<Role> = {
  'zh-CN': { citizen: '留言人', reviewer: '审核员', handler: '办理单位', supervisor: '督办员' },
  'zh-TW': { citizen: '留言人', reviewer: '審核員', handler: '辦理單位', supervisor: '督辦員' },
  en: { citizen: 'Author', reviewer: 'Reviewer', handler: 'Handling unit', supervisor: 'Supervisor' },
}

/**
 * Picks a supported locale from a BCP 47 tag or an `Accept-Language` header value, falling back to
 * zh-CN. Traditional Chinese regions (TW, HK, MO) and the `Hant` script map to zh-TW.
 *
 * @example
 * ```ts
 * resolveLocale('en-GB,en;q=0.9') // 'en'
 * resolveLocale('zh-HK')          // 'zh-TW'
 * resolveLocale(undefined)        // 'zh-CN'
 * ```
 */
export function resolveLocale(input: string | null | undefined): Locale {
  if (!input) return DEFAULT_LOCALE
  const ranked = input
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index }
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) {
      return /-(tw|hk|mo|hant)\b/.test(tag) ? 'zh-TW' : 'zh-CN'
    }
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return DEFAULT_LOCALE
}

/**
 * The satisfaction label of an overall score or an average of scores (DESIGN: >4 很满意, >3 满意,
 * >2 基本满意, >1 不满意, ≤1 很不满意).
 *
 * @example
 * ```ts
 * satisfactionLabel(5)          // '很满意'
 * satisfactionLabel(3.4, 'en')  // 'Satisfied'
 * ```
 */
export function satisfactionLabel(score: number, locale: Locale = DEFAULT_LOCALE): string {
  const labels = SATISFACTION_LABELS[locale] ?? SATISFACTION_LABELS[DEFAULT_LOCALE]
  if (score > 4) return labels[4]
  if (score > 3) return labels[3]
  if (score > 2) return labels[2]
  if (score > 1) return labels[1]
  return labels[0]
}

const SATISFACTION_LABELS: Readonly<Record<Locale, readonly [string, string, string, string, string]>> = {
  'zh-CN': ['很不满意', '不满意', '基本满意', '满意', '很满意'],
  'zh-TW': ['很不滿意', '不滿意', '基本滿意', '滿意', '很滿意'],
  en: ['Very dissatisfied', 'Dissatisfied', 'Fairly satisfied', 'Satisfied', 'Very satisfied'],
}
