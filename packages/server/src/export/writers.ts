import type { Writable } from 'node:stream'
import type { ExportFormat } from '@liuyan/core'
import { safeCell, type Column, type ExportContext } from './cells.js'
import { counter, csvChunks } from './csv.js'
import type { ExportPlan } from './plan.js'

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

/**
 * A workbook export as a web stream, for the staff API on Node (`createFetchHandler`'s
 * `exportWorkbook` option; the CLI passes it): exceljs writes into a Node stream that the client
 * reads at its own pace.
 */
export async function workbookStream(plan: ExportPlan): Promise<ReadableStream<Uint8Array>> {
  const { PassThrough, Readable } = await import('node:stream')
  const pass = new PassThrough()
  writeXlsx(pass, plan.columns, plan.rows, plan.context, plan.sheet).catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))))
  return Readable.toWeb(pass) as ReadableStream<Uint8Array>
}
