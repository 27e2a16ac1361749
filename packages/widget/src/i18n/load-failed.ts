// What the widget says when one of its own files could not be fetched (a chunk of the script-tag
// build). In every language, not in the language chunks, because the page's language may be the
// chunk that failed.
import type { Locale } from '@liuyan/core'

/** A part of a view, or the page's language, did not load. */
export const PART_FAILED: Record<Locale, string> = {
  'zh-CN': '留言板的这一部分没有加载成功，可能是网络中断。您填写的内容仍然保留，请检查网络后重试。',
  'zh-TW': '留言板的這一部分沒有載入成功，可能是網路中斷。您填寫的內容仍然保留，請檢查網路後重試。',
  en: 'This part of the message board did not load; the network may be down. Everything you typed is kept: check your connection and try again.',
}

/** The button that tries again. */
export const RELOAD: Record<Locale, string> = { 'zh-CN': '重新加载', 'zh-TW': '重新載入', en: 'Load again' }
