import { DOMAIN_LABELS, DOMAINS, MESSAGE_TYPE_LABELS, MESSAGE_TYPES, STATUS_LABELS, STATUSES, toChinaISOString, type InboxCounts, type InboxQuery, type Message, type StaffActionName } from '@liuyan/core'
import { html, nothing } from 'lit'
import { LiuyanStaffElement } from '../../base.js'
import { LiuyanActedEvent, LiuyanOpenCaseEvent } from '../../events.js'
import { format, pick } from '../../i18n.js'
import { explain, issuesOf } from '../../internal/failure.js'
import { sharedStrings } from '../../internal/labels.i18n.js'
import { consoleStyles } from '../../styles/console.js'
import { tokens } from '../../styles/tokens.js'
import type { LiuyanBoardPicker } from '../board-picker/board-picker.js'
import { countsView, runBulk, type BulkOutcome } from './inbox-bulk.js'
import { cardsView, tableView } from './inbox-rows.js'
import { inboxStrings } from './inbox.i18n.js'
import { inboxStyles } from './inbox.styles.js'

type Filters = { status: string; type: string; domain: string; boardId: string; keyword: string; from: string; to: string; overdue: boolean; dueWithin: string; supervised: boolean; sort: string }
const NO_FILTERS: Filters = { status: '', type: '', domain: '', boardId: '', keyword: '', from: '', to: '', overdue: false, dueWithin: '', supervised: false, sort: 'due' }
type BulkResult = BulkOutcome

/** The start of a China date (`YYYY-MM-DD`) as an instant with its offset; `days` later for an end. */
const chinaStart = (date: string, days = 0) => toChinaISOString(new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000))

/**
 * The staff inbox (任务清单): the messages of the token's boards with the filters the Board API's
 * GET /inbox takes (status, type, domain, board subtree, keyword, submission dates, overdue, due
 * within n working days, supervised), by deadline (the earliest first, those without one last) or
 * newest first, as the API lists them (`sort`), a page at a time ("load more", keyset cursors); the counts per status of the scope (GET /inbox/counts), each a filter
 * button; and bulk accept and bulk assign for reviewers (POST /inbox/bulk-actions, the server
 * applying the lifecycle to each message), with a result per message. In a narrow container the
 * table becomes cards.
 *
 * @tag liuyan-inbox
 * @fires liuyan-open-case - A message was opened (`id`).
 * @fires liuyan-acted - A bulk action succeeded on a message.
 * @fires liuyan-error - A call to the Board API failed.
 */
export class LiuyanInbox extends LiuyanStaffElement {
  static override styles = [tokens, consoleStyles, inboxStyles]
  static override properties = {
    ...LiuyanStaffElement.properties,
    pageSize: { type: Number, attribute: 'page-size' },
    filters: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    selected: { state: true },
    busy: { state: true },
    line: { state: true },
    alert: { state: true },
    fieldErrors: { state: true },
    results: { state: true },
    assignTo: { state: true },
    pickerError: { state: true },
    counts: { state: true },
  }

  /** Messages per page, 1–100. */
  declare pageSize: number
  declare protected filters: Filters
  declare protected items: Message[] | undefined
  declare protected nextCursor: string | null
  declare protected selected: Set<string>
  declare protected busy: boolean
  declare protected line: string
  declare protected alert: string
  declare protected fieldErrors: Partial<Record<keyof Filters, string>>
  declare protected results: BulkResult[]
  declare protected assignTo: string
  declare protected pickerError: string
  declare protected counts: InboxCounts | undefined
  #applied: InboxQuery = { sort: 'due' }
  /** Counts loads: only the latest one's answer is shown (an earlier one may answer last). */
  #seq = 0

  constructor() {
    super()
    this.pageSize = 20
    this.filters = { ...NO_FILTERS }
    this.items = undefined
    this.nextCursor = null
    this.selected = new Set()
    this.busy = false
    this.line = ''
    this.alert = ''
    this.fieldErrors = {}
    this.results = []
    this.assignTo = ''
    this.pickerError = ''
  }

  protected override firstUpdated(): void {
    void this.reload()
  }

