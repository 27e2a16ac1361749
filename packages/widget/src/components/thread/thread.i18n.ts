import type { TimelineEventType } from '@liuyan/core'
import type { Translations } from '../../i18n/index.js'

/** The strings of `<liuyan-thread>`. Type, domain, status and satisfaction labels come from core. */
export interface ThreadStrings {
  author: string
  created: string
  place: string
  due: string
  replied: string
  closed: string
  /** Heading of the replies and follow-ups. */
  posts: string
  /** The mark of an official reply. */
  official: string
  /** The mark of the author's follow-up (追问). */
  followUp: string
  /** Shown when nothing was replied yet. */
  noReply: string
  /** Heading of the public timeline. */
  timeline: string
  /** `{n}` working days added by an extension. */
  extended: string
  /** The new deadline of an event, `{date}`. */
  dueAfter: string
  /** Heading of the rating. */
  evaluation: string
  overall: string
  resolution: string
  attitude: string
  speed: string
  comment: string
  notFound: string
  /** Labels of the timeline's event types. */
  events: Record<TimelineEventType, string>
}

export const threadStrings: Translations<ThreadStrings> = {
  'zh-CN': {
    author: '留言人',
    created: '留言时间',
    place: '地点',
    due: '办理期限',
    replied: '答复时间',
    closed: '办结时间',
    posts: '答复与追问',
    official: '官方答复',
    followUp: '追问',
    noReply: '尚未答复，办理单位答复后会显示在这里。',
    timeline: '办理过程',
    extended: '延期 {n} 个工作日',
    dueAfter: '办理期限至 {date}',
    evaluation: '留言人评价',
    overall: '总体评价',
    resolution: '解决程度',
    attitude: '办理态度',
    speed: '办理速度',
    comment: '评价内容',
    notFound: '没有找到这条留言。它可能不存在，或者尚未公开。',
    events: {
      submit: '提交留言', accept: '受理', reject: '不予受理', assign: '交办', transfer: '转办', start: '开始办理',
      reply: '答复', extend: '延期', close: '办结', supervise: '督办', remind: '催办', reopen: '退回重办',
      'follow-up': '追问', evaluate: '评价', publish: '公开', unpublish: '撤下', redact: '隐去部分内容', 'reissue-code': '重发查询码',
    },
  },
  'zh-TW': {
    author: '留言人',
    created: '留言時間',
    place: '地點',
    due: '辦理期限',
    replied: '答覆時間',
    closed: '辦結時間',
    posts: '答覆與追問',
    official: '官方答覆',
    followUp: '追問',
    noReply: '尚未答覆，辦理單位答覆後會顯示在這裡。',
    timeline: '辦理過程',
    extended: '延期 {n} 個工作日',
    dueAfter: '辦理期限至 {date}',
    evaluation: '留言人評價',
    overall: '總體評價',
    resolution: '解決程度',
    attitude: '辦理態度',
    speed: '辦理速度',
    comment: '評價內容',
    notFound: '沒有找到這則留言。它可能不存在，或者尚未公開。',
    events: {
      submit: '提交留言', accept: '受理', reject: '不予受理', assign: '交辦', transfer: '轉辦', start: '開始辦理',
      reply: '答覆', extend: '延期', close: '辦結', supervise: '督辦', remind: '催辦', reopen: '退回重辦',
      'follow-up': '追問', evaluate: '評價', publish: '公開', unpublish: '撤下', redact: '隱去部分內容', 'reissue-code': '重發查詢碼',
    },
  },
  en: {
    author: 'Author',
    created: 'Written',
    place: 'Place',
    due: 'Deadline',
    replied: 'Replied',
    closed: 'Closed',
    posts: 'Replies and follow-ups',
    official: 'Official reply',
    followUp: 'Follow-up',
    noReply: 'No reply yet. The reply of the handling unit will appear here.',
    timeline: 'Progress',
    extended: 'Extended by {n} working days',
    dueAfter: 'Deadline {date}',
    evaluation: 'Author’s rating',
    overall: 'Overall',
    resolution: 'Resolution',
    attitude: 'Attitude',
    speed: 'Speed',
    comment: 'Comment',
    notFound: 'This message was not found. It may not exist, or it is not public yet.',
    events: {
      submit: 'Submitted', accept: 'Accepted', reject: 'Not accepted', assign: 'Assigned', transfer: 'Transferred',
      start: 'Handling started', reply: 'Replied', extend: 'Extended', close: 'Closed', supervise: 'Put under supervision',
      remind: 'Reminder sent', reopen: 'Sent back for more work', 'follow-up': 'Follow-up', evaluate: 'Rated',
      publish: 'Published', unpublish: 'Withdrawn from public view', redact: 'Part of the text withheld', 'reissue-code': 'Tracking code reissued',
    },
  },
}
