import type { Writable } from 'node:stream'
import type { ExportFormat, Locale } from '@liuyan/core'
import { safeCell, type Column, type ExportContext } from './cells.js'

export { EXPORT_FORMATS, type ExportFormat } from '@liuyan/core'

/**
 * Writes rows as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Chinese
 * right, CRLF line ends) or as an XLSX workbook, streaming: memory does not grow with the rows.
 * Every text cell goes through {@link safeCell}. Resolves how many rows were written.
 */
export async function writeRows<T>(format: ExportFormat, out: Writable, columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext, sheet: string): Promise<number> {
  return format === 'csv' ? writeCsv(out, columns, rows, context) : writeXlsx(out, columns, rows, context, sheet)
}

async function writeCsv<T>(out: Writable, columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext): Promise<number> {
  const counted = counter(rows)
  for await (const chunk of csvChunks(columns, counted.rows, context)) await write(out, chunk)
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())))
  return counted.count()
}

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
function counter<T>(rows: AsyncIterable<T>): { rows: AsyncGenerator<T>; count(): number } {
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
 * An export as a web stream, for the staff API: CSV is made as the client reads (one page of the
 * store at a time); a workbook is written by exceljs into a Node stream (loaded only then, so the
 * fetch handler keeps running where there is none, e.g. in workers, for CSV).
 */
export async function exportStream<T>(format: ExportFormat, columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext, sheet: string): Promise<ReadableStream<Uint8Array>> {
  if (format === 'xlsx') {
    const { PassThrough, Readable } = await import('node:stream')
    const pass = new PassThrough()
    writeXlsx(pass, columns, rows, context, sheet).catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))))
    return Readable.toWeb(pass) as ReadableStream<Uint8Array>
  }
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

function write(out: Writable, text: string): Promise<void> {
  return out.write(text) ? Promise.resolve() : new Promise((done) => out.once('drain', done))
}

async function writeXlsx<T>(out: Writable, columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext, name: string): Promise<number> {
  // Loaded only for a workbook: most exports are CSV, and the fetch handler never needs it.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ header: c.heading[context.locale], width: 16 }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  let count = 0
  for await (const row of rows) {
    // Strings are written as strings, never formulas; safeCell keeps them text in programs that
    // re-read a copied cell too.
    sheet.addRow(columns.map((c) => safeCell(c.value(row, context)))).commit()
    count++
  }
  sheet.commit()
  await workbook.commit()
  return count
}

/** The sheet names of the exports, per language. */
export const SHEET_NAMES: Record<'messages' | 'stats', Record<Locale, string>> = {
  messages: { 'zh-CN': '留言', 'zh-TW': '留言', en: 'Messages' },
  stats: { 'zh-CN': '统计', 'zh-TW': '統計', en: 'Statistics' },
}
