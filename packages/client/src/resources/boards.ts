import type { Board, BoardStats, BoardStatsQuery, UnitStats, UnitStatsQuery } from '@liuyan/core'
import { PagePromise } from '../core/pagination.js'
import type { RequestOptions, Transport } from '../internal/transport.js'
import { check, toQuery } from '../internal/validate.js'

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
   * Figures of a board and the boards below it: received, replied, reply rate, median working days
   * to reply, overdue, satisfaction; of the messages submitted from `from` to `to` (China-time
   * days, both inclusive) when given.
   *
   * @example
   * ```ts
   * const stats = await client.boards.stats('220100-gov', { from: '2026-01-01', to: '2026-06-30' })
   * console.log(`${Math.round(stats.replyRate * 100)}%`)
   * ```
   */
  async stats(id: string, query: BoardStatsQuery = {}, options?: RequestOptions): Promise<BoardStats> {
    const checked = this.transport.config.validateQueries ? await check('boardStatsQuery', query, this.transport.config.locale) : query
    return this.transport.request({ method: 'GET', path: `/boards/${encodeURIComponent(id)}/stats`, query: toQuery(checked), schema: 'stats', options })
  }

  /**
   * The supervision table of a board subtree (督查; staff token): a row of figures for the board,
   * then one per unit below it (`units: 'children'`, the default, or every board of the subtree
   * with `'subtree'`), and the month-by-month trend, for the messages submitted from `from` to `to`.
   *
   * @example
   * ```ts
   * const table = await staff.boards.unitStats('220100-gov', { from: '2026-01-01', to: '2026-12-31' })
   * for (const unit of table.units) console.log(unit.name, unit.overdue, unit.medianReplyWorkingDays)
   * ```
   */
  async unitStats(id: string, query: UnitStatsQuery = {}, options?: RequestOptions): Promise<UnitStats> {
    const checked = this.transport.config.validateQueries ? await check('unitStatsQuery', query, this.transport.config.locale) : query
    return this.transport.request({ method: 'GET', path: `/boards/${encodeURIComponent(id)}/stats/units`, query: toQuery(checked), schema: 'unitStats', options })
  }
}
