import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'

/** One record read from an import file, or why the text at that line is not one. */
export type ReadRecord = { line: number; value: unknown } | { line: number; error: string }

/**
 * Reads JSON records one at a time, in memory bounded by the largest record: either JSON lines (one
 * record per line, blank lines skipped; a line may also hold an array of records) or one JSON array
 * of records in any layout. The first character that is not white space tells which: `[` starts an
 * array.
 *
 * Text that is not JSON comes as an error naming its line, and reading goes on with the next line
 * (or the next element of the array). The errors never quote the text: a record may hold a name or
 * a phone number, and the errors end up in a report.
 */
export async function* readJsonRecords(input: Readable): AsyncGenerator<ReadRecord> {
  input.setEncoding('utf8')
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<string>
  // Read up to the first character that is not white space, then hand back what was read.
  let head = ''
  while (head.trimStart() === '') {
    const next = await chunks.next()
    if (next.done) break
    head += next.value
  }
  head = head.replace(/^\uFEFF/, '')
  async function* text(): AsyncGenerator<string> {
    if (head) yield head
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value
  }
  yield* head.trimStart().startsWith('[') ? arrayElements(text()) : jsonLines(text())
}

async function* jsonLines(text: AsyncIterable<string>): AsyncGenerator<ReadRecord> {
  let line = 0
  for await (const source of createInterface({ input: Readable.from(text), crlfDelay: Infinity })) {
    line++
    if (source.trim() === '') continue
    const value = parse(source)
    if (value === NOT_JSON) yield { line, error: 'the line is not valid JSON' }
    else if (Array.isArray(value)) for (const item of value) yield { line, value: item }
    else yield { line, value }
  }
}

const NEWLINE = 10
const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const OPEN = new Set([91, 123]) // [ {
const CLOSE = new Set([93, 125]) // ] }

/**
 * Cuts a top-level JSON array into the texts of its elements without parsing the whole: follows
 * strings (with their escapes) and the depth of brackets, and cuts at the commas of depth 1. Each
 * element is then parsed alone, so one bad element costs only itself.
 */
async function* arrayElements(text: AsyncIterable<string>): AsyncGenerator<ReadRecord> {
  let line = 1
  let depth = 0
  let inString = false
  let escaped = false
  let element = ''
  let elementLine = 0
  let closed = false
  const take = (): ReadRecord | undefined => {
    const source = element.trim()
    const at = elementLine
    element = ''
    elementLine = 0
    if (source === '') return undefined
    const value = parse(source)
    return value === NOT_JSON ? { line: at, error: 'the record is not valid JSON' } : { line: at, value }
  }
  for await (const chunk of text) {
    let start = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (c === NEWLINE) line++
      if (closed) {
        if (c > 32) {
          yield { line, error: 'there is more text after the closing ] of the array' }
          return
        }
        continue
      }
      if (inString) {
        if (escaped) escaped = false
        else if (c === BACKSLASH) escaped = true
        else if (c === QUOTE) inString = false
        continue
      }
      if (depth === 0) {
        // Only white space comes before the opening bracket (readJsonRecords checked).
        if (c === 91) {
          depth = 1
          start = i + 1
        }
        continue
      }
      const endsElement = depth === 1 && (c === COMMA || c === 93)
      if (elementLine === 0 && c > 32 && !endsElement) elementLine = line
      if (c === QUOTE) inString = true
      else if (OPEN.has(c)) depth++
      else if (endsElement) {
        element += chunk.slice(start, i)
        start = i + 1
        const record = take()
        if (record) yield record
        if (c === 93) {
          depth = 0
          closed = true
        }
      } else if (CLOSE.has(c)) depth--
    }
    if (depth >= 1) element += chunk.slice(start)
  }
  if (!closed) yield { line, error: 'the array is not closed: the file ends inside it' }
}

const NOT_JSON = Symbol('not JSON')

function parse(source: string): unknown {
  try {
    return JSON.parse(source)
  } catch {
    return NOT_JSON
  }
}
