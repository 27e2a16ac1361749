import type { CreatedWebhook, DeliveryAttempt, NewWebhook, Webhook, WebhookAttemptsQuery } from '@liuyan/core'
import { PagePromise } from '../core/pagination.js'
import type { RequestOptions, Transport } from '../internal/transport.js'
import { check, toQuery } from '../internal/validate.js'

/** What {@link Webhooks.replay} answers: the new delivery of the event, under the event's own id. */
export interface WebhookReplayed {
  deliveryId: string
  eventId: string
}

/**
 * Webhook subscriptions of the token's boards (see the server's docs/webhooks.md): each delivers
 * the events of a board subtree, signed per Standard Webhooks, to a receiver. Another board's
 * subscription answers `NotFoundError`; a `private` one (staff payloads) needs a supervisor token.
 * Needs a token.
 */
export class Webhooks {
  constructor(readonly transport: Transport) {}

  /**
   * Subscribes a receiver. The answer carries the signing secret (`whsec_…`) this once: keep it
   * with the receiver. Retries reuse one `Idempotency-Key`, so a retried call subscribes once.
   *
   * @example
   * ```ts
   * const { id, secret } = await staff.webhooks.create({ url: 'https://ops.example.gov.cn/liuyan', boardId: '220100-gov', events: ['message.submitted', 'deadline.overdue'] })
   * ```
   */
  async create(webhook: NewWebhook, options?: RequestOptions): Promise<CreatedWebhook> {
    const body = await check('newWebhook', webhook, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: '/webhooks', body, schema: 'createdWebhook', options })
  }

  /** The subscriptions of the token's boards, oldest first (without their secrets). */
  list(options?: RequestOptions): PagePromise<Webhook> {
    return new PagePromise((cursor) => this.transport.request({ method: 'GET', path: '/webhooks', query: cursor ? { cursor } : {}, schema: 'webhooks', options }))
  }

  /** One subscription (without its secret). */
  get(id: string, options?: RequestOptions): Promise<Webhook> {
    return this.transport.request({ method: 'GET', path: `/webhooks/${encodeURIComponent(id)}`, schema: 'webhook', options })
  }

  /** Removes a subscription with its pending deliveries and its attempt log. A second call is a `NotFoundError`. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.transport.send({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}`, options })
  }

  /**
   * Every delivery attempt of a subscription, newest first: when, the receiver's status or the
   * error, how long it took, and the delivery's state after it (`pending` with `nextAt`,
   * `delivered`, `dead`).
   *
   * @example
   * ```ts
   * for await (const a of staff.webhooks.attempts(id)) if (a.state === 'dead') await staff.webhooks.replay(id, a.eventId)
   * ```
   */
  attempts(id: string, query: WebhookAttemptsQuery = {}, options?: RequestOptions): PagePromise<DeliveryAttempt> {
    let checked: Record<string, string | undefined> | undefined
    return new PagePromise(async (cursor) => {
      checked ??= toQuery(this.transport.config.validateQueries ? await check('webhookAttemptsQuery', query, this.transport.config.locale) : query)
      const path = `/webhooks/${encodeURIComponent(id)}/attempts`
      return this.transport.request({ method: 'GET', path, query: { ...checked, ...(cursor ? { cursor } : {}) }, schema: 'deliveryAttempts', options })
    })
  }

  /** Delivers a past event to the subscription again, under the same `webhook-id` (receivers deduplicate on it). */
  async replay(id: string, eventId: string, options?: RequestOptions): Promise<WebhookReplayed> {
    const body = await check('webhookReplay', { eventId }, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: `/webhooks/${encodeURIComponent(id)}/replays`, body, schema: 'webhookReplayed', options })
  }
}
