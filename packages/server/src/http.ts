import {
  createId,
  createOpenAPIDocument,
  InboxQuerySchema,
  localizeIssues,
  MessageListQuerySchema,
  NewEvaluationSchema,
  NewFollowUpSchema,
  NewMessageSchema,
  resolveLocale,
  StaffActionSchema,
  validate,
  type Locale,
  type Problem,
  type SubmissionResult,
} from '@liuyan/core'
import * as z from 'zod/mini'
import { isServiceError, ServiceError } from './errors.js'
import { clientKey, createRateLimiter, type RateLimiter } from './rate-limit.js'
import { sha256Hex, type BoardService, type StaffPrincipal } from './service.js'
import { isSealed } from './tracking-key.js'
import type { StoredResponse, StoreTransaction } from './store/types.js'

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
}

/** Per-request facts the platform knows and the Request does not. */
export interface RequestContext {
  /**
   * The client's IP address, for rate limits. An IPv6 address counts by its /64 and an IPv4-mapped
   * one (`::ffff:203.0.113.7`) as the IPv4 address; a value that is no IP address counts as it is.
   */
  clientAddress?: string
}

/** A web-standard request handler. */
export type FetchHandler = (request: Request, context?: RequestContext) => Promise<Response>

/**
 * An answer of the API before it becomes a web `Response`. The Node adapter writes it to the socket
 * as it is ({@link answererOf}): building a Response around a JSON text and reading it back out
 * costs more than the rest of a public list request. @internal
 */
export interface Reply {
  status: number
  headers: Record<string, string>
  /** JSON text, or null for no body. */
  body: string | null
}

/** What a fetch handler made by {@link createFetchHandler} does before it builds a Response. @internal */
export type Answerer = (request: Request, context?: RequestContext) => Promise<Reply | Response>

const ANSWERER = Symbol.for('@liuyan/server.answerer')

/**
 * The {@link Answerer} behind a handler made by {@link createFetchHandler}, or undefined for any
 * other handler. A symbol from the global registry, so two bundled copies agree. @internal
 */
export function answererOf(handler: FetchHandler): Answerer | undefined {
  return (handler as FetchHandler & { [ANSWERER]?: Answerer })[ANSWERER]
}

/** A web Response of a {@link Reply} (a Response passes through). @internal */
export function toResponse(answer: Reply | Response): Response {
  return answer instanceof Response ? answer : new Response(answer.body, { status: answer.status, headers: answer.headers })
}

type Handler = (req: ApiRequest) => Promise<Reply>
interface Route {
  pattern: RegExp
  methods: Partial<Record<string, Handler>>
}
interface ApiRequest {
  request: Request
  url: URL
  params: string[]
  locale: Locale
  requestId: string
  clientAddress: string
  /** The raw body once read, for the idempotency fingerprint. */
  bodyText?: string
}

