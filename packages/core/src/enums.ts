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

/** Labels of a closed vocabulary, per locale (the tables are in labels.ts). */
export type Labels<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>

/** Every label of the closed vocabularies in one language (`ZH_CN_LABELS`, `ZH_TW_LABELS`, `EN_LABELS`). */
export interface LocaleLabels {
  readonly messageTypes: Readonly<Record<MessageType, string>>
  readonly domains: Readonly<Record<Domain, string>>
  /** Staff-facing labels of the statuses. */
  readonly statuses: Readonly<Record<MessageStatus, string>>
  /** Public labels of the statuses: three stages only (待回复, 办理中, 已办理), as on the reference boards. */
  readonly publicStatuses: Readonly<Record<MessageStatus, string>>
  readonly roles: Readonly<Record<Role, string>>
  /** The five satisfaction levels, from 很不满意 to 很满意 (see {@link satisfactionLevel}). */
  readonly satisfaction: readonly [string, string, string, string, string]
}

/** The labels a public page shows: all but the staff's statuses and the roles (`ZH_CN_PUBLIC_LABELS` …). */
export type PublicLabels = Pick<LocaleLabels, 'messageTypes' | 'domains' | 'publicStatuses' | 'satisfaction'>

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
 * The satisfaction level of an overall score or an average of scores, 0 (很不满意) to 4 (很满意)
 * (DESIGN: >4 很满意, >3 满意, >2 基本满意, >1 不满意, ≤1 很不满意): an index of
 * `LocaleLabels.satisfaction`.
 *
 * @example
 * ```ts
 * satisfactionLevel(3.4)                 // 3
 * EN_LABELS.satisfaction[satisfactionLevel(3.4)] // 'Satisfied'
 * ```
 */
export function satisfactionLevel(score: number): 0 | 1 | 2 | 3 | 4 {
  return score > 4 ? 4 : score > 3 ? 3 : score > 2 ? 2 : score > 1 ? 1 : 0
}
