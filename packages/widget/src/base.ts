import type { createPublicClient, LiuyanClient, PublicClient } from '@liuyan/client'
import { isLiuyanError } from '@liuyan/client/http'
import type { Locale } from '@liuyan/core'
import { LitElement, type PropertyValues } from 'lit'
import { LiuyanErrorEvent } from './events.js'
import { hasLocale, langOf, loadLocale } from './i18n/index.js'
import { provide, SharedRequestEvent, type Shared } from './internal/context.js'
import { clientFor } from './internal/clients.js'
import type { ReadContext } from './internal/reads.js'

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
    const shared: Shared = { client: this.client ?? this.#shared?.client, api: this.#shared ? this.#shared.api : this.api, locale: this.locale, size: this.size, theme: this.theme }
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

  /** The Board API's base URL: the composite element's around this one, else `api`. */
  get #baseUrl(): string {
    return new URL((this.#shared ? this.#shared.api : this.api) || '/api/v1', document.baseURI).href
  }

  /** What the reads of the list and the figures need (internal/reads.ts): a given client, else the URL. */
  protected get readContext(): ReadContext {
    return { client: this.client ?? this.#shared?.client, baseUrl: this.#baseUrl, locale: this.locale }
  }

  /**
   * The client: a given one (set on `client`, or shared by the composite element around), else
   * the widget's own for the URL, made by `create` (internal/clients.ts). Only the parts beyond
   * the first view call it, with the SDK they import.
   */
  protected clientWith(create: typeof createPublicClient): PublicClient {
    const { client, baseUrl, locale } = this.readContext
    return client ?? clientFor(baseUrl, locale, create)
  }

  /** Reports a failed call as a `liuyan-error` event and returns its code. */
  protected reportError(error: unknown): string {
    const code = isLiuyanError(error) ? error.code : 'unknown_error'
    this.dispatchEvent(new LiuyanErrorEvent(code, isLiuyanError(error) ? error.message : 'Unexpected error'))
    return code
  }
}
