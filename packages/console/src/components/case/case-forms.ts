// The action forms of <liuyan-case>: one form per action the token's roles allow now, each field
// bound to a draft the element keeps, so a failed call (or a refused check) loses nothing.
import { REJECT_REASON_TEXTS, REJECT_REASONS, type Locale, type Message, type ReplyTemplate, type StaffAction, type StaffActionName } from '@liuyan/core'
import { html, nothing, type TemplateResult } from 'lit'
import type { ScopedBoard } from '../../internal/scope.js'
import type { SharedStrings } from '../../internal/labels.i18n.js'
import type { LiuyanBoardPicker } from '../board-picker/board-picker.js'
import type { CaseStrings } from './case.i18n.js'

type Kind = 'text' | 'textarea' | 'number' | 'reject-code' | 'board'
interface Field {
  name: string
  kind: Kind
  label: keyof CaseStrings
}

const note: Field = { name: 'note', kind: 'text', label: 'note' }
const reason: Field = { name: 'reason', kind: 'text', label: 'reason' }
const board: Field = { name: 'boardId', kind: 'board', label: 'unitPicker' }
const COPY: [keyof NonNullable<Message['publicCopy']>, keyof CaseStrings][] = [
  ['title', 'copyTitle'], ['content', 'copyContent'], ['nickname', 'copyNickname'], ['place', 'copyPlace'],
]

/** The fields of each action's form, in the order shown (docs/architecture.md §3 says which need a reason). */
const FIELDS: Record<Exclude<StaffActionName, 'redact'>, Field[]> = {
  accept: [note],
  reject: [{ name: 'code', kind: 'reject-code', label: 'rejectCode' }, { name: 'reason', kind: 'textarea', label: 'reasonToAuthor' }],
  assign: [board, note],
  transfer: [board, reason],
  start: [note],
  reply: [{ name: 'content', kind: 'textarea', label: 'replyContent' }],
  extend: [{ name: 'days', kind: 'number', label: 'extendDays' }, reason],
  close: [note],
  supervise: [note],
  remind: [note],
  reopen: [reason],
  publish: [note],
  unpublish: [reason],
  'reissue-code': [reason],
}

/** The author's text each public-copy field replaces; the place only where it may be public. */
function originals(message: Message): [keyof NonNullable<Message['publicCopy']>, keyof CaseStrings, string][] {
  const text = { title: message.title, content: message.content, nickname: message.author.nickname, place: message.place?.public ? message.place.text : undefined }
  return COPY.filter(([name]) => text[name] !== undefined).map(([name, label]) => [name, label, text[name]!])
}

function fieldsOf(name: StaffActionName, message: Message): Field[] {
  if (name !== 'redact') return FIELDS[name]
  return [...originals(message).map(([field, label]): Field => ({ name: field, kind: field === 'content' ? 'textarea' : 'text', label })), note]
}

/** The value a field starts with: the current public copy for a redaction, 5 days for an extension. */
export function initial(name: StaffActionName, field: string, message: Message): string {
  if (name === 'redact') {
    const original = originals(message).find(([f]) => f === field)
    if (original) return message.publicCopy?.[original[0]] ?? original[2]
  }
  if (name === 'extend' && field === 'days') return '5'
  if (name === 'reject' && field === 'code') return REJECT_REASONS[0]
  return ''
}

/**
 * The action as typed. Optional fields left empty are left out; required ones are sent as typed,
 * so the SDK's check (core's schema) names what is missing, in the console's language. A redaction
 * sends only what the reviewer changed: an untouched field shows the author's text, masked as always.
 */
export function buildAction(name: StaffActionName, message: Message, values: Record<string, string>): StaffAction {
  const value = (field: string) => (values[field] ?? initial(name, field, message)).trim()
  const out: Record<string, unknown> = { action: name }
  if (name === 'redact') {
    for (const [field, , original] of originals(message)) if (value(field) && value(field) !== original) out[field] = value(field)
  }
  for (const field of fieldsOf(name, message)) {
    if (name === 'redact' && field.name !== 'note') continue
    const v = value(field.name)
    if (field.name === 'note' && !v) continue
    out[field.name] = field.kind === 'number' ? (/^\d+$/.test(v) ? Number(v) : v) : v
  }
  return out as StaffAction
}

