// The languages are kept apart (zh-CN with each component, zh-TW and en in a module each, loaded
// when a page needs them): these checks keep them saying the same things.
import { ZH_CN_PUBLIC_LABELS, ZH_CN_PUBLIC_VALIDATION } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { boardStatsStrings } from '../src/components/board-stats/board-stats.i18n.js'
import { boardStrings } from '../src/components/board/board.i18n.js'
import { messageFormStrings } from '../src/components/message-form/message-form.i18n.js'
import { messageListStrings } from '../src/components/message-list/message-list.i18n.js'
import { threadStrings } from '../src/components/thread/thread.i18n.js'
import { trackingStrings } from '../src/components/tracking/tracking.i18n.js'
import type { Catalog } from '../src/i18n/catalog.js'
import en from '../src/i18n/en.js'
import { PART_FAILED, RELOAD } from '../src/i18n/load-failed.js'
import zhTW from '../src/i18n/zh-TW.js'
import { formStrings } from '../src/internal/form.i18n.js'
import { viewStrings } from '../src/internal/view.i18n.js'

const zhCN: Catalog = {
  board: boardStrings,
  boardStats: boardStatsStrings,
  messageList: messageListStrings,
  thread: threadStrings,
  messageForm: messageFormStrings,
  tracking: trackingStrings,
  view: viewStrings,
  form: formStrings,
  labels: ZH_CN_PUBLIC_LABELS,
  validation: ZH_CN_PUBLIC_VALIDATION,
}

/** Every string by its path, e.g. `thread.events.reply` (a key may hold a dot: `validation.fields.place.text`). */
function strings(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value }
  return Object.assign({}, ...Object.entries(value as object).map(([key, v]) => strings(v, prefix ? `${prefix}.${key}` : key)))
}
/** Every path to a string, sorted. */
const paths = (value: unknown): string[] => Object.keys(strings(value)).sort()
/** The `{name}` placeholders of each string, by path. */
const placeholders = (value: unknown): Record<string, string[]> =>
  Object.fromEntries(Object.entries(strings(value)).map(([path, text]) => [path, [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()]))

describe('translations', () => {
  it('have the same keys in zh-CN, zh-TW and en, none empty', () => {
    const keys = paths(zhCN)
    expect(keys.length).toBeGreaterThan(150)
    for (const catalog of [zhTW, en]) {
      expect(paths(catalog)).toEqual(keys)
      for (const [path, text] of Object.entries(strings(catalog))) expect(text.trim(), path).not.toBe('')
    }
  })

  it('use the same placeholders in every language', () => {
    const expected = placeholders(zhCN)
    expect(placeholders(zhTW)).toEqual(expected)
    expect(placeholders(en)).toEqual(expected)
  })

  it('are really translated: zh-TW and en differ from zh-CN where a sentence is long enough to', () => {
    const zh = strings(zhCN)
    const differs = (catalog: Catalog) => Object.entries(strings(catalog)).filter(([path, text]) => text !== zh[path]).length
    expect(differs(en)).toBe(paths(zhCN).length)
    expect(differs(zhTW)).toBeGreaterThan(paths(zhCN).length / 2)
  })

  it('say in every language that a file of the widget did not load', () => {
    for (const table of [PART_FAILED, RELOAD]) expect(Object.keys(table).sort()).toEqual(['en', 'zh-CN', 'zh-TW'])
  })
})
