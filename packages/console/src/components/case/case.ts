import { fillReplyTemplate, replyTemplateValues, STATUS_LABELS, type Message, type ReplyTemplate, type StaffActionName } from '@liuyan/core'
import { html, nothing, type PropertyValues } from 'lit'
import { LiuyanStaffElement } from '../../base.js'
import { LiuyanActedEvent } from '../../events.js'
import { format, pick } from '../../i18n.js'
import { allowedFor } from '../../internal/allowed.js'
import { explain, issuesOf } from '../../internal/failure.js'
import { sharedStrings } from '../../internal/labels.i18n.js'
import { consoleStyles } from '../../styles/console.js'
import { tokens } from '../../styles/tokens.js'
import { actionForm, buildAction, type FormContext } from './case-forms.js'
import { facts, posts, privateBlock, text, timeline, type ViewContext } from './case-view.js'
import { caseStrings } from './case.i18n.js'
import { caseStyles } from './case.styles.js'

/**
 * One message as its handler sees it (办理): the facts and deadline in working days, the text and
 * its public copy, the private block (real name, phone, remark, place), the posts, the whole staff
 * timeline with who acted (the token's label) and why, and a form for each action the token's
 * roles allow now (core's `allowedActions`). A form keeps what was typed when a check or a call
 * fails, and shows the localized reasons beside the fields. The reply can start from a reply
 * template of the handling board or a board above it (标准模板化), its placeholders filled by
 * core's `fillReplyTemplate` and the text editable before it is sent.
 *
 * @tag liuyan-case
 * @fires liuyan-acted - An action succeeded (`id`, `action`, `status`).
 * @fires liuyan-error - A call to the Board API failed.
 */
export class LiuyanCase extends LiuyanStaffElement {
  static override styles = [tokens, consoleStyles, caseStyles]
  static override properties = {
    ...LiuyanStaffElement.properties,
    messageId: { type: String, attribute: 'message-id', reflect: true },
    message: { state: true },
    failure: { state: true },
    busy: { state: true },
    drafts: { state: true },
    errors: { state: true },
    alerts: { state: true },
    line: { state: true },
    templates: { state: true },
    template: { state: true },
  }

  /** The id of the message to show. */
  declare messageId: string
  declare protected message: Message | undefined
  declare protected failure: string
  declare protected busy: boolean
  declare protected drafts: Partial<Record<StaffActionName, Record<string, string>>>
  declare protected errors: Partial<Record<StaffActionName, Record<string, string>>>
  declare protected alerts: Partial<Record<StaffActionName, string>>
  declare protected line: string
  declare protected templates: ReplyTemplate[]
  declare protected template: string
  #seq = 0

  constructor() {
    super()
    this.messageId = ''
    this.message = undefined
    this.failure = ''
    this.busy = false
    this.drafts = {}
    this.errors = {}
    this.alerts = {}
    this.line = ''
    this.templates = []
    this.template = ''
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if (changed.has('messageId')) {
      this.drafts = {}
      this.errors = {}
      this.alerts = {}
      this.line = ''
      void this.#load()
    }
  }

