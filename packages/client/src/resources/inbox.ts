import type { BulkActionInput, BulkActionResult, InboxCounts, InboxCountsQuery, InboxQuery, Message } from '@liuyan/core'
import { PagePromise } from '../core/pagination.js'
import type { RequestOptions, Transport } from '../internal/transport.js'
import { check, toQuery } from '../internal/validate.js'

/** Roles and boards of a staff token. */
export interface StaffPrincipal {
  label: string
  roles: ('reviewer' | 'handler' | 'supervisor')[]
  /** Every board the token covers, descendants included. */
  boardIds: string[]
}


/** The staff inbox: messages of the token's boards, with private fields. Needs a token. */
export class Inbox {
  constructor(readonly transport: Transport) {}

  /**
   * Messages of the token's boards, newest first, with real name, phone and remark.
   *
   * @example
   * ```ts
   * for await (const m of staff.inbox.list({ overdue: true })) console.log(m.title, m.dueAt)
   * ```
   */
  list(filters: InboxQuery = {}, options?: RequestOptions): PagePromise<Message> {
    // Checked when the first page is requested, so a bad filter rejects the page like any error.
    let query: Record<string, string | undefined> | undefined
    return new PagePromise(async (cursor) => {
      query ??= toQuery(this.transport.config.validateQueries ? await check('inboxQuery', filters, this.transport.config.locale) : filters)
      return this.transport.request({ method: 'GET', path: '/inbox', query: { ...query, ...(cursor ? { cursor } : {}) }, schema: 'messages', options })
    })
  }

  /** One message of the token's boards with its private fields. */
  get(id: string, options?: RequestOptions): Promise<Message> {
    return this.transport.request({ method: 'GET', path: `/inbox/${encodeURIComponent(id)}`, schema: 'message', options })
  }

  /**
   * How many messages of the token's boards (or of one board subtree within them) are in each
   * status, how many are open past their deadline, and all.
   *
   * @example
   * ```ts
   * const { statuses, overdue } = await staff.inbox.counts({ boardId: '220100-gov' })
   * ```
   */
  async counts(query: InboxCountsQuery = {}, options?: RequestOptions): Promise<InboxCounts> {
    const checked = this.transport.config.validateQueries ? await check('inboxCountsQuery', query, this.transport.config.locale) : query
    return this.transport.request({ method: 'GET', path: '/inbox/counts', query: toQuery(checked), schema: 'inboxCounts', options })
  }

  /**
   * One action for up to 50 messages in one request: accept (受理) or assign (交办). Each message
   * answers its own result, in the order sent: `{ id, ok: true, status }` or `{ id, ok: false,
   * problem }` (another board's message is `not_found`, a status that does not allow it
   * `invalid_status`). A token without the role, or a unit that takes no messages, rejects the
   * whole call. Retries reuse one `Idempotency-Key`, so nothing is applied twice.
   *
   * @example
   * ```ts
   * const { results } = await staff.inbox.bulk(ids, { action: 'assign', boardId: '220102-zjj' })
   * const failed = results.filter((r) => !r.ok)
   * ```
   */
  async bulk(ids: readonly string[], action: BulkActionInput['action'], options?: RequestOptions): Promise<BulkActionResult> {
    const body = await check('bulkAction', { ids, action }, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: '/inbox/bulk-actions', body, schema: 'bulkResult', options })
  }

  /** {@link bulk} with `accept`. */
  bulkAccept(ids: readonly string[], note?: string, options?: RequestOptions): Promise<BulkActionResult> {
    return this.bulk(ids, { action: 'accept', ...(note ? { note } : {}) }, options)
  }

  /** {@link bulk} with `assign` to one unit. */
  bulkAssign(ids: readonly string[], boardId: string, note?: string, options?: RequestOptions): Promise<BulkActionResult> {
    return this.bulk(ids, { action: 'assign', boardId, ...(note ? { note } : {}) }, options)
  }

  /** The token's roles and boards. */
  me(options?: RequestOptions): Promise<StaffPrincipal> {
    return this.transport.request({ method: 'GET', path: '/me', schema: 'principal', options })
  }
}
