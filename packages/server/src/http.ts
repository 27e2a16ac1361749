import { createId, DEFAULT_BODY_BYTES, ROUTES, type Locale, type Route } from '@liuyan/core'
import { ServiceError } from './errors.js'
import { createIdempotency } from './http/idempotency.js'
import { createRateLimits } from './http/limits.js'
import type { WorkbookStreamer } from './http/exports.js'
import { createOperations, type Operation, type OperationRequest } from './http/operations.js'
import { problemReply, toServiceError } from './http/problems.js'
import { FileBody, handlerOf, json, jsonText, JsonText, type FetchHandler, type Reply, type RequestContext } from './http/reply.js'
import { createQueryReader, localeOf, parse, readJson } from './http/request.js'
import { createPathRedactor, createRouter, decodeParams, type Match } from './http/router.js'
import type { BoardService, StaffPrincipal } from './service.js'

export { answererOf, toResponse } from './http/reply.js'
export type { Answerer, FetchHandler, Reply, RequestContext } from './http/reply.js'
export { problemReply } from './http/problems.js'

/** One line of the request log. It never holds a body, a token or a tracking code. */
export interface RequestLogEntry {
  time: string
  requestId: string
  method: string
  /** The path with tracking codes (and Open311 tokens) replaced by `***`; the query string is left out. */
  path: string
  /**
   * The status answered; `499` (as nginx logs it) when the client went away before its request
   * body was complete, so there was nobody to answer: `code` is then `client_aborted`.
   */
  status: number
  durationMs: number
  /** Problem code of an error answer, or `client_aborted`. */
  code?: string
  /** Name and message of an unexpected error (500). */
  error?: string
}

/** Options of {@link createFetchHandler}. */
export interface FetchHandlerOptions {
  /**
   * Where the API lives.
   * @default '/api/v1'
   */
  basePath?: string
  /**
   * Origins allowed to call the API from a browser (exact match, e.g. `https://www.example.gov.cn`).
   * `'*'` allows any origin; staff calls carry a bearer token, never cookies.
   * @default []
   */
  corsOrigins?: readonly string[]
  /**
   * Submissions (POST /messages, follow-ups, ratings) per client IP per minute, an IPv6 client
   * counted by its /64; `false` turns the limit off (load tests).
   * @default 300
   */
  submissionsPerMinute?: number | false
  /**
   * Requests to the routes that take a tracking code (GET /tracking/{code}, its follow-ups and
   * ratings) per client IP per minute (an IPv6 client by its /64), whatever the answer: a wrong code
   * costs as much as a right one, so codes cannot be guessed faster than this. `false` turns the
   * limit off (load tests).
   * @default 60
   */
  trackingPerMinute?: number | false
  /**
   * Keyword searches of the public list (GET /messages with a `keyword`) per client IP per minute
   * (an IPv6 client by its /64). A search costs the server far more than a page of the list, so it
   * has a budget of its own that a person never meets and a scraper does. `false` turns the limit
   * off (load tests).
   * @default 120
   */
  searchesPerMinute?: number | false
  /**
   * Requests per staff token per minute.
   * @default 1200
   */
  staffPerMinute?: number | false
  /**
   * Largest accepted request body.
   * @default 65536
   */
  maxBodyBytes?: number
  /**
   * How long an Idempotency-Key is remembered.
   * @default 86_400_000 (24 h)
   */
  idempotencyTtlMs?: number
  /** Receives one entry per request. */
  log?: (entry: RequestLogEntry) => void
  /**
   * Serves other paths (e.g. a static site, the Open311 endpoint). Called for requests outside
   * `basePath`, with the request's context; they are logged like the API's.
   */
  fallback?: (request: Request, context: RequestContext) => Promise<Response | undefined> | Response | undefined
  /**
   * Writes the XLSX exports of the staff API. Workbooks need Node, so a handler that may run
   * elsewhere leaves this out and answers `format=xlsx` with 501 (CSV works everywhere). On Node:
   * `import { workbookStream } from '@liuyan/server/node'`; the CLI sets it.
   */
  exportWorkbook?: WorkbookStreamer
}

