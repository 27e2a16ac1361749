import { REPLY_TEMPLATE_PLACEHOLDERS, type ReplyTemplate } from '@liuyan/core'
import { css, html, nothing } from 'lit'
import { LiuyanStaffElement } from '../../base.js'
import { format, formatDate, pick } from '../../i18n.js'
import { explain, issuesOf } from '../../internal/failure.js'
import { sharedStrings } from '../../internal/labels.i18n.js'
import { consoleStyles } from '../../styles/console.js'
import { tokens } from '../../styles/tokens.js'
import { templatesStrings } from './templates.i18n.js'

type Draft = { name: string; text: string }

/**
 * The reply templates of a board (标准模板化): its own and those of the boards above it, which a
 * reply may start from; a supervisor adds, changes and removes the templates of the boards of the
 * token (`/boards/{id}/reply-templates`, `/reply-templates/{id}`). The board picker lists the
 * token's boards only.
 *
 * @tag liuyan-templates
 * @fires liuyan-error - A call to the Board API failed.
 */
export class LiuyanTemplates extends LiuyanStaffElement {
  static override styles = [tokens, consoleStyles, css`
    ul.templates { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--liuyan-space, var(--liuyan-sys-space)); }
    ul.templates li { border: 1px solid var(--liuyan-color-border, var(--liuyan-sys-color-border)); border-radius: var(--liuyan-radius, var(--liuyan-sys-radius)); padding: var(--liuyan-space, var(--liuyan-sys-space)); }
    ul.templates h4 { margin: 0; font-size: 1em; }
    .text { white-space: pre-wrap; margin: 4px 0; }
    dl.placeholders { display: grid; grid-template-columns: max-content 1fr; gap: 2px 1em; margin: 0; }
    dl.placeholders dd { margin: 0; }
    form.template { display: grid; gap: var(--liuyan-space, var(--liuyan-sys-space)); max-width: 48rem; }
  `]
  static override properties = {
    ...LiuyanStaffElement.properties,
    boardId: { type: String, attribute: 'board-id', reflect: true },
    items: { state: true },
    draft: { state: true },
    editing: { state: true },
    errors: { state: true },
    alert: { state: true },
    busy: { state: true },
    line: { state: true },
  }

  /** The board whose templates are shown; by default the token's first board. */
  declare boardId: string
  declare protected items: ReplyTemplate[] | undefined
  declare protected draft: Draft
  declare protected editing: ReplyTemplate | undefined
  declare protected errors: Partial<Record<keyof Draft, string>>
  declare protected alert: string
  declare protected busy: boolean
  declare protected line: string

  constructor() {
    super()
    this.boardId = ''
    this.items = undefined
    this.draft = { name: '', text: '' }
    this.editing = undefined
    this.errors = {}
    this.alert = ''
    this.busy = false
    this.line = ''
  }

  protected override firstUpdated(): void {
    void this.#load()
  }

