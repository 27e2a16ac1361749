import { createClient, isLiuyanError, type LiuyanClient } from '@liuyan/client'
import type { Locale } from '@liuyan/core'
import { LitElement, type PropertyValues } from 'lit'
import { LiuyanErrorEvent } from './events.js'
import { langOf } from './i18n/index.js'

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

  constructor() {
    super()
    this.api = ''
    this.client = undefined
    this.locale = 'zh-CN'
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.locale = langOf(this)
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('lang')) this.locale = langOf(this)
  }

  /** The client for `api`, shared by every element with the same URL. */
  protected get sdk(): LiuyanClient {
    if (this.client) return this.client
    const baseUrl = new URL(this.api || '/api/v1', document.baseURI).href
    let client = clients.get(`${baseUrl}|${this.locale}`)
    if (!client) {
      // The widget talks to the board's own API, trusted to answer in the contract's shape, so
      // responses are not checked against the schemas: the first view shows without walking every
      // field of a page of messages. The price: a server out of shape fails inside a component
      // (a blank or odd field) instead of as a clear `invalid_response` error. Only fields the
      // components name are rendered, so extra fields a check would have dropped never reach the
      // page. A client set on `client` keeps its own choice.
      client = createClient({ baseUrl, locale: this.locale, validateResponses: false })
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
