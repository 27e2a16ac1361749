import { isNotFoundError } from '@liuyan/client'
import { chinaDate, type UnitStats, type UnitStatsScope } from '@liuyan/core'
import { html, nothing } from 'lit'
import { LiuyanStaffElement } from '../../base.js'
import { LiuyanDrillDownEvent, type DrillDownFigure } from '../../events.js'
import { format, formatDate, pick } from '../../i18n.js'
import { explain, issuesOf } from '../../internal/failure.js'
import { sharedStrings } from '../../internal/labels.i18n.js'
import { CSV_TYPE, download, toCsv, toXlsx, XLSX_TYPE } from '../../internal/sheet-file.js'
import { consoleStyles } from '../../styles/console.js'
import { tokens } from '../../styles/tokens.js'
import type { LiuyanBoardPicker } from '../board-picker/board-picker.js'
import { trendChart } from './supervision-chart.js'
import { trendRows, unitRows } from './supervision-figures.js'
import { definitions, rankingList, unitTable, type TableContext } from './supervision-table.js'
import { supervisionStrings } from './supervision.i18n.js'
import { supervisionStyles } from './supervision.styles.js'

type Range = { boardId: string; from: string; to: string; units: UnitStatsScope }

/**
 * The supervision view (工作图表化, 督查): for a board of the token's scope with the units below it
 * and a range of submission days, the table of figures per unit (received, accepted on time,
 * replied, reply rate, median working days to reply, overdue now, supervised, satisfaction), the
 * month-by-month trend as a chart with its data table, and the ranking by reply rate with its rule.
 * Every figure is the server's (`GET /boards/{id}/stats/units`). A unit's name opens its messages
 * an overdue figure its overdue messages and a supervised figure its supervised ones
 * (`liuyan-drill-down`); the table exports as CSV or
 * XLSX as shown, the messages behind it as the server's CSV export, and the report prints
 * (`@media print`) for the annual review.
 *
 * @tag liuyan-supervision
 * @fires liuyan-drill-down - A figure was opened: the unit (`boardId`), `figure` (`all`, `overdue` or `supervised`) and the days (`from`, `to`).
 * @fires liuyan-error - A call to the Board API failed.
 */
export class LiuyanSupervision extends LiuyanStaffElement {
  static override styles = [tokens, consoleStyles, supervisionStyles]
  static override properties = {
    ...LiuyanStaffElement.properties,
    boardId: { type: String, attribute: 'board-id' },
    from: { type: String },
    to: { type: String },
    units: { type: String },
    stats: { state: true },
    busy: { state: true },
    line: { state: true },
    alert: { state: true },
    fieldErrors: { state: true },
  }

  /** The board counted, with the units below it; by default the top board of the token's scope with the most boards below it. */
  declare boardId: string
  /** The first day of submission counted (`YYYY-MM-DD`, China time); by default 1 January of this year. */
  declare from: string
  /** The last day counted, inclusive; by default today (China time). */
  declare to: string
  /** The rows after the board's own: `children` (the units directly below) or `subtree` (every unit below). */
  declare units: UnitStatsScope
  declare protected stats: UnitStats | undefined
  declare protected busy: boolean
  declare protected line: string
  declare protected alert: string
  declare protected fieldErrors: Partial<Record<'from' | 'to', string>>
  #seq = 0

  constructor() {
    super()
    const today = chinaDate(new Date())
    this.boardId = ''
    this.from = `${today.slice(0, 4)}-01-01`
    this.to = today
    this.units = 'children'
    this.stats = undefined
    this.busy = false
    this.line = ''
    this.alert = ''
    this.fieldErrors = {}
  }

  protected override firstUpdated(): void {
    void this.reload()
  }

  /** Moves focus to the view's heading (after navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#supervision-title')?.focus()
  }

  /** Counts again with the unit and days chosen (e.g. after an action elsewhere). */
  async reload(): Promise<void> {
    const seq = ++this.#seq
    const t = this.#t
    this.busy = true
    this.alert = ''
    this.line = t.loading
    try {
      await this.staffContext()
      if (!this.boardId) this.boardId = this.#widestRoot()
      if (!this.boardId) {
        this.stats = undefined
        this.alert = t.noScope
        this.line = ''
        return
      }
      const range: Range = { boardId: this.boardId, from: this.from, to: this.to, units: this.units }
      const stats = await this.sdk.boards.unitStats(range.boardId, { from: range.from, to: range.to, units: range.units })
      if (seq !== this.#seq) return
      this.stats = stats
      this.line = format(t.loaded, { count: stats.units.length })
    } catch (error) {
      if (seq !== this.#seq) return
      this.reportError(error)
      const errors: Partial<Record<'from' | 'to', string>> = {}
      for (const issue of issuesOf(error)) if (issue.path[0] === 'from' || issue.path[0] === 'to') errors[issue.path[0]] ??= issue.message
      this.fieldErrors = errors
      this.stats = undefined
      this.alert = isNotFoundError(error) ? t.notFound : explain(error, pick(sharedStrings, this.locale))
      this.line = ''
    } finally {
      if (seq === this.#seq) this.busy = false
    }
  }

  /** The top board of the token's scope with the most boards below it (the first of equals). */
  #widestRoot(): string {
    let best = { id: '', size: -1 }
    let current = { id: '', size: 0 }
    for (const { board, depth } of this.scope) {
      if (depth === 0) {
        if (current.size > best.size) best = current
        current = { id: board.id, size: 0 }
      }
      current.size++
    }
    return (current.size > best.size ? current : best).id
  }

  get #t() {
    return pick(supervisionStrings, this.locale)
  }

  #apply(event: Event) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value
    this.from = value('from')
    this.to = value('to')
    this.units = value('units') === 'subtree' ? 'subtree' : 'children'
    this.fieldErrors = {}
    if (this.from && this.to && this.to < this.from) {
      this.fieldErrors = { to: this.#t.dateOrder }
      this.alert = pick(sharedStrings, this.locale).invalid
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#s-to')?.focus())
      return
    }
    void this.reload()
  }

  #open(boardId: string, figure: DrillDownFigure) {
    const s = this.stats
    if (s) this.dispatchEvent(new LiuyanDrillDownEvent(boardId, figure, s.from ?? '', s.to ?? ''))
  }

