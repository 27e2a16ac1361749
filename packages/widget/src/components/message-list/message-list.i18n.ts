/** The strings of `<liuyan-message-list>`. Type, domain and status labels come from core. */
export interface MessageListStrings {
  /** Name of the filter form (a search landmark). */
  filters: string
  type: string
  domain: string
  status: string
  keyword: string
  /** The first option of each select. */
  all: string
  search: string
  /** Name of the list of messages. */
  list: string
  more: string
  loadingMore: string
  /** `{n}` messages shown. */
  count: string
  /** `{k}` more loaded, `{n}` shown. */
  added: string
  empty: string
  /** `{name}` wrote on `{date}`. */
  posted: string
  /** `{org}` replied. */
  repliedBy: string
  /** A 404 for the board. */
  notFound: string
}

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const messageListStrings: MessageListStrings = {
  filters: '筛选留言',
  type: '留言类型',
  domain: '领域',
  status: '办理状态',
  keyword: '关键词',
  all: '全部',
  search: '查询',
  list: '留言列表',
  more: '加载更多',
  loadingMore: '正在加载…',
  count: '共显示 {n} 条留言',
  added: '新加载 {k} 条，共显示 {n} 条留言',
  empty: '没有找到符合条件的留言。可以换个关键词或选择“全部”再试。',
  posted: '{name} 留言于 {date}',
  repliedBy: '{org} 已答复',
  notFound: '没有找到这个留言板，请核对留言板地址。',
}
