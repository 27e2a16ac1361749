// The files the supervision view writes in the browser, read back by a real spreadsheet reader
// (exceljs, the server's workbook writer, here only to read): the workbook opens, each sheet holds
// the rows given, numbers stay numbers, and text a spreadsheet would run stays text.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { safeText, toCsv, toXlsx } from '../src/internal/sheet-file.js'

const units = [
  ['单位', '收到', '答复率', '答复用时中位数（工作日）'],
  ['长春市人民政府', 12, '75.0%', 3.5],
  ['　朝阳区城市管理局', 0, '', ''],
  ['=HYPERLINK("http://x")', 1, '-1', '@cmd'],
]

describe('toXlsx', () => {
  it('writes a workbook a spreadsheet opens, with each sheet’s rows, numbers as numbers', async () => {
    const bytes = toXlsx([{ name: '各单位', rows: units }, { name: '每月', rows: [['月份', '收到'], ['2026年3月', 4]] }])
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(bytes))
    expect(book.worksheets.map((s) => s.name)).toEqual(['各单位', '每月'])
    const rows = (index: number) => {
      const out: unknown[][] = []
      book.worksheets[index]!.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)))
      return out
    }
    expect(rows(0)[0]).toEqual(units[0])
    expect(rows(0)[1]).toEqual(['长春市人民政府', 12, '75.0%', 3.5])
    expect(rows(0)[2]).toEqual(['　朝阳区城市管理局', 0]) // figures not there yet are blank cells
    // Formula-like text is text, kept from running with an apostrophe, never a formula.
    expect(rows(0)[3]).toEqual(['\'=HYPERLINK("http://x")', 1, "'-1", "'@cmd"])
    expect(rows(1)).toEqual([['月份', '收到'], ['2026年3月', 4]])
  })
})

describe('toCsv', () => {
  it('is UTF-8 with a byte-order mark and CRLF lines, quoting what needs it', () => {
    const csv = toCsv([['a,b', 'say "hi"', 3], ['=1+1', '+86', 'line\nbreak']])
    expect(csv).toBe('\uFEFF"a,b","say ""hi""",3\r\n\'=1+1,\'+86,"line\nbreak"\r\n')
  })

  it('keeps only formula-like text from running', () => {
    expect(['=A1', '+1', '-1', '@x', '\tx', '\rx', '长春', '1-2'].map(safeText)).toEqual(["'=A1", "'+1", "'-1", "'@x", "'\tx", "'\rx", '长春', '1-2'])
  })
})
