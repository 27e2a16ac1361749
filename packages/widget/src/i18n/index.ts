import { DEFAULT_LOCALE, resolveLocale, type Locale } from '@liuyan/core'
import { dateFormat, numberFormat } from '../internal/formats.js'

/** Translations of one component: a typed module per locale, zh-CN complete, others may fall back. */
export type Translations<T> = { 'zh-CN': T } & Partial<Record<Exclude<Locale, 'zh-CN'>, Partial<T>>>

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

/** The strings of `locale`, each missing one taken from zh-CN. */
export function pick<T extends object>(table: Translations<T>, locale: Locale): T {
  return locale === 'zh-CN' ? table['zh-CN'] : { ...table['zh-CN'], ...table[locale] }
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
