import type { Translations } from '../../i18n/index.js'

/** The strings of `<liuyan-board>`. */
export interface BoardStrings {
  /** Name of the navigation between the views. */
  nav: string
  list: string
  new: string
  track: string
  back: string
}

export const boardStrings: Translations<BoardStrings> = {
  'zh-CN': { nav: '留言板', list: '留言列表', new: '我要留言', track: '查询留言', back: '返回留言列表' },
  'zh-TW': { nav: '留言板', list: '留言列表', new: '我要留言', track: '查詢留言', back: '返回留言列表' },
  en: { nav: 'Message board', list: 'Messages', new: 'Leave a message', track: 'Track my message', back: 'Back to the messages' },
}
