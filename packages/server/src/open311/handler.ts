import { NewMessageSchema, resolveLocale, validate, type Locale, type MessageStatus, type PublicMessage } from '@liuyan/core'
import { isServiceError } from '../errors.js'
import type { FetchHandler } from '../http.js'
import { createRateLimits } from '../http/limits.js'
import type { BoardService, PublicListQuery } from '../service.js'
import { OPEN311_ERRORS, Open311Error } from './errors.js'
import { open311Response, type Open311Format } from './format.js'
import { fromOpen311Post, statusesFor, toOpen311Request, type Open311Request } from './requests.js'
import { open311Services, parseServiceCode } from './services.js'

/** Options of {@link createOpen311Handler}. */
export interface Open311Options {
  /** Where the endpoint answers. @default '/open311/v2' */
  basePath?: string
  /**
   * Each `jurisdiction_id` and the board whose subtree it serves, e.g. `{ 'changchun.gov.cn':
   * '220100-gov' }`. With one jurisdiction, requests may leave `jurisdiction_id` out.
   */
  jurisdictions: Readonly<Record<string, string>>
  /** Answer mySociety's extended statuses (`action_scheduled`, `in_progress`) for open requests. @default false */
  extendedStatuses?: boolean
  /** The discovery document's `contact`. */
  contact?: string
  /** The endpoint's public URL for discovery, when the server sits behind a proxy. Default: the request's origin and base path. */
  publicUrl?: string
  /** POSTed requests per client and minute (`false`: no limit). @default 300 */
  submissionsPerMinute?: number | false
  /** `tokens/{token}` lookups per client and minute: a token is a tracking code. @default 60 */
  tokensPerMinute?: number | false
}

/** When this mapping of Liuyan onto GeoReport v2 last changed (discovery's `changeset`). */
export const OPEN311_CHANGESET = '2026-12-02T00:00:00+08:00'
/** The most requests one `GET requests` answers, newest first (GeoReport lets servers cap it). */
export const OPEN311_MAX_REQUESTS = 200
const MAX_IDS = 100
const MAX_FORM_BYTES = 65_536
const NINETY_DAYS = 90 * 86_400_000
const PATH = /^\/(discovery|services|requests|tokens)(?:\/([^/]+))?\.(json|xml)$/

/**
 * The Open311 GeoReport v2 endpoint of a board service (`/open311/v2/…`, JSON and XML): discovery,
 * the services (message type × domain), public requests and their search, new requests by POST,
 * and tokens. Only what the public view shows leaves it. See docs/architecture.md (Open311).
 *
 * @example
 * ```ts
 * const open311 = createOpen311Handler(service, { jurisdictions: { 'changchun.gov.cn': '220100-gov' } })
 * serve((request, context) => new URL(request.url).pathname.startsWith('/open311/') ? open311(request, context) : api(request, context))
 * ```
 */