const PROBLEM_TITLES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    bad_request: '请求有误', malformed_json: '请求内容不是有效的 JSON', validation_failed: '提交的内容有误',
    unauthorized: '需要登录', forbidden: '没有权限', not_found: '找不到请求的内容', method_not_allowed: '不支持此请求方法',
    conflict: '与当前状态冲突', idempotency_in_progress: '相同的请求正在处理，请稍后重试',
    idempotency_key_reused: '该幂等键已用于不同的请求', payload_too_large: '提交的内容过大',
    headers_too_large: '请求的地址或请求头过长', malformed_target: '请求地址含有不是 UTF-8 的字节，请对非 ASCII 字符进行百分号编码', request_timeout: '请求超时，请重试',
    unsupported_media_type: '请以 JSON 格式提交', rate_limited: '操作太频繁，请稍后再试', internal_error: '服务器出错了，请稍后再试', service_unavailable: '服务暂时不可用，请稍后重试',
    invalid_action: '操作内容有误', reason_required: '请填写理由', same_board: '不能转办给当前办理单位',
    forbidden_role: '当前身份不能进行此操作', invalid_status: '留言当前的状态不允许此操作', not_replied: '留言答复后才能评价',
    already_evaluated: '您已经评价过了，每条留言只能评价一次', already_supervised: '该留言已在督办中', deadline_unavailable: '无法计算办理期限',
    no_consent: '留言人未同意公开，不能公开此留言', already_published: '该留言已经公开', not_published: '该留言没有公开',
  },
  'zh-TW': {
    bad_request: '請求有誤', malformed_json: '請求內容不是有效的 JSON', validation_failed: '提交的內容有誤',
    unauthorized: '需要登入', forbidden: '沒有權限', not_found: '找不到請求的內容', method_not_allowed: '不支援此請求方法',
    conflict: '與目前狀態衝突', idempotency_in_progress: '相同的請求正在處理，請稍後重試',
    idempotency_key_reused: '該冪等鍵已用於不同的請求', payload_too_large: '提交的內容過大',
    headers_too_large: '請求的網址或標頭過長', malformed_target: '請求網址含有不是 UTF-8 的位元組，請對非 ASCII 字元進行百分比編碼', request_timeout: '請求逾時，請重試',
    unsupported_media_type: '請以 JSON 格式提交', rate_limited: '操作太頻繁，請稍後再試', internal_error: '伺服器出錯了，請稍後再試', service_unavailable: '服務暫時無法使用，請稍後重試',
    invalid_action: '操作內容有誤', reason_required: '請填寫理由', same_board: '不能轉辦給目前辦理單位',
    forbidden_role: '目前身分不能進行此操作', invalid_status: '留言目前的狀態不允許此操作', not_replied: '留言答覆後才能評價',
    already_evaluated: '您已經評價過了，每則留言只能評價一次', already_supervised: '該留言已在督辦中', deadline_unavailable: '無法計算辦理期限',
    no_consent: '留言人未同意公開，不能公開此留言', already_published: '該留言已經公開', not_published: '該留言沒有公開',
  },
  en: {
    bad_request: 'Bad request', malformed_json: 'The request body is not valid JSON', validation_failed: 'The submitted data is not valid',
    unauthorized: 'Authentication required', forbidden: 'Not allowed', not_found: 'Not found', method_not_allowed: 'Method not allowed',
    conflict: 'Conflicts with the current state', idempotency_in_progress: 'The same request is still being processed; retry shortly',
    idempotency_key_reused: 'This Idempotency-Key was used for a different request', payload_too_large: 'The request body is too large',
    headers_too_large: 'The request line or headers are too long', malformed_target: 'The request target has bytes that are not UTF-8; percent-encode non-ASCII characters', request_timeout: 'The request took too long to arrive; try again',
    unsupported_media_type: 'Send the body as application/json', rate_limited: 'Too many requests; try again later', internal_error: 'Something went wrong on the server; try again later', service_unavailable: 'The service is unavailable for the moment; try again shortly',
    invalid_action: 'The action is not valid', reason_required: 'Please give a reason', same_board: 'The message is already with that unit',
    forbidden_role: 'Your role cannot do this', invalid_status: 'The message’s status does not allow this', not_replied: 'A message can be rated only after a reply',
    already_evaluated: 'You have already rated this message; a rating is given once', already_supervised: 'The message is already under supervision', deadline_unavailable: 'The deadline cannot be computed',
    no_consent: 'The author did not consent to publication', already_published: 'The message is already public', not_published: 'The message is not public',
  },
}

/** Messages of the issues the service and this layer raise themselves (schema issues come localized from core). */
const ISSUE_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': { board_closed: '该留言对象暂不接受留言', unknown_board: '请选择有效的留言对象', unknown_unit: '请选择有效的办理单位', invalid_idempotency_key: 'Idempotency-Key 的长度应为1到255个字符' },
  'zh-TW': { board_closed: '該留言對象暫不接受留言', unknown_board: '請選擇有效的留言對象', unknown_unit: '請選擇有效的辦理單位', invalid_idempotency_key: 'Idempotency-Key 的長度應為1到255個字元' },
  en: { board_closed: 'This recipient does not take messages at the moment.', unknown_board: 'Please choose a valid recipient.', unknown_unit: 'Please choose a valid handling unit.', invalid_idempotency_key: 'Idempotency-Key must be 1–255 characters.' },
}

