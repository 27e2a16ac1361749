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

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const formStrings: FormStrings = {
  optional: '（选填）',
  over: '已超出 {n} 字',
  near: '还可输入 {n} 字',
  summary: '请修改以下 {n} 处问题',
  offline: '无法连接留言板，可能是网络中断。您填写的内容仍然保留，请检查网络后重试。',
  server: '留言板暂时出现故障。您填写的内容仍然保留，请稍后重试。',
  rateLimited: '操作太频繁，请等待 {s} 秒后重试。您填写的内容仍然保留。',
  failed: '操作没有成功。您填写的内容仍然保留，请稍后重试。',
  retry: '重试',
}
