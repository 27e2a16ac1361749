import type { Translations } from '../../i18n.js'

export interface SupervisionStrings {
  title: string
  controls: string
  unit: string
  /** The summary of the unit picker: `{name}` chosen now. */
  unitNow: string
  from: string
  to: string
  rows: string
  children: string
  subtree: string
  apply: string
  loading: string
  loaded: string
  dateOrder: string
  noScope: string
  notFound: string
  reportTitle: string
  asOf: string
  caption: string
  colUnit: string
  colReceived: string
  colOnTime: string
  colReplied: string
  colRate: string
  colMedian: string
  colOverdue: string
  colSupervised: string
  colAverage: string
  colShare: string
  colRated: string
  ratedBy: string
  none: string
  openUnit: string
  openOverdue: string
  openSupervised: string
  scrollHint: string
  definitionsTitle: string
  definitions: string[]
  trendTitle: string
  trendSummary: string
  trendMonth: string
  legendReceived: string
  legendReplied: string
  colMonth: string
  noTrend: string
  rankTitle: string
  rankRule: string
  rankItem: string
  noRank: string
  tools: string
  exportCsv: string
  exportXlsx: string
  exportMessages: string
  print: string
  exported: string
  sheetUnits: string
  sheetTrend: string
  fileName: string
  messagesFileName: string
  /** Joins the months of the chart's text alternative. */
  separator: string
}

