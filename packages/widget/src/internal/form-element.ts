import { createPublicClient, isAPIError, isRateLimitError, isValidationError, type PublicClient } from '@liuyan/client'
import type { ValidationIssue } from '@liuyan/core'
import { html, nothing, type TemplateResult } from 'lit'
import { LiuyanElement } from '../base.js'
import { format, pick } from '../i18n/index.js'
import { formStrings, type FormStrings } from './form.i18n.js'
import { failureKind } from './failure.js'

/** A value of a named control: text, a radio's value, or a checkbox's state. */
export type FieldValue = string | boolean

/** Options of {@link LiuyanFormElement.text}. */
export interface TextOptions {
  /** Rows of a textarea; without it, a one-line input. */
  rows?: number
  hint?: string
  optional?: boolean
  /** Ids of further descriptions, e.g. a note shared by several fields. */
  describe?: string
  type?: string
  autocomplete?: string
  inputmode?: string
  /** Typed exactly as written (codes): no spell check, no automatic capitals. */
  verbatim?: boolean
}

/** Characters as core counts them: Unicode code points after trimming (an emoji is one). */
export const count = (value: string): number => [...value.trim()].length

/**
 * The machinery the citizen's forms share: values bound to named controls (one delegated `input`
 * listener), counters counted as core counts, inline errors and an error summary, a polite live
 * region, and API failures turned into sentences that say what to do. Not registered as a tag.
 */
export class LiuyanFormElement extends LiuyanElement {
  static override properties = {
    ...LiuyanElement.properties,
    values: { state: true },
    issues: { state: true },
    announcement: { state: true },
    busy: { state: true },
  }

  /** What the citizen typed, by control name. */
  declare protected values: Record<string, FieldValue>
  /** Problems of the last check: the control's name and a sentence for the citizen. */
  declare protected issues: [name: string, message: string][]
  /** Text of the polite live region. */
  declare protected announcement: string
  /** A call to the API is running. */
  declare protected busy: boolean
  /** Limits of the counted controls, in code points. */
  declare protected limits: Record<string, number>
  /** Inline errors are alerts themselves where no error summary announces them. */
  declare protected alertErrors: boolean
  /** The SDK's client (see `clientWith`): the form's chunk brings the SDK, the first view does not. */
  protected get sdk(): PublicClient {
    return this.clientWith(createPublicClient)
  }

  // Where each counted control was last announced: 0 fine, 1 close to the limit, 2 over it. Only a
  // change is announced, so a screen reader is not interrupted on every keystroke.
  #zones: Record<string, number> = {}

  constructor() {
    super()
    this.values = {}
    this.issues = []
    this.announcement = ''
    this.busy = false
    this.limits = {}
    this.alertErrors = false
  }

  protected get strings(): FormStrings {
    return pick('form', formStrings, this.locale)
  }

