import type { TimelineEventType } from '@liuyan/core'

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

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const threadStrings: ThreadStrings = {
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
    'follow-up': '追问', evaluate: '评价', publish: '公开', unpublish: '撤下', redact: '隐去部分内容', 'reissue-code': '重发查询码', duplicate: '标记为重复留言',
  },
}
