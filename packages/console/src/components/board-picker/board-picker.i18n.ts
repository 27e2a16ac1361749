import type { Translations } from '../../i18n.js'

export interface PickerStrings {
  search: string
  searchHint: string
  none: string
  closed: string
  /** How many units match the search. */
  matches: string
}

export const pickerStrings: Translations<PickerStrings> = {
  'zh-CN': { search: '查找单位', searchHint: '输入单位名称的一部分，如“交通”', none: '没有名称含“{query}”的单位', closed: '（不接收留言）', matches: '找到 {count} 个单位' },
  'zh-TW': { search: '尋找單位', searchHint: '輸入單位名稱的一部分，如「交通」', none: '沒有名稱含「{query}」的單位', closed: '（不接收留言）', matches: '找到 {count} 個單位' },
  en: { search: 'Find a unit', searchHint: 'Type part of a unit’s name', none: 'No unit’s name contains “{query}”', closed: ' (takes no messages)', matches: '{count} units found' },
}