const LIST_PARAMS = ['boardId', 'status', 'type', 'domain', 'keyword', 'from', 'to', 'limit', 'cursor', 'overdue'] as const

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
  const maxBody = options.maxBodyBytes ?? 65_536
  const ttl = options.idempotencyTtlMs ?? 86_400_000
  const origins = new Set(options.corsOrigins ?? [])
  const submissionLimiter = limiter(options.submissionsPerMinute, 300)
  const staffLimiter = limiter(options.staffPerMinute, 1200)
  const trackingLimiter = limiter(options.trackingPerMinute, 60)
  const searchLimiter = limiter(options.searchesPerMinute, 120)
  let openapi: ReturnType<typeof createOpenAPIDocument> | undefined
  let lastExpiry = 0
  /** Claims whose request failed while the database was away, released once it is back. */
  const unreleased = new Map<string, [scope: string, key: string]>()

  const routes: Route[] = [
    route(/^\/boards$/, { GET: async () => json(200, { items: await service.listBoards(), nextCursor: null }) }),
    route(/^\/boards\/([^/]+)$/, { GET: async (r) => json(200, await service.getBoard(r.params[0]!)) }),
    route(/^\/boards\/([^/]+)\/stats$/, { GET: async (r) => json(200, await service.stats(r.params[0]!)) }),
    route(/^\/messages$/, {
      GET: async (r) => {
        // Counted before the query is read: a malformed search costs as much as a good one.
        if (r.url.searchParams.get('keyword')) throttle(searchLimiter, clientKey(r.clientAddress))
        return jsonText(200, await service.listPublicJson(listQuery(r, MessageListQuerySchema)))
      },
      POST: async (r) => {
        const input = parse(r, NewMessageSchema, await readJson(r))
        return idempotent<SubmissionResult>(r, 'public', (hook) => service.submit(input, hook), 201, (result) => ({
          Location: `${basePath}/tracking/${result.trackingCode}`,
        }), () => limitSubmission(r))
      },
    }),
    route(/^\/messages\/([^/]+)$/, { GET: async (r) => jsonText(200, await service.getPublicJson(r.params[0]!)) }),
    route(/^\/messages\/([^/]+)\/actions$/, {
      POST: async (r) => {
        const staff = await authenticate(r)
        const action = parse(r, StaffActionSchema, await readJson(r))
        return idempotent(r, staff.tokenHash, (hook) => service.act(staff, r.params[0]!, action, hook), 200)
      },
    }),
    route(/^\/tracking\/([^/]+)$/, { GET: byTrackingCode(async (r) => json(200, await service.track(r.params[0]!, r.locale))) }),
    route(/^\/tracking\/([^/]+)\/follow-ups$/, {
      POST: byTrackingCode(async (r) => {
        const input = parse(r, NewFollowUpSchema, await readJson(r), { content: r.locale === 'en' ? 'follow-up' : '追问内容' })
        return idempotent(r, 'public', (hook) => service.followUp(r.params[0]!, input, hook, r.locale), 201, undefined, () => limitSubmission(r))
      }),
    }),
    route(/^\/tracking\/([^/]+)\/evaluation$/, {
      POST: byTrackingCode(async (r) => {
        const input = parse(r, NewEvaluationSchema, await readJson(r))
        return idempotent(r, 'public', (hook) => service.evaluate(r.params[0]!, input, hook, r.locale), 201, undefined, () => limitSubmission(r))
      }),
    }),
    route(/^\/inbox$/, {
      GET: async (r) => {
        const staff = await authenticate(r)
        const query = listQuery(r, InboxQuerySchema)
        return json(200, await service.inbox(staff, query))
      },
    }),
    route(/^\/inbox\/([^/]+)$/, {
      GET: async (r) => json(200, await service.getForStaff(await authenticate(r), r.params[0]!)),
    }),
    route(/^\/me$/, {
      GET: async (r) => {
        const staff = await authenticate(r)
        return json(200, { label: staff.label, roles: staff.roles, boardIds: [...staff.boardIds] })
      },
    }),
    route(/^\/openapi\.json$/, {
      GET: async (r) => {
        // Built once, but the server URL follows each request: caching it would let the first
        // request's Host header decide what every later caller is told.
        openapi ??= createOpenAPIDocument({ serverUrl: basePath })
        return json(200, { ...openapi, servers: [{ url: `${r.url.origin}${basePath}` }] })
      },
    }),
  ]

  function limitSubmission(r: ApiRequest): void {
    throttle(submissionLimiter, clientKey(r.clientAddress))
  }

  /**
   * A route that takes a tracking code. Each request is counted before the code is looked at, so a
   * wrong guess costs what a right one does, and both answer 429 once the budget is spent. The
   * POSTs count too, or they would be a faster way to test codes.
   */
  function byTrackingCode(handler: Handler): Handler {
    return async (r) => {
      throttle(trackingLimiter, clientKey(r.clientAddress))
      return handler(r)
    }
  }

  async function authenticate(r: ApiRequest): Promise<StaffPrincipal> {
    const header = r.request.headers.get('Authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const staff = match ? await service.authenticate(match[1]!) : undefined
    if (!staff) throw new ServiceError(401, 'unauthorized', '', undefined, { 'WWW-Authenticate': 'Bearer' })
    throttle(staffLimiter, staff.tokenHash)
    return staff
  }

  function parse<S extends z.core.$ZodType>(r: ApiRequest, schema: S, input: unknown, labels?: Record<string, string>): z.output<S> {
    const result = validate(schema, input, { locale: r.locale, ...(labels ? { labels } : {}) })
    if (!result.success) throw new ServiceError(422, 'validation_failed', '', result.issues)
    return result.data
  }

  // Valid list queries by their query string: the same few (the first page of a list, above all)
  // come again and again, and their validation never changes. Failures are not kept (their
  // messages follow the request's language).
  const validQueries = new Map<string, z.output<typeof InboxQuerySchema>>()

  function listQuery(r: ApiRequest, schema: typeof MessageListQuerySchema | typeof InboxQuerySchema) {
    const key = `${schema === InboxQuerySchema ? 'inbox' : 'public'}${r.url.search}`
    let query = validQueries.get(key)
    if (!query) {
      const raw: Record<string, unknown> = {}
      for (const name of LIST_PARAMS) {
        const value = r.url.searchParams.get(name)
        if (value === null || value === '') continue
        if (name === 'status') raw.status = value.split(',').map((s) => s.trim())
        else if (name === 'limit') raw.limit = /^\d+$/.test(value) ? Number(value) : value
        else if (name === 'overdue') raw.overdue = value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value
        else raw[name] = value
      }
      query = parse(r, schema, raw) as z.output<typeof InboxQuerySchema>
      if (key.length <= 512) {
        if (validQueries.size >= 256) validQueries.clear()
        validQueries.set(key, query)
      }
    }
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
    }
  }

  async function idempotent<T>(
    r: ApiRequest,
    scope: string,
    run: (hook: ((tx: StoreTransaction, result: T) => Promise<void>) | undefined) => Promise<T>,
    status: number,
    headers?: (result: T) => Record<string, string>,
    /** Runs before the work (not before a replay): a retry of a stored request costs no rate budget. */
    beforeRun?: () => void,
  ): Promise<Reply> {
    const key = r.request.headers.get('Idempotency-Key')
    if (key === null) {
      beforeRun?.()
      const result = await run(undefined)
      return json(status, result, headers?.(result))
    }
    if (key.length === 0 || key.length > 255) {
      throw new ServiceError(400, 'bad_request', '', [{ path: ['Idempotency-Key'], code: 'invalid_idempotency_key', message: '' }])
    }
    if (unreleased.size > 0) {
      for (const [id, [s, k]] of unreleased) if (await releaseClaim(s, k).then(() => true, () => false)) unreleased.delete(id)
    }
    const now = service.now()
    if (now.getTime() - lastExpiry > 60_000) {
      lastExpiry = now.getTime()
      await service.store.transaction((tx) => tx.expireIdempotency(new Date(now.getTime() - ttl).toISOString()))
    }
    const fingerprint = await sha256Hex(`${r.request.method} ${r.url.pathname}\n${r.bodyText ?? ''}`)
    const existing = await service.store.transaction((tx) =>
      tx.beginIdempotency({ scope, key, fingerprint, state: 'running', createdAt: now.toISOString() }),
    )
    if (existing) {
      if (existing.fingerprint !== fingerprint) throw new ServiceError(422, 'idempotency_key_reused', '')
      if (existing.state === 'running' || !existing.response) throw new ServiceError(409, 'idempotency_in_progress', '', undefined, { 'Retry-After': '1' })
      return replay(await unsealResponse(scope, key, existing.response))
    }
    try {
      beforeRun?.()
      let answer: StoredResponse | undefined
      await run(async (tx, result) => {
        answer = { status, headers: { ...headers?.(result) }, body: JSON.stringify(result) }
        // Written in the transaction of the change: a crash can never store one without the other.
        await tx.completeIdempotency(scope, key, await sealResponse(scope, key, answer))
      })
      return replay(answer!)
    } catch (error) {
      // Nothing was written: forget the claim so a corrected retry with the same key may run. With
      // the database away, this instance releases it once it is back (else the key would answer
      // 409 until it expires).
      await releaseClaim(scope, key).catch((releaseError: unknown) => {
        if (!isStoreUnavailable(releaseError)) throw releaseError
        unreleased.set(`${scope}\n${key}`, [scope, key])
      })
      throw error
    }
  }

  /**
   * Releases a claim still running. One already done stays: a COMMIT whose answer was lost with
   * the connection may have stored the work and its answer, which a retry must then replay.
   */
  async function releaseClaim(scope: string, key: string): Promise<void> {
    await service.store.transaction(async (tx) => {
      if ((await tx.getIdempotency(scope, key))?.state === 'running') await tx.releaseIdempotency(scope, key)
    })
  }

  /**
   * A stored answer may carry a tracking code (a submission's, a reissued one): the database keeps
   * it encrypted under the tracking key, bound to the request's scope and Idempotency-Key.
   */
  async function sealResponse(scope: string, key: string, response: StoredResponse): Promise<StoredResponse> {
    const sealed = await service.seal(`${scope}\n${key}`, JSON.stringify({ headers: response.headers, body: response.body }))
    return { status: response.status, headers: {}, body: sealed }
  }

  async function unsealResponse(scope: string, key: string, stored: StoredResponse): Promise<StoredResponse> {
    if (!isSealed(stored.body)) return stored
    const { headers, body } = JSON.parse(await service.unseal(`${scope}\n${key}`, stored.body)) as Pick<StoredResponse, 'headers' | 'body'>
    return { status: stored.status, headers, body }
  }

  async function readJson(r: ApiRequest): Promise<unknown> {
    const type = r.request.headers.get('Content-Type') ?? ''
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw new ServiceError(415, 'unsupported_media_type', '')
    const text = await readLimited(r.request, maxBody)
    r.bodyText = text
    try {
      return JSON.parse(text)
    } catch {
      throw new ServiceError(400, 'malformed_json', '')
    }
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
    const inApi = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)
    if (!inApi) {
      const fallback = await options.fallback?.(request, context)
      reply = fallback ?? problemReply(locale, requestId, new ServiceError(404, 'not_found', ''))
      if (!fallback) code = 'not_found'
    } else if (request.method === 'OPTIONS') {
      reply = { status: 204, headers: {}, body: null }
    } else {
      const path = url.pathname.slice(basePath.length) || '/'
      try {
        let found: Route | undefined
        let match: RegExpExecArray | null = null
        for (const candidate of routes) {
          match = candidate.pattern.exec(path)
          if (match) {
            found = candidate
            break
          }
        }
        if (!found || !match) throw new ServiceError(404, 'not_found', '')
        const method = request.method === 'HEAD' ? 'GET' : request.method
        const handler = found.methods[method]
        if (!handler) {
          const allow = Object.keys(found.methods).join(', ')
          throw new ServiceError(405, 'method_not_allowed', '', undefined, { Allow: allow })
        }
        const params = match.slice(1).map((p) => safeDecode(p))
        reply = await handler({ request, url, params, locale, requestId, clientAddress: context.clientAddress ?? 'unknown' })
      } catch (caught) {
        const error = isInvalidCursor(caught) ? cursorProblem(locale) : isStoreUnavailable(caught) ? UNAVAILABLE : caught
        if (isServiceError(error)) {
          code = error.code
          reply = problemReply(locale, requestId, error)
        } else {
          code = 'internal_error'
          errorText = error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown'
          reply = problemReply(locale, requestId, new ServiceError(500, 'internal_error', ''))
        }
      }
    }
    if (reply instanceof Response) {
      // Only the fallback answers with a Response, and only outside the API (no CORS there).
      reply.headers.set('X-Request-Id', requestId)
    } else {
      if (request.method === 'HEAD') reply.body = null
      reply.headers['X-Request-Id'] = requestId
      if (inApi) applyCors(reply.headers, request.headers.get('Origin'), request)
      if (inApi && isPrivate(request, url.pathname.slice(basePath.length))) reply.headers['Cache-Control'] = 'no-store'
    }
    options.log?.({
      time: new Date().toISOString(),
      requestId,
      method: request.method,
      // Open311's tokens are tracking codes too.
      path: url.pathname.replace(/(\/(?:tracking|tokens)\/)[^/]+/, '$1***'),
      status: reply.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(code ? { code } : {}),
      ...(errorText ? { error: errorText } : {}),
    })
    return reply
  }

  const handle: FetchHandler = async (request, context) => toResponse(await answer(request, context))
  Object.defineProperty(handle, ANSWERER, { value: answer })
  return handle

  function applyCors(headers: Record<string, string>, origin: string | null, request: Request): void {
    headers['Vary'] = headers['Vary'] ? `${headers['Vary']}, Origin` : 'Origin'
    if (!origin || !(origins.has(origin) || origins.has('*'))) return
    headers['Access-Control-Allow-Origin'] = origins.has('*') ? '*' : origin
    headers['Access-Control-Expose-Headers'] = 'Retry-After, Location, X-Request-Id'
    if (request.method === 'OPTIONS') {
      headers['Access-Control-Allow-Methods'] = 'GET, POST, OPTIONS'
      headers['Access-Control-Allow-Headers'] = 'Content-Type, Authorization, Idempotency-Key, Accept-Language'
      headers['Access-Control-Max-Age'] = '600'
    }
  }
}

