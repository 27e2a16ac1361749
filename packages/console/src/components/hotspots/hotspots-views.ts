// The two views of <liuyan-hotspots>: the heat table (an HTML table: figures, with bars that
// repeat them) and the list of groups of similar messages with a group's members.
import { DOMAIN_LABELS, DOMAINS, STATUS_LABELS, type Board, type HeatTable, type Locale, type Message, type SimilarGroup } from '@liuyan/core'
import { html, nothing } from 'lit'
import { format, formatDate } from '../../i18n.js'
import type { HotspotsStrings } from './hotspots.i18n.js'

/** A region code for people: the name of a board of that region, with the code. */
export function regionLabel(code: string, boards: readonly Board[]): string {
  const board = boards.find((b) => b.region === code && b.kind === 'agency' && b.level !== 'unit') ?? boards.find((b) => b.region === code)
  return board ? `${board.name}（${code}）` : code
}

/** Bar lengths step by 100 / BAR_STEPS percent: one class each (hotspots.styles.ts). */
export const BAR_STEPS = 20

/**
 * The class of a figure's bar: its length in steps of the largest figure's, at least one. A class,
 * not a style attribute: pages under a strict CSP (style-src 'self', as the demo's) refuse those.
 */
export function barClass(n: number, max: number): string {
  return `w${Math.min(BAR_STEPS, Math.max(1, Math.round((n / max) * BAR_STEPS)))}`
}

export interface HeatView {
  table: HeatTable
  /** '' for all months of the table. */
  month: string
  t: HotspotsStrings
  locale: Locale
  boards: readonly Board[]
  boardName: string
  pickMonth: (month: string) => void
}

export function heatView(v: HeatView) {
  const { t, table, locale } = v
  // The figure of a row: its month's, or all of its months'.
  const at = v.month ? table.months.indexOf(v.month) : -1
  const figureOf = (counts: readonly number[]) => (at >= 0 ? counts[at]! : counts.reduce((a, b) => a + b, 0))
  const rows = table.rows.map((row) => ({ region: row.region, domain: row.domain, n: figureOf(row.counts) })).filter((row) => row.n > 0)
  const months = table.months.filter((_, i) => table.rows.some((row) => row.counts[i]! > 0))
  const regions = [...new Set(rows.map((row) => row.region))]
  const domains = DOMAINS.filter((d) => rows.some((row) => row.domain === d))
  const count = (region: string, domain?: string) => rows.reduce((sum, row) => (row.region === region && (!domain || row.domain === domain) ? sum + row.n : sum), 0)
  const max = Math.max(1, ...regions.flatMap((r) => domains.map((d) => count(r, d))))
  const figure = (n: number) => html`${n || '–'}${n ? html`<span class=${`bar ${barClass(n, max)}`} aria-hidden="true"></span>` : nothing}`
  return html`<section aria-labelledby="heat-title">
    <h3 id="heat-title">${t.heatTitle}</h3>
    <div class="field">
      <label for="heat-month">${t.month}</label>
      <select id="heat-month" .value=${v.month} @change=${(e: Event) => v.pickMonth((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!v.month}>${t.allMonths}</option>
        ${months.map((m) => html`<option value=${m} ?selected=${v.month === m}>${m}</option>`)}
      </select>
    </div>
    ${regions.length === 0
      ? html`<p>${t.heatEmpty}</p>`
      : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="heat-caption">
          <table>
            <caption id="heat-caption">${format(t.heatCaption, { board: v.boardName, from: v.month || table.from, to: v.month || table.to })}</caption>
            <thead>
              <tr>
                <th scope="col">${t.region}</th>
                ${domains.map((d) => html`<th scope="col">${DOMAIN_LABELS[locale][d]}</th>`)}
                <th scope="col">${t.total}</th>
              </tr>
            </thead>
            <tbody>
              ${regions.map(
                (r) => html`<tr>
                  <th scope="row">${regionLabel(r, v.boards)}</th>
                  ${domains.map((d) => html`<td class="n">${figure(count(r, d))}</td>`)}
                  <td class="n"><strong>${count(r)}</strong></td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`}
    <p class="muted">${t.heatNote}</p>
  </section>`
}

export interface GroupsView {
  groups: SimilarGroup[]
  open: string
  members: Message[]
  membersCursor: string | null
  canLink: boolean
  busy: boolean
  t: HotspotsStrings
  locale: Locale
  boards: readonly Board[]
  boardName: (id: string) => string
  toggle: (group: SimilarGroup) => void
  more: () => void
  openCase: (id: string) => void
  link: (message: Message, group: SimilarGroup) => void
}

export function groupsView(v: GroupsView) {
  const { t, locale } = v
  return html`<section aria-labelledby="groups-title">
    <h3 id="groups-title">${t.groupsTitle}</h3>
    <p class="muted">${t.groupsNote}</p>
    ${v.groups.length === 0
      ? html`<p>${t.groupsEmpty}</p>`
      : html`<ol class="groups">
          ${v.groups.map((g) => {
            const open = v.open === g.id
            return html`<li>
              <h4 id=${`g-${g.id}`} tabindex="-1">${g.latest.title}</h4>
              <p><strong>${format(g.more ? t.countMore : t.count, { count: g.count })}</strong> · ${DOMAIN_LABELS[locale][g.latest.domain]} ·
                ${format(t.span, { from: formatDate(g.firstAt, locale, false), to: formatDate(g.lastAt, locale, false) })}</p>
              <p>${t.places}${g.places.map((p) => `${regionLabel(p.region, v.boards)} ${p.count}`).join('；')}</p>
              <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${`gm-${g.id}`} @click=${() => v.toggle(g)}>${open ? t.close : t.open}</button>
              <div id=${`gm-${g.id}`} ?hidden=${!open}>
                ${open ? membersView(v, g) : nothing}
              </div>
            </li>`
          })}
        </ol>`}
  </section>`
}

function membersView(v: GroupsView, group: SimilarGroup) {
  const { t, locale } = v
  return html`<ul class="members" aria-label=${t.members}>
      ${v.members.map(
        (m) => html`<li>
          <p><button type="button" class="link" @click=${() => v.openCase(m.id)}>${m.title}</button>
            ${m.id === group.id ? html`<span class="badge">${t.first}</span>` : nothing}</p>
          <p class="muted">${v.boardName(m.boardId)} · ${STATUS_LABELS[locale][m.status]} · ${formatDate(m.createdAt, locale)}
            ${m.duplicateOf ? html` · ${format(t.duplicateOf, { id: m.duplicateOf === group.id ? t.first : m.duplicateOf })}` : nothing}</p>
          ${v.canLink && m.id !== group.id && m.duplicateOf !== group.id
            ? html`<button type="button" ?disabled=${v.busy} @click=${() => v.link(m, group)}>${t.link}</button>`
            : nothing}
        </li>`,
      )}
    </ul>
    ${v.membersCursor ? html`<button type="button" ?disabled=${v.busy} @click=${() => v.more()}>${t.more}</button>` : nothing}`
}
