import type { ExportQuery, StatsExportQuery } from '@liuyan/core'
import type { DownloadedFile, RequestOptions, Transport } from '../internal/transport.js'
import { toQuery } from '../internal/validate.js'

/** The staff exports for 督查 reports, as files (CSV by default, or XLSX). Needs a token. */
export class Exports {
  constructor(readonly transport: Transport) {}

  /**
   * The messages of a board in the token's scope and the boards below it. Public fields unless
   * `private: true`; `from`/`to` take a day in China (`2026-01-01`, `to` inclusive) or an ISO time.
   *
   * @example
   * ```ts
   * const file = await staff.exports.messages('220100-gov', { format: 'xlsx', from: '2026-01-01', to: '2026-12-31' })
   * // In a browser: a download of file.fileName
   * const url = URL.createObjectURL(new Blob([file.body], { type: file.type }))
   * ```
   */
  messages(boardId: string, query: ExportQuery = {}, options?: RequestOptions): Promise<DownloadedFile> {
    return this.transport.download({ path: `/boards/${encodeURIComponent(boardId)}/export/messages`, query: toQuery(query), options })
  }

  /** The statistics of a board and each board below it, one row each. */
  stats(boardId: string, query: StatsExportQuery = {}, options?: RequestOptions): Promise<DownloadedFile> {
    return this.transport.download({ path: `/boards/${encodeURIComponent(boardId)}/export/stats`, query: toQuery(query), options })
  }
}