  protected onInput(event: Event): void {
    const target = event.target as HTMLInputElement
    const { name } = target
    if (!name) return
    this.values = { ...this.values, [name]: target.type === 'checkbox' ? target.checked : target.value }
    const max = this.limits[name]
    if (!max) return
    const n = count(target.value)
    const zone = n > max ? 2 : max - n <= Math.ceil(max / 10) ? 1 : 0
    if (zone !== (this.#zones[name] ?? 0)) {
      this.#zones[name] = zone
      this.announcement = zone ? format(zone > 1 ? this.strings.over : this.strings.near, { n: Math.abs(max - n) }) : ''
    }
  }

  /** Shows issues (from core's validation or a 422 answer) on their controls. */
  protected showIssues(issues: readonly ValidationIssue[], rename: Record<string, string> = {}): void {
    this.issues = issues.map((issue) => {
      const keys = issue.path.filter((p): p is string => typeof p === 'string')
      let key = keys.pop() ?? ''
      if (key === 'text') key = keys.pop() ?? key
      return [rename[key] ?? key, issue.message]
    })
  }

  /** The validation issues an error carries (client-side check or the server's 4xx), if any. */
  protected issuesOf(error: unknown): ValidationIssue[] {
    return isValidationError(error) || isAPIError(error) ? error.issues : []
  }

  /** A sentence for a failed call that says what to do. */
  protected failure(error: unknown): string {
    const s = this.strings
    const kind = failureKind(error)
    if (kind === 'offline') return s.offline
    if (kind === 'rateLimited') return format(s.rateLimited, { s: (isRateLimitError(error) ? error.retryAfter : undefined) ?? 60 })
    return kind === 'server' ? s.server : s.failed
  }

  /** Moves focus to the element matching `selector` once rendered. */
  protected async focusOn(selector: string): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  /** Moves focus to a control by name (a radio group's checked option, else its first). */
  protected async focusField(name: string): Promise<void> {
    await this.updateComplete
    const find = (selector: string) => this.renderRoot.querySelector<HTMLElement>(selector)
    ;(find(`[name=${name}]:checked`) ?? find(`[name=${name}]`))?.focus()
  }

  protected errorOf(name: string): string | undefined {
    return this.issues.find((issue) => issue[0] === name)?.[1]
  }

  protected error(name: string): TemplateResult | typeof nothing {
    const message = this.errorOf(name)
    return message ? html`<p id="${name}-error" class="error" part="error" role=${this.alertErrors ? 'alert' : nothing}>${message}</p>` : nothing
  }

  /** A labelled input or textarea bound to `values[name]`, with its hint, counter and error. */
  protected text(name: string, label: string, o: TextOptions = {}): TemplateResult {
    const value = String(this.values[name] ?? '')
    const max = this.limits[name]
    const n = count(value)
    const error = this.errorOf(name)
    const describedBy = [error && `${name}-error`, max && `${name}-count`, o.hint && `${name}-hint`, o.describe].filter(Boolean).join(' ') || nothing
    const invalid = error ? 'true' : 'false'
    return html`<div class="field" part="field">
      <label for=${name}>${label}${o.optional ? html`<span class="muted">${this.strings.optional}</span>` : nothing}</label>
      ${o.hint ? html`<p id="${name}-hint" class="hint muted">${o.hint}</p>` : nothing}
      ${o.rows
        ? html`<textarea id=${name} name=${name} rows=${o.rows} .value=${value} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea>`
        : html`<input id=${name} name=${name} type=${o.type ?? 'text'} autocomplete=${o.autocomplete ?? 'off'} inputmode=${o.inputmode ?? nothing} spellcheck=${o.verbatim ? 'false' : nothing} autocapitalize=${o.verbatim ? 'off' : nothing} .value=${value} aria-invalid=${invalid} aria-describedby=${describedBy} />`}
      ${max
        ? html`<p id="${name}-count" class="counter" part="counter" ?data-over=${n > max}>${n} / ${max}${n > max ? html` · ${format(this.strings.over, { n: n - max })}` : nothing}</p>`
        : nothing}
      ${this.error(name)}
    </div>`
  }

  /** A group of radio buttons; each whole option row is the target. */
  protected radios(name: string, legend: string, options: readonly (readonly [string, string])[]): TemplateResult {
    const error = this.errorOf(name)
    return html`<fieldset class="field" part="field" aria-describedby=${error ? `${name}-error` : nothing}>
      <legend>${legend}</legend>
      <div class="options">
        ${options.map(
          ([value, label]) =>
            html`<label class="check option"><input type="radio" name=${name} value=${value} .checked=${this.values[name] === value} aria-invalid=${error ? 'true' : 'false'} />${label}</label>`,
        )}
      </div>
      ${this.error(name)}
    </fieldset>`
  }

  /** A checkbox whose whole row is the target. */
  protected check(name: string, label: unknown, describedBy?: string): TemplateResult {
    return html`<label class="check" part="field"><input type="checkbox" name=${name} .checked=${!!this.values[name]} aria-describedby=${describedBy ?? nothing} />${label}</label>`
  }

  /** The error summary: a heading and one button per problem that moves focus to its control. */
  protected summary(): TemplateResult | typeof nothing {
    const { issues } = this
    if (!issues.length) return nothing
    return html`<div id="summary" class="summary" part="summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
      <h2 id="summary-title">${format(this.strings.summary, { n: issues.length })}</h2>
      <ul>
        ${issues.map(
          ([name, message]) =>
            html`<li>${name in this.values ? html`<button type="button" class="link" @click=${() => this.focusField(name)}>${message}</button>` : message}</li>`,
        )}
      </ul>
    </div>`
  }

  /** The polite live region (counters near or over their limit, short confirmations). */
  protected live(): TemplateResult {
    return html`<p class="visually-hidden" role="status">${this.announcement}</p>`
  }
}
