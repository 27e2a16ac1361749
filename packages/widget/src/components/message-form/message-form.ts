import { DOMAINS, LIMITS, MESSAGE_TYPES, validateNewMessage } from '@liuyan/core'
import { html, nothing, type PropertyValues } from 'lit'
import { LiuyanBeforeSubmitEvent, LiuyanSubmittedEvent } from '../../form-events.js'
import { labelsOf, pick } from '../../i18n/index.js'
import { LiuyanFormElement, type FieldValue } from '../../internal/form-element.js'
import { formStyles } from '../../internal/form.styles.js'
import { tokens } from '../../styles/tokens.js'
import { messageFormStrings, type MessageFormStrings } from './message-form.i18n.js'
import { styles } from './message-form.styles.js'

const EMPTY: Record<string, FieldValue> = {
  type: '', domain: '', title: '', content: '', place: '', placePublic: false, nickname: '',
  maskNickname: false, realName: '', phone: '', remark: '', publish: false, website: '',
}
// What a draft keeps. Not the real name, phone and private remark: agency sites are used on shared
// computers (service halls, libraries), and what only the unit may read never belongs on a device
// after the citizen has gone. Not the consent either: it is given when sending, never pre-ticked.
const DRAFT_KEYS = ['type', 'domain', 'title', 'content', 'place', 'placePublic', 'nickname', 'maskNickname']

/** Reads (`value` omitted), writes or (null) removes a stored draft; storage may be blocked or full. */
function storage(key: string, value?: string | null): string | null {
  try {
    if (value === undefined) return localStorage.getItem(key)
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // Without storage the form still works, only without drafts.
  }
  return null
}

/**
 * The citizen's submission form: type and domain, title and text with counters, place, display
 * name, private contact details, a private remark only the handling unit reads (仅办理单位可见),
 * and the consent to publish; core's localized validation inline
 * and in a summary; a draft kept on the device; the tracking code after success.
 *
 * @summary Lets a citizen leave a message for a board and keep its tracking code.
 *
 * @example
 * ```html
 * <liuyan-message-form api="https://board.example.gov.cn/api/v1" board="220100-gov"></liuyan-message-form>
 * ```
 *
 * @slot - Shown above the form, e.g. the board's rules for messages (留言须知).
 *
 * @event {LiuyanBeforeSubmitEvent} liuyan-before-submit - Before sending, with the checked message. Cancelable: `preventDefault()` stops the submission.
 * @event {LiuyanSubmittedEvent} liuyan-submitted - After the message was stored, with its `id` and `trackingCode` only.
 * @event {LiuyanErrorEvent} liuyan-error - A call to the Board API failed (`code`, `message`). What the citizen typed is kept.
 *
 * @csspart form - The `<form>`.
 * @csspart draft - The offer to restore a draft.
 * @csspart summary - The error summary, focused when a check fails.
 * @csspart field - Each field: label, hint, control, counter and error.
 * @csspart counter - A character counter.
 * @csspart error - An inline error message.
 * @csspart private - The real name and phone group with its statement of who sees them.
 * @csspart remark - The private remark (仅办理单位可见) with its statement of who reads it.
 * @csspart consent - The consent to publish and its explanation.
 * @csspart submit - The submit button.
 * @csspart success - The panel shown after success, focused then.
 * @csspart code - The tracking code.
 * @csspart copy - The copy button.
 *
 * @cssproperty --liuyan-message-form-gap - Space between fields. Falls back to twice `--liuyan-space`.
 * @cssproperty --liuyan-message-form-error-color - Errors. Falls back to `--liuyan-color-danger`.
 * @cssproperty --liuyan-message-form-accent-color - Chosen options. Falls back to `--liuyan-color-primary`.
 * @cssproperty --liuyan-message-form-code-font-size - Size of the tracking code. Defaults to `2em`.
 */
export class LiuyanMessageForm extends LiuyanFormElement {
  static override styles = [tokens, formStyles, styles]
  static override properties = {
    ...LiuyanFormElement.properties,
    board: { type: String, reflect: true },
    offer: { state: true },
    sendError: { state: true },
    code: { state: true },
    copied: { state: true },
  }

