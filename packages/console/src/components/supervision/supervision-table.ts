// The unit table of the supervision view and its ranking: every cell from COLUMNS, the unit's name
// and a non-zero overdue or supervised (督办) figure as buttons that open the messages behind them
// (drill-down).
import { REVIEW_WORKING_DAYS, type Locale, type UnitFigures } from '@liuyan/core'
import { html, type TemplateResult } from 'lit'
import type { DrillDownFigure } from '../../events.js'
import { format } from '../../i18n.js'
import { COLUMNS, numbersOf, ranking } from './supervision-figures.js'
import type { SupervisionStrings } from './supervision.i18n.js'

export interface TableContext {
  units: readonly UnitFigures[]
  t: SupervisionStrings
  locale: Locale
  open(boardId: string, figure: DrillDownFigure): void
}

const none = (t: SupervisionStrings) => html`<span aria-hidden="true">—</span><span class="visually-hidden">${t.none}</span>`

function cell(u: UnitFigures, key: (typeof COLUMNS)[number], c: TableContext): TemplateResult {
  const n = numbersOf(c.locale)
  const text = key.text(u, n)
  if (text === null) return html`<td>${none(c.t)}</td>`
  if (key.key === 'overdue' && u.overdue > 0) {
    return html`<td class="late"><button type="button" class="link" data-figure="overdue" @click=${() => c.open(u.boardId, 'overdue')}>${text}<span class="visually-hidden">${format(c.t.openOverdue, { name: u.name })}</span></button></td>`
  }
  if (key.key === 'supervised' && u.supervised > 0) {
    return html`<td><button type="button" class="link" data-figure="supervised" @click=${() => c.open(u.boardId, 'supervised')}>${text}<span class="visually-hidden">${format(c.t.openSupervised, { name: u.name })}</span></button></td>`
  }
  if (key.key === 'average') return html`<td>${text}<br /><span class="muted">${format(c.t.ratedBy, { count: n.count(u.satisfaction.count) })}</span></td>`
  return html`<td>${text}</td>`
}

export function unitTable(c: TableContext): TemplateResult {
  const t = c.t
  return html`<p class="muted no-print scroll-hint">${t.scrollHint}</p>
    <div class="table-wrap" role="region" aria-labelledby="units-caption" tabindex="0">
      <table class="units">
        <caption id="units-caption">${t.caption}</caption>
        <thead>
          <tr><th scope="col">${t.colUnit}</th>${COLUMNS.map((k) => html`<th scope="col">${k.heading(t)}</th>`)}</tr>
        </thead>
        <tbody>
          ${c.units.map((u) => html`<tr data-board=${u.boardId}>
            <th scope="row" class=${`unit depth-${Math.min(u.depth, 6)}`}>
              <button type="button" class="link" data-figure="all" aria-label=${format(t.openUnit, { name: u.name })} @click=${() => c.open(u.boardId, 'all')}>${u.name}</button>
            </th>
            ${COLUMNS.map((k) => cell(u, k, c))}
          </tr>`)}
        </tbody>
      </table>
    </div>`
}

export function definitions(t: SupervisionStrings): TemplateResult {
  return html`<details class="definitions" open>
    <summary>${t.definitionsTitle}</summary>
    <ul>${t.definitions.map((d) => html`<li>${format(d, { days: REVIEW_WORKING_DAYS })}</li>`)}</ul>
  </details>`
}

export function rankingList(c: TableContext): TemplateResult {
  const n = numbersOf(c.locale)
  const ranked = ranking(c.units)
  return html`<section class="ranking" aria-labelledby="rank-title">
    <h4 id="rank-title">${c.t.rankTitle}</h4>
    ${ranked.length
      ? html`<ol>${ranked.map((u) => html`<li data-board=${u.boardId}>${format(c.t.rankItem, { name: u.name, rate: n.share(u.replyRate), received: n.count(u.received) })}</li>`)}</ol>`
      : html`<p>${c.t.noRank}</p>`}
    <p class="rule">${c.t.rankRule}</p>
  </section>`
}
