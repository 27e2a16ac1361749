// The two layouts of the inbox's messages: a table, and cards for a narrow container (the
// container query in inbox.styles.ts shows one of them). Both render the same cells.
import { DOMAIN_LABELS, MESSAGE_TYPE_LABELS, STATUS_LABELS, type Locale, type Message } from '@liuyan/core'
import { html, nothing, type TemplateResult } from 'lit'
import { format, formatDate } from '../../i18n.js'
import { deadlineStanding } from '../../internal/deadline.js'
import type { InboxStrings } from './inbox.i18n.js'

export interface RowsContext {
  items: Message[]
  selected: ReadonlySet<string>
  t: InboxStrings
  locale: Locale
  now: Date
  boardName(id: string | undefined): string
  toggle(id: string, on: boolean): void
  open(id: string): void
}

function status(m: Message, c: RowsContext): TemplateResult {
  return html`${STATUS_LABELS[c.locale][m.status]}${m.supervised ? html`<span class="badge">${c.t.supervised}</span>` : nothing}`
}

function due(m: Message, c: RowsContext): TemplateResult {
  const standing = deadlineStanding(m, c.now)
  return html`${formatDate(m.dueAt, c.locale, false) || '—'}${standing
    ? html`<br /><span class=${standing.kind === 'late' ? 'late' : 'muted'}>${format(standing.kind === 'late' ? c.t.dueLate : c.t.dueLeft, { days: standing.days })}</span>`
    : nothing}`
}

const unit = (m: Message, c: RowsContext) => (m.assigneeBoardId ? c.boardName(m.assigneeBoardId) : c.t.unassigned)

function pickBox(m: Message, c: RowsContext, prefix: string): TemplateResult {
  return html`<input type="checkbox" id=${`${prefix}-${m.id}`} aria-label=${format(c.t.select, { title: m.title })}
    .checked=${c.selected.has(m.id)} @change=${(e: Event) => c.toggle(m.id, (e.target as HTMLInputElement).checked)} />`
}

export function tableView(c: RowsContext): TemplateResult {
  return html`<div class="table-wrap">
    <table>
      <caption class="visually-hidden">${c.t.caption}</caption>
      <thead>
        <tr>
          <th scope="col"><span class="visually-hidden">${c.t.colSelect}</span></th>
          <th scope="col">${c.t.colTitle}</th>
          <th scope="col">${c.t.colType}</th>
          <th scope="col">${c.t.colStatus}</th>
          <th scope="col">${c.t.colUnit}</th>
          <th scope="col">${c.t.colCreated}</th>
          <th scope="col">${c.t.colDue}</th>
        </tr>
      </thead>
      <tbody>
        ${c.items.map(
          (m) => html`<tr data-id=${m.id}>
            <td>${pickBox(m, c, 'row')}</td>
            <td><button type="button" class="link" @click=${() => c.open(m.id)}>${m.title}</button><br /><span class="muted">${c.boardName(m.boardId)}</span></td>
            <td>${MESSAGE_TYPE_LABELS[c.locale][m.type]} · ${DOMAIN_LABELS[c.locale][m.domain]}</td>
            <td>${status(m, c)}</td>
            <td>${unit(m, c)}</td>
            <td class="when">${formatDate(m.createdAt, c.locale)}</td>
            <td class="when">${due(m, c)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`
}

export function cardsView(c: RowsContext): TemplateResult {
  return html`<ul class="cards" aria-label=${c.t.caption}>
    ${c.items.map(
      (m) => html`<li class="card" data-id=${m.id}>
        <div class="row">
          ${pickBox(m, c, 'card')}
          <h3><button type="button" class="link" @click=${() => c.open(m.id)}>${m.title}</button></h3>
        </div>
        <dl class="meta">
          <dt>${c.t.colStatus}</dt><dd>${status(m, c)}</dd>
          <dt>${c.t.colType}</dt><dd>${MESSAGE_TYPE_LABELS[c.locale][m.type]} · ${DOMAIN_LABELS[c.locale][m.domain]}</dd>
          <dt>${c.t.colUnit}</dt><dd>${unit(m, c)}</dd>
          <dt>${c.t.colCreated}</dt><dd>${formatDate(m.createdAt, c.locale)}</dd>
          <dt>${c.t.colDue}</dt><dd>${due(m, c)}</dd>
        </dl>
      </li>`,
    )}
  </ul>`
}
