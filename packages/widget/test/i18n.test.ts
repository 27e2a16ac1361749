// The languages are kept apart (zh-CN with each component, zh-TW and en in a module each, loaded
// when a page needs them): these checks keep them saying the same things.
import { ZH_CN_LABELS } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { boardStatsStrings } from '../src/components/board-stats/board-stats.i18n.js'
import { boardStrings } from '../src/components/board/board.i18n.js'
import { messageFormStrings } from '../src/components/message-form/message-form.i18n.js'
import { messageListStrings } from '../src/components/message-list/message-list.i18n.js'
import { threadStrings } from '../src/components/thread/thread.i18n.js'
import { trackingStrings } from '../src/components/tracking/tracking.i18n.js'
import type { Catalog } from '../src/i18n/catalog.js'
import en from '../src/i18n/en.js'
import { BOARD_FAILED, PART_FAILED, RELOAD } from '../src/i18n/load-failed.js'
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
  labels: ZH_CN_LABELS,
}

/** Every path to a string, e.g. `thread.events.reply`. */
function paths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix]
  return Object.entries(value as object).flatMap(([key, v]) => paths(v, prefix ? `${prefix}.${key}` : key)).sort()
}
/** The `{name}` placeholders of each string, by path. */
function placeholders(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const path of paths(value)) {
    const text = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value) as string
    out[path] = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()
  }
  return out
}

describe('translations', () => {
  it('have the same keys in zh-CN, zh-TW and en, none empty', () => {
    const keys = paths(zhCN)
    expect(keys.length).toBeGreaterThan(150)
    for (const catalog of [zhTW, en]) {
      expect(paths(catalog)).toEqual(keys)
      for (const path of keys) expect(path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], catalog), path).not.toBe('')
    }
  })

  it('use the same placeholders in every language', () => {
    const expected = placeholders(zhCN)
    expect(placeholders(zhTW)).toEqual(expected)
    expect(placeholders(en)).toEqual(expected)
  })

  it('are really translated: zh-TW and en differ from zh-CN where a sentence is long enough to', () => {
    const differs = (catalog: Catalog) => paths(zhCN).filter((p) => {
      const get = (c: Catalog) => p.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], c) as string
      return get(catalog) !== get(zhCN)
    }).length
    expect(differs(en)).toBe(paths(zhCN).length)
    expect(differs(zhTW)).toBeGreaterThan(paths(zhCN).length / 2)
  })

  it('say in every language that a file of the widget did not load', () => {
    for (const table of [BOARD_FAILED, PART_FAILED, RELOAD]) expect(Object.keys(table).sort()).toEqual(['en', 'zh-CN', 'zh-TW'])
  })
})
