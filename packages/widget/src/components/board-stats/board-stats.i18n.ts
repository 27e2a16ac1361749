import type { Translations } from '../../i18n/index.js'

/** The strings of `<liuyan-board-stats>`. Satisfaction labels come from core. */
export interface BoardStatsStrings {
  title: string
  received: string
  replied: string
  replyRate: string
  median: string
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

export const boardStatsStrings: Translations<BoardStatsStrings> = {
  'zh-CN': {
    title: '办理情况统计',
    received: '受理留言',
    replied: '已答复',
    replyRate: '答复率',
    median: '答复用时（中位数）',
    overdue: '超期未答复',
    satisfaction: '满意度',
    ratings: '{n} 条评价',
    none: '暂无',
    chart: '满意度分布（1–5 分）',
    summary: '满意度分布图：共 {n} 条评价，最多的是 {top}。各分数的条数见下表。',
    score: '{n} 分',
    count: '评价条数',
    notFound: '没有找到这个留言板，请核对留言板地址。',
  },
  'zh-TW': {
    title: '辦理情況統計',
    received: '受理留言',
    replied: '已答覆',
    replyRate: '答覆率',
    median: '答覆用時（中位數）',
    overdue: '逾期未答覆',
    satisfaction: '滿意度',
    ratings: '{n} 則評價',
    none: '暫無',
    chart: '滿意度分佈（1–5 分）',
    summary: '滿意度分佈圖：共 {n} 則評價，最多的是 {top}。各分數的則數見下表。',
    score: '{n} 分',
    count: '評價則數',
    notFound: '沒有找到這個留言板，請核對留言板地址。',
  },
  en: {
    title: 'Handling statistics',
    received: 'Messages received',
    replied: 'Replied',
    replyRate: 'Reply rate',
    median: 'Median time to reply',
    overdue: 'Overdue',
    satisfaction: 'Satisfaction',
    ratings: 'ratings: {n}',
    none: 'None yet',
    chart: 'Satisfaction ratings (1–5)',
    summary: 'Chart of satisfaction ratings: {n} in all, most often {top}. The table below gives each count.',
    score: '{n} of 5',
    count: 'Ratings',
    notFound: 'This message board was not found. Please check its address.',
  },
}