/**
 * The Board API as a web-standard fetch handler: `(Request) => Promise<Response>`. It runs
 * unchanged on Node (see `@liuyan/server/node`), Deno, Bun, workers and inside msw.
 *
 * @example
 * ```ts
 * const service = createBoardService({ store: createMemoryStore() })
 * const handle = createFetchHandler(service, { corsOrigins: ['https://www.example.gov.cn'] })
 * Deno.serve((request, info) => handle(request, { clientAddress: info.remoteAddr.hostname }))
 * ```
 */
export function createFetchHandler(service: BoardService, options: FetchHandlerOptions = {}): FetchHandler {
  const basePath = (options.basePath ?? '/api/v1').replace(/\/+$/, '')
  const origins = new Set(options.corsOrigins ?? [])
  // Counted in the store when it keeps counters (PostgreSQL: one budget across instances).
  const limits = createRateLimits({
    submission: options.submissionsPerMinute,
    tracking: options.trackingPerMinute,
    search: options.searchesPerMinute,
    staff: options.staffPerMinute,
  }, service.store.rateCounter)
  const idempotent = createIdempotency(service, options.idempotencyTtlMs ?? 86_400_000)
  const readQuery = createQueryReader()
  const operations = createOperations(service, basePath, options.exportWorkbook)
  const router = createRouter<Route>(ROUTES)
  const redact = createPathRedactor(ROUTES)
  const corsMethods = [...new Set<string>(ROUTES.map((r) => r.method)), 'OPTIONS'].join(', ')

  /** Runs a matched route: the checks its declaration asks for, in this order, then its operation. */
  async function dispatch({ route, rawParams }: Match<Route>, request: Request, url: URL, locale: Locale, clientAddress: string): Promise<Reply | Response> {
    const operation = operations[route.operationId] as Operation
    const params = decodeParams(rawParams)
    const rate: readonly string[] = route.limits.rate
    // Counted before anything is looked at, so a wrong code or a malformed search costs as much as a good one.
    if (rate.includes('tracking')) await limits.take('tracking', clientAddress)
    if (rate.includes('search') && url.searchParams.get('keyword')) await limits.take('search', clientAddress)
    let staff: StaffPrincipal | undefined
    if (route.auth === 'staff') {
      staff = await authenticate(request)
      if (rate.includes('staff')) await limits.take('staff', staff.tokenHash)
      const roles: readonly string[] = route.roles
      if (!staff.roles.some((role) => roles.includes(role))) throw new ServiceError(403, 'forbidden_role', '')
    }
    const query = 'query' in route ? readQuery(route.query, url, locale) : undefined
    let body: unknown
    let bodyText: string | undefined
    if ('body' in route) {
      const read = await readJson(request, options.maxBodyBytes ?? route.limits.bodyBytes ?? DEFAULT_BODY_BYTES)
      bodyText = read.text
      body = parse(route.body, read.value, locale, operation.labels?.(locale))
    }
    const r = { request, url, locale, params, query, body, staff } as OperationRequest
    const status = successStatus(route)
    const limitSubmission = rate.includes('submission') ? () => limits.take('submission', clientAddress) : undefined
    if (route.idempotency !== 'none') {
      return idempotent({
        key: request.headers.get('Idempotency-Key'),
        required: (route.idempotency as string) === 'required',
        scope: staff?.tokenHash ?? 'public',
        fingerprint: `${request.method} ${url.pathname}\n${bodyText ?? ''}`,
        run: (hook) => operation.run(r, hook),
        status,
        ...(operation.headers ? { headers: operation.headers } : {}),
        ...(limitSubmission ? { beforeRun: limitSubmission } : {}),
      })
    }
    await limitSubmission?.()
    const result = await operation.run(r, undefined)
    if (result instanceof FileBody) {
      if (request.method === 'HEAD') await result.body.cancel()
      return new Response(request.method === 'HEAD' ? null : result.body, {
        status, headers: { 'Content-Type': result.contentType, 'Content-Disposition': result.disposition },
      })
    }
    if (status === 204) return { status, headers: {}, body: null }
    return result instanceof JsonText ? jsonText(status, result.text) : json(status, result, operation.headers?.(result))
  }

  async function authenticate(request: Request): Promise<StaffPrincipal> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')
    const staff = match ? await service.authenticate(match[1]!) : undefined
    if (!staff) throw new ServiceError(401, 'unauthorized', '', undefined, { 'WWW-Authenticate': 'Bearer' })
    return staff
  }

  // Request ids: unique per process start (random prefix) and cheap to make (a counter).
  const idPrefix = createId().slice(0, 10)
  let idCount = 0

  async function answer(request: Request, context: RequestContext = {}): Promise<Reply | Response> {
    const started = performance.now()
    const url = new URL(request.url)
    const requestId = `${idPrefix}${(++idCount).toString(36)}`
    const locale = localeOf(request.headers.get('Accept-Language'))
    let reply: Reply | Response
    let code: string | undefined
    let errorText: string | undefined
    // Staff calls (a token sent) and what the route table marks private: no cache may keep them.
    let isPrivate = request.headers.has('Authorization')
    const inApi = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)
    if (!inApi) {
      const fallback = await options.fallback?.(request, context)
      reply = fallback ?? problemReply(locale, requestId, new ServiceError(404, 'not_found', ''))
      if (!fallback) code = 'not_found'
    } else if (request.method === 'OPTIONS') {
      reply = { status: 204, headers: {}, body: null }
    } else {
      try {
        const routing = router.route(request.method, url.pathname.slice(basePath.length) || '/')
        isPrivate ||= routing.kind === 'found' ? routing.match.route.private : routing.private
        if (routing.kind === 'unknown') throw new ServiceError(404, 'not_found', '')
        if (routing.kind === 'method') throw new ServiceError(405, 'method_not_allowed', '', undefined, { Allow: routing.allow })
        reply = await dispatch(routing.match, request, url, locale, context.clientAddress ?? 'unknown')
      } catch (caught) {
        const { error, logged } = toServiceError(caught, locale)
        code = error.code
        if (logged) errorText = logged
        reply = problemReply(locale, requestId, error)
      }
    }
    if (reply instanceof Response) {
      // The fallback outside the API (no CORS there), and the API's file downloads.
      reply.headers.set('X-Request-Id', requestId)
      if (inApi) {
        const headers: Record<string, string> = {}
        applyCors(headers, request.headers.get('Origin'), request)
        if (isPrivate) headers['Cache-Control'] = 'no-store'
        for (const [name, value] of Object.entries(headers)) reply.headers.set(name, value)
      }
    } else {
      if (request.method === 'HEAD') reply.body = null
      reply.headers['X-Request-Id'] = requestId
      if (inApi) applyCors(reply.headers, request.headers.get('Origin'), request)
      if (inApi && isPrivate) reply.headers['Cache-Control'] = 'no-store'
    }
    options.log?.({
      time: new Date().toISOString(),
      requestId,
      method: request.method,
      // The table's tracking-code routes, and Open311's tokens (tracking codes too, outside the table).
      path: redact(url.pathname).replace(/(\/tokens\/)[^/]+/, '$1***'),
      status: reply.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(code ? { code } : {}),
      ...(errorText ? { error: errorText } : {}),
    })
    return reply
  }

  return handlerOf(answer)

  function applyCors(headers: Record<string, string>, origin: string | null, request: Request): void {
    headers['Vary'] = headers['Vary'] ? `${headers['Vary']}, Origin` : 'Origin'
    if (!origin || !(origins.has(origin) || origins.has('*'))) return
    headers['Access-Control-Allow-Origin'] = origins.has('*') ? '*' : origin
    headers['Access-Control-Expose-Headers'] = 'Retry-After, Location, X-Request-Id, Content-Disposition'
    if (request.method === 'OPTIONS') {
      headers['Access-Control-Allow-Methods'] = corsMethods
      headers['Access-Control-Allow-Headers'] = 'Content-Type, Authorization, Idempotency-Key, Accept-Language'
      headers['Access-Control-Max-Age'] = '600'
    }
  }
}

/** The status of a route's successful answer: the first 2xx it declares. */
function successStatus(route: Route): number {
  return Number(Object.keys(route.responses).find((status) => status.startsWith('2')) ?? 200)
}
