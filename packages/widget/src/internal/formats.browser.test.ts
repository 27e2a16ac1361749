import { describe, expect, it } from 'vitest'
import { humanizeSeconds } from '../components/board-stats/board-stats.js'
import { formatDate, formatNumber } from '../i18n/index.js'
import { dateFormat, numberFormat, unitListFormat } from './formats.js'

const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const
const DATES = ['2024-03-05T16:30:00Z', '2024-12-31T23:59:59+08:00', '2025-01-01T00:00:00Z']

describe('formats', () => {
  it('builds one formatter per locale and options, and another for another locale or options', () => {
    expect(dateFormat('zh-CN', false)).toBe(dateFormat('zh-CN', false))
    expect(dateFormat('zh-CN', true)).not.toBe(dateFormat('zh-CN', false))
    expect(dateFormat('en', false)).not.toBe(dateFormat('zh-CN', false))
    expect(numberFormat('en', { style: 'percent', maximumFractionDigits: 1 })).toBe(numberFormat('en', { style: 'percent', maximumFractionDigits: 1 }))
    expect(numberFormat('en', { style: 'percent', maximumFractionDigits: 1 })).not.toBe(numberFormat('en', { maximumFractionDigits: 1 }))
    expect(numberFormat('en')).toBe(numberFormat('en'))
    expect(numberFormat('en')).not.toBe(numberFormat('zh-CN'))
    expect(unitListFormat('zh-TW')).toBe(unitListFormat('zh-TW'))
    expect(unitListFormat('zh-TW')).not.toBe(unitListFormat('en'))
  })

  it('formats exactly as a formatter built for the call did', () => {
    for (const locale of LOCALES) {
      for (const iso of DATES) {
        const options: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }
        expect(formatDate(iso, locale)).toBe(new Intl.DateTimeFormat(locale, options).format(new Date(iso)))
        expect(formatDate(iso, locale, true)).toBe(
          new Intl.DateTimeFormat(locale, { ...options, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)),
        )
      }
      for (const [value, options] of [[1234.5, undefined], [0.4567, { style: 'percent', maximumFractionDigits: 1 }], [3, { style: 'unit', unit: 'day', unitDisplay: 'long' }]] as const) {
        expect(formatNumber(value, locale, options)).toBe(new Intl.NumberFormat(locale, options).format(value))
      }
    }
    // China time, whatever the visitor's zone: 16:30 UTC is the next day in Beijing.
    expect(formatDate(DATES[0], 'en', true)).toMatch(/^03\/06\/2024,? 00:30$/)
    expect(formatDate(undefined, 'en')).toBe('')
    expect(formatDate('not a date', 'en')).toBe('')
    expect(humanizeSeconds(2 * 86_400 + 3 * 3600, 'en')).toBe('2 days 3 hours')
    expect(humanizeSeconds(2 * 86_400 + 3 * 3600, 'zh-CN')).toBe('2天3小时')
  })
})
