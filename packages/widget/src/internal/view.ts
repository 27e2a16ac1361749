import { isOverdue, type PublicMessage } from '@liuyan/core'
import { html, nothing, type TemplateResult } from 'lit'
import { LiuyanElement } from '../base.js'
import { failureKind } from './failure.js'
import { myTurn } from './turns.js'
import { labelsOf, pick } from '../i18n/index.js'
import { viewStrings, type ViewStrings } from './view.i18n.js'

/** Why a load failed, as a key of {@link ViewStrings}. */
export type Failure = 'offline' | 'server' | 'failed' | 'notFound'

/** A `{name}` placeholder of a sentence; `split()` keeps the name, between the texts around it. */
export const PLACEHOLDER = /\{(\w+)\}/

/**
 * Fills `{name}` placeholders with text or templates, for Lit to render (so a name inside a
 * sentence can be wrapped in `<bdi>` and still be rendered as text).
 */
export const fill = (template: string, values: Record<string, unknown>): unknown[] =>
  template.split(PLACEHOLDER).map((part, i) => (i % 2 ? values[part] : part))

/**
 * A heading of `level` (2–4 as `<hN>`, others as `role=heading`), focusable by script so a view
 * can move focus to it.
 */
export function heading(level: number, content: unknown, id?: string, part?: string): TemplateResult {
  const i = id ?? nothing
  const p = part ?? nothing
  return level === 2
    ? html`<h2 id=${i} part=${p} tabindex="-1">${content}</h2>`
    : level === 3
      ? html`<h3 id=${i} part=${p} tabindex="-1">${content}</h3>`
      : level === 4
        ? html`<h4 id=${i} part=${p} tabindex="-1">${content}</h4>`
        : html`<p id=${i} part=${p} role="heading" aria-level=${Math.min(6, Math.max(1, level | 0 || 2))} tabindex="-1">${content}</p>`
}

/**
 * The machinery the read-only views share: the strings, one load at a time (a newer load makes an
 * older answer stale), failures turned into sentences, and a retryable alert. Not a tag.
 */
export class LiuyanViewElement extends LiuyanElement {
  static override properties = {
    ...LiuyanElement.properties,
    busy: { state: true },
    failure: { state: true },
  }

  /** A load is running. */
  declare protected busy: boolean
  /** Why the last load failed; undefined after a success. */
  declare protected failure: Failure | undefined
  #seq = 0

  constructor() {
    super()
    this.busy = false
  }

  /** The first update takes a turn (turns.ts): the parts of a board that appear together render in frames of their own. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.hasUpdated ? super.scheduleUpdate() : myTurn().then(() => super.scheduleUpdate())
  }

  protected get viewStrings(): ViewStrings {
    return pick('view', viewStrings, this.locale)
  }

  /**
   * Runs one load. Resolves with its value, or undefined when it failed (then `failure` says why
   * and a `liuyan-error` event was sent) or when a newer load started meanwhile.
   */
  protected async load<T>(run: () => PromiseLike<T>): Promise<T | undefined> {
    const seq = ++this.#seq
    this.busy = true
    this.failure = undefined
    try {
      const value = await run()
      // What the answer shows is drawn in a turn of its own (turns.ts): not in the frame of another view's.
      await myTurn()
      return seq === this.#seq ? value : undefined
    } catch (error) {
      if (seq === this.#seq) {
        this.reportError(error)
        const kind = failureKind(error)
        // A view has no own wording for a rate limit: loads are not what the limit counts.
        this.failure = kind === 'rateLimited' ? 'failed' : kind
      }
      return undefined
    } finally {
      if (seq === this.#seq) this.busy = false
    }
  }

  /** The failure as an alert with a retry button (none for a 404, where retrying cannot help). */
  protected alert(retry: () => unknown, notFound?: string): TemplateResult {
    const s = this.viewStrings
    const failure = this.failure ?? 'failed'
    return html`<div class="alert" part="alert" role="alert" tabindex="-1">
      <p>${failure === 'notFound' ? (notFound ?? s.notFound) : s[failure]}</p>
      ${failure === 'notFound' ? nothing : html`<button type="button" part="retry" @click=${retry}>${s.retry}</button>`}
    </div>`
  }

  /**
   * Type, domain and public status of a message, with the overdue and supervised marks, as text:
   * one template, not one per badge, since a list renders it for every message (issue 15's render).
   */
  protected badges(m: PublicMessage): TemplateResult {
    const s = this.viewStrings
    const l = labelsOf(this.locale)
    return html`<p class="badges" part="badges">
      <span class="badge"><span class="visually-hidden">${s.type}</span>${l.messageTypes[m.type]}</span> <span class="badge"><span class="visually-hidden">${s.domain}</span>${l.domains[m.domain]}</span>
      <span class="badge status"><span class="visually-hidden">${s.status}</span>${l.publicStatuses[m.status]}</span>
      ${isOverdue(m) ? html`<span class="badge overdue">${s.overdue}</span>` : nothing} ${m.supervised ? html`<span class="badge supervised">${s.supervised}</span>` : nothing}
    </p>`
  }

  /**
   * The notice under a message's text when a reviewer withheld part of it (`redacted`). It says
   * only that something was withheld: what, or why, is the staff's business.
   */
  protected redactedNote(m: PublicMessage): TemplateResult | typeof nothing {
    return m.redacted ? html`<p class="redacted muted" part="redacted">${this.viewStrings.redacted}</p>` : nothing
  }

  /** Moves focus to the first element matching `selector` once rendered. */
  protected async focusOn(selector: string): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }
}
