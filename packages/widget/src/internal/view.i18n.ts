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

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const viewStrings: ViewStrings = {
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
}