export const supervisionStrings: Translations<SupervisionStrings> = {
  'zh-CN': {
    title: '督查统计', controls: '统计范围', unit: '统计单位（含下级）', unitNow: '统计单位：{name}', from: '提交日期从', to: '提交日期至',
    rows: '列出', children: '下一级单位', subtree: '全部下级单位', apply: '统计', loading: '正在统计…', loaded: '已统计 {count} 个单位。',
    dateOrder: '结束日期不能早于开始日期', noScope: '此令牌没有可统计的留言对象。', notFound: '找不到这个单位，或它不在您的令牌范围内。',
    reportTitle: '{name}留言办理情况（{from} 至 {to}）', asOf: '超期数统计截至 {now}（北京时间）。',
    caption: '各单位办理情况', colUnit: '单位', colReceived: '收到', colOnTime: '按时受理', colReplied: '已答复', colRate: '答复率',
    colMedian: '答复用时中位数（工作日）', colOverdue: '当前超期', colSupervised: '督办', colAverage: '满意度平均分', colShare: '满意率', colRated: '评价人数',
    ratedBy: '{count} 人评价', none: '无数据', openUnit: '查看{name}的留言', openOverdue: '，查看{name}的超期留言', openSupervised: '，查看{name}的督办留言',
    scrollHint: '表格较宽，可左右滚动。',
    definitionsTitle: '指标说明',
    definitions: [
      '收到：所选日期内提交并已受理的留言（不含待审核和不予受理的），留言对象或承办单位是该单位或其下级单位。',
      '按时受理：提交后 {days} 个工作日内受理的。',
      '已答复：至少答复过一次的；答复率 = 已答复 ÷ 收到。',
      '答复用时：从受理到答复的工作日数（按国务院节假日安排，含调休上班日），取中位数。',
      '当前超期：此刻仍在办理、已过办理期限的。',
      '督办：被督办过的。',
      '满意度：留言人评价的总体满意度（1–5 分）的平均分；满意率 = 评价为“满意”（4 分）或“很满意”（5 分）的占比。',
    ],
    trendTitle: '每月收到与答复', trendSummary: '折线图，{first}至{last}每月收到和已答复的留言数：{months}。', trendMonth: '{month}收到 {received} 条、已答复 {replied} 条',
    legendReceived: '收到（柱）', legendReplied: '已答复（折线）', colMonth: '月份', noTrend: '所选日期内没有收到留言。',
    rankTitle: '排行：答复率',
    rankRule: '排行规则：按答复率从高到低排列；答复率相同的，收到留言多的在前；再相同的，按单位编号排列。所选日期内没有收到留言的单位不参加排行。只排列表中的下级单位，不含所选单位本身。',
    rankItem: '{name}：答复率 {rate}，收到 {received} 条', noRank: '所选日期内下级单位都没有收到留言，暂无排行。',
    tools: '导出与打印', exportCsv: '导出表格（CSV）', exportXlsx: '导出表格（XLSX）', exportMessages: '导出留言明细（CSV）', print: '打印报告',
    exported: '已导出 {file}。', sheetUnits: '各单位', sheetTrend: '每月', fileName: '督查统计', messagesFileName: '留言明细', separator: '；',
  },
  'zh-TW': {
    title: '督查統計', controls: '統計範圍', unit: '統計單位（含下級）', unitNow: '統計單位：{name}', from: '提交日期從', to: '提交日期至',
    rows: '列出', children: '下一級單位', subtree: '全部下級單位', apply: '統計', loading: '正在統計…', loaded: '已統計 {count} 個單位。',
    dateOrder: '結束日期不能早於開始日期', noScope: '此權杖沒有可統計的留言對象。', notFound: '找不到這個單位，或它不在您的權杖範圍內。',
    reportTitle: '{name}留言辦理情況（{from} 至 {to}）', asOf: '逾期數統計截至 {now}（北京時間）。',
    caption: '各單位辦理情況', colUnit: '單位', colReceived: '收到', colOnTime: '按時受理', colReplied: '已答覆', colRate: '答覆率',
    colMedian: '答覆用時中位數（工作日）', colOverdue: '目前逾期', colSupervised: '督辦', colAverage: '滿意度平均分', colShare: '滿意率', colRated: '評價人數',
    ratedBy: '{count} 人評價', none: '無資料', openUnit: '查看{name}的留言', openOverdue: '，查看{name}的逾期留言', openSupervised: '，查看{name}的督辦留言',
    scrollHint: '表格較寬，可左右捲動。',
    definitionsTitle: '指標說明',
    definitions: [
      '收到：所選日期內提交並已受理的留言（不含待審核和不予受理的），留言對象或承辦單位是該單位或其下級單位。',
      '按時受理：提交後 {days} 個工作日內受理的。',
      '已答覆：至少答覆過一次的；答覆率 = 已答覆 ÷ 收到。',
      '答覆用時：從受理到答覆的工作日數（依國務院節假日安排，含調休上班日），取中位數。',
      '目前逾期：此刻仍在辦理、已過辦理期限的。',
      '督辦：被督辦過的。',
      '滿意度：留言人評價的總體滿意度（1–5 分）的平均分；滿意率 = 評價為「滿意」（4 分）或「很滿意」（5 分）的占比。',
    ],
    trendTitle: '每月收到與答覆', trendSummary: '折線圖，{first}至{last}每月收到和已答覆的留言數：{months}。', trendMonth: '{month}收到 {received} 則、已答覆 {replied} 則',
    legendReceived: '收到（柱）', legendReplied: '已答覆（折線）', colMonth: '月份', noTrend: '所選日期內沒有收到留言。',
    rankTitle: '排行：答覆率',
    rankRule: '排行規則：依答覆率由高到低排列；答覆率相同的，收到留言多的在前；再相同的，依單位編號排列。所選日期內沒有收到留言的單位不參加排行。只排列表中的下級單位，不含所選單位本身。',
    rankItem: '{name}：答覆率 {rate}，收到 {received} 則', noRank: '所選日期內下級單位都沒有收到留言，暫無排行。',
    tools: '匯出與列印', exportCsv: '匯出表格（CSV）', exportXlsx: '匯出表格（XLSX）', exportMessages: '匯出留言明細（CSV）', print: '列印報告',
    exported: '已匯出 {file}。', sheetUnits: '各單位', sheetTrend: '每月', fileName: '督查統計', messagesFileName: '留言明細', separator: '；',
  },
  en: {
    title: 'Supervision', controls: 'What to count', unit: 'Unit (with the units below it)', unitNow: 'Unit: {name}', from: 'Submitted from', to: 'Submitted until',
    rows: 'Rows', children: 'The units directly below', subtree: 'Every unit below', apply: 'Count', loading: 'Counting…', loaded: '{count} units counted.',
    dateOrder: 'The end date cannot be before the start date', noScope: 'This token has no board to count.', notFound: 'This unit does not exist or is outside your token’s boards.',
    reportTitle: '{name}: messages handled, {from} to {to}', asOf: 'Overdue counted at {now} (China time).',
    caption: 'Figures per unit', colUnit: 'Unit', colReceived: 'Received', colOnTime: 'Accepted on time', colReplied: 'Replied', colRate: 'Reply rate',
    colMedian: 'Median working days to reply', colOverdue: 'Overdue now', colSupervised: 'Supervised', colAverage: 'Satisfaction (average)', colShare: 'Satisfied or better', colRated: 'Ratings',
    ratedBy: '{count} ratings', none: 'no data', openUnit: 'Show the messages of {name}', openOverdue: ': show the overdue messages of {name}', openSupervised: ': show the supervised messages of {name}',
    scrollHint: 'The table is wide: scroll it sideways.',
    definitionsTitle: 'What the figures count',
    definitions: [
      'Received: messages submitted on the days chosen and accepted (not those awaiting review or refused) whose board or handling unit is the unit or one below it.',
      'Accepted on time: accepted within {days} working days of submission.',
      'Replied: replied at least once; reply rate = replied ÷ received.',
      'Working days to reply: from acceptance to the reply, on the State Council’s holiday calendar (make-up working days included); the median.',
      'Overdue now: still being handled and past the deadline at this moment.',
      'Supervised: put under supervision (督办).',
      'Satisfaction: the average overall rating by the authors (1–5); satisfied or better = the share rated 4 (satisfied) or 5 (very satisfied).',
    ],
    trendTitle: 'Received and replied per month', trendSummary: 'Chart of the messages received and replied each month from {first} to {last}: {months}.', trendMonth: '{month} {received} received, {replied} replied',
    legendReceived: 'Received (bars)', legendReplied: 'Replied (line)', colMonth: 'Month', noTrend: 'No message was received on the days chosen.',
    rankTitle: 'Ranking by reply rate',
    rankRule: 'How units are ranked: by reply rate, highest first; at the same rate, the unit that received more first; then by the unit’s id. Units that received nothing on the days chosen are not ranked. Only the units below the chosen one are ranked, not the unit itself.',
    rankItem: '{name}: reply rate {rate}, {received} received', noRank: 'No unit below received a message on the days chosen: nothing to rank.',
    tools: 'Export and print', exportCsv: 'Export the table (CSV)', exportXlsx: 'Export the table (XLSX)', exportMessages: 'Export the messages (CSV)', print: 'Print the report',
    exported: '{file} exported.', sheetUnits: 'Units', sheetTrend: 'Months', fileName: 'supervision', messagesFileName: 'messages', separator: '; ',
  },
}
