import { isAPIError, isNotFoundError } from '@liuyan/client'
import {
  LIMITS,
  NewEvaluationSchema,
  NewFollowUpSchema,
  normalizeTrackingCode,
  validate,
  VALIDATION_MESSAGES,
  type Evaluation,
  type PublicMessage,
  type TrackedRejection,
  type TrackedMessage,
} from '@liuyan/core'
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { labelsOf, pick, satisfactionOf } from '../../i18n/index.js'
import { LiuyanFormElement, type FieldValue } from '../../internal/form-element.js'
import { formStyles } from '../../internal/form.styles.js'
import { tokens } from '../../styles/tokens.js'
import { trackingStrings, type TrackingStrings } from './tracking.i18n.js'
import { styles } from './tracking.styles.js'

const SCORES = ['overall', 'resolution', 'attitude', 'speed'] as const
const EMPTY: Record<string, FieldValue> = { followUp: '', overall: '', resolution: '', attitude: '', speed: '', comment: '' }

/** Where the message stands with the public, as a key of {@link TrackingStrings}. */
type Listing = 'listed' | 'awaiting' | 'unlisted' | 'withdrawn' | 'refused'

function listingOf(m: TrackedMessage): Listing {
  if (!m.publish) return 'unlisted'
  if (m.listed) return 'listed'
  if (m.status === 'rejected') return 'refused'
  // Hidden since (撤下) when the latest of the publish and unpublish events is an unpublish.
  const last = m.timeline.filter((e) => e.type === 'publish' || e.type === 'unpublish').pop()
  return last?.type === 'unpublish' ? 'withdrawn' : 'awaiting'
}

/**
 * The author's view by tracking code (查询码), without an account: the status, whether the public
 * can see the message now, why it was refused (the standard reason explained, the reviewer's words
 * and where to turn), the thread, a follow-up question while the message is open or answered, and
 * the rating, once, after a reply.
 *
 * @summary Lets the author look up their message by tracking code, follow up and rate the reply.
 *
 * @example
 * ```html
 * <liuyan-tracking api="https://board.example.gov.cn/api/v1"></liuyan-tracking>
 * ```
 *
 * @slot - Shown below the lookup form, e.g. whom to call when the code is lost.
 *
 * @event {LiuyanErrorEvent} liuyan-error - A call to the Board API failed (`code`, `message`), an unknown code included.
 *
 * @csspart lookup - The code lookup form.
 * @csspart field - Each field: label, hint, control, counter and error.
 * @csspart counter - A character counter.
 * @csspart error - An inline error message.
 * @csspart result - The author's view, focused after a lookup.
 * @csspart rejection - Why the message was refused, and where to turn.
 * @csspart thread - The `<liuyan-thread>` showing the message and its replies.
 * @csspart follow-up - The follow-up form.
 * @csspart rating - The rating form.
 * @csspart rated - The scores once rated.
 *
 * @cssproperty --liuyan-tracking-gap - Space between fields. Falls back to twice `--liuyan-space`.
 * @cssproperty --liuyan-tracking-error-color - Errors. Falls back to `--liuyan-color-danger`.
 * @cssproperty --liuyan-tracking-accent-color - Chosen scores and panels. Falls back to `--liuyan-color-primary`.
 */
export class LiuyanTracking extends LiuyanFormElement {
  static override styles = [tokens, formStyles, styles]
  static override properties = {
    ...LiuyanFormElement.properties,
    code: { type: String },
    tracked: { state: true },
    failed: { state: true },
    done: { state: true },
  }

  /** A tracking code to look up at once, e.g. from a link the page built. Spaces and hyphens are fine. */
  declare code: string
  declare protected tracked: TrackedMessage | undefined
  /** A failed call: the form it belongs to, a sentence, and whether retrying may help. */
  declare protected failed: [form: string, message: string, retry: boolean] | undefined
  /** A visible confirmation in the result (follow-up sent, rating received). */
  declare protected done: string
  // What the thread shows: the tracked message without the rating, which the result shows itself
  // (with "you have rated"); kept per message so the thread is not re-rendered on every keystroke.
  #shown: [TrackedMessage, PublicMessage] | undefined

