import { html, nothing, type PropertyValues } from 'lit'
import { LiuyanElement } from '../../base.js'
import { LiuyanErrorEvent } from '../../events.js'
import { hasLocale, loadLocale, pick } from '../../i18n/index.js'
import { afterFrame } from '../../internal/turns.js'
import { heading } from '../../internal/view.js'
import { viewStyles } from '../../internal/view.styles.js'
import { tokens } from '../../styles/tokens.js'
import { boardStrings } from './board.i18n.js'
import { styles } from './board.styles.js'
import { PART_FAILED, RELOAD } from '../../i18n/load-failed.js'
import { PARTS, type Part } from './parts.js'

/** The views of a board. */
export type BoardView = 'list' | 'new' | 'track' | 'thread'

const TABS = ['list', 'new', 'track'] as const
/** The parts each view registers on first show (in the script-tag build the list is in the board's chunk). */
const VIEW_PARTS: Record<BoardView, readonly Part[]> = {
  list: ['liuyan-message-list', 'liuyan-board-stats'],
  thread: ['liuyan-thread'],
  new: ['liuyan-message-form'],
  track: ['liuyan-tracking'],
}
const HASH = /^#liuyan\/(list|new|track|thread)(?:\/(.+))?$/

/**
 * The whole message board in one tag: the public list with its figures, a message's thread, the
 * submission form and the tracking lookup. Views switch without reloading the page; each has its
 * own URL hash (`#liuyan/list`, `#liuyan/new`, `#liuyan/track`, `#liuyan/thread/<id>`), so the back
 * button works and a thread can be linked. Focus moves to the new view's heading on a switch.
 *
 * @summary A complete message board: list, thread, submission form and tracking lookup.
 *
 * @example
 * ```html
 * <script src="https://cdn.example/liuyan-widget.min.js" defer></script>
 * <liuyan-board api="https://board.example.gov.cn/api/v1" board="220100-gov"></liuyan-board>
 * ```
 *
 * @event {LiuyanBeforeSubmitEvent} liuyan-before-submit - From the form, before sending (cancelable).
 * @event {LiuyanSubmittedEvent} liuyan-submitted - From the form, after the message was stored (`id`, `trackingCode`).
 * @event {LiuyanErrorEvent} liuyan-error - A call to the Board API failed (`code`, `message`), or a part of the board could not be fetched (`part_load_failed`).
 *
 * @csspart nav - The navigation between the views.
 * @csspart tab - Each link of the navigation; the current one has `aria-current="page"`.
 * @csspart stats - The `<liuyan-board-stats>` of the list view.
 * @csspart message-list - The `<liuyan-message-list>`.
 * @csspart back - The link from a thread back to the list.
 * @csspart thread - The `<liuyan-thread>`.
 * @csspart form - The `<liuyan-message-form>`.
 * @csspart tracking - The `<liuyan-tracking>`.
 * @csspart alert - A part of the board (or its language) that could not be fetched; `retry` is its button.
 *
 * @cssproperty --liuyan-board-gap - Space between the parts of a view. Falls back to twice `--liuyan-space`.
 * @cssproperty --liuyan-board-nav-background - Background of the navigation. Falls back to `--liuyan-color-surface-alt`.
 * @cssproperty --liuyan-board-nav-accent-color - Mark of the current view. Falls back to `--liuyan-color-primary`.
 */
export class LiuyanBoard extends LiuyanElement {
  static override styles = [tokens, viewStyles, styles]
  static override properties = {
    ...LiuyanElement.properties,
    board: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    view: { type: String },
    messageId: { state: true },
    failedParts: { state: true },
  }

  /** Id of the board, e.g. `220100-gov`: its messages (and those of the boards below it) are listed, and new ones go to it. */
  declare board: string
  /** Messages per page of the list. */
  declare pageSize: number
  /** The view shown: `list`, `new`, `track` or `thread`. A `#liuyan/…` hash in the URL wins on load. */
  declare view: BoardView
  declare protected messageId: string
  /** Parts (or `lang`, the page's language) whose chunk could not be fetched. */
  declare protected failedParts: ReadonlySet<Part | 'lang'>
  #initial: BoardView | undefined
  /**
   * The shell (navigation and headings) has been on screen for a frame: only then are the views'
   * parts rendered, so that the first frame lays out the shell alone (issue 15: the widget paints
   * first; the parts' loads start a frame later, their answers are drawn in turns anyway).
   */
  #painted = false
  #painting = () => {}
  readonly #paint = new Promise<void>((resolve) => (this.#painting = resolve))
  readonly #seen = new Set<string>()
  readonly #onHash = () => void this.#route(true)

  constructor() {
    super()
    this.board = ''
    this.pageSize = 10
    this.view = 'list'
    this.messageId = ''
    this.failedParts = new Set()
    this.provideShared()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#initial ??= this.view
    addEventListener('hashchange', this.#onHash)
    void this.#route(false)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    removeEventListener('hashchange', this.#onHash)
  }

  /** Shows the view of the URL hash; an empty hash is the initial view, another page anchor is ignored. */
  async #route(focus: boolean): Promise<void> {
    const match = HASH.exec(location.hash)
    if (!match && location.hash.length > 1) return
    let id = ''
    try {
      id = decodeURIComponent(match?.[2] ?? '')
    } catch {
      // A mangled id: show the list rather than fail.
    }
    this.view = (match?.[1] as BoardView | undefined) ?? this.#initial ?? 'list'
    this.messageId = id
    if (!focus) return
    await this.updateComplete
    const view = this.#current
    const target = this.renderRoot.querySelector<HTMLElement>(view === 'thread' ? 'liuyan-thread' : `#h-${view}`)
    target?.focus()
  }

