import { DEFAULT_LOCALE, resolveLocale, type Locale } from '@liuyan/core'

/** Translations of one component: zh-CN complete, the others may fall back to it. */
export type Translations<T> = { 'zh-CN': T } & Partial<Record<Exclude<Locale, 'zh-CN'>, Partial<T>>>

/**
 * The language of an element: its own `lang`, else the nearest ancestor's (through shadow roots),
 * else `<html lang>`, else zh-CN (as the widget resolves it).
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

const dates = new Map<string, Intl.DateTimeFormat>()

/** A time for people, in China time (`2026/03/06 09:30`); '' for none. */
export function formatDate(iso: string | undefined, locale: Locale, withTime = true): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const key = `${locale}|${withTime}`
  let formatter = dates.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    })
    dates.set(key, formatter)
  }
  return formatter.format(date)
}
