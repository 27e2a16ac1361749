// The widget writes dates and numbers itself (i18n/index.ts: no Intl formatter, whose
// first use loads ICU's data in one long task). They must read exactly as Intl writes them.
import { describe, expect, it } from 'vitest'
import { formatDate, formatNumber } from '../i18n/index.js'

const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const
const DATES = [
  '2024-03-05T16:30:00Z',
  '2024-12-31T23:59:59+08:00',
  '2025-01-01T00:00:00Z',
  '2024-02-29T15:59:59.999Z',
  '2023-12-31T16:00:00Z',
  '1999-07-01T04:05:00+09:00',
  '2031-10-09T08:00:00-05:00',
  '2026-12-03T05:31:07.123Z',
]
const NUMBERS = [0, 1, 7, 12, 999, 1000, 1234, 12_345, 123_456, 1_234_567, 12_345.6789, 4.25, 4.35, 4.05, 1.005, 2.675, 0.0005, 0.00049, 3.14159, 99.95, -3.5, -1234.5]
const RATES = [0, 1, 0.5, 0.4567, 0.12345, 0.99951, 0.00045, 0.0005, 2 / 3, 1 / 7, 0.125, 0.0015]

describe('formats', () => {
  it('writes dates in China time exactly as Intl does', () => {
    for (const locale of LOCALES) {
      for (const iso of DATES) {
        const options: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }
        expect(formatDate(iso, locale), `${locale} ${iso}`).toBe(new Intl.DateTimeFormat(locale, options).format(new Date(iso)))
        expect(formatDate(iso, locale, true), `${locale} ${iso} with time`).toBe(
          new Intl.DateTimeFormat(locale, { ...options, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)),
        )
      }
    }
    // China time, whatever the visitor's zone: 16:30 UTC is the next day in Beijing.
    expect(formatDate(DATES[0], 'en', true)).toBe('03/06/2024, 00:30')
    expect(formatDate(DATES[0], 'zh-CN', true)).toBe('2024/03/06 00:30')
    expect(formatDate(undefined, 'en')).toBe('')
    expect(formatDate('not a date', 'en')).toBe('')
  })

  it('writes numbers and rates exactly as Intl does', () => {
    for (const locale of LOCALES) {
      for (const value of NUMBERS) {
        expect(formatNumber(value, locale), `${locale} ${value}`).toBe(new Intl.NumberFormat(locale).format(value))
        expect(formatNumber(value, locale, { maximumFractionDigits: 1 }), `${locale} ${value} to 1`).toBe(new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value))
      }
      for (const rate of RATES) {
        const options = { style: 'percent', maximumFractionDigits: 1 } as const
        expect(formatNumber(rate, locale, options), `${locale} ${rate}`).toBe(new Intl.NumberFormat(locale, options).format(rate))
      }
    }
  })
})
