import type { Translations } from '../i18n/index.js'

/** Strings shared by the read-only views (list, thread, stats, board). */
export interface ViewStrings {
  /** The API could not be reached. */
  offline: string
  /** The API answered 5xx. */
  server: string
  /** Anything else went wrong. */
  failed: string
  /** A 404 where no component-specific sentence fits. */
  notFound: string
  retry: string
  /** Announced while a view loads. */
  loading: string
  /** The mark of an open message past its deadline. */
  overdue: string
  /** The mark of a message under supervision (督办). */
  supervised: string
  /** Hidden labels before the badges, for screen readers. */
  type: string
  domain: string
  status: string
  /** Shown under a message's text when a reviewer withheld part of it; never says what. */
  redacted: string
}

export const viewStrings: Translations<ViewStrings> = {
  'zh-CN': {
    offline: '无法连接留言板，可能是网络中断。请检查网络后重试。',
    server: '留言板暂时出现故障，请稍后重试。',
    failed: '加载没有成功，请稍后重试。',
    notFound: '没有找到要显示的内容。',
    retry: '重试',
    loading: '正在加载…',
    overdue: '已超期',
    supervised: '督办',
    type: '类型',
    domain: '领域',
    status: '状态',
    redacted: '部分内容已隐去',
  },
  'zh-TW': {
    offline: '無法連線留言板，可能是網路中斷。請檢查網路後重試。',
    server: '留言板暫時出現故障，請稍後重試。',
    failed: '載入沒有成功，請稍後重試。',
    notFound: '沒有找到要顯示的內容。',
    retry: '重試',
    loading: '正在載入…',
    overdue: '已逾期',
    supervised: '督辦',
    type: '類型',
    domain: '領域',
    status: '狀態',
    redacted: '部分內容已隱去',
  },
  en: {
    offline: 'The message board cannot be reached; the network may be down. Check your connection and try again.',
    server: 'The message board has a temporary fault. Please try again later.',
    failed: 'That did not load. Please try again later.',
    notFound: 'Nothing was found to show.',
    retry: 'Try again',
    loading: 'Loading…',
    overdue: 'Overdue',
    supervised: 'Supervised',
    type: 'Type',
    domain: 'Domain',
    status: 'Status',
    redacted: 'Part of this message was withheld',
  },
}
