// Which transport delivers each kind of subscription (docs/architecture.md §7). A new kind is one
// line in TRANSPORTS: a factory from the shared options to a NotifyTransport (transport.ts).
import { createDingTalkTransport, createFeishuTransport, createWeComTransport } from './robots.js'
import { createStandardTransport, type TransportOptions } from './standard.js'
import type { NotifyTransport } from './transport.js'

export type { TransportOptions } from './standard.js'

/** Each subscription kind's transport factory. Platform-neutral ones only (e-mail comes from the Node host). */
export const TRANSPORTS: Readonly<Record<string, (options: TransportOptions) => NotifyTransport>> = {
  standard: createStandardTransport,
  dingtalk: createDingTalkTransport,
  wecom: createWeComTransport,
  feishu: createFeishuTransport,
}

/**
 * The transports by kind: those of {@link TRANSPORTS}, and `extra` ones (the Node host's e-mail,
 * a test's), which win over a built-in of the same kind.
 */
export function createTransports(options: TransportOptions = {}, extra: readonly NotifyTransport[] = []): ReadonlyMap<string, NotifyTransport> {
  const transports = new Map<string, NotifyTransport>()
  for (const [kind, factory] of Object.entries(TRANSPORTS)) transports.set(kind, factory(options))
  for (const transport of extra) transports.set(transport.kind, transport)
  return transports
}