  /** Moves focus to the message's heading (after navigation). */
  async focusHeading(): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#case-title')?.focus()
  }

  async #load() {
    const seq = ++this.#seq
    if (!this.messageId) {
      this.message = undefined
      return
    }
    this.busy = true
    this.failure = ''
    try {
      await this.staffContext()
      const message = await this.sdk.inbox.get(this.messageId)
      if (seq === this.#seq) this.message = message
      if (seq === this.#seq) void this.#loadTemplates(message, seq)
    } catch (error) {
      if (seq !== this.#seq) return
      this.reportError(error)
      this.message = undefined
      this.failure = explain(error, pick(sharedStrings, this.locale))
    } finally {
      if (seq === this.#seq) this.busy = false
    }
  }

  /** The templates of the handling board (the assigned unit when it is the token's, else the board). */
  async #loadTemplates(message: Message, seq: number) {
    this.templates = []
    this.template = ''
    const mine = this.principal?.boardIds ?? []
    const board = [message.assigneeBoardId, message.boardId].find((id) => id !== undefined && mine.includes(id))
    if (!board) return
    try {
      const { items } = await this.sdk.templates.list(board)
      if (seq === this.#seq) this.templates = items
    } catch (error) {
      // The reply works without templates; the failure is reported to the page all the same.
      this.reportError(error)
    }
  }

  #useTemplate() {
    const m = this.message
    const chosen = this.templates.find((t) => t.id === this.template)
    if (!m || !chosen) return
    const unit = this.boardName(m.assigneeBoardId ?? m.boardId)
    const content = fillReplyTemplate(chosen.text, replyTemplateValues(m, { unit, now: new Date(), locale: this.locale }))
    this.drafts = { ...this.drafts, reply: { ...this.drafts.reply, content } }
    this.line = format(pick(caseStrings, this.locale).templateUsed, { name: chosen.name })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('#reply-content')?.focus())
  }

  async #submit(name: StaffActionName) {
    const message = this.message
    if (!message || this.busy) return
    const shared = pick(sharedStrings, this.locale)
    const action = buildAction(name, message, this.drafts[name] ?? {})
    this.errors = { ...this.errors, [name]: {} }
    this.alerts = { ...this.alerts, [name]: '' }
    this.busy = true
    try {
      const { trackingCode, ...updated } = await this.sdk.messages.act(message.id, action)
      this.message = updated
      const drafts = { ...this.drafts }
      delete drafts[name]
      this.drafts = drafts
      const done = format(shared.done, { action: shared.actions[name], title: updated.title, status: STATUS_LABELS[this.locale][updated.status] })
      // A new tracking code is shown this once: the server keeps only its hash.
      this.line = trackingCode ? `${done} ${format(pick(caseStrings, this.locale).newCode, { code: trackingCode })}` : done
      this.dispatchEvent(new LiuyanActedEvent(updated.id, name, updated.status))
    } catch (error) {
      this.reportError(error)
      const fields: Record<string, string> = {}
      for (const issue of issuesOf(error)) fields[String(issue.path[0] ?? '')] ??= issue.message
      const root = fields['']
      delete fields['']
      delete fields.action
      this.errors = { ...this.errors, [name]: fields }
      this.alerts = { ...this.alerts, [name]: root ? `${explain(error, shared)} ${root}` : explain(error, shared) }
      this.busy = false
      await this.updateComplete
      // Focus the first field in error, else the form's alert, so the reason is read out.
      const form = this.renderRoot.querySelector<HTMLFormElement>(`form[aria-label="${shared.actions[name]}"]`)
      const first = Object.keys(fields)[0]
      const target = (first && form?.querySelector<HTMLElement>(`#${name}-${first}`)) || form?.querySelector<HTMLElement>('[role="alert"]')
      if (target && !target.hasAttribute('tabindex') && target.getAttribute('role') === 'alert') target.setAttribute('tabindex', '-1')
      target?.focus()
      return
    }
    this.busy = false
  }

  protected override render() {
    const t = pick(caseStrings, this.locale)
    const shared = pick(sharedStrings, this.locale)
    const m = this.message
    // One heading for every state, so focus put on it survives the load.
    const title = m ? m.title : this.busy ? t.loading : this.failure ? t.loadFailed : t.empty
    return html`<section id="detail" aria-labelledby="case-title">
      <h2 id="case-title" tabindex="-1">${title}</h2>
      ${this.failure ? html`<p class="alert" role="alert">${this.failure}</p>` : nothing}
      ${m ? this.#body(m) : nothing}
    </section>`
  }

  #body(m: Message) {
    const t = pick(caseStrings, this.locale)
    const shared = pick(sharedStrings, this.locale)
    const view: ViewContext = { message: m, locale: this.locale, t, shared, now: new Date(), boardName: (id) => this.boardName(id) }
    const names = allowedFor(m, this.principal?.roles ?? [])
    const forms: FormContext = {
      message: m, locale: this.locale, t, shared, scope: this.scope, size: this.size, theme: this.theme, busy: this.busy,
      draft: (name) => this.drafts[name] ?? {},
      errors: (name) => this.errors[name] ?? {},
      alert: (name) => this.alerts[name] ?? '',
      set: (name, field, value) => (this.drafts = { ...this.drafts, [name]: { ...this.drafts[name], [field]: value } }),
      submit: (name) => void this.#submit(name),
      templates: this.templates,
      template: this.template,
      chooseTemplate: (id) => (this.template = id),
      useTemplate: () => this.#useTemplate(),
    }
    return html`
      ${facts(view)} ${text(view)} ${privateBlock(view)} ${posts(view)} ${timeline(view)}
      <section aria-labelledby="actions-title">
        <h3 id="actions-title">${t.actions}</h3>
        ${names.length ? html`<div class="forms">${names.map((name) => actionForm(forms, name))}</div>` : html`<p>${t.noActions}</p>`}
      </section>
      <p id="status-line" class="status-line" role="status">${this.line}</p>`
  }
}
