import type { Translations } from '../../i18n/index.js'

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

export const messageListStrings: Translations<MessageListStrings> = {
  'zh-CN': {
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
  },
  'zh-TW': {
    filters: '篩選留言',
    type: '留言類型',
    domain: '領域',
    status: '辦理狀態',
    keyword: '關鍵詞',
    all: '全部',
    search: '查詢',
    list: '留言列表',
    more: '載入更多',
    loadingMore: '正在載入…',
    count: '共顯示 {n} 則留言',
    added: '新載入 {k} 則，共顯示 {n} 則留言',
    empty: '沒有找到符合條件的留言。可以換個關鍵詞或選擇「全部」再試。',
    posted: '{name} 留言於 {date}',
    repliedBy: '{org} 已答覆',
    notFound: '沒有找到這個留言板，請核對留言板地址。',
  },
  en: {
    filters: 'Filter messages',
    type: 'Type',
    domain: 'Domain',
    status: 'Status',
    keyword: 'Keyword',
    all: 'All',
    search: 'Search',
    list: 'Messages',
    more: 'Load more',
    loadingMore: 'Loading…',
    count: 'Messages shown: {n}',
    added: '{k} more loaded. Messages shown: {n}',
    empty: 'No messages match. Try another keyword or choose “All”.',
    posted: '{name} wrote on {date}',
    repliedBy: 'Replied by {org}',
    notFound: 'This message board was not found. Please check its address.',
  },
}
