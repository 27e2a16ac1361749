// What <liuyan-case> shows of a message: the facts, the text and its public copy, the private
// block, the posts and the whole staff timeline with who acted and why.
import { DOMAIN_LABELS, MESSAGE_TYPE_LABELS, REJECT_REASON_TEXTS, ROLE_LABELS, STATUS_LABELS, type Locale, type Message } from '@liuyan/core'
import { html, nothing, type TemplateResult } from 'lit'
import { format, formatDate } from '../../i18n.js'
import { deadlineStanding } from '../../internal/deadline.js'
import type { SharedStrings } from '../../internal/labels.i18n.js'
import type { CaseStrings } from './case.i18n.js'

export interface ViewContext {
  message: Message
  locale: Locale
  t: CaseStrings
  shared: SharedStrings
  now: Date
  boardName(id: string | undefined): string
}

/** Where the message stands with the public (docs/architecture.md §4). */
export function publication(m: Message, t: CaseStrings): string {
  if (!m.publish) return t.noConsent
  if (m.status === 'pending' || m.status === 'rejected') return t.unreviewed
  if (m.hiddenAt) return t.hidden
  return m.publishedAt ? t.published : t.awaiting
}

function deadline(c: ViewContext): TemplateResult | string {
  const { message: m, t } = c
  if (!m.dueAt) return '—'
  const standing = deadlineStanding(m, c.now)
  return html`${formatDate(m.dueAt, c.locale)}${standing
    ? html` <span class=${standing.kind === 'late' ? 'late' : 'muted'}>${format(standing.kind === 'late' ? t.dueLate : t.dueLeft, { days: standing.days })}</span>`
    : nothing}`
}

export function facts(c: ViewContext): TemplateResult {
  const { message: m, t, locale } = c
  return html`<dl>
    <dt>${t.typeDomain}</dt><dd>${MESSAGE_TYPE_LABELS[locale][m.type]} / ${DOMAIN_LABELS[locale][m.domain]}</dd>
    <dt>${t.status}</dt><dd data-testid="status">${STATUS_LABELS[locale][m.status]}${m.supervised ? html`<span class="badge">${t.supervised}</span>` : nothing}</dd>
    <dt>${t.board}</dt><dd>${c.boardName(m.boardId)}</dd>
    <dt>${t.unit}</dt><dd>${m.assigneeBoardId ? c.boardName(m.assigneeBoardId) : t.unassigned}</dd>
    <dt>${t.due}</dt><dd data-testid="due">${deadline(c)}</dd>
    <dt>${t.publication}</dt><dd data-testid="publication">${publication(m, t)}</dd>
  </dl>`
}

export function text(c: ViewContext): TemplateResult {
  const { message: m, t, locale } = c
  const copy = m.publicCopy
  const labels = [['title', t.copyTitle], ['content', t.copyContent], ['place', t.copyPlace], ['nickname', t.copyNickname]] as const
  return html`<h3>${t.content}</h3>
    <p class="content">${m.content}</p>
    ${copy
      ? html`<section class="public-copy" aria-labelledby="copy-title">
          <h3 id="copy-title">${t.publicCopy}</h3>
          <dl>${labels.map(([k, label]) => (copy[k] ? html`<dt>${label}</dt><dd>${copy[k]}</dd>` : nothing))}</dl>
        </section>`
      : nothing}
    ${m.rejection
      ? html`<p><strong>${t.rejection}</strong>：${REJECT_REASON_TEXTS[locale][m.rejection.code].label}。${m.rejection.reason}</p>`
      : nothing}`
}

export function privateBlock(c: ViewContext): TemplateResult {
  const { message: m, t } = c
  return html`<section class="private" aria-labelledby="private-title">
    <h3 id="private-title">${t.private}</h3>
    <dl>
      <dt>${t.nickname}</dt><dd>${m.author.nickname}</dd>
      <dt>${t.realName}</dt><dd>${m.author.realName ?? t.none}</dd>
      <dt>${t.phone}</dt><dd>${m.author.phone ?? t.none}</dd>
      <dt>${t.place}</dt><dd>${m.place ? `${m.place.text}${m.place.public ? t.placePublic : t.placePrivate}` : t.none}</dd>
      <dt>${t.remark}</dt><dd>${m.remark ?? t.none}</dd>
    </dl>
  </section>`
}

export function posts(c: ViewContext): TemplateResult | typeof nothing {
  const { message: m, t, locale } = c
  if (!m.posts.length) return nothing
  return html`<h3>${t.posts}</h3>
    <ol class="posts">
      ${m.posts.map(
        (p) => html`<li>
          <p class="muted">${p.kind === 'reply' ? format(t.reply, { organization: p.organization }) : t.followUp} · ${formatDate(p.createdAt, locale)}</p>
          <p>${p.content}</p>
        </li>`,
      )}
    </ol>`
}

/** The whole staff timeline: each event with its time, who acted (the token's label and role) and why. */
export function timeline(c: ViewContext): TemplateResult {
  const { message: m, t, locale, shared } = c
  return html`<h3>${t.timeline}</h3>
    <ol class="timeline">
      ${m.timeline.map((e) => {
        const who = e.actor.name ? format(t.by, { name: e.actor.name, role: ROLE_LABELS[locale][e.actor.role] }) : ROLE_LABELS[locale][e.actor.role]
        const extra = [
          e.boardId ? `→ ${c.boardName(e.boardId)}` : '',
          e.days ? format(t.days, { days: e.days }) : '',
          e.reasonCode ? REJECT_REASON_TEXTS[locale][e.reasonCode].label : '',
          e.to && e.from !== e.to ? STATUS_LABELS[locale][e.to] : '',
        ].filter(Boolean)
        return html`<li>
          <span class="muted">${formatDate(e.at, locale)}</span>
          <strong>${shared.events[e.type]}</strong>
          <span>${who}</span>${extra.length ? html` <span>${extra.join(' · ')}</span>` : nothing}
          ${e.note ? html`<div class="note">${e.note}</div>` : nothing}
        </li>`
      })}
    </ol>`
}
