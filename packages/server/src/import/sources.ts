import { createReadStream, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { readOpen311Document, requestRecords, Open311ReadError, type Open311Document } from '../open311/read.js'
import { readJsonRecords, type ReadRecord } from './records.js'

/** Where an import's records come from, and how far through it the import is. */
export interface ImportSource {
  /** What the report names: the file's path or the URL. */
  name: string
  records: AsyncIterable<ReadRecord>
  /** Total and done so far, in bytes for a file, in records for a document. */
  total: number
  done(read: number): number
  close(): void
}

/** A source that cannot be read: the message says why. */
export class ImportSourceError extends Error {
  override name = 'ImportSourceError'
}

/** JSON lines or JSON arrays from a file, streamed. */
export function jsonRecordsFile(file: string): ImportSource {
  const path = resolve(file)
  const size = statSync(path, { throwIfNoEntry: false })
  if (!size?.isFile()) throw new ImportSourceError(`there is no file at ${path}`)
  const input = createReadStream(path)
  return { name: path, records: readJsonRecords(input), total: size.size, done: () => input.bytesRead, close: () => input.destroy() }
}

/** Most bytes of a GeoReport document read from a URL: requests lists are hundreds of items, not millions. */
const MAX_DOCUMENT_BYTES = 64 * 2 ** 20

/**
 * The service requests of a GeoReport v2 requests document, from a file or an http(s) URL (e.g.
 * `https://city.example/open311/v2/requests.json?start_date=…`). An error document's descriptions
 * become the error's message.
 */
export async function open311Requests(where: string): Promise<ImportSource> {
  let text: string
  let format: 'json' | 'xml' | undefined
  if (/^https?:\/\//i.test(where)) {
    let response: Response
    try {
      response = await fetch(where, { headers: { Accept: 'application/json, text/xml' }, signal: AbortSignal.timeout(60_000) })
    } catch (error) {
      throw new ImportSourceError(`cannot fetch ${where}: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (Number(response.headers.get('Content-Length') ?? 0) > MAX_DOCUMENT_BYTES) throw new ImportSourceError(`${where} answers more than 64 MiB`)
    text = await response.text()
    const type = response.headers.get('Content-Type') ?? ''
    format = /json/i.test(type) ? 'json' : /xml/i.test(type) ? 'xml' : undefined
    if (!response.ok) throw new ImportSourceError(`${where} answered ${response.status}${errorsOf(text, format)}`)
  } else {
    const path = resolve(where)
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new ImportSourceError(`there is no file at ${path}`)
    text = readFileSync(path, 'utf8')
    format = /\.json$/i.test(path) ? 'json' : /\.xml$/i.test(path) ? 'xml' : undefined
    where = path
  }
  let document: Open311Document
  try {
    document = readOpen311Document(text, format)
  } catch (error) {
    if (error instanceof Open311ReadError) throw new ImportSourceError(`${where}: ${error.message}`)
    throw error
  }
  if (document.kind === 'errors') throw new ImportSourceError(`${where} holds GeoReport errors: ${document.items.map((e) => e.description).join('; ')}`)
  if (document.kind !== 'requests') throw new ImportSourceError(`${where} holds ${document.kind}, not service requests`)
  let read = 0
  async function* counted() {
    for await (const record of requestRecords(document)) {
      read++
      yield record
    }
  }
  return { name: where, records: counted(), total: document.items.length, done: () => read, close: () => {} }
}

function errorsOf(text: string, format: 'json' | 'xml' | undefined): string {
  try {
    const document = readOpen311Document(text, format)
    return document.kind === 'errors' ? `: ${document.items.map((e) => e.description).join('; ')}` : ''
  } catch {
    return ''
  }
}