  /** Moves focus to the heading (after navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#templates-title')?.focus()
  }

  get #t() {
    return pick(templatesStrings, this.locale)
  }

  get #canWrite(): boolean {
    return this.principal?.roles.includes('supervisor') ?? false
  }

  async #load() {
    this.busy = true
    try {
      const { principal } = await this.staffContext()
      if (!this.boardId) this.boardId = this.scope[0]?.board.id ?? principal.boardIds[0] ?? ''
      if (!this.boardId) return
      this.items = (await this.sdk.templates.list(this.boardId)).items
    } catch (error) {
      this.reportError(error)
      this.alert = explain(error, pick(sharedStrings, this.locale))
    } finally {
      this.busy = false
    }
  }

  #startEdit(template: ReplyTemplate) {
    this.editing = template
    this.draft = { name: template.name, text: template.text }
    this.errors = {}
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#template-name')?.focus())
  }

  #cancel() {
    this.editing = undefined
    this.draft = { name: '', text: '' }
    this.errors = {}
  }

  async #save(event: Event) {
    event.preventDefault()
    if (this.busy) return
    const t = this.#t
    this.errors = {}
    this.alert = ''
    this.busy = true
    try {
      const saved = this.editing
        ? await this.sdk.templates.update(this.editing.id, this.draft)
        : await this.sdk.templates.create(this.boardId, this.draft)
      const done = format(this.editing ? t.saved : t.created, { name: saved.name })
      this.editing = undefined
      this.draft = { name: '', text: '' }
      this.items = (await this.sdk.templates.list(this.boardId)).items
      // Said once the list shows it: the status line is the sign that the work is done.
      this.line = done
    } catch (error) {
      this.reportError(error)
      const errors: Partial<Record<keyof Draft, string>> = {}
      for (const issue of issuesOf(error)) {
        const field = issue.path[0]
        if (field === 'name' || field === 'text') errors[field] ??= issue.message
      }
      this.errors = errors
      this.alert = explain(error, pick(sharedStrings, this.locale))
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>(errors.name ? '#template-name' : errors.text ? '#template-text' : '#template-alert')?.focus()
    } finally {
      this.busy = false
    }
  }

  async #remove(template: ReplyTemplate) {
    if (this.busy) return
    this.busy = true
    this.alert = ''
    try {
      await this.sdk.templates.delete(template.id)
      if (this.editing?.id === template.id) this.#cancel()
      this.items = (await this.sdk.templates.list(this.boardId)).items
      this.line = format(this.#t.removed, { name: template.name })
    } catch (error) {
      this.reportError(error)
      this.alert = explain(error, pick(sharedStrings, this.locale))
    } finally {
      this.busy = false
    }
    await this.updateComplete
    if (!this.alert) this.focusHeading()
  }

  #item(template: ReplyTemplate, own: boolean) {
    const t = this.#t
    return html`<li>
      <h4>${template.name}</h4>
      <p class="text">${template.text}</p>
      <p class="muted">${own ? nothing : html`${format(t.from, { board: this.boardName(template.boardId) })} · `}${template.updatedBy} · ${formatDate(template.updatedAt, this.locale)}</p>
      ${own && this.#canWrite
        ? html`<div class="row">
            <button type="button" aria-label=${`${t.edit}：${template.name}`} ?disabled=${this.busy} @click=${() => this.#startEdit(template)}>${t.edit}</button>
            <button type="button" aria-label=${`${t.remove}：${template.name}`} ?disabled=${this.busy} @click=${() => void this.#remove(template)}>${t.remove}</button>
          </div>`
        : nothing}
    </li>`
  }

  #form() {
    const t = this.#t
    const field = (name: keyof Draft, label: string) => {
      const error = this.errors[name]
      const id = `template-${name}`
      const set = (e: Event) => (this.draft = { ...this.draft, [name]: (e.target as HTMLInputElement).value })
      const attrs = { invalid: error ? 'true' : 'false', describedBy: [name === 'text' ? 'template-placeholders' : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing }
      return html`<div class="field">
        <label for=${id}>${label}</label>
        ${name === 'text'
          ? html`<textarea id=${id} rows="5" .value=${this.draft.text} aria-invalid=${attrs.invalid} aria-describedby=${attrs.describedBy} @input=${set}></textarea>`
          : html`<input id=${id} type="text" maxlength="40" .value=${this.draft.name} aria-invalid=${attrs.invalid} aria-describedby=${attrs.describedBy} @input=${set} />`}
        ${error ? html`<p id=${`${id}-error`} class="error">${error}</p>` : nothing}
      </div>`
    }
    return html`<form class="template" aria-labelledby="template-form-title" novalidate @submit=${(e: Event) => void this.#save(e)}>
      <h3 id="template-form-title">${this.editing ? format(t.editing, { name: this.editing.name }) : t.create}</h3>
      ${field('name', t.name)} ${field('text', t.text)}
      <div id="template-placeholders">
        <p class="muted">${t.placeholders}</p>
        <dl class="placeholders">${REPLY_TEMPLATE_PLACEHOLDERS.map((p) => html`<dt><code>{${p}}</code></dt><dd>${t.placeholder[p]}</dd>`)}</dl>
      </div>
      ${this.alert ? html`<p id="template-alert" class="alert" role="alert" tabindex="-1">${this.alert}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.editing ? t.save : t.create}</button>
        ${this.editing ? html`<button type="button" @click=${() => this.#cancel()}>${t.cancel}</button>` : nothing}
      </div>
    </form>`
  }

  protected override render() {
    const t = this.#t
    const items = this.items ?? []
    const own = items.filter((i) => i.boardId === this.boardId)
    const inherited = items.filter((i) => i.boardId !== this.boardId)
    return html`<section aria-labelledby="templates-title">
      <h2 id="templates-title" tabindex="-1">${t.title}</h2>
      <p class="muted">${t.intro}</p>
      <div class="field">
        <label for="template-board">${t.board}</label>
        <select id="template-board" .value=${this.boardId} @change=${(e: Event) => ((this.boardId = (e.target as HTMLSelectElement).value), this.#cancel(), void this.#load())}>
          ${this.scope.map((s) => html`<option value=${s.board.id} ?selected=${s.board.id === this.boardId}>${`${'　'.repeat(s.depth)}${s.board.name}`}</option>`)}
        </select>
      </div>
      <h3>${t.own}</h3>
      ${own.length ? html`<ul class="templates">${own.map((i) => this.#item(i, true))}</ul>` : html`<p>${this.items ? t.none : t.loading}</p>`}
      ${inherited.length ? html`<h3>${t.inherited}</h3><ul class="templates">${inherited.map((i) => this.#item(i, false))}</ul>` : nothing}
      ${this.#canWrite ? this.#form() : html`<p class="muted">${t.readOnly}</p>${this.alert ? html`<p class="alert" role="alert">${this.alert}</p>` : nothing}`}
      <p class="status-line" role="status">${this.line}</p>
    </section>`
  }
}
