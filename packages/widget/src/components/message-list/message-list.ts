import {
  DOMAINS,
  MESSAGE_TYPES,
  type Domain,
  type MessageStatus,
  type MessageType,
  type PublicMessage,
} from '@liuyan/core'
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { format, formatDate, labelsOf, pick } from '../../i18n/index.js'
import { listMessages } from '../../internal/reads.js'
import { drawn, myTurn } from '../../internal/turns.js'
import { heading, LiuyanViewElement, PLACEHOLDER } from '../../internal/view.js'
import { viewStyles } from '../../internal/view.styles.js'
import { tokens } from '../../styles/tokens.js'
import { messageListStrings, type MessageListStrings } from './message-list.i18n.js'
import { styles } from './message-list.styles.js'

/**
 * Fired when the citizen opens a message of the list (when the list has no `href-template`).
 * Show the thread, e.g. in a `<liuyan-thread message-id="…">`.
 */
export class LiuyanOpenEvent extends Event {
  constructor(readonly messageId: string) {
    super('liuyan-open', { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'liuyan-open': LiuyanOpenEvent
  }
}

// The public sees three stages (待回复, 办理中, 已办理); each option stands for the statuses it covers.
const STAGES = ['accepted,assigned', 'processing', 'replied,closed'] as const
const FILTERS = ['board', 'type', 'domain', 'status', 'keyword', 'pageSize', 'api'] as const
/**
 * Messages rendered per task. A long page is rendered a slice at a time, each slice in a task of
 * its own after the frame that shows the one before (internal/turns.ts), so that no task keeps the
 * page from answering for long (issue 15: a page of 50 without a task over 50 ms at 4x CPU
 * throttling; `npm run bench -w @liuyan/widget` measures it). The first slice is what a viewport shows; the items after it are
 * off screen, neither laid out nor shaped until scrolled near (`content-visibility` in the styles),
 * so their slices cost their templates and styles only.
 */
const FIRST_SLICE = 2
const SLICE = 6

/**
 * The public list of a board's messages, newest first: filters (type, domain, status, keyword), one
 * page at a time with a "more" button, each message with its badges, author, date and who replied.
 *
 * @summary Lists a board's public messages with filters and keyset paging.
 *
 * @example
 * ```html
 * <liuyan-message-list api="https://board.example.gov.cn/api/v1" board="220100-gov"
 *   href-template="/thread.html?id={id}"></liuyan-message-list>
 * ```
 *
 * @slot - Shown between the filters and the list, e.g. a note on what the board publishes.
 *
 * @event {LiuyanOpenEvent} liuyan-open - The citizen opened a message (`messageId`); only without `href-template`.
 * @event {LiuyanErrorEvent} liuyan-error - A call to the Board API failed (`code`, `message`).
 *
 * @csspart filters - The filter form.
 * @csspart count - The result count (a polite live region).
 * @csspart list - The `<ul>` of messages.
 * @csspart item - One message.
 * @csspart title - A message's title (a link or a button).
 * @csspart badges - Type, domain, status and marks of a message.
 * @csspart reply - The note of who replied.
 * @csspart redacted - The notice under a message whose text was partly withheld (部分内容已隐去).
 * @csspart empty - The message shown when nothing matches.
 * @csspart more - The "more" button.
 * @csspart alert - The failure message; `retry` is its button.
 *
 * @cssproperty --liuyan-message-list-gap - Space between items and fields. Falls back to twice `--liuyan-space`.
 * @cssproperty --liuyan-message-list-item-border-color - Line between items. Falls back to `--liuyan-color-border`.
 * @cssproperty --liuyan-message-list-accent-color - Status badges. Falls back to `--liuyan-color-primary`.
 * @cssproperty --liuyan-message-list-error-color - Failures and overdue marks. Falls back to `--liuyan-color-danger`.
 */
export class LiuyanMessageList extends LiuyanViewElement {
  static override styles = [tokens, viewStyles, styles]
  static override properties = {
    ...LiuyanViewElement.properties,
    board: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    type: { type: String },
    domain: { type: String },
    status: { type: String },
    keyword: { type: String },
    hrefTemplate: { type: String, attribute: 'href-template' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    items: { state: true },
    next: { state: true },
    announcement: { state: true },
  }

  /** Id of the board whose messages are listed (the boards below it included); all boards when empty. */
  declare board: string
  /** Messages per page, 1–100. */
  declare pageSize: number
  /** Only this message type, e.g. `complain`; all when empty. */
  declare type: MessageType | ''
  /** Only this domain, e.g. `urban`; all when empty. */
  declare domain: Domain | ''
  /** Only these statuses, comma-separated, e.g. `replied,closed`; all when empty. */
  declare status: string
  /** Only messages containing these words; Chinese needs no spaces (`路灯`). */
  declare keyword: string
  /** A link per message instead of a `liuyan-open` event: `{id}` is replaced, e.g. `/thread.html?id={id}`. */
  declare hrefTemplate: string
  /** Heading level of each message title. */
  declare headingLevel: number
  declare protected items: PublicMessage[]
  declare protected next: string | null
  declare protected announcement: string

  constructor() {
    super()
    this.board = ''
    this.pageSize = 10
    this.type = ''
    this.domain = ''
    this.status = ''
    this.keyword = ''
    this.hrefTemplate = ''
    this.headingLevel = 3
    this.items = []
    this.next = null
    this.announcement = ''
  }

  get #t(): MessageListStrings {
    return pick('messageList', messageListStrings, this.locale)
  }

  /** How many of `items` are rendered; the rest follow a slice per task. */
  #shown = 0
  /** A slice is scheduled. */
  #slicing = false
  /** Each message's rendered item, while the language, links and heading level stay the same. */
  #rendered = new WeakMap<PublicMessage, TemplateResult>()
  #renderedFor = ''

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if (FILTERS.some((k) => changed.has(k))) void this.#load()
    // A new list starts from its first slice; a next page goes on from what is shown.
    if (changed.has('items')) this.#shown = Math.min(this.items.length, Math.min(this.#shown, this.items.length) + (this.#shown ? SLICE : FIRST_SLICE))
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed)
    if (this.#shown >= this.items.length || this.#slicing) return
    this.#slicing = true
    void myTurn().then(() => {
      this.#slicing = false
      this.#shown = Math.min(this.items.length, this.#shown + SLICE)
      this.requestUpdate()
    })
  }

  /** Resolves once every message of the list is rendered, not only the first slice. */
  protected override getUpdateComplete(): Promise<boolean> {
    return drawn(() => this.#shown < this.items.length, () => super.getUpdateComplete())
  }

  /** Loads the first page, or with `more` the next one, then says how many are shown. */
  async #load(more = false): Promise<boolean> {
    const before = more ? this.items.length : 0
    if (!more) this.items = []
    this.announcement = this.viewStrings.loading
    const page = await this.load(() =>
      listMessages(this.readContext, {
        boardId: this.board || undefined,
        type: this.type || undefined,
        domain: this.domain || undefined,
        status: (this.status || undefined)?.split(',') as MessageStatus[] | undefined,
        keyword: this.keyword.trim() || undefined,
        limit: Math.min(100, Math.max(1, this.pageSize | 0 || 10)),
        cursor: (more && this.next) || undefined,
      }),
    )
    if (!page) {
      this.announcement = ''
      return false
    }
    this.items = [...this.items.slice(0, before), ...page.items]
    this.next = page.nextCursor
    const n = this.items.length
    this.announcement = n ? format(more ? this.#t.added : this.#t.count, { n, k: n - before }) : this.#t.empty
    return true
  }

  async #more(): Promise<void> {
    if (this.busy) return
    const first = this.items.length
    if (await this.#load(true)) void this.focusOn(`[data-i="${first}"]`)
  }

  async #retry(): Promise<void> {
    const more = this.items.length > 0
    const first = more ? this.items.length : 0
    if (await this.#load(more)) void this.focusOn(`[data-i="${first}"], [part=empty]`)
  }

  #search(event: SubmitEvent): void {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const next = { type: '', domain: '', status: '', keyword: '' }
    for (const k of Object.keys(next) as (keyof typeof next)[]) next[k] = String(data.get(k) ?? '').trim()
    const same = Object.entries(next).every(([k, v]) => this[k as keyof typeof next] === v)
    Object.assign(this, next)
    // The same search again still reloads: the citizen expects fresh results.
    if (same) void this.#load()
  }

  #select(name: 'type' | 'domain' | 'status', label: string, options: readonly (readonly [string, string])[]): TemplateResult {
    const current = this[name]
    const statuses = current.split(',')
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <select id=${name} name=${name}>
        <option value="">${this.#t.all}</option>
        ${options.map(
          ([value, text]) =>
            html`<option value=${value} ?selected=${name === 'status' ? !!current && statuses.every((s) => value.split(',').includes(s)) : value === current}>${text}</option>`,
        )}
      </select>
    </div>`
  }

  /** A message's item, made once: a slice re-renders the items before it, which Lit then only compares. */
  #item(m: PublicMessage, i: number): TemplateResult {
    const key = `${this.locale} ${this.hrefTemplate} ${this.headingLevel}`
    if (key !== this.#renderedFor) {
      this.#rendered = new WeakMap()
      this.#renderedFor = key
    }
    let item = this.#rendered.get(m)
    if (!item) this.#rendered.set(m, (item = this.#newItem(m, i)))
    return item
  }

  #newItem(m: PublicMessage, i: number): TemplateResult {
    const t = this.#t
    const reply = m.posts.find((p) => p.kind === 'reply')
    const [before, , after] = t.repliedBy.split(PLACEHOLDER)
    const title = this.hrefTemplate
      ? html`<a data-i=${i} href=${this.hrefTemplate.replaceAll('{id}', encodeURIComponent(m.id))}>${m.title}</a>`
      : html`<button type="button" class="link" data-i=${i} @click=${() => this.dispatchEvent(new LiuyanOpenEvent(m.id))}>${m.title}</button>`
    return html`<li class="item" part="item">
      ${heading(this.headingLevel, title, undefined, 'title')} ${this.badges(m)}
      <p class="excerpt">${m.content}</p>
      ${this.redactedNote(m)}
      ${this.#posted(m)}
      ${reply ? html`<p class="reply" part="reply">${before}<bdi>${reply.organization}</bdi>${after}</p>` : nothing}
    </li>`
  }

  /**
   * Who wrote a message and when, in the order of the language's sentence (`{name} … {date}`), in
   * one template rather than `fill()`'s array of parts, since the list renders it for every message
   * (issue 15's render: an array costs two markers and a part per piece).
   */
  #posted(m: PublicMessage): TemplateResult {
    const [a, first, b, , c] = this.#t.posted.split(PLACEHOLDER)
    const name = m.author.nickname
    const iso = m.createdAt
    const date = formatDate(iso, this.locale)
    return first === 'date'
      ? html`<p class="muted">${a}<time datetime=${iso}>${date}</time>${b}<bdi>${name}</bdi>${c}</p>`
      : html`<p class="muted">${a}<bdi>${name}</bdi>${b}<time datetime=${iso}>${date}</time>${c}</p>`
  }

  override render() {
    const t = this.#t
    const l = labelsOf(this.locale)
    const { items, busy } = this
    return html`<form class="filters" part="filters" role="search" aria-label=${t.filters} @submit=${this.#search}>
        ${this.#select('type', t.type, MESSAGE_TYPES.map((k) => [k, l.messageTypes[k]] as const))}
        ${this.#select('domain', t.domain, DOMAINS.map((k) => [k, l.domains[k]] as const))}
        ${this.#select('status', t.status, STAGES.map((k) => [k, l.publicStatuses[k.split(',')[0] as MessageStatus]] as const))}
        <div class="field keyword">
          <label for="keyword">${t.keyword}</label>
          <input id="keyword" name="keyword" type="search" maxlength="50" autocomplete="off" .value=${this.keyword} />
        </div>
        <button type="submit" class="primary">${t.search}</button>
      </form>
      <slot></slot>
      <p class="count" part="count" role="status">${this.announcement}</p>
      ${this.failure && !items.length ? this.alert(() => this.#retry(), t.notFound) : nothing}
      ${items.length || busy
        ? html`<ul class="list" part="list" aria-label=${t.list} aria-busy=${busy || this.#shown < items.length ? 'true' : 'false'}>
            ${items.slice(0, this.#shown).map((m, i) => this.#item(m, i))}
            ${busy && !items.length ? [0, 1, 2].map(() => html`<li class="skeleton" aria-hidden="true"></li>`) : nothing}
          </ul>`
        : this.failure
          ? nothing
          : html`<p class="empty" part="empty" tabindex="-1">${t.empty}</p>`}
      ${this.failure && items.length ? this.alert(() => this.#retry()) : nothing}
      ${this.next && !this.failure
        ? html`<button type="button" class="more" part="more" aria-disabled=${busy ? 'true' : 'false'} @click=${this.#more}>${busy ? t.loadingMore : t.more}</button>`
        : nothing}`
  }
}