/**
 * Answers no cache may keep, errors included: staff calls, what a tracking code opens, and the
 * submission's answer (which holds the new tracking code). Public lists and pages may be cached.
 */
function isPrivate(request: Request, path: string): boolean {
  return (
    request.headers.has('Authorization') ||
    /^\/(?:inbox|me|tracking)(?:\/|$)/.test(path) ||
    /^\/messages\/[^/]+\/actions$/.test(path) ||
    (path === '/messages' && request.method === 'POST')
  )
}

function route(pattern: RegExp, methods: Partial<Record<string, Handler>>): Route {
  return { pattern, methods }
}

function limiter(setting: number | false | undefined, fallback: number): RateLimiter | undefined {
  if (setting === false) return undefined
  return createRateLimiter(setting ?? fallback, 60_000)
}

/** Takes one request from `key`'s budget, or answers 429 with the seconds until the budget renews. */
function throttle(limiter: RateLimiter | undefined, key: string): void {
  const wait = limiter?.take(key)
  if (wait) throw new ServiceError(429, 'rate_limited', '', undefined, { 'Retry-After': String(wait) })
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) }
}

/** A JSON answer from text already serialized (the public views the store keeps as JSON). */
function jsonText(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body }
}

function replay(stored: StoredResponse): Reply {
  return { status: stored.status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...stored.headers }, body: stored.body }
}

