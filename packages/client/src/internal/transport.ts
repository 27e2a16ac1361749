// Private: the HTTP core of the SDK (retries, timeouts, idempotency keys, error mapping).
import type { Problem } from '@liuyan/core'
import { ConnectionError, InvalidResponseError, makeAPIError, TimeoutError } from '../core/errors.js'
import { backoff, buildUrl, isRetryable, MAX_RETRY_AFTER_MS, parseRetryAfter } from './rules.js'
import { loadResponses, parseProblem as readProblem, type ResponseName, type ResponseOf } from './validate.js'

export { parseRetryAfter } from './rules.js'

/** The subset of `fetch` the SDK needs, so any implementation (undici, a worker's, a mock) fits. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>

/** What the SDK passes to `fetch`. Assignable to the platform's `RequestInit`. */
export interface FetchInit {
  method: string
  headers: Record<string, string>
  body?: string
  signal?: FetchSignal
}

/**
 * The signal the SDK passes to `fetch`: the platform's own signal type where the program declares
 * one (DOM lib, `@types/node`, workers), so the global `fetch` and wrappers around it fit
 * {@link FetchLike} without a cast; {@link AbortSignalLike} where none is declared. The type
 * never names a DOM type, so it compiles without the DOM lib.
 */
export type FetchSignal = typeof globalThis extends { AbortController: { prototype: { signal: infer S } } } ? S : AbortSignalLike

/** What the SDK reads of a response. */
export interface FetchResponse {
  readonly status: number
  readonly ok: boolean
  readonly headers: { get(name: string): string | null }
  text(): Promise<string>
  /** Needed only for downloads (the staff exports). */
  arrayBuffer?(): Promise<ArrayBuffer>
}

/** A file the server sent (a staff export): its name, media type and bytes. */
export interface DownloadedFile {
  /** From `Content-Disposition` (the UTF-8 name where given). */
  fileName: string
  /** The media type, e.g. `text/csv; charset=utf-8`. */
  type: string
  body: ArrayBuffer
}

/** An `AbortSignal`, structurally. */
export interface AbortSignalLike {
  readonly aborted: boolean
  readonly reason?: unknown
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/** Options every call accepts. */
export interface RequestOptions {
  /** Cancels the call (and its retries). */
  signal?: AbortSignalLike
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number
  /**
   * The `Idempotency-Key` of a POST. By default one is generated per call and reused by its retries.
   */
  idempotencyKey?: string
  /** Extra headers for this call. */
  headers?: Record<string, string>
}

export interface TransportConfig {
  baseUrl: string
  token: string | undefined
  fetch: FetchLike | undefined
  timeoutMs: number
  maxRetries: number
  headers: Record<string, string>
  locale: string
  validateResponses: boolean
  validateQueries: boolean
}

interface Call<N extends ResponseName | undefined = ResponseName> {
  /** PUT and DELETE are idempotent by nature: retried as they are, without a key. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: Record<string, string | undefined>
  body?: unknown
  /** The key of the answer's schema (internal/responses.ts), checked when `validateResponses`. */
  schema: N
  options?: RequestOptions
}

export class Transport {
  constructor(readonly config: TransportConfig) {}

