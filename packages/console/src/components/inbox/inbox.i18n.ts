import type { Translations } from '../../i18n.js'

export interface InboxStrings {
  title: string
  filters: string
  status: string
  type: string
  domain: string
  board: string
  keyword: string
  from: string
  to: string
  overdue: string
  all: string
  apply: string
  clear: string
  order: string
  orderDue: string
  sort: string
  sortDue: string
  sortCreated: string
  caption: string
  colSelect: string
  colTitle: string
  colType: string
  colStatus: string
  colUnit: string
  colCreated: string
  colDue: string
  more: string
  loaded: string
  empty: string
  select: string
  selectAll: string
  selected: string
  bulk: string
  bulkAccept: string
  bulkAssign: string
  assignTo: string
  running: string
  results: string
  ok: string
  skipped: string
  failedItem: string
  supervised: string
  dueLeft: string
  dueLate: string
  unassigned: string
  dateOrder: string
  pickUnit: string
  noneSelected: string
  loading: string
  dueWithin: string
  dueWithinRange: string
  supervisedOnly: string
  counts: string
  countsTotal: string
  countsOverdue: string
}

export const inboxStrings: Translations<InboxStrings> = {
  'zh-CN': {
    title: '待办留言', filters: '筛选条件', status: '状态', type: '类型', domain: '领域', board: '留言对象（含下级）',
    keyword: '关键词', from: '提交日期从', to: '提交日期至', overdue: '只看超期', all: '全部', apply: '筛选', clear: '清除筛选',
    order: '按提交时间从新到旧排列。', orderDue: '按办理期限排列：已受理、已交办、办理中的留言，最早到期的在前；其余（待审核、已回复、已办结、不予受理）在后。',
    sort: '排序', sortDue: '按办理期限', sortCreated: '按提交时间（从新到旧）', caption: '留言列表', colSelect: '选择', colTitle: '标题', colType: '类型', colStatus: '状态', colUnit: '办理单位',
    colCreated: '提交时间', colDue: '办理期限', more: '加载更多', loaded: '已加载 {count} 条留言', empty: '没有符合条件的留言。',
    select: '选择“{title}”', selectAll: '选择本页全部', selected: '已选 {count} 条', bulk: '批量操作', bulkAccept: '批量受理',
    bulkAssign: '批量交办', assignTo: '交办给', running: '正在处理第 {n} 条，共 {total} 条…', results: '批量操作结果',
    ok: '{action}成功', skipped: '跳过：当前状态不能{action}', failedItem: '未成功：{reason}', supervised: '督办',
    dueLeft: '剩 {days} 个工作日', dueLate: '已超期 {days} 个工作日', unassigned: '未交办',
    dateOrder: '结束日期不能早于开始日期', pickUnit: '请选择办理单位', noneSelected: '请先选择留言', loading: '正在加载…',
    dueWithin: '几个工作日内到期（含已超期）', dueWithinRange: '请填写0到60之间的整数', supervisedOnly: '只看督办',
    counts: '各状态数量', countsTotal: '共 {count} 条', countsOverdue: '已超期',
  },
  'zh-TW': {
    title: '待辦留言', filters: '篩選條件', status: '狀態', type: '類型', domain: '領域', board: '留言對象（含下級）',
    keyword: '關鍵詞', from: '提交日期從', to: '提交日期至', overdue: '只看逾期', all: '全部', apply: '篩選', clear: '清除篩選',
    order: '依提交時間由新到舊排列。', orderDue: '依辦理期限排列：已受理、已交辦、辦理中的留言，最早到期的在前；其餘（待審核、已回覆、已辦結、不予受理）在後。',
    sort: '排序', sortDue: '依辦理期限', sortCreated: '依提交時間（由新到舊）', caption: '留言列表', colSelect: '選擇', colTitle: '標題', colType: '類型', colStatus: '狀態', colUnit: '辦理單位',
    colCreated: '提交時間', colDue: '辦理期限', more: '載入更多', loaded: '已載入 {count} 則留言', empty: '沒有符合條件的留言。',
    select: '選擇「{title}」', selectAll: '選擇本頁全部', selected: '已選 {count} 則', bulk: '批次操作', bulkAccept: '批次受理',
    bulkAssign: '批次交辦', assignTo: '交辦給', running: '正在處理第 {n} 則，共 {total} 則…', results: '批次操作結果',
    ok: '{action}成功', skipped: '略過：目前狀態不能{action}', failedItem: '未成功：{reason}', supervised: '督辦',
    dueLeft: '剩 {days} 個工作日', dueLate: '已逾期 {days} 個工作日', unassigned: '未交辦',
    dateOrder: '結束日期不能早於開始日期', pickUnit: '請選擇辦理單位', noneSelected: '請先選擇留言', loading: '正在載入…',
    dueWithin: '幾個工作日內到期（含已逾期）', dueWithinRange: '請填寫0到60之間的整數', supervisedOnly: '只看督辦',
    counts: '各狀態數量', countsTotal: '共 {count} 則', countsOverdue: '已逾期',
  },
  en: {
    title: 'Inbox', filters: 'Filters', status: 'Status', type: 'Type', domain: 'Domain', board: 'Board (with the boards below it)',
    keyword: 'Keyword', from: 'Submitted from', to: 'Submitted until', overdue: 'Overdue only', all: 'All', apply: 'Filter', clear: 'Clear filters',
    order: 'Newest first.', orderDue: 'By deadline: accepted, assigned and in-progress messages, the earliest deadline first; then the others (awaiting review, replied, closed, not accepted).',
    sort: 'Order', sortDue: 'By deadline', sortCreated: 'By submission, newest first', caption: 'Messages', colSelect: 'Select', colTitle: 'Title', colType: 'Type', colStatus: 'Status', colUnit: 'Handling unit',
    colCreated: 'Submitted', colDue: 'Deadline', more: 'Load more', loaded: '{count} messages loaded', empty: 'No message matches.',
    select: 'Select “{title}”', selectAll: 'Select all on this page', selected: '{count} selected', bulk: 'Bulk actions', bulkAccept: 'Accept selected',
    bulkAssign: 'Assign selected', assignTo: 'Assign to', running: 'Working on {n} of {total}…', results: 'Results of the bulk action',
    ok: '{action}: done', skipped: 'Skipped: its status does not allow {action}', failedItem: 'Not done: {reason}', supervised: 'Supervised',
    dueLeft: '{days} working days left', dueLate: '{days} working days overdue', unassigned: 'Not assigned',
    dateOrder: 'The end date cannot be before the start date', pickUnit: 'Please pick a handling unit', noneSelected: 'Select messages first', loading: 'Loading…',
    dueWithin: 'Due within working days (overdue included)', dueWithinRange: 'Enter a whole number from 0 to 60', supervisedOnly: 'Supervised only',
    counts: 'Messages per status', countsTotal: '{count} in all', countsOverdue: 'Overdue',
  },
}
