/**
 * The contract suite's responses: `call` (fetch that keeps each response), the check of them all
 * against the served OpenAPI document, and the assertion of a problem document.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { createOpenAPIDocument } from '@liuyan/core'
import { expect, it } from 'vitest'

/** A response body: each test asserts the shape it relies on; the OpenAPI check validates them all. */
export type Json = any

export const BASE_PATH = '/api/v1'

// ── Responses, as seen by the suite ───────────────────────────────────────────────────────────

export interface ApiReply {
  status: number
  headers: Headers
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: Json
  text: string
  /** Media type without parameters, e.g. `application/problem+json`. */
  type: string
}

export interface CallOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown
  /** A raw body (string, stream); set the content type yourself. */
  body?: BodyInit
  token?: string
  lang?: string
  headers?: Record<string, string>
  /**
   * Keep the response for the OpenAPI check.
   * @default true
   */
  record?: boolean
}

/** One response the suite received, for the OpenAPI conformance check. */
export interface Seen {
  method: string
  /** The path as requested, relative to the origin, with the query. */
  url: string
  status: number
  type: string
  body: Json
}

const seen: Seen[] = []

/**
 * fetch that records the response. `url` is absolute; the body is read whole.
 */
export async function call(method: string, url: string, options: CallOptions = {}): Promise<ApiReply> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.lang) headers['Accept-Language'] = options.lang
  let body = options.body
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    headers['Content-Type'] ??= 'application/json'
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (body !== undefined) init.body = body
  if (body instanceof ReadableStream) init.duplex = 'half'
  const response = await fetch(url, init)
  const text = await response.text()
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  let parsed: unknown
  if (text && type.endsWith('json')) parsed = JSON.parse(text)
  const u = new URL(url)
  if (options.record !== false) seen.push({ method, url: u.pathname + u.search, status: response.status, type, body: parsed })
  return { status: response.status, headers: response.headers, body: parsed, text, type }
}

// ── OpenAPI conformance ───────────────────────────────────────────────────────────────────────

const DOCUMENT_ID = 'urn:liuyan:openapi'

/**
 * Statuses the server answers on a documented operation that the document does not declare yet.
 * Each is a gap in core's `openapi.ts`, listed so the check stays strict about everything else.
 */
export const KNOWN_UNDECLARED: readonly string[] = []

/** Checks responses against the OpenAPI document the server serves. */
export function createConformance(document: Json = createOpenAPIDocument()) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components })
  const compiled = new Map<string, ValidateFunction>()
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }))

  function validator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema)
    let fn = compiled.get(key)
    if (!fn) {
      fn = ajv.compile(JSON.parse(key.replaceAll('"#/components/', `"${DOCUMENT_ID}#/components/`)))
      compiled.set(key, fn)
    }
    return fn
  }

  /** What is wrong with one response, or an empty list. */
  function check(response: Seen): string[] {
    const pathname = response.url.split('?')[0]!
    const where = `${response.method} ${response.url} → ${response.status}`
    const problems: string[] = []
    const validateAgainst = (schema: Json) => {
      const fn = validator(schema)
      if (!fn(response.body)) problems.push(`${where}: body does not match the schema: ${ajv.errorsText(fn.errors)}`)
    }
    if (!pathname.startsWith(`${BASE_PATH}/`)) {
      // Outside the API there is no operation; the server still answers with a problem.
      validateAgainst({ $ref: '#/components/schemas/Problem' })
      return problems
    }
    const path = pathname.slice(BASE_PATH.length)
    if (path === '/openapi.json') return problems // the document itself, checked by openapi.test.ts
    const found = templates.find((t) => t.pattern.test(path))
    const operation = found && document.paths[found.template][response.method.toLowerCase()]
    if (!operation) {
      // No operation: unknown routes (404), methods a path lacks (405), CORS preflights (204).
      if (response.method === 'OPTIONS' && response.status === 204) return problems
      if (response.type !== 'application/problem+json') problems.push(`${where}: expected a problem document, got ${response.type}`)
      validateAgainst({ $ref: '#/components/schemas/Problem' })
      return problems
    }
    const declared = operation.responses[String(response.status)]
    if (!declared) {
      const gap = `${response.method} ${found.template} ${response.status}`
      if (!KNOWN_UNDECLARED.includes(gap)) problems.push(`${where}: status ${response.status} is not declared for ${gap.replace(/ \d+$/, '')}`)
      if (response.type === 'application/problem+json') validateAgainst({ $ref: '#/components/schemas/Problem' })
      return problems
    }
    // An answer declared without content (204) must have none.
    if (!declared.content && !response.type && response.body === undefined) return problems
    const media = declared.content?.[response.type]
    if (!media) {
      problems.push(`${where}: content type ${response.type || '(none)'} is not declared (${Object.keys(declared.content ?? {}).join(', ')})`)
      return problems
    }
    // A file (an export) is declared by its media type; its content is the export tests' business.
    if (!media.schema?.contentMediaType) validateAgainst(media.schema)
    return problems
  }

  return { check, validator }
}

/**
 * Registers, at the point of the call, a test that checks every response the file's tests
 * received against the OpenAPI document. Call it last in a test file.
 */
export function conformanceTest(): void {
  it('every response above has a declared status and a body that matches the OpenAPI document', () => {
    const conformance = createConformance()
    expect(seen.length).toBeGreaterThan(0)
    const problems = seen.flatMap((response) => conformance.check(response))
    expect(problems).toEqual([])
  })
}

/** Asserts an RFC 9457 problem with a stable code and a request id. */
export function expectProblem(reply: ApiReply, status: number, code?: string): void {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.type).toBe('application/problem+json')
  expect(reply.body).toMatchObject({ status, type: expect.stringContaining(':') as unknown, title: expect.any(String) as unknown })
  if (code) expect(reply.body.code).toBe(code)
  else expect(reply.body.code).toEqual(expect.any(String))
  expect(reply.body.requestId).toEqual(expect.any(String))
  expect(reply.headers.get('X-Request-Id')).toBe(reply.body.requestId)
}
