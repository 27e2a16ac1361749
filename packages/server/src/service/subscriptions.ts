// Webhook subscriptions as staff manage them (docs/architecture.md §7): scoped to the token's
// boards, private ones for supervisors only, the signing secret shown once.
import { createId, type CreatedWebhook, type DeliveryAttempt, type NewWebhook, type Page, type Webhook } from '@liuyan/core'
import { ServiceError } from '../errors.js'
import { TRANSPORTS } from '../notify/registry.js'
import type { BoardService, CommitHook, StaffPrincipal } from '../service.js'
import { matches, type WebhookRecord } from '../store/outbox-types.js'

/** A new Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function createWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return `whsec_${btoa(String.fromCharCode(...bytes))}`
}

/** The API's view of a subscription: never its secret nor its owner's hash. */
export function webhookView(record: WebhookRecord): Webhook {
  const { secret: _secret, ownerHash: _owner, ...view } = record
  return view
}

/** The answer of a replay: the new delivery, of the event under its own id. */
export interface Replayed {
  deliveryId: string
  eventId: string
}

export class WebhookSubscriptions {
  readonly #service: BoardService
  readonly #kinds: ReadonlySet<string>

  /** @param kinds The subscription kinds this server delivers. @default the kinds of `TRANSPORTS` and `email` when the host gives it */
  constructor(service: BoardService, kinds: Iterable<string> = Object.keys(TRANSPORTS)) {
    this.#service = service
    this.#kinds = new Set(kinds)
  }

  async create(staff: Pick<StaffPrincipal, 'boardIds' | 'roles' | 'label' | 'tokenHash'>, input: NewWebhook, hook?: CommitHook<CreatedWebhook>): Promise<CreatedWebhook> {
    if (!staff.boardIds.has(input.boardId)) throw new ServiceError(404, 'not_found', '找不到该留言对象')
    if (input.private && !staff.roles.includes('supervisor')) throw new ServiceError(403, 'forbidden_role', '')
    const kind = input.kind ?? 'standard'
    if (!this.#kinds.has(kind)) {
      throw new ServiceError(422, 'validation_failed', '提交的内容有误', [{ path: ['kind'], code: 'unsupported_kind', message: '此服务器不支持该推送方式' }])
    }
    const record: WebhookRecord = {
      id: `wh_${createId()}`,
      url: input.url,
      kind,
      boardId: input.boardId,
      events: [...new Set(input.events)],
      private: input.private ?? false,
      ...(input.description ? { description: input.description } : {}),
      createdBy: staff.label,
      createdAt: this.#service.now().toISOString(),
      secret: createWebhookSecret(),
      ownerHash: staff.tokenHash,
    }
    const created = { ...webhookView(record), secret: record.secret }
    return this.#service.store.transaction(async (tx) => {
      await tx.outbox.putWebhook(record)
      await hook?.(tx, created)
      return created
    })
  }

  async list(staff: Pick<StaffPrincipal, 'boardIds'>): Promise<Page<Webhook>> {
    const all = await this.#service.store.read.outbox.listWebhooks()
    return { items: all.filter((w) => staff.boardIds.has(w.boardId)).map(webhookView), nextCursor: null }
  }

  async get(staff: Pick<StaffPrincipal, 'boardIds'>, id: string): Promise<Webhook> {
    return webhookView(await this.#find(staff, id))
  }

  async remove(staff: Pick<StaffPrincipal, 'boardIds'>, id: string): Promise<void> {
    await this.#find(staff, id)
    await this.#service.store.transaction((tx) => tx.outbox.deleteWebhook(id))
  }

  async attempts(staff: Pick<StaffPrincipal, 'boardIds'>, id: string, query: { limit?: number | undefined; cursor?: string | undefined }): Promise<Page<DeliveryAttempt>> {
    await this.#find(staff, id)
    const page = await this.#service.store.read.outbox.listAttempts(id, { limit: query.limit ?? 20, ...(query.cursor ? { cursor: query.cursor } : {}) })
    return { items: page.items.map(({ deliveryId: _d, ...attempt }) => attempt), nextCursor: page.nextCursor }
  }

  /**
   * Queues a stored event for the subscription again, due now, with the event's own id (receivers
   * that saw it already drop it). Only an event the subscription matches: its type, a board of its
   * subtree, and a staff-only event only for a private subscription.
   */
  async replay(staff: Pick<StaffPrincipal, 'boardIds'>, id: string, eventId: string, hook?: CommitHook<Replayed>): Promise<Replayed> {
    const webhook = await this.#find(staff, id)
    const event = await this.#service.store.read.outbox.getEvent(eventId)
    if (!event || !matches(webhook, event, await this.#ancestors(event.boardIds))) throw new ServiceError(404, 'not_found', '找不到该事件')
    return this.#service.store.transaction(async (tx) => {
      const delivery = await tx.outbox.queueDelivery(id, eventId, this.#service.now().toISOString())
      const replayed = { deliveryId: delivery.id, eventId }
      await hook?.(tx, replayed)
      return replayed
    })
  }

  async #find(staff: Pick<StaffPrincipal, 'boardIds'>, id: string): Promise<WebhookRecord> {
    const webhook = await this.#service.store.read.outbox.getWebhook(id)
    if (!webhook || !staff.boardIds.has(webhook.boardId)) throw new ServiceError(404, 'not_found', '找不到该订阅')
    return webhook
  }

  async #ancestors(boardIds: readonly string[]): Promise<Set<string>> {
    const byId = new Map((await this.#service.listBoards()).map((b) => [b.id, b]))
    const out = new Set<string>()
    for (const id of boardIds) for (let at: string | undefined = id; at && !out.has(at); at = byId.get(at)?.parentId ?? undefined) out.add(at)
    return out
  }
}
