// Words every console part shares: the staff actions and timeline events, failure sentences.
import type { StaffActionName, TimelineEventType } from '@liuyan/core'
import type { Translations } from '../i18n.js'

export interface SharedStrings {
  actions: Record<StaffActionName, string>
  events: Record<TimelineEventType, string>
  /** `{action}` done on `{title}`, now `{status}`. */
  done: string
  unauthorized: string
  forbidden: string
  notFound: string
  offline: string
  rateLimited: string
  server: string
  failed: string
  invalid: string
}

const actionsZh: SharedStrings['actions'] = {
  accept: '受理', reject: '不予受理', assign: '交办', transfer: '转办', start: '开始办理', reply: '答复',
  extend: '延期', close: '办结', supervise: '督办', remind: '催办', reopen: '退回重办',
  publish: '公开', unpublish: '撤下', redact: '设置公开版本（隐去）', 'reissue-code': '重发查询码',
}

export const sharedStrings: Translations<SharedStrings> = {
  'zh-CN': {
    actions: actionsZh,
    events: { ...actionsZh, submit: '提交留言', 'follow-up': '留言人追问', evaluate: '留言人评价', duplicate: '标记为重复留言' },
    done: '已{action}：{title}（{status}）',
    unauthorized: '令牌无效或已失效，请重新登录。',
    forbidden: '您的令牌没有此操作的权限。',
    notFound: '找不到这条留言，或它不在您的令牌范围内。',
    offline: '无法连接服务器，请检查网络后重试，填写的内容已保留。',
    rateLimited: '操作太频繁，请稍后再试，填写的内容已保留。',
    server: '服务器出错，请稍后再试，填写的内容已保留。',
    failed: '操作未成功，填写的内容已保留。',
    invalid: '请修改标出的内容后再提交。',
  },
  'zh-TW': {
    actions: {
      accept: '受理', reject: '不予受理', assign: '交辦', transfer: '轉辦', start: '開始辦理', reply: '答覆',
      extend: '延期', close: '辦結', supervise: '督辦', remind: '催辦', reopen: '退回重辦',
      publish: '公開', unpublish: '撤下', redact: '設定公開版本（隱去）', 'reissue-code': '重發查詢碼',
    },
    events: {
      accept: '受理', reject: '不予受理', assign: '交辦', transfer: '轉辦', start: '開始辦理', reply: '答覆',
      extend: '延期', close: '辦結', supervise: '督辦', remind: '催辦', reopen: '退回重辦',
      publish: '公開', unpublish: '撤下', redact: '設定公開版本', 'reissue-code': '重發查詢碼',
      submit: '提交留言', 'follow-up': '留言人追問', evaluate: '留言人評價', duplicate: '標記為重複留言',
    },
    done: '已{action}：{title}（{status}）',
    unauthorized: '權杖無效或已失效，請重新登入。',
    forbidden: '您的權杖沒有此操作的權限。',
    notFound: '找不到這則留言，或它不在您的權杖範圍內。',
    offline: '無法連線伺服器，請檢查網路後重試，填寫的內容已保留。',
    rateLimited: '操作太頻繁，請稍後再試，填寫的內容已保留。',
    server: '伺服器出錯，請稍後再試，填寫的內容已保留。',
    failed: '操作未成功，填寫的內容已保留。',
    invalid: '請修改標出的內容後再送出。',
  },
  en: {
    actions: {
      accept: 'Accept', reject: 'Reject', assign: 'Assign', transfer: 'Transfer', start: 'Start handling', reply: 'Reply',
      extend: 'Extend', close: 'Close', supervise: 'Supervise', remind: 'Remind', reopen: 'Reopen',
      publish: 'Publish', unpublish: 'Unpublish', redact: 'Set the public copy', 'reissue-code': 'Reissue tracking code',
    },
    events: {
      accept: 'Accepted', reject: 'Rejected', assign: 'Assigned', transfer: 'Transferred', start: 'Handling started', reply: 'Replied',
      extend: 'Deadline extended', close: 'Closed', supervise: 'Put under supervision', remind: 'Reminded', reopen: 'Reopened',
      publish: 'Published', unpublish: 'Unpublished', redact: 'Public copy set', 'reissue-code': 'Tracking code reissued',
      submit: 'Submitted', 'follow-up': 'Follow-up by the author', evaluate: 'Rated by the author', duplicate: 'Marked as a duplicate',
    },
    done: '{action}: done for {title} ({status})',
    unauthorized: 'The token is not valid or no longer valid. Please sign in again.',
    forbidden: 'Your token does not have the role for this action.',
    notFound: 'This message does not exist or is outside your token’s boards.',
    offline: 'Cannot reach the server. Check the connection and try again; what you typed is kept.',
    rateLimited: 'Too many requests. Try again shortly; what you typed is kept.',
    server: 'The server failed. Try again later; what you typed is kept.',
    failed: 'That did not work; what you typed is kept.',
    invalid: 'Please correct the marked fields and submit again.',
  },
}
