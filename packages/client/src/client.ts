import { DEFAULT_LOCALE, type Locale } from '@liuyan/core'
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './internal/rules.js'
import { Transport, type FetchLike } from './internal/transport.js'
import { Boards } from './resources/boards.js'
import { Exports } from './resources/exports.js'
import { Hotspots } from './resources/hotspots.js'
import { Inbox } from './resources/inbox.js'
import { Messages } from './resources/messages.js'
import { ReplyTemplates } from './resources/templates.js'
import { Tracking } from './resources/tracking.js'
import { Webhooks } from './resources/webhooks.js'

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * The Board API's base URL, including its version path.
   *
   * @example 'https://board.example.gov.cn/api/v1'
   */
  baseUrl: string
  /**
   * A staff bearer token, for the inbox and staff actions. Public reads and citizen calls need none.
   * It is sent as `Authorization: Bearer …` and never appears in an error or a log.
   *
   * @example process.env.LIUYAN_TOKEN
   */
  token?: string
  /**
   * The `fetch` to use. By default `globalThis.fetch` is read at each call (not when the client is
   * created), so test tools that patch it later still see the requests.
   *
   * @default globalThis.fetch
   * @example fetch: (url, init) => undici.fetch(url, { ...init, dispatcher })
   */
  fetch?: FetchLike
  /**
   * How long one attempt may take, in milliseconds. A retry gets the same time again.
   *
   * @default 30000
   * @example timeoutMs: 5000
   */
  timeoutMs?: number
  /**
   * Retries after a connection error, a timeout, 408, 429, 5xx, or a 409 that says the same request
   * is still running, with exponential backoff and jitter (about 0.5 s, 1 s, 2 s…), honouring
   * `Retry-After` when it asks for 60 s or less (a longer wait is left to you: see
   * `RateLimitError.retryAfter`). A 409 about the message's status is not retried: it would answer
   * the same. POSTs are safe to retry: each call has one `Idempotency-Key`, reused by its retries.
   *
   * @default 2
   * @example maxRetries: 0
   */
  maxRetries?: number
  /**
   * Headers sent with every request.
   *
   * @default {}
   * @example headers: { 'X-Agency': 'changchun' }
   */
  headers?: Record<string, string>
  /**
   * Language of validation messages, both the SDK's own and the server's (sent as
   * `Accept-Language`): `zh-CN`, `zh-TW` or `en`.
   *
   * @default 'zh-CN'
   * @example locale: 'en'
   */
  locale?: Locale
  /**
   * Whether each response is checked against the contract's schema before it is returned. A body
   * that does not match (a proxy's error page served as 200, a server of another version) then
   * raises `InvalidResponseError`, with the paths that differ, instead of reaching your code.
   *
   * With `false` the SDK only parses the JSON and returns it as the server sent it, typed as
   * before: nothing is checked, unknown fields are kept, and no default of a schema is filled in.
   * That saves the time of the check on every response (a long list is thousands of fields); the
   * price is that a server which answers out of shape fails later and less clearly, inside your
   * code. Turn it off only for a server you
   * trust to follow the contract, such as your own `@liuyan/server`. A body that is not JSON
   * still raises `InvalidResponseError`, and the input you send is checked either way.
   *
   * @default true
   * @example validateResponses: false
   */
  validateResponses?: boolean
  /**
   * Whether the filters of a list (`messages.list`, `inbox.list`) are checked with core's rules
   * before the request. With `false` they are sent as given, and a bad filter is answered by the
   * server's own check (a `BadRequestError` with its localized issues) instead of the SDK's
   * `ValidationError`. Bodies of submissions, follow-ups, ratings and staff actions are checked
   * either way.
   *
   * The checks and the schemas are loaded on first use: with both `validateResponses` and
   * `validateQueries` off, a client that only reads never loads zod or core's schemas (a bundler
   * puts them in a chunk of their own), which is what a page's first view wants.
   *
   * @default true
   * @example validateQueries: false
   */
  validateQueries?: boolean
}

/** A client of one Board API. Create it with {@link createClient}. */
export interface LiuyanClient {
  /** Boards (留言对象): list, get, stats. */
  readonly boards: Boards
  /** Public messages, submission and staff actions. */
  readonly messages: Messages
  /** The author's view by tracking code: get, follow-up, evaluate. */
  readonly tracking: Tracking
  /** The staff inbox (needs `token`). */
  readonly inbox: Inbox
  /** The staff exports, CSV or XLSX files (needs `token`). */
  readonly exports: Exports
  /** Hot spots (源头治理): heat table, groups of similar messages, duplicate links (needs `token`). */
  readonly hotspots: Hotspots
  /** Reply templates of the boards (needs `token`; supervisors write them). */
  readonly templates: ReplyTemplates
  /** Webhook subscriptions of the token's boards and their delivery attempts (needs `token`). */
  readonly webhooks: Webhooks
}

/**
 * Creates a client of a Liuyan Board API. Works in browsers, Node ≥ 20, Deno, Bun and workers.
 *
 * @example
 * ```ts
 * import { createClient } from '@liuyan/client'
 * const client = createClient({ baseUrl: 'https://board.example.gov.cn/api/v1' })
 * const page = await client.messages.list({ boardId: '220100-gov', status: 'replied', limit: 20 })
 * const staff = createClient({ baseUrl, token: process.env.LIUYAN_TOKEN })
 * for await (const m of staff.inbox.list({ overdue: true })) console.log(m.title)
 * ```
 */
export function createClient(options: ClientOptions): LiuyanClient {
  const transport = transportOf(options, 'createClient')
  return {
    boards: new Boards(transport),
    messages: new Messages(transport),
    tracking: new Tracking(transport),
    inbox: new Inbox(transport),
    exports: new Exports(transport),
    hotspots: new Hotspots(transport),
    templates: new ReplyTemplates(transport),
    webhooks: new Webhooks(transport),
  }
}

/** The resources a citizen's page uses: boards, messages and tracking. Every {@link LiuyanClient} is one. */
export type PublicClient = Pick<LiuyanClient, 'boards' | 'messages' | 'tracking'>

/**
 * Creates a client with the resources a citizen's page uses (boards, messages, tracking) and none
 * of the staff's (inbox, exports, hot spots, templates), so that a bundle does not carry their
 * code. The options and the behaviour are {@link createClient}'s.
 *
 * @example
 * ```ts
 * import { createPublicClient } from '@liuyan/client'
 * const client = createPublicClient({ baseUrl: 'https://board.example.gov.cn/api/v1', locale: 'en' })
 * const { trackingCode } = await client.messages.submit(draft)
 * ```
 */
export function createPublicClient(options: ClientOptions): PublicClient {
  const transport = transportOf(options, 'createPublicClient')
  return { boards: new Boards(transport), messages: new Messages(transport), tracking: new Tracking(transport) }
}

function transportOf(options: ClientOptions, name: string): Transport {
  if (!options || typeof options.baseUrl !== 'string' || !/^https?:\/\/|^\//.test(options.baseUrl)) {
    throw new TypeError(`${name} needs a baseUrl such as "https://board.example.gov.cn/api/v1".`)
  }
  return new Transport({
    baseUrl: options.baseUrl,
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES),
    headers: { ...options.headers },
    locale: options.locale ?? DEFAULT_LOCALE,
    validateResponses: options.validateResponses ?? true,
    validateQueries: options.validateQueries ?? true,
  })
}
