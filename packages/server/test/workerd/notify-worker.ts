/**
 * The group-robot transports inside workerd (notify.workerd-test.ts): `POST /send` {kind, target,
 * event, now, locale, timeoutMs} sends one event with the transport of `kind`, imported from the
 * server's main entry as a worker would, and answers its DeliveryResult.
 */
import type { Locale } from '@liuyan/core'
import { createNotifyTransports, type NotifyEvent, type NotifyTarget } from '../../src/index.js'

export default {
  async fetch(request: Request): Promise<Response> {
    const { kind, target, event, now, locale, timeoutMs } = (await request.json()) as {
      kind: string
      target: NotifyTarget
      event: NotifyEvent
      now: number
      locale: Locale
      timeoutMs: number
    }
    const transports = createNotifyTransports({ now: () => new Date(now), locale, timeoutMs, messageLink: (id) => `https://console.example.gov.cn/messages/${id}` })
    const transport = transports.find((t) => t.kind === kind)
    if (!transport) return new Response(`no transport ${kind}`, { status: 404 })
    return Response.json(await transport.send(target, event, new AbortController().signal))
  },
}
