import { DOMAIN_LABELS, isOverdue, MESSAGE_TYPE_LABELS, publicText, STATUS_LABELS, type Board, type Locale, type UnitFigures, type Message } from '@liuyan/core'

/** A column of an export: its heading in each language and how a row fills it. */
export interface Column<T> {
  heading: Record<Locale, string>
  value(row: T, context: ExportContext): string | number
}

export interface ExportContext {
  locale: Locale
  now: Date
  boardName(id: string | undefined): string
}

const yes = (locale: Locale, value: boolean) => (value ? { 'zh-CN': '是', 'zh-TW': '是', en: 'yes' } : { 'zh-CN': '否', 'zh-TW': '否', en: 'no' })[locale]
const h = (zhCN: string, zhTW: string, en: string): Record<Locale, string> => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en })
const lastReply = (m: Message) => m.posts.filter((p) => p.kind === 'reply').at(-1)

/**
 * The columns of a message export. Without private fields, the title and content are the public
 * text (masked, the redacted copy where there is one) and the place only when it is public; no
 * export ever has a tracking code (the store has none).
 */
export function messageColumns(withPrivate: boolean): Column<Message>[] {
  const text = (m: Message) => (withPrivate ? { title: m.title, content: m.content } : publicText(m))
  const columns: Column<Message>[] = [
    { heading: h('编号', '編號', 'ID'), value: (m) => m.id },
    { heading: h('留言对象', '留言對象', 'Board'), value: (m, c) => c.boardName(m.boardId) },
    { heading: h('承办单位', '承辦單位', 'Assigned unit'), value: (m, c) => c.boardName(m.assigneeBoardId) },
    { heading: h('类型', '類型', 'Type'), value: (m, c) => MESSAGE_TYPE_LABELS[c.locale][m.type] },
    { heading: h('领域', '領域', 'Domain'), value: (m, c) => DOMAIN_LABELS[c.locale][m.domain] },
    { heading: h('状态', '狀態', 'Status'), value: (m, c) => STATUS_LABELS[c.locale][m.status] },
    { heading: h('标题', '標題', 'Title'), value: (m) => text(m).title },
    { heading: h('内容', '內容', 'Content'), value: (m) => text(m).content },
    { heading: h('地点', '地點', 'Place'), value: (m) => (m.place && (withPrivate || m.place.public) ? m.place.text : '') },
    { heading: h('提交时间', '提交時間', 'Submitted'), value: (m) => m.createdAt },
    { heading: h('受理时间', '受理時間', 'Reviewed'), value: (m) => m.reviewedAt ?? '' },
    { heading: h('办理期限', '辦理期限', 'Deadline'), value: (m) => m.dueAt ?? '' },
    { heading: h('首次答复', '首次答覆', 'First reply'), value: (m) => m.repliedAt ?? '' },
    { heading: h('办结时间', '辦結時間', 'Closed'), value: (m) => m.closedAt ?? '' },
    { heading: h('超期', '逾期', 'Overdue'), value: (m, c) => yes(c.locale, isOverdue(m, c.now)) },
    { heading: h('督办', '督辦', 'Supervised'), value: (m, c) => yes(c.locale, m.supervised) },
    { heading: h('催办次数', '催辦次數', 'Reminders'), value: (m) => m.reminders },
    { heading: h('满意度', '滿意度', 'Rating'), value: (m) => m.evaluation?.overall ?? '' },
    { heading: h('答复单位', '答覆單位', 'Replied by'), value: (m) => (lastReply(m) as { organization?: string } | undefined)?.organization ?? '' },
    { heading: h('答复内容', '答覆內容', 'Reply'), value: (m) => lastReply(m)?.content ?? '' },
  ]
  if (!withPrivate) return columns
  return [
    ...columns,
    { heading: h('姓名', '姓名', 'Name'), value: (m) => m.author.realName ?? '' },
    { heading: h('电话', '電話', 'Phone'), value: (m) => m.author.phone ?? '' },
    { heading: h('昵称', '暱稱', 'Nickname'), value: (m) => m.author.nickname },
    { heading: h('备注', '備註', 'Remark'), value: (m) => m.remark ?? '' },
  ]
}

/** One row of a statistics export: a unit's figures, as the supervision table has them. */
export type StatsRowOut = UnitFigures

/** The columns of a statistics export, one row per unit (core's `UnitFigures`). */
export const STATS_COLUMNS: Column<StatsRowOut>[] = [
  { heading: h('单位编号', '單位編號', 'Board ID'), value: (r) => r.boardId },
  { heading: h('单位', '單位', 'Board'), value: (r) => r.name },
  { heading: h('受理', '受理', 'Received'), value: (r) => r.received },
  { heading: h('按时受理', '按時受理', 'Accepted on time'), value: (r) => r.acceptedOnTime },
  { heading: h('已答复', '已答覆', 'Replied'), value: (r) => r.replied },
  { heading: h('答复率', '答覆率', 'Reply rate'), value: (r) => Math.round(r.replyRate * 1000) / 1000 },
  { heading: h('答复用时中位数（工作日）', '答覆用時中位數（工作日）', 'Median working days to reply'), value: (r) => r.medianReplyWorkingDays ?? '' },
  { heading: h('超期', '逾期', 'Overdue now'), value: (r) => r.overdue },
  { heading: h('督办', '督辦', 'Supervised'), value: (r) => r.supervised },
  { heading: h('评价数', '評價數', 'Ratings'), value: (r) => r.satisfaction.count },
  { heading: h('平均满意度', '平均滿意度', 'Average rating'), value: (r) => r.satisfaction.average ?? '' },
  {
    heading: h('满意及以上占比', '滿意及以上占比', 'Share rated 4 or 5'),
    value: (r) => (r.satisfaction.satisfiedShare === null ? '' : Math.round(r.satisfaction.satisfiedShare * 1000) / 1000),
  },
]

/**
 * A text cell a spreadsheet must open as text: one starting with `=`, `+`, `-` or `@` (or a tab or
 * carriage return, which some programs strip first) would be read as a formula, so it gets a
 * leading apostrophe (OWASP's advice for CSV injection). Numbers are left as they are.
 */
export function safeCell(value: string | number): string | number {
  if (typeof value === 'number') return value
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
