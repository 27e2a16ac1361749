import type { Translations } from '../i18n/index.js'

/** Strings shared by the citizen's forms (message form, tracking). */
export interface FormStrings {
  /** After a field's label. */
  optional: string
  /** After a counter when the text is too long; `{n}` characters too many. */
  over: string
  /** Announced once when a text gets close to its limit; `{n}` characters left. */
  near: string
  /** Heading of the error summary; `{n}` problems. */
  summary: string
  offline: string
  server: string
  /** `{s}` seconds to wait. */
  rateLimited: string
  failed: string
  retry: string
}

export const formStrings: Translations<FormStrings> = {
  'zh-CN': {
    optional: '（选填）',
    over: '已超出 {n} 字',
    near: '还可输入 {n} 字',
    summary: '请修改以下 {n} 处问题',
    offline: '无法连接留言板，可能是网络中断。您填写的内容仍然保留，请检查网络后重试。',
    server: '留言板暂时出现故障。您填写的内容仍然保留，请稍后重试。',
    rateLimited: '操作太频繁，请等待 {s} 秒后重试。您填写的内容仍然保留。',
    failed: '操作没有成功。您填写的内容仍然保留，请稍后重试。',
    retry: '重试',
  },
  'zh-TW': {
    optional: '（選填）',
    over: '已超出 {n} 字',
    near: '還可輸入 {n} 字',
    summary: '請修改以下 {n} 處問題',
    offline: '無法連線留言板，可能是網路中斷。您填寫的內容仍然保留，請檢查網路後重試。',
    server: '留言板暫時出現故障。您填寫的內容仍然保留，請稍後重試。',
    rateLimited: '操作太頻繁，請等待 {s} 秒後重試。您填寫的內容仍然保留。',
    failed: '操作沒有成功。您填寫的內容仍然保留，請稍後重試。',
    retry: '重試',
  },
  en: {
    optional: ' (optional)',
    over: '{n} too many',
    near: '{n} characters left',
    summary: 'Please correct the following ({n})',
    offline: 'The message board cannot be reached; the network may be down. Everything you typed is kept: check your connection and try again.',
    server: 'The message board has a temporary fault. Everything you typed is kept: please try again later.',
    rateLimited: 'Too many attempts. Please wait {s} seconds and try again. Everything you typed is kept.',
    failed: 'That did not work. Everything you typed is kept: please try again later.',
    retry: 'Try again',
  },
}