/** Accept-Language → locale, remembered for the few header values browsers send. */
const LOCALES = new Map<string, Locale>()
function localeOf(header: string | null): Locale {
  if (!header || header.length > 200) return resolveLocale(header)
  let locale = LOCALES.get(header)
  if (locale === undefined) {
    locale = resolveLocale(header)
    if (LOCALES.size >= 256) LOCALES.clear()
    LOCALES.set(header, locale)
  }
  return locale
}

/**
 * A problem document in the API's shape and the given language: the one builder of every error
 * answer, the Node adapter's answers to requests its parser refused included. @internal
 */
export function problemReply(locale: Locale, requestId: string, error: ServiceError): Reply {
  const titles = PROBLEM_TITLES[locale]
  const title = titles[error.code] ?? titles[statusCode(error.status)] ?? titles.bad_request!
  const detail = locale === 'zh-CN' && error.detail ? error.detail : undefined
  const problem: Problem = {
    type: `urn:liuyan:problem:${error.code}`,
    title,
    status: error.status,
    code: error.code,
    requestId,
    ...(detail && detail !== title ? { detail } : {}),
    ...(error.issues ? { issues: error.issues.map((i) => (ISSUE_MESSAGES[locale][i.code] ? { ...i, message: ISSUE_MESSAGES[locale][i.code]! } : i)) } : {}),
  }
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Language': locale, ...error.headers },
    body: JSON.stringify(problem),
  }
}

function statusCode(status: number): string {
  return status === 409 ? 'conflict' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status >= 500 ? 'internal_error' : 'bad_request'
}

function isInvalidCursor(error: unknown): boolean {
  return error instanceof Error && error.name === 'InvalidCursorError'
}

/** The store's database is away (a networked store): nothing was stored, and a retry will do. */
function isStoreUnavailable(error: unknown): boolean {
  return error instanceof Error && error.name === 'StoreUnavailableError'
}

const UNAVAILABLE = new ServiceError(503, 'service_unavailable', '', undefined, { 'Retry-After': '5' })

/** A cursor the store did not issue is the caller's mistake (422), not the server's (500). */
function cursorProblem(locale: Locale): ServiceError {
  // Worded by core's localization, like every other issue: as a format error of the field.
  const issue = { code: 'invalid_format', format: 'cursor', path: ['cursor'], message: '' } as unknown as z.core.$ZodIssue
  return new ServiceError(422, 'validation_failed', '', localizeIssues([issue], { locale }))
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ServiceError(400, 'bad_request', '')
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