export interface FormContext {
  message: Message
  locale: Locale
  t: CaseStrings
  shared: SharedStrings
  scope: ScopedBoard[]
  size: string | undefined
  theme: string | undefined
  busy: boolean
  draft(name: StaffActionName): Record<string, string>
  errors(name: StaffActionName): Record<string, string>
  alert(name: StaffActionName): string
  set(name: StaffActionName, field: string, value: string): void
  submit(name: StaffActionName): void
  /** The reply templates that apply to the message's handling board (标准模板化). */
  templates: readonly ReplyTemplate[]
  /** The template chosen in the picker ('' for none). */
  template: string
  chooseTemplate(id: string): void
  /** Fills the reply with the chosen template, its placeholders filled for this message. */
  useTemplate(): void
}

/** The template picker above the reply: choose, fill in, then edit the text before sending. */
function templatePicker(c: FormContext): TemplateResult | typeof nothing {
  if (!c.templates.length) return nothing
  return html`<div class="field template">
    <label for="reply-template">${c.t.template}</label>
    <div class="row">
      <select id="reply-template" aria-describedby="reply-template-hint" .value=${c.template} @change=${(e: Event) => c.chooseTemplate((e.target as HTMLSelectElement).value)}>
        <option value="">${c.t.noTemplate}</option>
        ${c.templates.map((t) => html`<option value=${t.id} ?selected=${c.template === t.id}>${t.name}</option>`)}
      </select>
      <button type="button" ?disabled=${!c.template || c.busy} @click=${() => c.useTemplate()}>${c.t.useTemplate}</button>
    </div>
    <p id="reply-template-hint" class="muted">${c.t.templateHint}</p>
  </div>`
}

function control(c: FormContext, name: StaffActionName, field: Field): TemplateResult {
  const id = `${name}-${field.name}`
  const error = c.errors(name)[field.name]
  const value = c.draft(name)[field.name] ?? initial(name, field.name, c.message)
  const label = c.t[field.label]
  const invalid = error ? 'true' : 'false'
  const describedBy = error ? `${id}-error` : nothing
  const set = (e: Event) => c.set(name, field.name, (e.target as HTMLInputElement).value)
  if (field.kind === 'board') {
    return html`<liuyan-board-picker id=${id} label=${label} .boards=${c.scope} .value=${value} .error=${error ?? ''}
      exclude=${c.message.assigneeBoardId ?? c.message.boardId} size=${c.size ?? nothing} theme=${c.theme ?? nothing}
      @change=${(e: Event) => c.set(name, field.name, (e.target as LiuyanBoardPicker).value)}></liuyan-board-picker>`
  }
  const input =
    field.kind === 'textarea'
      ? html`<textarea id=${id} rows="5" .value=${value} aria-invalid=${invalid} aria-describedby=${describedBy} @input=${set}></textarea>`
      : field.kind === 'reject-code'
        ? html`<select id=${id} .value=${value} @change=${set}>
            ${REJECT_REASONS.map((code) => html`<option value=${code} ?selected=${value === code}>${REJECT_REASON_TEXTS[c.locale][code].label}</option>`)}
          </select>`
        : html`<input id=${id} type=${field.kind === 'number' ? 'number' : 'text'} min=${field.kind === 'number' ? 1 : nothing}
            max=${field.kind === 'number' ? 60 : nothing} .value=${value} aria-invalid=${invalid} aria-describedby=${describedBy} @input=${set} />`
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${input}
    ${error ? html`<p id=${`${id}-error`} class="error">${error}</p>` : nothing}
  </div>`
}

/** One action's form, named by the action (`role=form` with the action's label). */
export function actionForm(c: FormContext, name: StaffActionName): TemplateResult {
  const label = c.shared.actions[name]
  const alert = c.alert(name)
  return html`<form class="action" aria-label=${label} novalidate @submit=${(e: Event) => (e.preventDefault(), c.submit(name))}>
    <h4>${label}</h4>
    ${name === 'redact' ? html`<p class="muted">${c.t.redactHint}</p>` : nothing}
    ${name === 'reply' ? templatePicker(c) : nothing}
    ${fieldsOf(name, c.message).map((field) => control(c, name, field))}
    ${alert ? html`<p class="alert" role="alert">${alert}</p>` : nothing}
    <button type="submit" class="primary" ?disabled=${c.busy}>${label}</button>
  </form>`
}
