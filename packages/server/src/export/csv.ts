// CSV and the labels of exports: platform-neutral (the fetch handler streams CSV anywhere it runs;
// workbooks need Node, see writers.ts).
import type { Locale } from '@liuyan/core'
import { safeCell, type Column, type ExportContext } from './cells.js'

/**
 * The CSV text of rows, a chunk of about 16 KB at a time: the heading line first (after a
 * byte-order mark), then one CRLF-ended line per row, every text cell through {@link safeCell}.
 */
export async function* csvChunks<T>(columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext): AsyncGenerator<string> {
  const line = (cells: readonly (string | number)[]) => `${cells.map((c) => csvField(safeCell(c))).join(',')}\r\n`
  let chunk = `\uFEFF${line(columns.map((c) => c.heading[context.locale]))}`
  for await (const row of rows) {
    chunk += line(columns.map((c) => c.value(row, context)))
    if (chunk.length >= 16_384) {
      yield chunk
      chunk = ''
    }
  }
  yield chunk
}

/** Rows passed through, counted. */
export function counter<T>(rows: AsyncIterable<T>): { rows: AsyncGenerator<T>; count(): number } {
  let n = 0
  return {
    rows: (async function* () {
      for await (const row of rows) {
        n++
        yield row
      }
    })(),
    count: () => n,
  }
}

/**
 * A CSV export as a web stream, for the staff API: made as the client reads, one page of the store
 * at a time, so its size does not matter.
 */
export function csvStream<T>(columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext): ReadableStream<Uint8Array> {
  const chunks = csvChunks(columns, rows, context)
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}

function csvField(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The sheet names of the exports, per language. */
export const SHEET_NAMES: Record<'messages' | 'stats', Record<Locale, string>> = {
  messages: { 'zh-CN': '留言', 'zh-TW': '留言', en: 'Messages' },
  stats: { 'zh-CN': '统计', 'zh-TW': '統計', en: 'Statistics' },
}