  #fileName(ext: string) {
    const s = this.stats!
    return `${this.#t.fileName}-${s.boardId}-${s.from ?? ''}-${s.to ?? ''}.${ext}`
  }

  #export(kind: 'csv' | 'xlsx') {
    const s = this.stats
    if (!s) return
    const t = this.#t
    const units = unitRows(s.units, t, this.locale)
    const name = this.#fileName(kind)
    if (kind === 'csv') download(name, CSV_TYPE, toCsv(units))
    else download(name, XLSX_TYPE, toXlsx([{ name: t.sheetUnits, rows: units }, { name: t.sheetTrend, rows: trendRows(s.trend, t, this.locale) }]))
    this.line = format(t.exported, { file: name })
  }

  async #exportMessages() {
    const s = this.stats
    if (!s) return
    try {
      const file = await this.sdk.exports.messages(s.boardId, { format: 'csv', locale: this.locale, ...(s.from ? { from: s.from } : {}), ...(s.to ? { to: s.to } : {}) })
      download(file.fileName, file.type, file.body)
      this.line = format(this.#t.exported, { file: file.fileName })
    } catch (error) {
      this.reportError(error)
      this.alert = explain(error, pick(sharedStrings, this.locale))
    }
  }

  #controls() {
    const t = this.#t
    const error = (name: 'from' | 'to') => this.fieldErrors[name]
    const date = (name: 'from' | 'to', label: string) => html`<div class="field">
      <label for=${`s-${name}`}>${label}</label>
      <input id=${`s-${name}`} name=${name} type="date" .value=${this[name]} required aria-invalid=${error(name) ? 'true' : 'false'}
        aria-describedby=${error(name) ? `s-${name}-error` : nothing} />
      ${error(name) ? html`<p id=${`s-${name}-error`} class="error">${error(name)}</p>` : nothing}
    </div>`
    return html`<form class="controls" aria-label=${t.controls} @submit=${(e: Event) => this.#apply(e)}>
      <details class="unit">
        <summary>${format(t.unitNow, { name: this.boardName(this.boardId) })}</summary>
        <liuyan-board-picker label=${t.unit} all-boards .boards=${this.scope} .value=${this.boardId} size=${this.size ?? nothing} theme=${this.theme ?? nothing}
          @change=${(e: Event) => (this.boardId = (e.target as LiuyanBoardPicker).value)}></liuyan-board-picker>
      </details>
      ${date('from', t.from)} ${date('to', t.to)}
      <div class="field">
        <label for="s-units">${t.rows}</label>
        <select id="s-units" name="units">
          <option value="children" ?selected=${this.units === 'children'}>${t.children}</option>
          <option value="subtree" ?selected=${this.units === 'subtree'}>${t.subtree}</option>
        </select>
      </div>
      <div class="field"><button type="submit" class="primary">${t.apply}</button></div>
    </form>`
  }

  #report(s: UnitStats) {
    const t = this.#t
    const root = s.units[0]
    const table: TableContext = { units: s.units, t, locale: this.locale, open: (id, figure) => this.#open(id, figure) }
    return html`<article class="report" aria-labelledby="report-title">
      <h3 id="report-title">${format(t.reportTitle, { name: root?.name ?? this.boardName(s.boardId), from: s.from ?? '', to: s.to ?? '' })}</h3>
      <p class="muted">${format(t.asOf, { now: formatDate(s.now, this.locale) })}</p>
      <div class="tools" role="group" aria-label=${t.tools}>
        <button type="button" @click=${() => this.#export('csv')}>${t.exportCsv}</button>
        <button type="button" @click=${() => this.#export('xlsx')}>${t.exportXlsx}</button>
        <button type="button" @click=${() => void this.#exportMessages()}>${t.exportMessages}</button>
        <button type="button" @click=${() => window.print()}>${t.print}</button>
      </div>
      ${unitTable(table)}
      ${definitions(t)}
      <section aria-labelledby="trend-title">
        <h4 id="trend-title">${t.trendTitle}</h4>
        ${s.trend.length ? trendChart(s.trend, t, this.locale) : html`<p>${t.noTrend}</p>`}
      </section>
      ${rankingList(table)}
    </article>`
  }

  protected override render() {
    const t = this.#t
    return html`<section aria-labelledby="supervision-title">
      <h2 id="supervision-title" tabindex="-1">${t.title}</h2>
      ${this.#controls()}
      ${this.alert ? html`<p class="alert" role="alert">${this.alert}</p>` : nothing}
      ${this.stats ? this.#report(this.stats) : nothing}
      <p class="status-line" role="status">${this.line}</p>
    </section>`
  }
}
