import { chinaDate, isWorkingDay, type DeadlineOptions } from './deadlines.js'
import type { Locale } from './enums.js'
import { maskNickname } from './privacy.js'
import type { Message } from './schemas/message.js'
import { REPLY_TEMPLATE_PLACEHOLDERS, type ReplyTemplatePlaceholder } from './schemas/staff-tools.js'

/** The value of each placeholder of a reply template, as text. */
export type ReplyTemplateValues = Record<ReplyTemplatePlaceholder, string>

/**
 * Fills the `{name}` placeholders of a reply template (标准模板化) with `values`. Only the names
 * of `REPLY_TEMPLATE_PLACEHOLDERS` are replaced; any other `{…}` stays as written. Pure: the one
 * place a template becomes a reply, for the console and any server that renders one.
 *
 * @example
 * ```ts
 * fillReplyTemplate('您反映的“{title}”已由{unit}办理。', { ...values, title: '路灯坏了', unit: '市住建局' })
 * // '您反映的“路灯坏了”已由市住建局办理。'
 * ```
 */
export function fillReplyTemplate(text: string, values: ReplyTemplateValues): string {
  const known: readonly string[] = REPLY_TEMPLATE_PLACEHOLDERS
  return text.replace(/\{([^{}\s]{1,20})\}/g, (whole, name: string) => (known.includes(name) ? values[name as ReplyTemplatePlaceholder] : whole))
}

/** What {@link replyTemplateValues} needs besides the message. */
export interface ReplyTemplateContext {
  /** The name of the unit that handles the message (its assigned unit, else its board). */
  unit: string
  now: Date
  /** Dates are written `2026年3月2日` in Chinese, `2 March 2026` in English. @default 'zh-CN' */
  locale?: Locale
  /** The calendar working days are counted on; years without a notice count weekends only. */
  calendar?: DeadlineOptions
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** A China date (`YYYY-MM-DD`) as the locale writes it. */
export function formatChinaDate(day: string, locale: Locale = 'zh-CN'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return locale === 'en' ? `${d} ${MONTHS[m - 1]} ${y}` : `${y}年${m}月${d}日`
}

/**
 * Working days after the China day of `from` up to and including the China day of `to` (the
 * starting day never counts, as for deadlines); 0 when `to` is not later.
 */
export function workingDaysSince(from: Date, to: Date, options: DeadlineOptions = {}): number {
  const start = Date.parse(`${chinaDate(from)}T12:00:00+08:00`)
  const end = Date.parse(`${chinaDate(to)}T12:00:00+08:00`)
  let days = 0
  // Counting stops after two years: a template's {days} is never that large.
  for (let at = start + 86_400_000, i = 0; at <= end && i < 740; at += 86_400_000, i++) {
    if (isWorkingDay(new Date(at), { outsideCalendar: 'weekends', ...options })) days++
  }
  return days
}

/**
 * The values of the placeholders for one message: its title and the author's nickname as the
 * public copy has them (a reply is public text: never the real name; a nickname the author asked
 * to mask is masked), the handling unit, the day it was submitted and today (China time, in the
 * locale's way), and the working days since it was accepted (`0` before review). The reply's
 * public view is masked like every public text (`toPublicMessage`), so a phone number in a title
 * never reaches the public through a template; this function stays light enough for the console.
 */
export function replyTemplateValues(
  message: Pick<Message, 'title' | 'author' | 'createdAt' | 'reviewedAt' | 'publicCopy'>,
  context: ReplyTemplateContext,
): ReplyTemplateValues {
  const locale = context.locale ?? 'zh-CN'
  const nickname = message.publicCopy?.nickname ?? message.author.nickname
  return {
    title: message.publicCopy?.title ?? message.title,
    nickname: message.author.maskNickname ? maskNickname(nickname) : nickname,
    unit: context.unit,
    received: formatChinaDate(chinaDate(new Date(message.createdAt)), locale),
    date: formatChinaDate(chinaDate(context.now), locale),
    days: String(message.reviewedAt ? workingDaysSince(new Date(message.reviewedAt), context.now, context.calendar) : 0),
  }
}