export function createOpen311Handler(service: BoardService, options: Open311Options): FetchHandler {
  const basePath = (options.basePath ?? '/open311/v2').replace(/\/+$/, '')
  const extended = options.extendedStatuses === true
  const jurisdictions = Object.entries(options.jurisdictions)
  if (jurisdictions.length === 0) throw new TypeError('createOpen311Handler: give at least one jurisdiction')
  // The API's own budgets (and defaults): POSTed requests are submissions, tokens are tracking codes.
  const limits = createRateLimits({ submission: options.submissionsPerMinute, tracking: options.tokensPerMinute, search: false, staff: false }, service.store.rateCounter)

  return async (request, context) => {
    const url = new URL(request.url)
    const locale = resolveLocale(request.headers.get('Accept-Language'))
    const format: Open311Format = url.pathname.endsWith('.xml') ? 'xml' : 'json'
    try {
      const match = url.pathname.startsWith(`${basePath}/`) ? PATH.exec(url.pathname.slice(basePath.length)) : null
      if (!match) throw new Open311Error(404, 'not_found')
      const [, resource, id] = match as unknown as [string, string, string | undefined]
      const allow = resource === 'requests' && id === undefined ? 'GET, HEAD, POST' : 'GET, HEAD'
      const method = request.method === 'HEAD' ? 'GET' : request.method
      if (!allow.split(', ').includes(method)) throw new Open311Error(405, 'method_not_allowed', allow, { Allow: allow })
      if ((resource === 'discovery' && id) || (resource === 'tokens' && !id)) throw new Open311Error(404, 'not_found')

      const response = await answer(resource, id === undefined ? undefined : decodeURIComponent(id))
      return request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response
    } catch (error) {
      return errorResponse(format, locale, error)
    }

    async function answer(resource: string, id: string | undefined): Promise<Response> {
      const params = url.searchParams
      if (resource === 'discovery') {
        return open311Response(format, {
          kind: 'discovery',
          value: {
            changeset: OPEN311_CHANGESET,
            contact: options.contact ?? '',
            endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: options.publicUrl ?? `${url.origin}${basePath}`, changeset: OPEN311_CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
          },
        }, 200, { 'Cache-Control': 'public, max-age=3600' })
      }
      if (request.method === 'POST') return post()
      const boardId = jurisdiction(params.get('jurisdiction_id'))
      if (resource === 'services') {
        if (id === undefined) return open311Response(format, { kind: 'services', items: open311Services(locale) }, 200, { 'Cache-Control': 'public, max-age=3600' })
        if (!parseServiceCode(id)) throw new Open311Error(404, 'unknown_service', id)
        return open311Response(format, { kind: 'service_definition', value: { service_code: id, attributes: [] } })
      }
      if (resource === 'tokens') {
        await limits.take('tracking', context?.clientAddress ?? 'unknown')
        const tracked = await service.track(id!, locale).catch((error: unknown) => {
          if (isServiceError(error) && error.status === 404) throw new Open311Error(404, 'no_such_request')
          throw error
        })
        return open311Response(format, { kind: 'requests', items: [{ service_request_id: tracked.id, token: id }] }, 200, { 'Cache-Control': 'no-store' })
      }
      const names = await boardNames()
      const view = (m: PublicMessage) => toOpen311Request(m, (b) => names.get(b), locale, extended)
      if (id !== undefined) {
        const message = await publicMessage(id, boardId)
        if (!message) throw new Open311Error(404, 'no_such_request')
        return open311Response(format, { kind: 'requests', items: [view(message)] }, 200, { 'Cache-Control': 'public, max-age=10' })
      }
      return open311Response(format, { kind: 'requests', items: await search(boardId, view) }, 200, { 'Cache-Control': 'public, max-age=10' })
    }

    async function search(boardId: string, view: (m: PublicMessage) => Open311Request): Promise<Open311Request[]> {
      const params = url.searchParams
      const ids = params.get('service_request_id')
      if (ids) {
        // "This overrides all other arguments."
        const found = await Promise.all([...new Set(ids.split(',').map((s) => s.trim()).filter(Boolean))].slice(0, MAX_IDS).map((i) => publicMessage(i, boardId)))
        return found.filter((m): m is PublicMessage => m !== undefined).map(view)
      }
      const query: PublicListQuery = { boardId, limit: 100 }
      const code = params.get('service_code')
      if (code) {
        const service = parseServiceCode(code)
        if (!service) throw new Open311Error(400, 'unknown_service', code)
        query.type = service.type
        query.domain = service.domain
      }
      const status = params.get('status')
      if (status) {
        const names = status.split(',').map((s) => s.trim())
        const statuses: MessageStatus[] = []
        for (const name of names) {
          const s = statusesFor([name], extended)
          if (!s) throw new Open311Error(400, 'bad_status', name)
          statuses.push(...s)
        }
        query.statuses = [...new Set(statuses)]
      }
      const end = date('end_date') ?? service.now().getTime()
      const start = date('start_date') ?? end - NINETY_DAYS
      if (end - start > NINETY_DAYS || end < start) throw new Open311Error(400, 'date_span')
      query.from = new Date(start).toISOString()
      query.to = new Date(end + 1).toISOString()
      const out: Open311Request[] = []
      for (;;) {
        const page = await service.listPublic(query)
        out.push(...page.items.map(view))
        if (!page.nextCursor || out.length >= OPEN311_MAX_REQUESTS) return out.slice(0, OPEN311_MAX_REQUESTS)
        query.cursor = page.nextCursor
      }
    }

    async function post(): Promise<Response> {
      await limits.take('submission', context?.clientAddress ?? 'unknown')
      const type = request.headers.get('Content-Type') ?? ''
      const length = Number(request.headers.get('Content-Length') ?? 0)
      if (!/^application\/x-www-form-urlencoded\b/i.test(type) || length > MAX_FORM_BYTES) throw new Open311Error(400, 'bad_form')
      const text = await request.text()
      if (new TextEncoder().encode(text).length > MAX_FORM_BYTES) throw new Open311Error(400, 'bad_form')
      const form = new URLSearchParams(text)
      // GeoReport's POST carries its arguments in the form; the query string may name the jurisdiction too.
      const boardId = jurisdiction(form.get('jurisdiction_id') ?? url.searchParams.get('jurisdiction_id'))
      const input = fromOpen311Post(form, boardId)
      if ('problem' in input) {
        const code = input.problem === 'unknown_service' ? 'unknown_service' : input.problem === 'missing' ? 'missing_field' : 'not_a_number'
        throw new Open311Error(400, code, input.problem === 'unknown_service' ? (form.get('service_code') ?? '') : input.field)
      }
      const checked = validate(NewMessageSchema, input, { locale })
      if (!checked.success) throw new Open311Error(400, 'invalid', checked.issues.map((i) => `${open311Field(i.path)}: ${i.message}`).join('; '))
      const result = await service.submit(checked.data)
      const notice = { 'zh-CN': '已收到，审核通过后公开。token 是这条请求的查询码，请保存。', 'zh-TW': '已收到，審核通過後公開。token 是這筆請求的查詢碼，請保存。', en: 'Received; it becomes public once reviewed. The token is the request’s tracking code: keep it.' }[locale]
      return open311Response(format, { kind: 'requests', items: [{ service_request_id: result.id, token: result.trackingCode, service_notice: notice }] }, 201, { 'Cache-Control': 'no-store' })
    }

    /** The board of the request's jurisdiction_id. */
    function jurisdiction(id: string | null): string {
      if (id === null || id === '') {
        if (jurisdictions.length === 1) return jurisdictions[0]![1]
        throw new Open311Error(400, 'jurisdiction_required', jurisdictions.map(([j]) => j).join(', '))
      }
      const board = options.jurisdictions[id]
      if (board === undefined || !Object.hasOwn(options.jurisdictions, id)) throw new Open311Error(404, 'jurisdiction_not_found', id)
      return board
    }

    async function publicMessage(id: string, boardId: string): Promise<PublicMessage | undefined> {
      try {
        const message = await service.getPublic(id)
        const scope = new Set(await service.descendants(boardId))
        return scope.has(message.boardId) || (message.assigneeBoardId !== undefined && scope.has(message.assigneeBoardId)) ? message : undefined
      } catch (error) {
        if (isServiceError(error) && error.status === 404) return undefined
        throw error
      }
    }

    async function boardNames(): Promise<Map<string, string>> {
      return new Map((await service.listBoards()).map((b) => [b.id, b.name]))
    }

    function date(name: string): number | undefined {
      const value = url.searchParams.get(name)
      if (value === null || value === '') return undefined
      const ms = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) ? Date.parse(value) : Number.NaN
      if (!Number.isFinite(ms)) throw new Open311Error(400, 'bad_date', name)
      return ms
    }

  }
}

/** GeoReport's name of a field of a Liuyan submission, for error descriptions. */
function open311Field(path: readonly (string | number)[]): string {
  const top = String(path[0] ?? '')
  return ({ title: 'description', content: 'description', place: 'address_string', images: 'media_url', author: path[1] === 'phone' ? 'phone' : 'first_name', remark: 'email' } as Record<string, string>)[top] ?? top
}

function errorResponse(format: Open311Format, locale: Locale, error: unknown): Response {
  const failure = error instanceof Open311Error
    ? error
    : isServiceError(error) && error.status === 429
      ? new Open311Error(429, 'rate_limited', error.headers?.['Retry-After'] ?? '', error.headers ?? {})
      : isServiceError(error) && error.status < 500
      ? new Open311Error(error.status, error.status === 404 ? 'no_such_request' : 'invalid', error.detail, error.headers ?? {})
      : new Open311Error(503, 'unavailable')
  const description = OPEN311_ERRORS[locale][failure.code](failure.detail)
  return open311Response(format, { kind: 'errors', items: [{ code: failure.status, description }] }, failure.status, { 'Cache-Control': 'no-store', ...failure.headers })
}
