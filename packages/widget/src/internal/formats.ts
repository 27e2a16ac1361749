// Private: the Intl formatters of the widget, each built once per locale and options. Building an
// Intl formatter resolves its locale data, far dearer than formatting with it, and the list and the
// thread asked for a new date formatter for every message and every reply on every render.

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>()

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, build: () => F): F {
  let formatter = cache.get(key) as F | undefined
  if (!formatter) {
    formatter = build()
    cache.set(key, formatter)
  }
  return formatter
}

/** The date format of the widget, in China time: `2024/03/06`, with `withTime` `2024/03/06 00:30`. */
export function dateFormat(locale: string, withTime: boolean): Intl.DateTimeFormat {
  return cached(`date|${locale}|${withTime}`, () =>
    new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    }),
  )
}

/**
 * A number format of `locale` with `options`. The options are part of the key (as JSON), so call
 * sites pass small literal objects; the same options written in another key order make a second,
 * equal formatter, which is harmless.
 */
export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(`number|${locale}|${options ? JSON.stringify(options) : ''}`, () => new Intl.NumberFormat(locale, options))
}

/** The list format that joins a duration's parts: `2 days 3 hours`, `2天3小时`. */
export function unitListFormat(locale: string): Intl.ListFormat {
  return cached(`list|${locale}`, () => new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }))
}
