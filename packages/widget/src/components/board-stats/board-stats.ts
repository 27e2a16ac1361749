import type { BoardStats } from '@liuyan/core'
import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit'
import { format, formatNumber, pick, satisfactionOf } from '../../i18n/index.js'
import { boardStats } from '../../internal/reads.js'
import { drawn, myTurn } from '../../internal/turns.js'
import { heading, LiuyanViewElement } from '../../internal/view.js'
import { viewStyles } from '../../internal/view.styles.js'
import { tokens } from '../../styles/tokens.js'
import { boardStatsStrings, type BoardStatsStrings } from './board-stats.i18n.js'
import { styles } from './board-stats.styles.js'

const SCORES = [5, 4, 3, 2, 1] as const

/**
 * The figures of a board and the boards below it: messages received and replied, the reply rate,
 * the median working days to reply, open messages past their deadline, and the satisfaction average with a
 * small chart of the ratings (an SVG image with a spoken summary, and a table of the numbers).
 *
 * @summary Shows a board's reply rate, time to reply and satisfaction, as numbers and a small chart.
 *
 * @example
 * ```html
 * <liuyan-board-stats api="https://board.example.gov.cn/api/v1" board="220100-gov"></liuyan-board-stats>
 * ```
 *
 * @event {LiuyanErrorEvent} liuyan-error - A call to the Board API failed (`code`, `message`).
 *
 * @csspart title - The heading.
 * @csspart figures - The `<dl>` of figures.
 * @csspart chart - The satisfaction chart and its table.
 * @csspart alert - The failure message; `retry` is its button.
 *
 * @cssproperty --liuyan-board-stats-gap - Space between figures. Falls back to twice `--liuyan-space`.
 * @cssproperty --liuyan-board-stats-bar-color - Bars of the chart. Falls back to `--liuyan-color-primary`.
 * @cssproperty --liuyan-board-stats-track-color - Track behind each bar. Falls back to `--liuyan-color-surface-alt`.
 * @cssproperty --liuyan-board-stats-figure-background - Background of each figure. Falls back to `--liuyan-color-surface-alt`.
 * @cssproperty --liuyan-board-stats-error-color - Failures. Falls back to `--liuyan-color-danger`.
 */
export class LiuyanBoardStats extends LiuyanViewElement {
  static override styles = [tokens, viewStyles, styles]
  static override properties = {
    ...LiuyanViewElement.properties,
    board: { type: String },
    headingLevel: { type: Number, attribute: 'heading-level' },
    stats: { state: true },
  }

  /** Id of the board whose figures are shown (the boards below it included). */
  declare board: string
  /** Heading level of the title. */
  declare headingLevel: number
  declare protected stats: BoardStats | undefined

  constructor() {
    super()
    this.board = ''
    this.headingLevel = 2
  }

  get #t(): BoardStatsStrings {
    return pick('boardStats', boardStatsStrings, this.locale)
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if ((changed.has('board') || changed.has('api')) && this.board) void this.#load()
  }

  /** The figures whose chart is drawn: a chart follows its figures a turn later (internal/turns.ts), in a frame of its own. */
  #charted: BoardStats | undefined
  #charting: BoardStats | undefined

  protected override updated(changed: PropertyValues): void {
    super.updated(changed)
    const s = this.stats
    if (!s || s === this.#charted || s === this.#charting) return
    this.#charting = s
    void myTurn().then(() => {
      this.#charted = s
      this.requestUpdate()
    })
  }

  /** Resolves once the chart of the figures shown is drawn too. */
  protected override getUpdateComplete(): Promise<boolean> {
    return drawn(() => !!this.stats && this.stats !== this.#charted, () => super.getUpdateComplete())
  }

  async #load(): Promise<boolean> {
    const board = this.board
    const stats = await this.load(() => boardStats(this.readContext, board))
    if (stats) this.stats = stats
    return !!stats
  }

  #chart(s: BoardStats): TemplateResult {
    const t = this.#t
    const l = this.locale
    const d = s.satisfaction.distribution
    const max = Math.max(1, ...SCORES.map((n) => d[n]))
    const top = SCORES.reduce((a, b) => (d[b] > d[a] ? b : a))
    const name = (n: number) => `${format(t.score, { n })}（${satisfactionOf(n, l)}）`
    return html`<figure class="stack" part="chart">
      <figcaption>${t.chart}</figcaption>
      <svg role="img" aria-label=${format(t.summary, { n: s.satisfaction.count, top: name(top) })} viewBox="0 0 240 120">
        ${SCORES.map((n, i) => {
          const y = i * 24
          return svg`<text x="0" y=${y + 16}>${format(t.score, { n })}</text>
            <rect class="track" x="56" y=${y + 4} width="150" height="16" />
            <rect class="bar" x="56" y=${y + 4} width=${(150 * d[n]) / max} height="16" />
            <text x="212" y=${y + 16}>${formatNumber(d[n], l)}</text>`
        })}
      </svg>
      <table class="visually-hidden">
        <thead><tr><th scope="col">${t.satisfaction}</th><th scope="col">${t.count}</th></tr></thead>
        <tbody>${SCORES.map((n) => html`<tr><th scope="row">${name(n)}</th><td>${formatNumber(d[n], l)}</td></tr>`)}</tbody>
      </table>
    </figure>`
  }

  override render() {
    const t = this.#t
    const l = this.locale
    const s = this.stats
    const n = (value: number) => formatNumber(value, l)
    const sat = s?.satisfaction
    return html`${heading(this.headingLevel, t.title, 'title', 'title')}
      ${this.busy && !s ? html`<div class="skeleton" aria-hidden="true"></div>` : nothing}
      ${this.failure ? this.alert(async () => (await this.#load()) && this.focusOn('#title'), t.notFound) : nothing}
      ${s && sat
        ? html`<dl class="figures" part="figures" aria-busy=${this.busy ? 'true' : 'false'}>
              <div><dt>${t.received}</dt><dd>${n(s.received)}</dd></div>
              <div><dt>${t.replied}</dt><dd>${n(s.replied)}</dd></div>
              <div><dt>${t.replyRate}</dt><dd>${formatNumber(s.replyRate, l, { style: 'percent', maximumFractionDigits: 1 })}</dd></div>
              <div><dt>${t.median}</dt><dd>${s.medianReplyWorkingDays === null ? t.none : format(t.workingDays, { n: n(s.medianReplyWorkingDays) })}</dd></div>
              <div><dt>${t.overdue}</dt><dd>${n(s.overdue)}</dd></div>
              <div>
                <dt>${t.satisfaction}</dt>
                <dd>
                  ${sat.average === null ? t.none : `${formatNumber(sat.average, l, { maximumFractionDigits: 1 })} · ${satisfactionOf(sat.average, l)}`}
                  <span class="muted">${format(t.ratings, { n: n(sat.count) })}</span>
                </dd>
              </div>
            </dl>
            ${this.#charted?.satisfaction.count ? this.#chart(this.#charted) : nothing}`
        : nothing}`
  }
}