  /** Moves focus to the inbox's heading (after navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#inbox-title')?.focus()
  }

  /** Loads the first page again with the filters last applied (e.g. after an action elsewhere). */
  async reload(): Promise<void> {
    await this.#load(false)
  }

  /**
   * Shows the messages of a board subtree submitted on the days `from`–`to` (`YYYY-MM-DD`, China
   * time, inclusive), all or only the overdue (or the supervised) ones: the drill-down of
   * `<liuyan-supervision>`.
   * Replaces the filters and loads the first page.
   */
  async show(filters: { boardId: string; from?: string; to?: string; overdue?: boolean; supervised?: boolean }): Promise<void> {
    this.filters = { ...NO_FILTERS, sort: this.filters.sort, ...filters, overdue: filters.overdue ?? false, supervised: filters.supervised ?? false }
    this.fieldErrors = {}
    const query = this.#query()
    if (!query) return
    this.#applied = query
    await this.#load(false)
  }

  get #t() {
    return pick(inboxStrings, this.locale)
  }

  /** The query of the filters as typed, or the localized problems found before sending. */
  #query(): InboxQuery | undefined {
    const f = this.filters
    if (f.from && f.to && f.to < f.from) {
      this.fieldErrors = { to: this.#t.dateOrder }
      return undefined
    }
    const within = f.dueWithin.trim()
    if (within && !(/^\d+$/.test(within) && Number(within) <= 60)) {
      this.fieldErrors = { dueWithin: this.#t.dueWithinRange }
      return undefined
    }
    return {
      ...(f.status ? { status: f.status as Message['status'] } : {}),
      ...(f.type ? { type: f.type as Message['type'] } : {}),
      ...(f.domain ? { domain: f.domain as Message['domain'] } : {}),
      ...(f.boardId ? { boardId: f.boardId } : {}),
      ...(f.keyword.trim() ? { keyword: f.keyword.trim() } : {}),
      ...(f.from ? { from: chinaStart(f.from) } : {}),
      ...(f.to ? { to: chinaStart(f.to, 1) } : {}),
      ...(f.overdue ? { overdue: true } : {}),
      ...(within ? { dueWithin: Number(within) } : {}),
      ...(f.supervised ? { supervised: true } : {}),
      ...(f.sort === 'due' ? { sort: 'due' as const } : {}),
    }
  }

  async #load(more: boolean) {
    const seq = ++this.#seq
    const applied = this.#applied
    const cursor = more ? this.nextCursor : undefined
    this.busy = true
    this.alert = ''
    try {
      await this.staffContext()
      const [page, counts] = await Promise.all([
        this.sdk.inbox.list({ ...applied, limit: this.pageSize, ...(cursor ? { cursor } : {}) }),
        more ? this.counts : this.sdk.inbox.counts(applied.boardId ? { boardId: applied.boardId } : {}),
      ])
      // Filters applied since (or a page asked for) make this answer stale: the later load shows its own.
      if (seq !== this.#seq) return
      this.counts = counts
      this.items = more ? [...(this.items ?? []), ...page.items] : page.items
      if (!more) this.selected = new Set()
      this.nextCursor = page.nextCursor
      this.line = this.items.length ? format(this.#t.loaded, { count: this.items.length }) : this.#t.empty
    } catch (error) {
      if (seq !== this.#seq) return
      this.reportError(error)
      const issues = issuesOf(error)
      const errors: Partial<Record<keyof Filters, string>> = {}
      for (const issue of issues) {
        const field = String(issue.path[0] ?? '') as keyof Filters
        if (field in NO_FILTERS) errors[field] = issue.message
      }
      this.fieldErrors = errors
      this.alert = explain(error, pick(sharedStrings, this.locale))
    } finally {
      if (seq === this.#seq) this.busy = false
    }
  }

  #apply(event: Event) {
    event.preventDefault()
    this.fieldErrors = {}
    const query = this.#query()
    if (!query) {
      this.alert = pick(sharedStrings, this.locale).invalid
      return
    }
    this.#applied = query
    void this.#load(false)
  }

  #clear() {
    this.filters = { ...NO_FILTERS }
    this.fieldErrors = {}
    this.#applied = this.#query() ?? {}
    void this.#load(false)
  }

  #input(event: Event) {
    const control = event.target as HTMLInputElement | HTMLSelectElement
    if (!control.name || !(control.name in NO_FILTERS)) return
    const value = control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value
    this.filters = { ...this.filters, [control.name]: value }
  }

  #toggle(id: string, on: boolean) {
    const next = new Set(this.selected)
    if (on) next.add(id)
    else next.delete(id)
    this.selected = next
  }

  #toggleAll(on: boolean) {
    this.selected = on ? new Set((this.items ?? []).map((m) => m.id)) : new Set()
  }

  async #bulk(action: Extract<StaffActionName, 'accept' | 'assign'>) {
    const shared = pick(sharedStrings, this.locale)
    const t = this.#t
    const chosen = (this.items ?? []).filter((m) => this.selected.has(m.id))
    this.pickerError = ''
    if (!chosen.length) {
      this.alert = t.noneSelected
      return
    }
    if (action === 'assign' && !this.assignTo) {
      this.pickerError = t.pickUnit
      this.renderRoot.querySelector<LiuyanBoardPicker>('liuyan-board-picker')?.focus()
      return
    }
    this.busy = true
    this.alert = ''
    const results = await runBulk(this.sdk, chosen, action, this.assignTo, t, shared,
      (done) => (this.line = format(t.running, { n: done + 1, total: chosen.length })), (error) => this.reportError(error))
    for (const r of results) if (r.outcome === 'ok') this.dispatchEvent(new LiuyanActedEvent(r.id, action, r.status!))
    // The list and the counts again, as the server now has them.
    await this.#load(false)
    this.results = results
    this.selected = new Set(results.filter((r) => r.outcome !== 'ok').map((r) => r.id))
    const done = results.filter((r) => r.outcome === 'ok').length
    this.line = `${t.results}：${done}/${results.length}`
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#results-title')?.focus()
  }

  /** A count's button: that status only (or the overdue only), the other filters kept. */
  #filterBy(status: string, overdue: boolean) {
    this.filters = { ...this.filters, status, overdue }
    const query = this.#query()
    if (!query) return
    this.#applied = query
    void this.#load(false)
  }

  #select(name: keyof Filters, label: string, options: [string, string][]) {
    return html`<div class="field">
      <label for=${`f-${name}`}>${label}</label>
      <select id=${`f-${name}`} name=${name} .value=${String(this.filters[name])}>
        <option value="">${this.#t.all}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[name] === value}>${text}</option>`)}
      </select>
    </div>`
  }

  #text(name: 'keyword' | 'from' | 'to' | 'dueWithin', label: string, type: string) {
    const error = this.fieldErrors[name]
    return html`<div class="field">
      <label for=${`f-${name}`}>${label}</label>
      <input id=${`f-${name}`} name=${name} type=${type} .value=${this.filters[name]} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `f-${name}-error` : nothing} maxlength=${type === 'search' ? 50 : nothing}
        min=${type === 'number' ? 0 : nothing} max=${type === 'number' ? 60 : nothing} inputmode=${type === 'number' ? 'numeric' : nothing} />
      ${error ? html`<p id=${`f-${name}-error`} class="error">${error}</p>` : nothing}
    </div>`
  }

  #bulkBar(selectAll: unknown) {
    const t = this.#t
    if (!this.principal?.roles.includes('reviewer') || !this.items?.length) return nothing
    return html`<section class="bulk" aria-labelledby="bulk-title">
      <h3 id="bulk-title">${t.bulk} <span class="muted">${format(t.selected, { count: this.selected.size })}</span></h3>
      <div class="row">
        <label class="check">${selectAll} ${t.selectAll}</label>
        <button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.#bulk('accept')}>${t.bulkAccept}</button>
      </div>
      <details class="assign" ?open=${Boolean(this.pickerError || this.assignTo)}>
        <summary>${t.bulkAssign}</summary>
        <liuyan-board-picker label=${t.assignTo} .boards=${this.scope} .value=${this.assignTo} .error=${this.pickerError}
          size=${this.size ?? nothing} theme=${this.theme ?? nothing}
          @change=${(e: Event) => ((this.assignTo = (e.target as LiuyanBoardPicker).value), (this.pickerError = ''))}></liuyan-board-picker>
        <div class="row">
          <button type="button" ?disabled=${this.busy} @click=${() => void this.#bulk('assign')}>${t.bulkAssign}</button>
        </div>
      </details>
      ${this.results.length
        ? html`<h3 id="results-title" tabindex="-1">${t.results}</h3>
            <ol class="results">
              ${this.results.map((r) => html`<li class=${r.outcome}><strong>${r.title}</strong>：${r.text}</li>`)}
            </ol>`
        : nothing}
    </section>`
  }

  protected override render() {
    const t = this.#t
    const items = this.items ?? []
    const all = items.length > 0 && items.every((m) => this.selected.has(m.id))
    const selectAll = html`<input type="checkbox" .checked=${all} ?disabled=${!items.length}
      @change=${(e: Event) => this.#toggleAll((e.target as HTMLInputElement).checked)} />`
    const rows = {
      items, selected: this.selected, t, locale: this.locale, now: new Date(),
      boardName: (id: string | undefined) => this.boardName(id),
      toggle: (id: string, on: boolean) => this.#toggle(id, on),
      open: (id: string) => this.dispatchEvent(new LiuyanOpenCaseEvent(id)),
    }
    return html`<section aria-labelledby="inbox-title">
      <h2 id="inbox-title" tabindex="-1">${t.title}</h2>
      <form class="filters" aria-label=${t.filters} novalidate @submit=${(e: Event) => this.#apply(e)} @input=${(e: Event) => this.#input(e)} @change=${(e: Event) => this.#input(e)}>
        ${this.#select('status', t.status, STATUSES.map((s) => [s, STATUS_LABELS[this.locale][s]]))}
        ${this.#select('type', t.type, MESSAGE_TYPES.map((s) => [s, MESSAGE_TYPE_LABELS[this.locale][s]]))}
        ${this.#select('domain', t.domain, DOMAINS.map((s) => [s, DOMAIN_LABELS[this.locale][s]]))}
        ${this.#select('boardId', t.board, this.scope.map((s) => [s.board.id, `${'　'.repeat(s.depth)}${s.board.name}`]))}
        ${this.#text('keyword', t.keyword, 'search')} ${this.#text('from', t.from, 'date')} ${this.#text('to', t.to, 'date')}
        ${this.#text('dueWithin', t.dueWithin, 'number')}
        <label class="check"><input type="checkbox" name="overdue" .checked=${this.filters.overdue} /> ${t.overdue}</label>
        <label class="check"><input type="checkbox" name="supervised" .checked=${this.filters.supervised} /> ${t.supervisedOnly}</label>
        <div class="field">
          <label for="f-sort">${t.sort}</label>
          <select id="f-sort" name="sort" .value=${this.filters.sort}>
            <option value="due" ?selected=${this.filters.sort === 'due'}>${t.sortDue}</option>
            <option value="created" ?selected=${this.filters.sort === 'created'}>${t.sortCreated}</option>
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="primary">${t.apply}</button>
          <button type="button" @click=${() => this.#clear()}>${t.clear}</button>
        </div>
      </form>
      <p class="muted">${this.#applied.sort === 'due' ? t.orderDue : t.order}</p>
      ${this.alert ? html`<p class="alert" role="alert">${this.alert}</p>` : nothing}
      ${countsView(this.counts, this.locale, t, this.filters.overdue ? 'overdue' : String((this.#applied.status as string | undefined) ?? ''), (status, overdue) => this.#filterBy(status, overdue))}
      ${this.#bulkBar(selectAll)}
      ${items.length ? html`${tableView(rows)}${cardsView(rows)}` : nothing}
      ${this.nextCursor ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.#load(true)}>${t.more}</button>` : nothing}
      <p class="status-line" role="status">${this.busy && !this.line ? t.loading : this.line}</p>
    </section>`
  }
}
