import type { Translations } from '../../i18n.js'

export interface HotspotsStrings {
  title: string
  filters: string
  board: string
  from: string
  to: string
  apply: string
  monthOrder: string
  heatTitle: string
  heatCaption: string
  month: string
  allMonths: string
  region: string
  total: string
  heatEmpty: string
  heatNote: string
  groupsTitle: string
  groupsNote: string
  groupsEmpty: string
  count: string
  countMore: string
  span: string
  places: string
  open: string
  close: string
  members: string
  more: string
  duplicateOf: string
  link: string
  linked: string
  first: string
  loading: string
  loaded: string
}

export const hotspotsStrings: Translations<HotspotsStrings> = {
  'zh-CN': {
    title: '热点与重复留言', filters: '范围', board: '留言对象（含下级）', from: '起始月份', to: '截止月份', apply: '查看',
    monthOrder: '截止月份不能早于起始月份',
    heatTitle: '热点分布', heatCaption: '{board}：各地区各领域的留言数（{from} 至 {to}，不含不予受理）', month: '月份', allMonths: '全部月份',
    region: '地区', total: '合计', heatEmpty: '这段时间没有留言。', heatNote: '数字为留言条数，条形长度与之成正比；地区为留言所投对象的行政区划。',
    groupsTitle: '相似留言', groupsNote: '标题和内容相近、前后相隔不超过30天的留言归为一组，最近有新留言的组在前。',
    groupsEmpty: '这段时间没有相似留言。', count: '{count} 条留言', countMore: '{count} 条以上留言', span: '{from} 至 {to}',
    places: '地区：', open: '查看这组留言', close: '收起', members: '这组留言', more: '加载更多',
    duplicateOf: '与 {id} 重复', link: '标记为与首条重复', linked: '已标记：{title} 与首条留言重复', first: '首条',
    loading: '正在加载…', loaded: '已加载：{groups} 组相似留言',
  },
  'zh-TW': {
    title: '熱點與重複留言', filters: '範圍', board: '留言對象（含下級）', from: '起始月份', to: '截止月份', apply: '檢視',
    monthOrder: '截止月份不能早於起始月份',
    heatTitle: '熱點分布', heatCaption: '{board}：各地區各領域的留言數（{from} 至 {to}，不含不予受理）', month: '月份', allMonths: '全部月份',
    region: '地區', total: '合計', heatEmpty: '這段時間沒有留言。', heatNote: '數字為留言則數，條形長度與之成正比；地區為留言所投對象的行政區劃。',
    groupsTitle: '相似留言', groupsNote: '標題和內容相近、前後相隔不超過30天的留言歸為一組，最近有新留言的組在前。',
    groupsEmpty: '這段時間沒有相似留言。', count: '{count} 則留言', countMore: '{count} 則以上留言', span: '{from} 至 {to}',
    places: '地區：', open: '檢視這組留言', close: '收起', members: '這組留言', more: '載入更多',
    duplicateOf: '與 {id} 重複', link: '標記為與首則重複', linked: '已標記：{title} 與首則留言重複', first: '首則',
    loading: '正在載入…', loaded: '已載入：{groups} 組相似留言',
  },
  en: {
    title: 'Hot spots and duplicates', filters: 'Scope', board: 'Board (with those below it)', from: 'From month', to: 'To month', apply: 'Show',
    monthOrder: 'The end month cannot be before the start month',
    heatTitle: 'Where messages come from', heatCaption: '{board}: messages by region and domain ({from} to {to}, refused ones left out)', month: 'Month', allMonths: 'All months',
    region: 'Region', total: 'Total', heatEmpty: 'No messages in this period.', heatNote: 'Figures are numbers of messages; bar lengths follow them. The region is that of the board each message was sent to.',
    groupsTitle: 'Similar messages', groupsNote: 'Messages with similar titles and text, at most 30 days apart, form a group; groups with the latest messages come first.',
    groupsEmpty: 'No similar messages in this period.', count: '{count} messages', countMore: 'more than {count} messages', span: '{from} to {to}',
    places: 'Regions: ', open: 'Show this group', close: 'Hide', members: 'Messages of this group', more: 'Load more',
    duplicateOf: 'Duplicate of {id}', link: 'Mark as a duplicate of the first', linked: 'Marked: {title} duplicates the first message', first: 'First',
    loading: 'Loading…', loaded: 'Loaded: {groups} groups of similar messages',
  },
}