  /** Id of the board the message is for, e.g. `220100-gov`. Drafts are kept per board. */
  declare board: string
  declare protected offer: Record<string, unknown> | undefined
  declare protected sendError: string
  /** The tracking code after success ('' after a dropped bot submission); undefined while editing. */
  declare protected code: string | undefined
  declare protected copied: string
  // The Idempotency-Key of the body last sent: a retry of the same body after a lost answer is
  // stored once; a changed body gets a new key (the server refuses a reused key with another body).
  #sent: [body: string, key: string] | undefined

  constructor() {
    super()
    this.board = ''
    this.values = { ...EMPTY }
    this.limits = { title: LIMITS.titleMax, content: LIMITS.contentMax, remark: LIMITS.remarkMax }
    this.sendError = ''
    this.copied = ''
  }

  get #key(): string {
    return `liuyan-draft:${this.board}`
  }

  get #t(): MessageFormStrings {
    return pick('messageForm', messageFormStrings, this.locale)
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if (changed.has('board')) {
      try {
        const draft: unknown = JSON.parse(storage(this.#key) ?? 'null')
        this.offer = draft && typeof draft === 'object' ? (draft as Record<string, unknown>) : undefined
      } catch {
        this.offer = undefined
      }
    }
  }

  protected override onInput(event: Event): void {
    super.onInput(event)
    // While the offer is open, the stored draft is kept until the citizen answers it.
    if (this.offer) return
    const draft = Object.fromEntries(DRAFT_KEYS.map((k) => [k, this.values[k]]))
    storage(this.#key, DRAFT_KEYS.some((k) => typeof draft[k] === 'string' && draft[k]) ? JSON.stringify(draft) : null)
  }

  #answer(restore: boolean): void {
    const offer = this.offer ?? {}
    if (restore) {
      const values = { ...this.values }
      for (const k of DRAFT_KEYS) if (typeof offer[k] === typeof EMPTY[k]) values[k] = offer[k] as FieldValue
      this.values = values
      this.announcement = this.#t.restored
    } else storage(this.#key, null)
    this.offer = undefined
    void this.focusField('type')
  }

  #message(): unknown {
    const v = this.values
    const text = (k: string) => String(v[k] ?? '')
    const optional = (k: string) => text(k).trim() || undefined
    return {
      boardId: this.board,
      type: optional('type'),
      domain: optional('domain'),
      title: text('title'),
      content: text('content'),
      ...(optional('place') ? { place: { text: text('place'), public: !!v.placePublic } } : {}),
      author: { nickname: text('nickname'), realName: optional('realName'), phone: optional('phone'), maskNickname: !!v.maskNickname },
      ...(optional('remark') ? { remark: text('remark') } : {}),
      publish: !!v.publish,
      channel: 'web',
    }
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault()
    if (this.busy) return
    this.sendError = ''
    // A filled honeypot is a bot: send nothing and say thanks, so it learns nothing.
    if (this.values.website) return this.#done('')
    const checked = validateNewMessage(this.#message(), { locale: this.locale, labels: { remark: this.#t.remarkName } })
    if (!checked.success) {
      this.showIssues(checked.issues)
      return this.focusOn('#summary')
    }
    this.issues = []
    if (!this.dispatchEvent(new LiuyanBeforeSubmitEvent(checked.data))) return
    const body = JSON.stringify(checked.data)
    if (this.#sent?.[0] !== body) {
      this.#sent = [body, Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')]
    }
    this.busy = true
    this.announcement = this.#t.sending
    try {
      const result = await this.sdk.messages.submit(checked.data, { idempotencyKey: this.#sent[1] })
      this.dispatchEvent(new LiuyanSubmittedEvent(result))
      this.#done(result.trackingCode)
    } catch (error) {
      this.reportError(error)
      this.announcement = ''
      const issues = this.issuesOf(error)
      if (issues.length) {
        this.showIssues(issues)
        void this.focusOn('#summary')
      } else {
        this.sendError = this.failure(error)
        void this.focusOn('#failure')
      }
    } finally {
      this.busy = false
    }
  }

  #done(code: string): void {
    storage(this.#key, null)
    this.#sent = undefined
    this.values = { ...EMPTY }
    this.code = code
    this.copied = ''
    this.announcement = ''
    void this.focusOn('#success')
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.code!)
      this.copied = this.#t.copied
    } catch {
      getSelection()?.selectAllChildren(this.renderRoot.querySelector('#code')!)
      this.copied = this.#t.copyFailed
    }
  }

  #again(): void {
    this.code = undefined
    void this.focusField('type')
  }

  override render() {
    const t = this.#t
    const { locale } = this
    return html`${this.code === undefined
        ? html`${this.offer
              ? html`<div class="panel draft" part="draft">
                  <p>${t.draftFound}</p>
                  <div class="actions">
                    <button type="button" class="primary" @click=${() => this.#answer(true)}>${t.restore}</button>
                    <button type="button" @click=${() => this.#answer(false)}>${t.discard}</button>
                  </div>
                </div>`
              : nothing}
            <slot></slot>
            <form part="form" novalidate @submit=${this.#submit} @input=${this.onInput}>
              ${this.summary()}
              ${this.sendError
                ? html`<div id="failure" class="alert" role="alert" tabindex="-1">
                    <p>${this.sendError}</p>
                    <div class="actions"><button type="submit">${this.strings.retry}</button></div>
                  </div>`
                : nothing}
              ${this.radios('type', t.type, MESSAGE_TYPES.map((k) => [k, labelsOf(locale).messageTypes[k]] as const))}
              ${this.radios('domain', t.domain, DOMAINS.map((k) => [k, labelsOf(locale).domains[k]] as const))}
              ${this.text('title', t.title, { hint: t.titleHint })}
              ${this.text('content', t.content, { rows: 8, hint: t.contentHint })}
              ${this.text('place', t.place, { optional: true, hint: t.placeHint })} ${this.check('placePublic', t.placePublic)}
              ${this.text('nickname', t.nickname, { hint: t.nicknameHint, autocomplete: 'nickname' })} ${this.check('maskNickname', t.maskNickname)}
              <fieldset class="stack" part="private">
                <legend>${t.contact}<span class="muted">${this.strings.optional}</span></legend>
                <p id="private-note" class="hint">${t.privateNote}</p>
                ${this.text('realName', t.realName, { autocomplete: 'name', describe: 'private-note' })}
                ${this.text('phone', t.phone, { type: 'tel', inputmode: 'numeric', autocomplete: 'tel-national', describe: 'private-note' })}
              </fieldset>
              <div part="remark">${this.text('remark', t.remark, { rows: 4, optional: true, hint: t.remarkHint })}</div>
              <div class="field" part="consent">
                ${this.check('publish', t.publish, 'publish-note')}
                <p id="publish-note" class="hint muted">${t.publishNote}</p>
              </div>
              <div class="hp" aria-hidden="true">
                <label for="website">${t.honeypot}</label>
                <input id="website" name="website" tabindex="-1" autocomplete="off" .value=${String(this.values.website)} />
              </div>
              <div class="actions">
                <button type="submit" class="primary" part="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? t.sending : t.submit}</button>
              </div>
            </form>`
        : html`<section id="success" class="panel" part="success" tabindex="-1" aria-labelledby="success-title">
            <h2 id="success-title">${this.code ? t.done : t.thanks}</h2>
            ${this.code
              ? html`<p>${t.codeLabel}</p>
                  <p id="code" class="code" part="code">${this.code.match(/.{1,4}/g)!.map((group) => html`<span>${group}</span>`)}</p>
                  <p>${t.keep}</p>
                  <div class="actions"><button type="button" class="primary" part="copy" @click=${this.#copy}>${t.copy}</button></div>
                  <p role="status">${this.copied}</p>`
              : nothing}
            <div class="actions"><button type="button" @click=${this.#again}>${t.another}</button></div>
          </section>`}
      ${this.live()}`
  }
}
