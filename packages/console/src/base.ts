import { createClient, isLiuyanError, type LiuyanClient, type StaffPrincipal } from '@liuyan/client'
import type { Board, Locale } from '@liuyan/core'
import { LitElement, type PropertyValues } from 'lit'
import { LiuyanErrorEvent } from './events.js'
import { langOf } from './i18n.js'
import { scopeTree, type ScopedBoard } from './internal/scope.js'
import { readToken } from './internal/session.js'

/**
 * The base of every console element: the `api` base URL and its staff client, the language, the
 * size and theme attributes. Not registered as a tag.
 */
export class LiuyanConsoleElement extends LitElement {
  static override properties = {
    api: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    size: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    client: { attribute: false },
    locale: { state: true },
  }

  /** Base URL of the Board API, e.g. `https://board.example.gov.cn/api/v1`. */
  declare api: string
  /** `large` for the elder-friendly mode: bigger type and targets, higher contrast. */
  declare size: 'normal' | 'large' | undefined
  /** `light` or `dark`; by default the system setting. */
  declare theme: 'light' | 'dark' | undefined
  /**
   * A staff client (made with a token) to use. `<liuyan-console>` sets it on the parts it renders;
   * without one, a part makes its own from `api` and the token signed in for this tab.
   */
  declare client: LiuyanClient | undefined
  /** The resolved language. */
  declare protected locale: Locale
  #own: { key: string; client: LiuyanClient } | undefined

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

  /** The absolute base URL of `api`. */
  protected get baseUrl(): string {
    return new URL(this.api || '/api/v1', document.baseURI).href
  }

  /** Makes a staff client of `api` with `token`, answering in the element's language. */
  protected makeClient(token: string | undefined): LiuyanClient {
    return createClient({ baseUrl: this.baseUrl, locale: this.locale, ...(token ? { token } : {}) })
  }

  /** The client to call: the one set on `client`, else one with the tab's token. */
  protected get sdk(): LiuyanClient {
    if (this.client) return this.client
    const token = readToken(this.baseUrl)
    const key = `${this.baseUrl}|${this.locale}|${token ?? ''}`
    if (this.#own?.key !== key) this.#own = { key, client: this.makeClient(token) }
    return this.#own.client
  }

  /** Reports a failed call as a `liuyan-error` event and returns its code. */
  protected reportError(error: unknown): string {
    const code = isLiuyanError(error) ? error.code : 'unknown_error'
    this.dispatchEvent(new LiuyanErrorEvent(code, isLiuyanError(error) ? error.message : 'Unexpected error'))
    return code
  }
}

/**
 * The base of the staff parts (`<liuyan-inbox>`, `<liuyan-case>`): the token's roles and boards
 * (`principal`, from GET /me) and the boards of the API, which `<liuyan-console>` passes down;
 * a part used alone loads them itself. Not registered as a tag.
 */
export class LiuyanStaffElement extends LiuyanConsoleElement {
  static override properties = {
    ...LiuyanConsoleElement.properties,
    principal: { attribute: false },
    boards: { attribute: false },
  }

  /** The token's label, roles and boards (GET /me). */
  declare principal: StaffPrincipal | undefined
  /** Every board of the API (GET /boards). */
  declare boards: Board[] | undefined
  #scope: { boards: Board[]; ids: string[]; tree: ScopedBoard[] } | undefined

  /** Loads what is missing of `principal` and `boards`. */
  protected async staffContext(): Promise<{ principal: StaffPrincipal; boards: Board[] }> {
    const principal = this.principal ?? (this.principal = await this.sdk.inbox.me())
    let boards = this.boards
    if (!boards) {
      boards = []
      for await (const board of this.sdk.boards.list()) boards.push(board)
      this.boards = boards
    }
    return { principal, boards }
  }

  /** The boards of the token's scope as a tree (empty until both are known). */
  protected get scope(): ScopedBoard[] {
    if (!this.principal || !this.boards) return []
    if (this.#scope?.boards !== this.boards || this.#scope.ids !== this.principal.boardIds) {
      this.#scope = { boards: this.boards, ids: this.principal.boardIds, tree: scopeTree(this.boards, this.principal.boardIds) }
    }
    return this.#scope.tree
  }

  /** The name of a board, or its id when unknown. */
  protected boardName(id: string | undefined): string {
    return (id && this.boards?.find((b) => b.id === id)?.name) ?? id ?? ''
  }
}
