import { createClient, isLiuyanError, type LiuyanClient } from '@liuyan/client'
import type { Locale } from '@liuyan/core'
import { LitElement, type PropertyValues } from 'lit'
import { LiuyanErrorEvent } from './events.js'
import { hasLocale, langOf, loadLocale } from './i18n/index.js'
import { provide, SharedRequestEvent, type Shared } from './internal/context.js'

const clients = new Map<string, LiuyanClient>()

/**
 * The base of every Liuyan element: the `api` base URL and its client, the language, the size and
 * theme attributes. Not registered as a tag.
 */
export class LiuyanElement extends LitElement {
  static override properties = {
    api: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    size: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    locale: { state: true },
  }

  /** Base URL of the Board API, e.g. `https://board.example.gov.cn/api/v1`. */
  declare api: string
  /** `large` for the elder-friendly mode: bigger type and targets, higher contrast. */
  declare size: 'normal' | 'large' | undefined
  /** `light` or `dark`; by default the visitor's system setting. */
  declare theme: 'light' | 'dark' | undefined
  /** A client to use instead of one made from `api` (set by a parent, or by a page). */
  declare client: LiuyanClient | undefined
  /** The resolved language. */
  declare protected locale: Locale
  /** What the composite element around this one shares (client, language, size, theme), if any. */
  #shared: Shared | undefined
  #unsubscribe: (() => void) | undefined
  #provider: ReturnType<typeof provide> | undefined

  constructor() {
    super()
    this.api = ''
    this.client = undefined
    this.locale = 'zh-CN'
  }

  /**
   * Makes this element share its client, language, size and theme with the parts it renders
   * (the composite elements call it in their constructor).
   */
  protected provideShared(): void {
    this.#provider = provide(this)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.locale = langOf(this)
    const request = new SharedRequestEvent((shared) => {
      this.#shared = shared
      this.lang = shared.locale
      this.locale = shared.locale
      this.size = shared.size
      this.theme = shared.theme
      this.requestUpdate()
    })
    this.dispatchEvent(request)
    this.#unsubscribe = request.unsubscribe
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = this.#shared = undefined
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('lang')) this.locale = langOf(this)
    const provider = this.#provider
    if (!provider) return
    const shared: Shared = { client: this.sdk, locale: this.locale, size: this.size, theme: this.theme }
    const old = provider.value
    if (!old || (Object.keys(shared) as (keyof Shared)[]).some((key) => old[key] !== shared[key])) provider.set(shared)
  }

  /**
   * Holds each update until the strings of the element's language are loaded (zh-CN is bundled;
   * another language is a chunk fetched once for every element), so nothing shows in the wrong
   * language first. `updateComplete` waits too. If the chunk cannot be fetched, the update goes
   * ahead in zh-CN; a later update tries the chunk again.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const locale = langOf(this)
    if (hasLocale(locale)) return super.scheduleUpdate()
    return loadLocale(locale).then(
      () => super.scheduleUpdate(),
      () => super.scheduleUpdate(),
    )
  }

  /** The client for `api`, shared by every element with the same URL. */
  protected get sdk(): LiuyanClient {
    const given = this.client ?? this.#shared?.client
    if (given) return given
    const baseUrl = new URL(this.api || '/api/v1', document.baseURI).href
    let client = clients.get(`${baseUrl}|${this.locale}`)
    if (!client) {
      // The widget talks to the board's own API, trusted to answer in the contract's shape, so
      // responses are not checked against the schemas: the first view shows without walking every
      // field of a page of messages. The price: a server out of shape fails inside a component
      // (a blank or odd field) instead of as a clear `invalid_response` error. Only fields the
      // components name are rendered, so extra fields a check would have dropped never reach the
      // page. A client set on `client` keeps its own choice.
      // Nor are list filters checked before sending (the server judges them): with both checks off
      // the reads never load zod or core's schemas, which stay out of the first view's chunks.
      client = createClient({ baseUrl, locale: this.locale, validateResponses: false, validateQueries: false })
      clients.set(`${baseUrl}|${this.locale}`, client)
    }
    return client
  }

  /** Reports a failed call as a `liuyan-error` event and returns its code. */
  protected reportError(error: unknown): string {
    const code = isLiuyanError(error) ? error.code : 'unknown_error'
    this.dispatchEvent(new LiuyanErrorEvent(code, isLiuyanError(error) ? error.message : 'Unexpected error'))
    return code
  }
}
