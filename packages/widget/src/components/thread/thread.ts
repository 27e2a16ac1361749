import { isOverdue, type Evaluation, type Post, type PublicMessage, type PublicTimelineEvent } from '@liuyan/core'
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { format, formatDate, pick, satisfactionOf } from '../../i18n/index.js'
import { getMessage } from '../../internal/reads.js'
import { heading, LiuyanViewElement } from '../../internal/view.js'
import { viewStyles } from '../../internal/view.styles.js'
import { tokens } from '../../styles/tokens.js'
import { threadStrings, type ThreadStrings } from './thread.i18n.js'
import { styles } from './thread.styles.js'

const SCORES = ['resolution', 'attitude', 'speed'] as const

/**
 * One public message with everything that followed: status, deadline and overdue mark, the official
 * replies signed by the replying organization, the author's follow-ups (追问), the public timeline
 * and the author's rating.
 *
 * @summary Shows a message, its replies and follow-ups, its timeline and its rating.
 *
 * @example
 * ```html
 * <liuyan-thread api="https://board.example.gov.cn/api/v1" message-id="m_8Zk2…"></liuyan-thread>
 * ```
 *
 * @event {LiuyanErrorEvent} liuyan-error - A call to the Board API failed (`code`, `message`), an unknown id included.
 *
 * @csspart message - The message itself.
 * @csspart title - Its title, a heading of `heading-level`.
 * @csspart badges - Type, domain, status and marks.
 * @csspart facts - Author, dates, place and deadline.
 * @csspart content - The message's text.
 * @csspart redacted - The notice that part of the text was withheld (部分内容已隐去), when it was.
 * @csspart posts - The list of replies and follow-ups.
 * @csspart reply - An official reply.
 * @csspart follow-up - A follow-up of the author.
 * @csspart timeline - The ordered list of public events.
 * @csspart evaluation - The author's rating.
 * @csspart alert - The failure message; `retry` is its button.
 *
 * @cssproperty --liuyan-thread-gap - Space between sections. Falls back to twice `--liuyan-space`.
 * @cssproperty --liuyan-thread-reply-color - Accent of official replies and marks. Falls back to `--liuyan-color-primary`.
 * @cssproperty --liuyan-thread-reply-background - Background of official replies. Falls back to `--liuyan-color-surface-alt`.
 * @cssproperty --liuyan-thread-error-color - Failures and the overdue mark. Falls back to `--liuyan-color-danger`.
 */
export class LiuyanThread extends LiuyanViewElement {
  static override styles = [tokens, viewStyles, styles]
  static override properties = {
    ...LiuyanViewElement.properties,
    messageId: { type: String, attribute: 'message-id' },
    message: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
  }

  /** Id of the public message to load and show. */
  declare messageId: string
  /** The message to show, when the page has it already (e.g. from a tracking lookup); nothing is loaded then. */
  declare message: PublicMessage | undefined
  /** Heading level of the title; the sections below it are one level lower. */
  declare headingLevel: number
  #pending: Promise<unknown> = Promise.resolve()

  constructor() {
    super()
    this.messageId = ''
    this.headingLevel = 2
  }

