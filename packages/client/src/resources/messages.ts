import type {
  Message,
  MessageListQuery,
  NewMessageInput,
  PublicCopy,
  PublicMessage,
  RejectReason,
  StaffAction,
  StaffActionResult,
  SubmissionResult,
} from '@liuyan/core'
import { PagePromise } from '../core/pagination.js'
import type { RequestOptions, Transport } from '../internal/transport.js'
import { check, toQuery } from '../internal/validate.js'

/** Public messages, submissions and staff actions. */
export class Messages {
  constructor(readonly transport: Transport) {}

  /**
   * Public messages, newest first. `await` for one page; `for await` for every message.
   *
   * @example
   * ```ts
   * const page = await client.messages.list({ boardId: '220100-gov', status: 'replied', limit: 20 })
   * for await (const m of client.messages.list({ keyword: '路灯' })) console.log(m.title)
   * ```
   */
  list(filters: MessageListQuery = {}, options?: RequestOptions): PagePromise<PublicMessage> {
    // Checked when the first page is requested, so a bad filter rejects the page like any error.
    let query: Record<string, string | undefined> | undefined
    return new PagePromise(async (cursor) => {
      query ??= toQuery(this.transport.config.validateQueries ? await check('messageListQuery', filters, this.transport.config.locale) : filters)
      return this.transport.request({ method: 'GET', path: '/messages', query: { ...query, ...(cursor ? { cursor } : {}) }, schema: 'publicMessages', options })
    })
  }

  /** One public message with its replies, follow-ups and public timeline. */
  get(id: string, options?: RequestOptions): Promise<PublicMessage> {
    return this.transport.request({ method: 'GET', path: `/messages/${encodeURIComponent(id)}`, schema: 'publicMessage', options })
  }

  /**
   * Submits a citizen's message. It is checked with core's rules first (a `ValidationError` with
   * localized `issues` sends nothing). Retries reuse one `Idempotency-Key`, so the message is
   * stored once. Keep the returned `trackingCode`: it is the author's only way back to it.
   *
   * @example
   * ```ts
   * const { trackingCode } = await client.messages.submit({
   *   boardId: '220100-gov', type: 'complain', domain: 'urban', title: '小区门口路灯坏了',
   *   content: '朝阳路12号小区门口的路灯已经坏了两个星期。', author: { nickname: '市民' }, publish: true,
   * })
   * ```
   */
  async submit(message: NewMessageInput, options?: RequestOptions): Promise<SubmissionResult> {
    const body = await check('newMessage', message, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: '/messages', body, schema: 'submission', options })
  }

  /**
   * Takes one staff action (needs a token with the role). Returns the message with private fields.
   *
   * @example
   * ```ts
   * await staff.messages.act(id, { action: 'reply', content: '已安排维修。' })
   * ```
   */
  async act(id: string, action: StaffAction, options?: RequestOptions): Promise<StaffActionResult> {
    const body = await check('staffAction', action, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: `/messages/${encodeURIComponent(id)}/actions`, body, schema: 'staffResult', options })
  }

  /** Review passes (受理). */
  accept(id: string, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'accept', ...(note ? { note } : {}) }, options)
  }

  /**
   * Review refuses (不予受理). `reason` is the explanation the author reads; give it with a standard
   * reason (`code`, see core's `REJECT_REASONS`) to tell the author where to turn, e.g.
   * `{ code: 'out_of_scope', reason: '请拨打12345' }`. A bare string means `other`.
   */
  reject(id: string, reason: string | { code: RejectReason; reason: string }, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'reject', ...(typeof reason === 'string' ? { reason } : reason) }, options)
  }

  /** Makes a reviewed message public (boards that publish as a separate step, or after unpublish). */
  publish(id: string, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'publish', ...(note ? { note } : {}) }, options)
  }

  /** Hides a published message from the public (撤下); the reason is required. */
  unpublish(id: string, reason: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'unpublish', reason }, options)
  }

  /**
   * Sets the public copy (redaction): the fields given replace the author's text in every public
   * view; `{}` shows the original again. Staff keep seeing the original.
   *
   * @example
   * ```ts
   * await staff.messages.redact(id, { content: '小区门口的路灯坏了两周。' }, '隐去姓名')
   * ```
   */
  redact(id: string, copy: PublicCopy, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'redact', ...copy, ...(note ? { note } : {}) }, options)
  }

  /**
   * Voids the message's tracking code and issues a new one (supervisors), for an author who lost
   * theirs. The new code is in this answer only: the server keeps a hash of it, nobody can read
   * it again. Send it with the same `idempotencyKey` to retry safely.
   *
   * @example
   * ```ts
   * const { trackingCode } = await staff.messages.reissueTrackingCode(id, '留言人来电，已核实身份')
   * ```
   */
  async reissueTrackingCode(id: string, reason: string, options?: RequestOptions): Promise<{ trackingCode: string; message: Message }> {
    const { trackingCode, ...message } = await this.act(id, { action: 'reissue-code', reason }, options)
    if (!trackingCode) throw new Error('The server answered a reissue without a tracking code')
    return { trackingCode, message }
  }

  /** Hands the message to a unit (交办). */
  assign(id: string, boardId: string, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'assign', boardId, ...(note ? { note } : {}) }, options)
  }

  /** Hands it on to another unit (转办); the reason is required. */
  transfer(id: string, boardId: string, reason: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'transfer', boardId, reason }, options)
  }

  /** The unit starts handling. */
  start(id: string, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'start', ...(note ? { note } : {}) }, options)
  }

  /** The official public reply. */
  reply(id: string, content: string, organization?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'reply', content, ...(organization ? { organization } : {}) }, options)
  }

  /** Moves the deadline by working days (延期); the reason is required. */
  extend(id: string, days: number, reason: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'extend', days, reason }, options)
  }

  /** Closes the matter (办结). */
  close(id: string, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'close', ...(note ? { note } : {}) }, options)
  }

  /** Puts the message under supervision (督办). */
  supervise(id: string, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'supervise', ...(note ? { note } : {}) }, options)
  }

  /** Sends a reminder (催办). */
  remind(id: string, note?: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'remind', ...(note ? { note } : {}) }, options)
  }

  /** Sends a replied message back for more work; the reason is required. */
  reopen(id: string, reason: string, options?: RequestOptions): Promise<Message> {
    return this.act(id, { action: 'reopen', reason }, options)
  }
}
