import { DEFAULT_LOCALE, resolveLocale, type Locale } from '@liuyan/core'
import { dateFormat, numberFormat } from '../internal/formats.js'
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

/** Replaces `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))
}

/** Dates for people, through Intl, in China time. */
export function formatDate(iso: string | undefined, locale: Locale, withTime = false): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return dateFormat(locale, withTime).format(date)
}

/** Numbers for people, through Intl. */
export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value)
}
