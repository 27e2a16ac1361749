/** The strings of `<liuyan-board-stats>`. Satisfaction labels come from core. */
export interface BoardStatsStrings {
  title: string
  received: string
  replied: string
  replyRate: string
  median: string
  /** The median reply time: `{n}` working days. */
  workingDays: string
  overdue: string
  satisfaction: string
  /** `{n}` ratings. */
  ratings: string
  /** No reply or no rating yet. */
  none: string
  /** Caption of the chart and its table. */
  chart: string
  /** The chart's spoken summary: `{n}` ratings, the most given score `{top}`. */
  summary: string
  /** A score, `{n}` of 5. */
  score: string
  /** Column of the counts. */
  count: string
  notFound: string
}

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const boardStatsStrings: BoardStatsStrings = {
  title: '办理情况统计',
  received: '受理留言',
  replied: '已答复',
  replyRate: '答复率',
  median: '答复用时（中位数）',
  workingDays: '{n} 个工作日',
  overdue: '超期未答复',
  satisfaction: '满意度',
  ratings: '{n} 条评价',
  none: '暂无',
  chart: '满意度分布（1–5 分）',
  summary: '满意度分布图：共 {n} 条评价，最多的是 {top}。各分数的条数见下表。',
  score: '{n} 分',
  count: '评价条数',
  notFound: '没有找到这个留言板，请核对留言板地址。',
}
