import type { DuplicateLink, GroupMessagesQuery, HeatQuery, HeatTable, Message, SimilarGroups, SimilarGroupsQuery } from '@liuyan/core'
import { PagePromise } from '../core/pagination.js'
import type { RequestOptions, Transport } from '../internal/transport.js'
import { check, toQuery } from '../internal/validate.js'

/**
 * Hot spots (源头治理): where the same problem keeps coming back. Reads of a board in the token's
 * scope and the boards below it; the duplicate link needs a reviewer or supervisor token.
 */
export class Hotspots {
  constructor(readonly transport: Transport) {}

  /**
   * Messages by domain × region × month (China time), refused ones left out; by default the twelve
   * months up to the current one. Regions are rolled up to the level below the board (cities
   * under a province, counties under a city).
   *
   * @example
   * ```ts
   * const { months, rows } = await staff.hotspots.heat('220100-gov', { from: '2026-01', to: '2026-06' })
   * ```
   */
  heat(boardId: string, query: HeatQuery = {}, options?: RequestOptions): Promise<HeatTable> {
    return this.transport.request({ method: 'GET', path: `/boards/${encodeURIComponent(boardId)}/hotspots/heat`, query: toQuery(query), schema: 'heatTable', options })
  }

  /**
   * Groups of similar messages (similar title and text, within core's `SIMILARITY` window), most
   * recently active first, with their counts and places.
   *
   * @example
   * ```ts
   * const { items } = await staff.hotspots.groups('220100-gov', { from: '2026-09-01' })
   * items[0].count // 11
   * ```
   */
  groups(boardId: string, query: SimilarGroupsQuery = {}, options?: RequestOptions): Promise<SimilarGroups> {
    return this.transport.request({ method: 'GET', path: `/boards/${encodeURIComponent(boardId)}/hotspots/groups`, query: toQuery(query), schema: 'similarGroups', options })
  }

  /**
   * The messages of one group (its id or any member's id) under a board, newest first, page by page
   * (`cursor` starts from a page's `nextCursor`).
   *
   * @example
   * ```ts
   * for await (const m of staff.hotspots.groupMessages('220100-gov', group.id)) console.log(m.title)
   * ```
   */
  groupMessages(boardId: string, groupId: string, query: GroupMessagesQuery = {}, options?: RequestOptions): PagePromise<Message> {
    const path = `/boards/${encodeURIComponent(boardId)}/hotspots/groups/${encodeURIComponent(groupId)}`
    const { cursor: start, ...filters } = query
    return new PagePromise(
      (cursor) => this.transport.request({ method: 'GET', path, query: { ...toQuery(filters), ...(cursor ? { cursor } : {}) }, schema: 'messages', options }),
      start,
    )
  }

  /**
   * Marks a message as a duplicate of another (与…重复): on its timeline with the note (staff
   * only) and on the public thread as `duplicateOf`.
   *
   * @example
   * ```ts
   * await staff.hotspots.linkDuplicate(id, { of: group.id, note: '同一路段路灯，已并案办理' })
   * ```
   */
  async linkDuplicate(id: string, link: DuplicateLink, options?: RequestOptions): Promise<Message> {
    const body = await check('duplicateLink', link, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: `/messages/${encodeURIComponent(id)}/duplicate`, body, schema: 'message', options })
  }
}
