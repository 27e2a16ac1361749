/**
 * The transports of notifications (docs/architecture.md §7): the group robots, web-standard and
 * usable in workers, and whatever else the host adds (e-mail, from `@liuyan/server/notify` on
 * Node). The webhook delivery worker picks one by a subscription's `kind`.
 */
import { createRobotTransports, type RobotOptions } from './robots.js'
import type { NotifyTransport } from './transport.js'

export interface NotifyTransportsOptions extends RobotOptions {
  /**
   * The e-mail transport (`createEmailTransport` of `@liuyan/server/notify`, Node only), or any
   * other transports to offer beside the robots.
   */
  extra?: readonly NotifyTransport[] | undefined
}

/**
 * The transports of kinds `dingtalk`, `wecom` and `feishu`, plus `extra`: register each with the
 * delivery worker. One set of formatting options (locale, message links, board names) for all.
 *
 * @example
 * ```ts
 * const transports = createNotifyTransports({
 *   locale: 'zh-CN',
 *   messageLink: (id) => `https://console.example.gov.cn/messages/${id}`,
 *   extra: [createEmailTransport({ smtp: process.env.LIUYAN_SMTP_URL!, from: 'liuyan@example.gov.cn' })],
 * })
 * ```
 */
export function createNotifyTransports(options: NotifyTransportsOptions = {}): NotifyTransport[] {
  const { extra = [], ...robots } = options
  const transports = [...createRobotTransports(robots), ...extra]
  const kinds = new Set<string>()
  for (const transport of transports) {
    if (kinds.has(transport.kind)) throw new Error(`Two notify transports of kind ${transport.kind}`)
    kinds.add(transport.kind)
  }
  return transports
}

export { createDingTalkTransport, createFeishuTransport, createRobotTransports, createWeComTransport, hmacSha256Base64 } from './robots.js'
export type { RobotOptions } from './robots.js'
export { chinaTime, eventHeadline, formatNotifyEvent, inertMarkdown, NOTIFY_EVENT_TYPES, NOTIFY_TEXTS, notifyMarkdown } from './format.js'
export type { NotifyEventType, NotifyFormatOptions } from './format.js'
export type { DeliveryResult, NotifyEvent, NotifyMessage, NotifyTarget, NotifyTransport } from './transport.js'
