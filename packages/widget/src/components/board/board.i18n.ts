/** The strings of `<liuyan-board>`. */
export interface BoardStrings {
  /** Name of the navigation between the views. */
  nav: string
  list: string
  new: string
  track: string
  back: string
}

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const boardStrings: BoardStrings = { nav: '留言板', list: '留言列表', new: '我要留言', track: '查询留言', back: '返回留言列表' }
