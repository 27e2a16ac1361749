import type { Writable } from 'node:stream'
import type { Locale } from '@liuyan/core'
import { safeCell, type Column, type ExportContext } from './cells.js'

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/**
 * Writes rows as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Chinese
 * right, CRLF line ends) or as an XLSX workbook, streaming: memory does not grow with the rows.
 * Every text cell goes through {@link safeCell}. Resolves how many rows were written.
 */
export async function writeRows<T>(format: ExportFormat, out: Writable, columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext, sheet: string): Promise<number> {
  return format === 'csv' ? writeCsv(out, columns, rows, context) : writeXlsx(out, columns, rows, context, sheet)
}

async function writeCsv<T>(out: Writable, columns: readonly Column<T>[], rows: AsyncIterable<T>, context: ExportContext): Promise<number> {
  const line = (cells: readonly (string | number)[]) => `${cells.map((c) => csvField(safeCell(c))).join(',')}\r\n`
  await write(out, `\uFEFF${line(columns.map((c) => c.heading[context.locale]))}`)
  let count = 0
  for await (const row of rows) {
    await write(out, line(columns.map((c) => c.value(row, context))))
    count++
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())))
  return count
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