  constructor() {
    super()
    this.code = ''
    this.values = { code: '', ...EMPTY }
    this.limits = { followUp: LIMITS.followUpMax, comment: LIMITS.commentMax }
    this.alertErrors = true
    this.done = ''
  }

  get #t(): TrackingStrings {
    return pick('tracking', trackingStrings, this.locale)
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if (changed.has('code') && this.code) {
      this.values = { ...this.values, code: this.code }
      void this.#lookup(false)
    }
  }

  async #lookup(focus = true): Promise<void> {
    const code = normalizeTrackingCode(String(this.values.code))
    this.failed = undefined
    if (!code) {
      this.#clear()
      this.issues = [['code', VALIDATION_MESSAGES[this.locale].invalidTrackingCode]]
      if (focus) void this.focusField('code')
      return
    }
    const found = await this.#call('lookup', () => this.sdk.tracking.get(code))
    if (found) {
      this.values = { ...this.values, ...EMPTY }
      this.done = ''
      if (focus) void this.focusOn('#result')
    } else {
      // The message of an earlier code must not stay under the error, as if it were this code's.
      this.#clear()
      if (focus) void this.focusField('code')
    }
  }

  #clear(): void {
    this.tracked = undefined
    this.values = { ...this.values, ...EMPTY }
    this.done = ''
  }

  async #followUp(): Promise<void> {
    const checked = validate(NewFollowUpSchema, { content: String(this.values.followUp) }, { locale: this.locale, labels: { content: this.#t.followUpLabel } })
    if (!checked.success) return this.#invalid(checked.issues)
    if (await this.#call('followUp', () => this.sdk.tracking.followUp(this.tracked!.trackingCode, checked.data))) {
      this.values = { ...this.values, followUp: '' }
      this.done = this.#t.followUpSent
    }
  }

  async #rate(): Promise<void> {
    const v = this.values
    const input = Object.fromEntries(SCORES.map((k) => [k, v[k] ? Number(v[k]) : undefined]))
    const checked = validate(NewEvaluationSchema, { ...input, comment: String(v.comment).trim() || undefined }, { locale: this.locale })
    if (!checked.success) return this.#invalid(checked.issues)
    if (await this.#call('rating', () => this.sdk.tracking.evaluate(this.tracked!.trackingCode, checked.data))) {
      this.done = this.#t.ratedThanks
      void this.focusOn('#rated')
    }
  }

  #invalid(issues: Parameters<LiuyanFormElement['showIssues']>[0]): Promise<void> {
    this.failed = undefined
    this.showIssues(issues, { content: 'followUp' })
    return this.focusField(this.issues[0]![0])
  }

  /** Runs one call; on success shows its answer, else says what went wrong and what to do. */
  async #call(form: string, run: () => Promise<TrackedMessage>): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.failed = undefined
    this.issues = []
    try {
      this.tracked = await run()
      return true
    } catch (error) {
      this.reportError(error)
      const t = this.#t
      const issues = this.issuesOf(error)
      if (form === 'lookup' && isNotFoundError(error)) this.issues = [['code', t.notFound]]
      else if (isAPIError(error) && error.status === 409) {
        // Rated already, or the status moved on (e.g. closed): show the message as it is now.
        this.failed = ['result', form === 'rating' ? t.alreadyRated : t.conflict, false]
        this.tracked = await this.sdk.tracking.get(this.tracked!.trackingCode).catch(() => this.tracked)
        void this.focusOn('#result-alert')
      } else if (issues.length) this.showIssues(issues, { content: 'followUp' })
      else this.failed = [form, this.failure(error), true]
      return false
    } finally {
      this.busy = false
    }
  }

  #submit(run: () => Promise<void>) {
    return (event: Event) => {
      event.preventDefault()
      if (!this.busy) void run.call(this)
    }
  }

  #failure(form: string): TemplateResult | typeof nothing {
    const failed = this.failed
    return failed?.[0] === form
      ? html`<div id="${form}-alert" class="alert" role="alert" tabindex="-1">
          <p>${failed[1]}</p>
          ${failed[2] ? html`<div class="actions"><button type="submit">${this.strings.retry}</button></div>` : nothing}
        </div>`
      : nothing
  }

  #button(label: string): TemplateResult {
    return html`<div class="actions">
      <button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.#t.sending : label}</button>
    </div>`
  }

  #rated(evaluation: Evaluation): TemplateResult {
    const t = this.#t
    return html`<div id="rated" class="panel" part="rated" tabindex="-1">
      <h3>${t.rated}</h3>
      <dl>
        ${SCORES.map((k) => html`<div><dt>${t[k]}</dt><dd>${evaluation[k]} · ${satisfactionOf(evaluation[k], this.locale)}</dd></div>`)}
        ${evaluation.comment ? html`<div><dt>${t.comment}</dt><dd>${evaluation.comment}</dd></div>` : nothing}
      </dl>
    </div>`
  }

  #rejection(rejection: TrackedRejection): TemplateResult {
    const t = this.#t
    // Worded by the server in the language the widget asked in (Accept-Language).
    const standard = rejection
    return html`<section id="rejection" class="panel stack" part="rejection" aria-labelledby="rejection-title">
      <h3 id="rejection-title">${t.rejection}</h3>
      <p><strong>${standard.label}</strong></p>
      <p>${standard.explanation}</p>
      <dl>
        <div><dt>${t.reviewerNote}</dt><dd class="content">${rejection.reason}</dd></div>
        ${standard.whereToTurn ? html`<div><dt>${t.whereToTurn}</dt><dd>${standard.whereToTurn}</dd></div>` : nothing}
      </dl>
    </section>`
  }

  #threadMessage(m: TrackedMessage): PublicMessage {
    if (this.#shown?.[0] !== m) this.#shown = [m, { ...m, evaluation: undefined }]
    return this.#shown[1]
  }

  override render() {
    const t = this.#t
    const m = this.tracked
    const { locale } = this
    const scores = [1, 2, 3, 4, 5].map((n) => [String(n), `${n} · ${satisfactionOf(n, locale)}`] as const)
    return html`<form class="stack" part="lookup" novalidate @submit=${this.#submit(this.#lookup)} @input=${this.onInput}>
        ${this.#failure('lookup')}
        ${this.text('code', t.code, { hint: t.codeHint, inputmode: 'text', verbatim: true })}
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy && !m ? t.looking : t.lookup}</button>
        </div>
      </form>
      <slot></slot>
      ${m
        ? html`<section id="result" class="stack" part="result" tabindex="-1" aria-labelledby="result-title">
            <h2 id="result-title">${t.result}</h2>
            ${this.#failure('result')}
            <p role="status">${this.done}</p>
            <dl>
              <div><dt>${t.status}</dt><dd>${labelsOf(locale).publicStatuses[m.status]}</dd></div>
              <div><dt>${t.listing}</dt><dd id="listing">${t[listingOf(m)]}</dd></div>
            </dl>
            ${m.rejection ? this.#rejection(m.rejection) : nothing}
            <liuyan-thread part="thread" .message=${this.#threadMessage(m)}></liuyan-thread>
            ${m.evaluation ? this.#rated(m.evaluation) : nothing}
            ${m.canEvaluate
              ? html`<form class="stack" part="rating" novalidate aria-labelledby="rating-title" @submit=${this.#submit(this.#rate)} @input=${this.onInput}>
                  <h3 id="rating-title">${t.rate}</h3>
                  <p class="hint muted">${t.rateHint}</p>
                  ${this.#failure('rating')} ${SCORES.map((k) => this.radios(k, t[k], scores))}
                  ${this.text('comment', t.comment, { rows: 3, optional: true })} ${this.#button(t.sendRating)}
                </form>`
              : nothing}
            ${m.canFollowUp
              ? html`<form class="stack" part="follow-up" novalidate aria-labelledby="follow-up-title" @submit=${this.#submit(this.#followUp)} @input=${this.onInput}>
                  <h3 id="follow-up-title">${t.followUp}</h3>
                  ${this.#failure('followUp')} ${this.text('followUp', t.followUpLabel, { rows: 4, hint: t.followUpHint })}
                  ${this.#button(t.sendFollowUp)}
                </form>`
              : nothing}
          </section>`
        : nothing}
      ${this.live()}`
  }
}
