import { resolveLocale, validate, type InboxQuerySchema, type Locale } from '@liuyan/core'
import type * as z from 'zod/mini'
import { ServiceError } from '../errors.js'

/** Accept-Language → locale, remembered for the few header values browsers send. */
const LOCALES = new Map<string, Locale>()
export function localeOf(header: string | null): Locale {
  if (!header || header.length > 200) return resolveLocale(header)
  let locale = LOCALES.get(header)
  if (locale === undefined) {
    locale = resolveLocale(header)
    if (LOCALES.size >= 256) LOCALES.clear()
    LOCALES.set(header, locale)
  }
  return locale
}

/** Validates `input` with a schema of core, or answers 422 with the issues in the request's language. */
export function parse<S extends z.core.$ZodType>(schema: S, input: unknown, locale: Locale, labels?: Record<string, string>): z.output<S> {
  const result = validate(schema, input, { locale, ...(labels ? { labels } : {}) })
  if (!result.success) throw new ServiceError(422, 'validation_failed', '', result.issues)
  return result.data
}

/** A JSON body of at most `limit` bytes: 415 for another type, 413 when larger, 400 when not JSON. */
export async function readJson(request: Request, limit: number): Promise<{ text: string; value: unknown }> {
  const type = request.headers.get('Content-Type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw new ServiceError(415, 'unsupported_media_type', '')
  const text = await readLimited(request, limit)
  try {
    return { text, value: JSON.parse(text) }
  } catch {
    throw new ServiceError(400, 'malformed_json', '')
  }
}

/** Reads a body up to `limit` bytes without buffering more: a larger body answers 413. */
async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('Content-Length') ?? NaN)
  if (declared > limit) throw new ServiceError(413, 'payload_too_large', '')
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      // The body stream fails when the client goes away mid-upload: not the server's error.
      throw new ServiceError(499, 'client_aborted', '')
    }
    const { done, value } = chunk
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw new ServiceError(413, 'payload_too_large', '')
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ServiceError(400, 'malformed_json', '')
  }
}

/**
 * Reads a query string with a route's query schema. Parameters are read by the schema's own field
 * names: `status` travels comma-separated, `limit` as digits, `overdue` as true/false/1/0; an
 * empty parameter counts as absent and unknown ones are ignored.
 *
 * Valid queries are remembered by their query string: the same few (the first page of a list,
 * above all) come again and again, and their validation never changes. Failures are not kept
 * (their messages follow the request's language).
 */
/** Query parameters that are yes/no: `true`/`1` or `false`/`0`. */
const BOOLEAN_PARAMS = new Set(['overdue', 'private', 'supervised'])
/** Query parameters that are whole numbers, sent as digits. */
const INTEGER_PARAMS = new Set(['limit', 'dueWithin'])

export function createQueryReader() {
  const valid = new WeakMap<z.core.$ZodType, Map<string, unknown>>()
  return function readQuery<S extends z.core.$ZodType>(schema: S, url: URL, locale: Locale): z.output<S> {
    let cache = valid.get(schema)
    if (!cache) valid.set(schema, (cache = new Map()))
    const known = cache.get(url.search)
    if (known !== undefined) return known as z.output<S>
    const raw: Record<string, unknown> = {}
    for (const name of fieldsOf(schema)) {
      const value = url.searchParams.get(name)
      if (value === null || value === '') continue
      if (name === 'status') raw.status = value.split(',').map((s) => s.trim())
      else if (INTEGER_PARAMS.has(name)) raw[name] = /^\d+$/.test(value) ? Number(value) : value
      else if (BOOLEAN_PARAMS.has(name)) raw[name] = value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value
      else raw[name] = value
    }
    const query = parse(schema, raw, locale)
    if (url.search.length <= 512) {
      if (cache.size >= 256) cache.clear()
      cache.set(url.search, query)
    }
    return query
  }
}

function fieldsOf(schema: z.core.$ZodType): string[] {
  const shape = (schema._zod.def as { shape?: Record<string, unknown> }).shape
  if (!shape) throw new TypeError('A query schema is an object schema')
  return Object.keys(shape)
}

/** The filters of a list query as the board service takes them (`limit` 20 unless given). */
export function listFilters(query: z.output<typeof InboxQuerySchema>) {
  const statuses = query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status]
  return {
    limit: query.limit ?? 20,
    ...(query.boardId ? { boardId: query.boardId } : {}),
    ...(statuses ? { statuses } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.domain ? { domain: query.domain } : {}),
    ...(query.keyword ? { keyword: query.keyword } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    ...(query.overdue ? { overdue: true } : {}),
    ...(query.dueWithin !== undefined ? { dueWithin: query.dueWithin } : {}),
    ...(query.supervised ? { supervised: true } : {}),
    ...(query.sort === 'due' ? { sort: 'due' as const } : {}),
  }
}
