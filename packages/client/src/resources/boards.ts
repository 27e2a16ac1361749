import type { Board, BoardStats } from '@liuyan/core'
import { PagePromise } from '../core/pagination.js'
import type { RequestOptions, Transport } from '../internal/transport.js'

/** Boards (留言对象): leaders and agencies, in a tree. */
export class Boards {
  constructor(readonly transport: Transport) {}

  /**
   * Every board. Boards form a tree through `parentId`.
   *
   * @example
   * ```ts
   * const { items } = await client.boards.list()
   * ```
   */
  list(options?: RequestOptions): PagePromise<Board> {
    return new PagePromise((cursor) =>
      this.transport.request({ method: 'GET', path: '/boards', query: { cursor }, schema: 'boards', options }),
    )
  }

  /** One board. Throws `NotFoundError` for an unknown id. */
  get(id: string, options?: RequestOptions): Promise<Board> {
    return this.transport.request({ method: 'GET', path: `/boards/${encodeURIComponent(id)}`, schema: 'board', options })
  }

  /**
   * Figures of a board and the boards below it: received, replied, reply rate, median time to
   * reply, overdue, satisfaction.
   *
   * @example
   * ```ts
   * const stats = await client.boards.stats('220100-gov')
   * console.log(`${Math.round(stats.replyRate * 100)}%`)
   * ```
   */
  stats(id: string, options?: RequestOptions): Promise<BoardStats> {
    return this.transport.request({ method: 'GET', path: `/boards/${encodeURIComponent(id)}/stats`, schema: 'stats', options })
  }
}
