// Files of a table on screen, written in the browser: CSV (UTF-8 with a byte-order mark, CRLF, as
// the server's exports) and a minimal XLSX workbook (Office Open XML in an uncompressed ZIP: no
// dependency, a few hundred bytes of code). Text cells are kept text the way the server's exports
// keep them (docs/architecture.md §8): one that a spreadsheet would read as a formula gets an
// apostrophe in front.

export type Cell = string | number
export type Sheet = { name: string; rows: readonly (readonly Cell[])[] }

export const CSV_TYPE = 'text/csv; charset=utf-8'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A text cell a spreadsheet would run (`= + - @`, tab, CR first) with an apostrophe in front. */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** One sheet as CSV text. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  const field = (cell: Cell) => {
    const text = typeof cell === 'number' ? String(cell) : safeText(cell)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return `\uFEFF${rows.map((row) => `${row.map(field).join(',')}\r\n`).join('')}`
}

const xml = (text: string) => text.replace(/[<>&"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot' }[c]};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

function column(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

function sheetXml(rows: readonly (readonly Cell[])[]): string {
  const body = rows
    .map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => {
      const ref = `${column(c)}${r + 1}`
      if (cell === '') return '' // a blank cell, not an empty text
      return typeof cell === 'number' && Number.isFinite(cell)
        ? `<c r="${ref}"><v>${cell}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(safeText(String(cell)))}</t></is></c>`
    }).join('')}</row>`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`
}

/** A workbook of these sheets (names up to 31 characters, without `[]:*?/\`). */
export function toXlsx(sheets: readonly Sheet[]): Uint8Array<ArrayBuffer> {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const names = sheets.map((s, i) => xml(s.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || `Sheet${i + 1}`))
  const files: [string, string][] = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${names.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows)]),
  ]
  return zip(files.map(([name, text]) => [name, new TextEncoder().encode(text)]))
}

let table: Uint32Array | undefined
function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** A ZIP archive of the files, stored (no compression), UTF-8 names, no time stamps. */
function zip(files: readonly [string, Uint8Array][]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  const local: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const [name, data] of files) {
    const path = encoder.encode(name)
    const crc = crc32(data)
    const header = (size: number, signature: number) => {
      const bytes = new Uint8Array(size + path.length)
      const view = new DataView(bytes.buffer)
      view.setUint32(0, signature, true)
      return { bytes, view }
    }
    const l = header(30, 0x04034b50)
    // version 2.0, flags: UTF-8 names (bit 11), method 0 (stored), time 0, date 1980-01-01
    l.view.setUint16(4, 20, true); l.view.setUint16(6, 0x0800, true); l.view.setUint16(12, 0x21, true)
    l.view.setUint32(14, crc, true); l.view.setUint32(18, data.length, true); l.view.setUint32(22, data.length, true)
    l.view.setUint16(26, path.length, true); l.bytes.set(path, 30)
    const c = header(46, 0x02014b50)
    c.view.setUint16(4, 20, true); c.view.setUint16(6, 20, true); c.view.setUint16(8, 0x0800, true); c.view.setUint16(14, 0x21, true)
    c.view.setUint32(16, crc, true); c.view.setUint32(20, data.length, true); c.view.setUint32(24, data.length, true)
    c.view.setUint16(28, path.length, true); c.view.setUint32(42, offset, true); c.bytes.set(path, 46)
    local.push(l.bytes, data)
    central.push(c.bytes)
    offset += l.bytes.length + data.length
  }
  const size = central.reduce((sum, b) => sum + b.length, 0)
  const end = new Uint8Array(22)
  const view = new DataView(end.buffer)
  view.setUint32(0, 0x06054b50, true); view.setUint16(8, files.length, true); view.setUint16(10, files.length, true)
  view.setUint32(12, size, true); view.setUint32(16, offset, true)
  const out = new Uint8Array(offset + size + end.length)
  let at = 0
  for (const part of [...local, ...central, end]) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** Offers `body` as a download named `fileName` (an object URL on a link, clicked, then revoked). */
export function download(fileName: string, type: string, body: BlobPart): void {
  const url = URL.createObjectURL(new Blob([body], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