  get #current(): BoardView {
    const view = this.view
    return view === 'thread' ? (this.messageId ? view : 'list') : (TABS as readonly string[]).includes(view) ? view : 'list'
  }

  /** An absolute link to a view, so a `<base href>` on the page cannot send it elsewhere. */
  #href(path: string): string {
    return `${location.href.split('#')[0]}#liuyan/${path}`
  }

  protected override firstUpdated(): void {
    afterFrame(() => {
      this.#painted = true
      this.#painting()
      this.requestUpdate()
    })
  }

  /** Resolves once the views' parts are rendered too, not only the shell. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#paint
    return super.getUpdateComplete()
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    const view = this.#current
    this.#seen.add(view)
    for (const part of VIEW_PARTS[view]) if (!this.failedParts.has(part)) void this.#load(part)
    if (!hasLocale(this.locale) && !this.failedParts.has('lang')) void this.#load('lang')
  }

  /**
   * Fetches a part's chunk (or the page's language) unless it is at hand. A failure is shown in
   * the view with a retry button and reported as a `liuyan-error` event; what the citizen typed
   * elsewhere stays, since views are only hidden, never dropped.
   */
  async #load(part: Part | 'lang'): Promise<void> {
    const locale = this.locale
    if (part === 'lang' ? hasLocale(locale) : customElements.get(part)) return
    try {
      await (part === 'lang' ? loadLocale(locale) : PARTS[part]())
      if (part === 'lang') for (const element of this.renderRoot.querySelectorAll<LiuyanElement>('*')) element.requestUpdate?.()
    } catch {
      this.failedParts = new Set([...this.failedParts, part])
      this.dispatchEvent(new LiuyanErrorEvent('part_load_failed', `${part === 'lang' ? `the ${locale} strings` : `<${part}>`} could not be fetched`))
      return
    }
    if (this.failedParts.has(part)) this.failedParts = new Set([...this.failedParts].filter((p) => p !== part))
    this.requestUpdate()
  }

  async #retry(parts: readonly (Part | 'lang')[]): Promise<void> {
    this.failedParts = new Set([...this.failedParts].filter((p) => !parts.includes(p)))
    await Promise.all(parts.map((part) => this.#load(part)))
    await this.updateComplete
    const alert = this.renderRoot.querySelector<HTMLElement>('[part=alert]')
    alert?.focus()
  }

  /** The notice of parts of this view that could not be fetched, or nothing. */
  #failure(parts: readonly (Part | 'lang')[]) {
    const failed = parts.filter((part) => this.failedParts.has(part))
    if (!failed.length) return nothing
    return html`<div class="alert" part="alert" role="alert" tabindex="-1">
      <p>${PART_FAILED[this.locale]}</p>
      <button type="button" part="retry" @click=${() => this.#retry(failed)}>${RELOAD[this.locale]}</button>
    </div>`
  }

  /** Starts fetching the form's chunk when the citizen points at or focuses the tab that opens it. */
  readonly #prefetch = (event: Event) => {
    if ((event.currentTarget as HTMLElement).dataset.view === 'new') void this.#load('liuyan-message-form')
  }

  override render() {
    const t = pick('board', boardStrings, this.locale)
    const view = this.#current
    const section = (name: 'list' | 'new' | 'track', content: unknown) =>
      this.#seen.has(name)
        ? html`<section class="stack" ?hidden=${view !== name} aria-labelledby="h-${name}">
            ${heading(2, t[name], `h-${name}`)} ${this.#failure(['lang', ...VIEW_PARTS[name]])} ${this.#painted ? content : nothing}
          </section>`
        : nothing
    return html`<nav part="nav" aria-label=${t.nav}>
        <ul>
          ${TABS.map(
            (name) =>
              html`<li><a part="tab" data-view=${name} href=${this.#href(name)} aria-current=${view === name ? 'page' : nothing} @pointerenter=${this.#prefetch} @focus=${this.#prefetch}>${t[name]}</a></li>`,
          )}
        </ul>
      </nav>
      ${section(
        'list',
        html`<liuyan-board-stats part="stats" board=${this.board} heading-level="3"></liuyan-board-stats>
          <liuyan-message-list part="message-list" board=${this.board} page-size=${this.pageSize} href-template=${this.#href('thread/{id}')}></liuyan-message-list>`,
      )}
      ${view === 'thread'
        ? html`<section class="stack">
            <a part="back" class="back" href=${this.#href('list')}>${t.back}</a>
            ${this.#failure(['lang', ...VIEW_PARTS.thread])}
            ${this.#painted ? html`<liuyan-thread part="thread" message-id=${this.messageId}></liuyan-thread>` : nothing}
          </section>`
        : nothing}
      ${section('new', html`<liuyan-message-form part="form" board=${this.board}></liuyan-message-form>`)}
      ${section('track', html`<liuyan-tracking part="tracking"></liuyan-tracking>`)}`
  }
}
