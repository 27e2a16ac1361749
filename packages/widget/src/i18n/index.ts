import { DEFAULT_LOCALE, resolveLocale, satisfactionLevel, ZH_CN_PUBLIC_LABELS, type Locale, type PublicLabels } from '@liuyan/core'
import type { Catalog } from './catalog.js'

export type { Catalog } from './catalog.js'

// zh-CN, the default language, is bundled with each component (its `*.i18n.ts`). The other
// languages are one module each, holding every component's strings, loaded on first use: in the
// script-tag build each is a chunk of its own, so a page carries zh-CN and, at most, its language.
const LOADERS: Record<Exclude<Locale, 'zh-CN'>, () => Promise<{ default: Catalog }>> = {
  'zh-TW': () => import('./zh-TW.js'),
  en: () => import('./en.js'),
}
const catalogs: Partial<Record<Locale, Catalog>> = {}
const loading: Partial<Record<Locale, Promise<void>>> = {}

/** Whether the strings of `locale` are at hand (zh-CN always is). */
export function hasLocale(locale: Locale): boolean {
  return locale === 'zh-CN' || catalogs[locale] !== undefined
}

/**
 * Loads the strings of `locale`. Rejects when the chunk cannot be fetched; a later call tries
 * again. Until they are loaded, {@link pick} answers in zh-CN.
 */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'zh-CN' || catalogs[locale]) return Promise.resolve()
  return (loading[locale] ??= LOADERS[locale]().then(
    (module) => void (catalogs[locale] = module.default),
    (error: unknown) => {
      delete loading[locale]
      throw error
    },
  ))
}

/**
 * The language of an element: its own `lang`, else the nearest ancestor's (through shadow roots),
 * else `<html lang>`, else zh-CN.
 */
export function langOf(element: Element): Locale {
  let node: Node | null = element
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return resolveLocale(node.getAttribute('lang'))
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
  }
  return resolveLocale(document.documentElement.lang || DEFAULT_LOCALE)
}

/** The strings of one part (`key` of the catalog) in `locale`; zh-CN's (`zh`) while `locale` is not loaded. */
export function pick<K extends keyof Catalog>(key: K, zh: Catalog[K], locale: Locale): Catalog[K] {
  return (locale !== 'zh-CN' && catalogs[locale]?.[key]) || zh
}

/**
 * Core's labels that a public page shows (types, domains, public statuses, satisfaction) in `locale`: zh-CN's
 * come with the components, the others with their language's module (`labels`), so that a page
 * carries the labels of zh-CN and its own language only; zh-CN's while `locale` is not loaded.
 */
export const labelsOf = (locale: Locale): PublicLabels => pick('labels', ZH_CN_PUBLIC_LABELS, locale)

/** The satisfaction label of a score or an average in `locale` (core's `satisfactionLevel`). */
export const satisfactionOf = (score: number, locale: Locale): string => labelsOf(locale).satisfaction[satisfactionLevel(score)]

/** Replaces `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))
}

// Dates and numbers are written out here rather than by Intl: the first Intl formatter of a page
// loads ICU's data, one task of ~100 ms at 4x CPU throttling, which fell in the first render of the
// list (issue 15: no task over 50 ms). The three languages write them alike but for the order of a
// date; formats.browser.test.ts checks every format against Intl's.

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Dates for people, in China time (UTC+8: Asia/Shanghai has kept no summer time since 1991), as
 * Intl's `year: numeric, month: 2-digit, day: 2-digit` writes them: `2024/03/06`, in en
 * `03/06/2024`; with `withTime` `2024/03/06 00:30`, in en `03/06/2024, 00:30`.
 */
export function formatDate(iso: string | undefined, locale: Locale, withTime = false): string {
  if (!iso) return ''
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return ''
  const d = new Date(time + 8 * 3_600_000)
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())]
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  return locale === 'en' ? `${m}/${day}/${y}${withTime ? `, ${hm}` : ''}` : `${y}/${m}/${day}${withTime ? ` ${hm}` : ''}`
}

/**
 * Numbers for people, as Intl's NumberFormat writes them in the three languages: grouped by
 * thousands (`1,234.5`), at most `maximumFractionDigits` decimals (3 by default), rounded half away
 * from zero on the number's shortest decimal form; `style: 'percent'` multiplies by 100 and adds `%`.
 */
export function formatNumber(value: number, _locale: Locale, options: { style?: 'percent'; maximumFractionDigits?: number } = {}): string {
  const digits = options.maximumFractionDigits ?? 3
  const shift = digits + (options.style === 'percent' ? 2 : 0)
  // Shifted in exponent notation, on the decimal digits, where `x * 10 ** n` would round the binary value.
  const text = String(Math.abs(value))
  const scaled = Math.round(text.includes('e') ? Math.abs(value) * 10 ** shift : Number(`${text}e${shift}`))
  const [int, frac] = String(Number(`${scaled}e-${digits}`)).split('.')
  return `${value < 0 ? '-' : ''}${int!.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}${options.style === 'percent' ? '%' : ''}`
}
