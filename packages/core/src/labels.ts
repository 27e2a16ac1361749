// The labels of the closed vocabularies in every language, as tables by locale, made of the
// modules of each language (locales/<locale>.ts). A module apart from enums.ts, so that an
// application that needs the vocabularies and one language's labels (`ZH_CN_LABELS`) does not
// load the others' through it.
import { DEFAULT_LOCALE, satisfactionLevel, type Domain, type Labels, type Locale, type LocaleLabels, type MessageStatus, type MessageType, type Role } from './enums.js'
import { EN_LABELS } from './locales/en.js'
import { ZH_CN_LABELS } from './locales/zh-CN.js'
import { ZH_TW_LABELS } from './locales/zh-TW.js'

const LABELS: Readonly<Record<Locale, LocaleLabels>> = { 'zh-CN': ZH_CN_LABELS, 'zh-TW': ZH_TW_LABELS, en: EN_LABELS }
const byLocale = <K extends keyof LocaleLabels>(key: K) =>
  ({ 'zh-CN': ZH_CN_LABELS[key], 'zh-TW': ZH_TW_LABELS[key], en: EN_LABELS[key] }) as const

/** Labels of {@link MESSAGE_TYPES}. */
export const MESSAGE_TYPE_LABELS: Labels<MessageType> = /* @__PURE__ */ byLocale('messageTypes')

/** Labels of {@link DOMAINS}. */
export const DOMAIN_LABELS: Labels<Domain> = /* @__PURE__ */ byLocale('domains')

/** Staff-facing labels of {@link STATUSES}. */
export const STATUS_LABELS: Labels<MessageStatus> = /* @__PURE__ */ byLocale('statuses')

/**
 * Public labels of {@link STATUSES}: the public sees three stages only (待回复, 办理中, 已办理), as on
 * the reference boards.
 */
export const PUBLIC_STATUS_LABELS: Labels<MessageStatus> = /* @__PURE__ */ byLocale('publicStatuses')

/** Labels of {@link ROLES}. */
export const ROLE_LABELS: Labels<Role> = /* @__PURE__ */ byLocale('roles')

/**
 * The satisfaction label of an overall score or an average of scores (see {@link satisfactionLevel}).
 *
 * @example
 * ```ts
 * satisfactionLabel(5)          // '很满意'
 * satisfactionLabel(3.4, 'en')  // 'Satisfied'
 * ```
 */
export function satisfactionLabel(score: number, locale: Locale = DEFAULT_LOCALE): string {
  return (LABELS[locale] ?? LABELS[DEFAULT_LOCALE]).satisfaction[satisfactionLevel(score)]
}
