import { XMLParser } from 'fast-xml-parser'

/** A service request as another GeoReport v2 server answers it, with the quirks of real servers smoothed out. */
export interface ForeignRequest {
  service_request_id: string
  status?: string
  status_notes?: string
  service_name?: string
  service_code?: string
  description?: string
  agency_responsible?: string
  requested_datetime?: string
  updated_datetime?: string
  expected_datetime?: string
  address?: string
  lat?: number
  long?: number
  media_url?: string
}

/** What a GeoReport v2 document held, or why it could not be read. */
export type Open311Document =
  | { kind: 'requests'; items: Record<string, unknown>[] }
  | { kind: 'services'; items: Record<string, unknown>[] }
  | { kind: 'service_definition'; value: Record<string, unknown> }
  | { kind: 'discovery'; value: Record<string, unknown> }
  | { kind: 'errors'; items: { code?: string; description: string }[] }

/** Thrown for a document this reader cannot make sense of. The message says why, never quoting it. */
export class Open311ReadError extends Error {
  override name = 'Open311ReadError'
}

const LISTS = new Set(['request', 'service', 'error', 'endpoint', 'format', 'attribute', 'value'])
const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: true,
  processEntities: true,
  isArray: (name) => LISTS.has(name),
})

/**
 * Reads a GeoReport v2 document, JSON or XML (by `format`, else by its first character), as real
 * servers write them: bare arrays or envelopes (`{"service_requests": [...]}`), XML elements with
 * or without their wrappers, an HTTP status line before the body (as recorded answers have). JSON
 * is parsed strictly: numbers with leading zeros (`"service_code": 001`) are not JSON, and say so.
 */
export function readOpen311Document(text: string, format?: 'json' | 'xml'): Open311Document {
  const body = text.replace(/^\uFEFF/, '').replace(/^HTTP\/\d(?:\.\d)? \d{3}[^\n]*\r?\n(?:[^\n]*\S[^\n]*\r?\n)*\r?\n/, '').trim()
  const kind = format ?? (body.startsWith('<') ? 'xml' : 'json')
  return kind === 'xml' ? fromXml(body) : fromJson(body)
}

function fromJson(body: string): Open311Document {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    throw new Open311ReadError(/:\s*0\d/.test(body) ? 'the document is not valid JSON (it has numbers with leading zeros, such as 001: such codes must be strings)' : 'the document is not valid JSON')
  }
  if (isObject(value)) {
    for (const [key, kind] of [['service_requests', 'requests'], ['requests', 'requests'], ['services', 'services'], ['errors', 'errors']] as const) {
      if (Array.isArray(value[key])) value = value[key]
      else continue
      return list(kind, value as unknown[])
    }
    if ('endpoints' in value) return { kind: 'discovery', value }
    if ('attributes' in value && 'service_code' in value) return { kind: 'service_definition', value }
    if ('service_request_id' in value) return { kind: 'requests', items: [value] }
    throw new Open311ReadError('the JSON document is none of GeoReport v2’s')
  }
  if (!Array.isArray(value)) throw new Open311ReadError('the JSON document is none of GeoReport v2’s')
  const first = value.find(isObject)
  if (!first) return { kind: 'requests', items: [] }
  if ('service_request_id' in first) return list('requests', value)
  if ('service_code' in first && 'service_name' in first) return list('services', value)
  if ('description' in first && 'code' in first) return list('errors', value)
  throw new Open311ReadError('the JSON list holds none of GeoReport v2’s items')
}

function fromXml(body: string): Open311Document {
  let tree: Record<string, unknown>
  try {
    tree = parser.parse(body, true) as Record<string, unknown>
  } catch {
    throw new Open311ReadError('the document is not well-formed XML')
  }
  const root = Object.keys(tree).find((k) => k !== '?xml')
  const content = root ? tree[root] : undefined
  const inner = (name: string) => (isObject(content) && Array.isArray(content[name]) ? (content[name] as unknown[]) : [])
  switch (root) {
    case 'service_requests':
    case 'requests':
      return list('requests', inner('request'))
    case 'services':
      return list('services', inner('service'))
    case 'errors':
      return list('errors', inner('error'))
    case 'error':
      // A bare <error> (seen in the wild): its text is the description.
      return { kind: 'errors', items: (Array.isArray(content) ? content : [content]).map((e) => ({ description: typeof e === 'string' ? e : String((e as { description?: unknown })?.description ?? '') })) }
    case 'discovery':
      return { kind: 'discovery', value: isObject(content) ? content : {} }
    case 'service_definition': {
      const value = isObject(content) ? content : {}
      // Some servers leave out the <attributes> wrapper around the <attribute> elements.
      const attributes = isObject(value.attributes) ? (value.attributes.attribute ?? []) : (value.attribute ?? [])
      return { kind: 'service_definition', value: { ...value, attributes } }
    }
    default:
      throw new Open311ReadError('the XML document is none of GeoReport v2’s')
  }
}

function list(kind: 'requests' | 'services' | 'errors', items: unknown[]): Open311Document {
  const objects = items.filter(isObject)
  if (kind === 'errors') return { kind, items: objects.map((e) => ({ ...(e.code != null ? { code: String(e.code) } : {}), description: String(e.description ?? '') })) }
  return { kind, items: objects }
}

const TEXT_FIELDS = ['status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'media_url'] as const

/**
 * One item of a requests document as a {@link ForeignRequest}: ids and codes as strings whatever
 * their JSON type, empty elements left out, coordinates as numbers, times given an offset when a
 * server left it out (`defaultOffset`, e.g. `+08:00`). Undefined for an item without an id.
 */
export function toForeignRequest(item: Record<string, unknown>, defaultOffset = 'Z'): ForeignRequest | undefined {
  const id = scalar(item.service_request_id)
  if (!id) return undefined
  const request: ForeignRequest = { service_request_id: id }
  for (const field of TEXT_FIELDS) {
    const value = scalar(item[field])
    if (value) request[field] = field.endsWith('_datetime') ? withOffset(value, defaultOffset) : value
  }
  const lat = Number(scalar(item.lat))
  const long = Number(scalar(item.long))
  if (scalar(item.lat) && scalar(item.long) && Number.isFinite(lat) && Number.isFinite(long) && Math.abs(lat) <= 90 && Math.abs(long) <= 180) {
    request.lat = lat
    request.long = long
  }
  return request
}

function withOffset(value: string, offset: string): string {
  const iso = value.replace(' ', 'T')
  return /(?:Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}${offset}`
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The items of a requests document as import records, numbered from 1. */
export async function* requestRecords(document: Open311Document): AsyncGenerator<{ line: number; value: unknown }> {
  if (document.kind !== 'requests') throw new Open311ReadError(`the document holds ${document.kind}, not service requests`)
  let line = 0
  for (const item of document.items) yield { line: ++line, value: item }
}