  async request<N extends ResponseName>(call: Call<N>): Promise<ResponseOf<N>> {
    const text = (await this.#send(call, false)) as string
    return parseBody(text, this.config.validateResponses ? call.schema : undefined)
  }

  /** A call whose answer has no body to read (`204 No Content`), with the retries and errors of {@link request}. */
  async send(call: Omit<Call<undefined>, 'schema'>): Promise<void> {
    await this.#send({ ...call, schema: undefined }, false)
  }

  /** A GET whose answer is a file (the staff exports), with the retries and errors of {@link request}. */
  async download(call: Omit<Call<undefined>, 'schema' | 'method' | 'body'>): Promise<DownloadedFile> {
    const { response, body } = (await this.#send({ ...call, method: 'GET', schema: undefined }, true)) as { response: FetchResponse; body: ArrayBuffer }
    return { fileName: fileNameOf(response.headers.get('Content-Disposition')), type: response.headers.get('Content-Type') ?? 'application/octet-stream', body }
  }

  /** Sends a call with its retries; resolves the text of a successful answer, or its response and bytes for a file. */
  async #send(call: Call<ResponseName | undefined>, file: boolean): Promise<string | { response: FetchResponse; body: ArrayBuffer }> {
    const { config } = this
    const options = call.options ?? {}
    const maxRetries = options.maxRetries ?? config.maxRetries
    const timeoutMs = options.timeoutMs ?? config.timeoutMs
    const url = buildUrl(config.baseUrl, call.path, call.query)
    const what = `${call.method} ${redact(call.path)}`
    const headers: Record<string, string> = {
      Accept: file ? '*/*' : 'application/json',
      'Accept-Language': config.locale,
      ...config.headers,
      ...options.headers,
    }
    if (config.token) headers.Authorization = `Bearer ${config.token}`
    let body: string | undefined
    if (call.body !== undefined) {
      body = JSON.stringify(call.body)
      headers['Content-Type'] = 'application/json'
    }
    // One key per call, reused by every retry: a retried submission is stored once.
    if (call.method === 'POST') headers['Idempotency-Key'] = options.idempotencyKey ?? randomKey()

    // Strings that must never reach an error: the token, the author's private fields, the path's
    // tracking code. A fetch implementation's error may quote the request it was given.
    const secrets = [config.token, ...privateStrings(call.body), trackingCodeOf(call.path)]
    for (let attempt = 0; ; attempt++) {
      const fetchImpl = config.fetch ?? (globalThis as { fetch?: FetchLike }).fetch
      if (!fetchImpl) throw new ConnectionError('No fetch implementation: pass one as the `fetch` option.')
      const { signal, cleanup, timedOut, abandoned } = withTimeout(options.signal, timeoutMs)
      let response: FetchResponse | undefined
      let text = ''
      let bytes: ArrayBuffer | undefined
      try {
        // Raced against the signal too: a fetch that ignores it must not outlive timeoutMs.
        response = await Promise.race([fetchImpl(url, { method: call.method, headers, ...(body !== undefined ? { body } : {}), signal }), abandoned])
        if (file && response.ok) {
          if (!response.arrayBuffer) throw new InvalidResponseError('the fetch implementation cannot read bytes (arrayBuffer)')
          bytes = await Promise.race([response.arrayBuffer(), abandoned])
        } else {
          text = await Promise.race([response.text(), abandoned])
        }
      } catch (cause) {
        if (cause instanceof InvalidResponseError) {
          cleanup()
          throw cause
        }
        cleanup()
        if (options.signal?.aborted) throw options.signal.reason ?? cause
        const error = timedOut()
          ? new TimeoutError(timeoutMs)
          : new ConnectionError(response ? 'The connection broke while reading the response. Retry later.' : undefined, { cause: stripCause(cause, secrets) })
        if (attempt < maxRetries) {
          await sleep(backoff(attempt), options.signal)
          continue
        }
        throw error
      }
      cleanup()
      if (response.ok) return bytes ? { response, body: bytes } : text
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
      const problem = scrub(await parseProblem(text), secrets)
      // A wait longer than MAX_RETRY_AFTER_MS is the caller's decision (`RateLimitError.retryAfter`).
      const waitable = retryAfter === undefined || retryAfter <= MAX_RETRY_AFTER_MS
      if (isRetryable(response.status, problem, retryAfter) && waitable && attempt < maxRetries) {
        await sleep(retryAfter ?? backoff(attempt), options.signal)
        continue
      }
      throw makeAPIError(
        response.status,
        problem,
        response.headers.get('X-Request-Id') ?? undefined,
        what,
        retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
      )
    }
  }
}

/** The body as JSON, checked against the schema `name` when there is one (see `validateResponses`). */
async function parseBody<N extends ResponseName>(text: string, name: N | undefined): Promise<ResponseOf<N>> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new InvalidResponseError('the body is not JSON')
  }
  if (!name) return data as ResponseOf<N>
  return (await loadResponses()).checkResponse(name, data)
}

/**
 * The problem of a failed call. Its schema loads on the first failure; if even that fails (the
 * network went down), the error is made without the problem's details.
 */
async function parseProblem(text: string): Promise<Problem | undefined> {
  try {
    return await readProblem(text)
  } catch {
    return undefined
  }
}

/** The file name of a `Content-Disposition`: `filename*` (RFC 8187, UTF-8) first, then `filename`. */
export function fileNameOf(disposition: string | null): string {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? '')
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim())
    } catch {
      // A malformed name falls back to the plain one.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition ?? '')
  return (plain?.[1] ?? plain?.[2]?.trim()) || 'export'
}

/** Tracking codes are the author's key to a message: keep them out of error messages. */
function redact(path: string): string {
  return path.replace(/(\/tracking\/)[^/]+/, '$1***')
}

function withTimeout(outer: AbortSignalLike | undefined, timeoutMs: number) {
  const controller = new AbortController()
  let timedOut = false
  const onAbort = () => controller.abort(outer?.reason)
  if (outer?.aborted) controller.abort(outer.reason)
  else outer?.addEventListener('abort', onAbort, { once: true })
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const abandoned = new Promise<never>((_, reject) => {
    if (controller.signal.aborted) reject(controller.signal.reason)
    else controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true })
  })
  abandoned.catch(() => {}) // only ever awaited through Promise.race
  return {
    signal: controller.signal as FetchSignal,
    abandoned,
    timedOut: () => timedOut,
    cleanup: () => {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onAbort)
    },
  }
}

function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Keeps a network error's name, message and system code (`ECONNREFUSED`) only, with every secret
 * masked: some fetch errors carry the request, headers and body included.
 */
function stripCause(cause: unknown, secrets: readonly (string | undefined)[]): Error | undefined {
  if (!(cause instanceof Error)) return undefined
  const copy = new Error(scrub(cause.message.replace(/Bearer\s+\S+/gi, 'Bearer ***'), secrets)) as Error & { code?: string }
  copy.name = cause.name
  const code = (cause as { code?: unknown }).code ?? (cause.cause as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) copy.code = code
  return copy
}

/** A copy of `value` with every secret masked in its strings: a server's problem may echo the request. */
function scrub<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') {
    let out: string = value
    for (const secret of secrets) if (secret) out = out.split(secret).join('***')
    return out as T
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets)) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)])) as T
  }
  return value
}

/** The author's private strings in a request body: real name, phone, remark, place. */
function privateStrings(body: unknown): string[] {
  const b = body as { author?: { realName?: unknown; phone?: unknown }; remark?: unknown; place?: { text?: unknown } } | undefined
  return [b?.author?.realName, b?.author?.phone, b?.remark, b?.place?.text].filter((v): v is string => typeof v === 'string' && v.length > 0)
}

function trackingCodeOf(path: string): string | undefined {
  return /\/tracking\/([^/]+)/.exec(path)?.[1]
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
