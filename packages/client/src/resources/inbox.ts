import type { InboxQuery, Message } from '@liuyan/core'
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

  /** The token's roles and boards. */
  me(options?: RequestOptions): Promise<StaffPrincipal> {
    return this.transport.request({ method: 'GET', path: '/me', schema: 'principal', options })
  }
}