  get #t(): ThreadStrings {
    return pick('thread', threadStrings, this.locale)
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed)
    if (changed.has('messageId') && this.messageId && this.messageId !== this.message?.id) this.#load()
  }

  #load(): Promise<unknown> {
    const id = this.messageId
    return (this.#pending = this.load(() => getMessage(this.readContext, id)).then((m) => m && (this.message = m)))
  }

  async #retry(): Promise<void> {
    await this.#load()
    this.focus()
  }

  /** Moves focus to the title once the message is shown (or to the failure message). */
  override async focus(options?: FocusOptions): Promise<void> {
    await this.updateComplete
    await this.#pending
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#title, .alert')?.focus(options)
  }

  #date(iso: string | undefined, withTime = false): TemplateResult {
    return html`<time datetime=${iso ?? nothing}>${formatDate(iso, this.locale, withTime)}</time>`
  }

  #fact(label: string, value: unknown): TemplateResult | typeof nothing {
    return value ? html`<div><dt>${label}</dt> <dd>${value}</dd></div>` : nothing
  }

  #post(post: Post, nickname: string): TemplateResult {
    const t = this.#t
    const reply = post.kind === 'reply'
    return html`<li class="post ${post.kind}" part=${post.kind}>
      <p class="by">
        <span class="mark">${reply ? t.official : t.followUp}</span>
        <bdi class="who">${reply ? post.organization : nickname}</bdi> ${this.#date(post.createdAt, true)}
      </p>
      <p class="content">${post.content}</p>
    </li>`
  }

  #event(e: PublicTimelineEvent): TemplateResult {
    const t = this.#t
    return html`<li>
      ${this.#date(e.at, true)} <span>${t.events[e.type]}</span>
      ${e.days ? html`<span class="muted">· ${format(t.extended, { n: e.days })}</span>` : nothing}
      ${e.dueAt ? html`<span class="muted">· ${format(t.dueAfter, { date: formatDate(e.dueAt, this.locale) })}</span>` : nothing}
    </li>`
  }

  #evaluation(e: Evaluation, level: number): TemplateResult {
    const t = this.#t
    const score = (n: number) => html`${n}/5 <span class="stars" aria-hidden="true">${'★'.repeat(n)}${'☆'.repeat(5 - n)}</span>`
    return html`<section class="stack" part="evaluation" aria-labelledby="evaluation">
      ${heading(level, t.evaluation, 'evaluation')}
      <dl class="facts scores">
        <div><dt>${t.overall}</dt> <dd><strong>${satisfactionOf(e.overall, this.locale)}</strong> ${score(e.overall)}</dd></div>
        ${SCORES.map((k) => html`<div><dt>${t[k]}</dt> <dd>${score(e[k])}</dd></div>`)}
        ${this.#fact(t.comment, e.comment && html`<span class="content">${e.comment}</span>`)}
      </dl>
    </section>`
  }

  override render() {
    const t = this.#t
    const m = this.message
    if (this.busy) {
      return html`<div aria-busy="true"><p class="visually-hidden">${this.viewStrings.loading}</p><div class="skeleton"></div><div class="skeleton"></div></div>`
    }
    if (this.failure) return this.alert(() => this.#retry(), t.notFound)
    if (!m) return nothing
    const sub = this.headingLevel + 1
    const overdue = isOverdue(m)
    return html`<article class="stack" part="message" aria-labelledby="title">
        ${heading(this.headingLevel, m.title, 'title', 'title')} ${this.badges(m)}
        <dl class="facts" part="facts">
          ${this.#fact(t.author, html`<bdi>${m.author.nickname}</bdi>`)} ${this.#fact(t.created, this.#date(m.createdAt, true))}
          ${this.#fact(t.place, m.place && html`<bdi>${m.place.text}</bdi>`)}
          ${this.#fact(t.due, m.dueAt && html`${this.#date(m.dueAt)} ${overdue ? html`<strong class="badge overdue">${this.viewStrings.overdue}</strong>` : nothing}`)}
          ${this.#fact(t.replied, m.repliedAt && this.#date(m.repliedAt, true))} ${this.#fact(t.closed, m.closedAt && this.#date(m.closedAt, true))}
        </dl>
        <p class="content" part="content">${m.content}</p>
        ${this.redactedNote(m)}
      </article>
      <section class="stack" aria-labelledby="posts">
        ${heading(sub, t.posts, 'posts')}
        ${m.posts.length
          ? html`<ol class="stack" part="posts">${m.posts.map((p) => this.#post(p, m.author.nickname))}</ol>`
          : html`<p class="muted">${t.noReply}</p>`}
      </section>
      ${m.evaluation ? this.#evaluation(m.evaluation, sub) : nothing}
      <section class="stack" aria-labelledby="timeline">
        ${heading(sub, t.timeline, 'timeline')}
        <ol class="timeline" part="timeline">${m.timeline.map((e) => this.#event(e))}</ol>
      </section>`
  }
}
