import type { HeatTable, Message, SimilarGroup } from '@liuyan/core'
import { html, nothing } from 'lit'
import { LiuyanStaffElement } from '../../base.js'
import { LiuyanDuplicateLinkedEvent, LiuyanOpenCaseEvent } from '../../events.js'
import { format, pick } from '../../i18n.js'
import { explain } from '../../internal/failure.js'
import { sharedStrings } from '../../internal/labels.i18n.js'
import { consoleStyles } from '../../styles/console.js'
import { tokens } from '../../styles/tokens.js'
import { groupsView, heatView } from './hotspots-views.js'
import { hotspotsStrings } from './hotspots.i18n.js'
import { hotspotsStyles } from './hotspots.styles.js'

/** The last day (`YYYY-MM-DD`) of a month `YYYY-MM`. */
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/**
 * Hot spots (源头治理): where the same problem keeps coming back, for a board of the token's scope
 * and the boards below it. The heat table counts messages by region × domain for a range of
 * months (or one of them), as a table with the figures (bars repeat them, colour is never the only
 * cue); the groups of similar messages list their counts, dates and places, open to their
 * messages, and let a reviewer or supervisor mark a message as a duplicate of the group's first
 * (与…重复, on the message's timeline and its public thread).
 *
 * @tag liuyan-hotspots
 * @fires liuyan-open-case - A message of a group was opened (`id`).
 * @fires liuyan-duplicate-linked - A message was marked as a duplicate (`id`, `of`).
 * @fires liuyan-error - A call to the Board API failed.
 */
export class LiuyanHotspots extends LiuyanStaffElement {
  static override styles = [tokens, consoleStyles, hotspotsStyles]
  static override properties = {
    ...LiuyanStaffElement.properties,
    boardId: { type: String, attribute: 'board-id' },
    from: { state: true },
    to: { state: true },
    month: { state: true },
    heat: { state: true },
    groups: { state: true },
    open: { state: true },
    members: { state: true },
    membersCursor: { state: true },
    busy: { state: true },
    line: { state: true },
    alert: { state: true },
    rangeError: { state: true },
  }

  /** The board whose subtree is shown; by default the first of the token's scope. */
  declare boardId: string
  declare protected from: string
  declare protected to: string
  declare protected month: string
  declare protected heat: HeatTable | undefined
  declare protected groups: SimilarGroup[]
  declare protected open: string
  declare protected members: Message[]
  declare protected membersCursor: string | null
  declare protected busy: boolean
  declare protected line: string
  declare protected alert: string
  declare protected rangeError: string
  /** Counts reloads: only the latest one's answer is shown. */
  #seq = 0

  constructor() {
    super()
    this.boardId = ''
    this.from = ''
    this.to = ''
    this.month = ''
    this.heat = undefined
    this.groups = []
    this.open = ''
    this.members = []
    this.membersCursor = null
    this.busy = false
    this.line = ''
    this.alert = ''
    this.rangeError = ''
  }

  protected override firstUpdated(): void {
    void this.reload()
  }

  get #t() {
    return pick(hotspotsStrings, this.locale)
  }

  /** Moves focus to the heading (after navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#hotspots-title')?.focus()
  }

  /** Loads the heat table and the groups of the range shown. */
  async reload(): Promise<void> {
    const t = this.#t
    if (this.from && this.to && this.to < this.from) {
      this.rangeError = t.monthOrder
      return
    }
    this.rangeError = ''
    const seq = ++this.#seq
    this.busy = true
    this.alert = ''
    this.line = t.loading
    try {
      await this.staffContext()
      const board = this.boardId || this.scope[0]?.board.id
      if (!board) return
      this.boardId = board
      const months = { ...(this.from ? { from: this.from } : {}), ...(this.to ? { to: this.to } : {}) }
      const [heat, groups] = await Promise.all([
        this.sdk.hotspots.heat(board, months),
        this.sdk.hotspots.groups(board, this.#range()),
      ])
      // A board or months chosen since make this answer stale: the later reload shows its own.
      if (seq !== this.#seq) return
      this.heat = heat
      this.groups = groups.items
      this.month = ''
      this.open = ''
      this.members = []
      this.line = format(t.loaded, { groups: groups.items.length })
    } catch (error) {
      if (seq !== this.#seq) return
      this.reportError(error)
      this.alert = explain(error, pick(sharedStrings, this.locale))
      this.line = ''
    } finally {
      if (seq === this.#seq) this.busy = false
    }
  }

  /** The range of the groups' members: the months of the form, as days. */
  #range() {
    return { ...(this.from ? { from: `${this.from}-01` } : {}), ...(this.to ? { to: lastDay(this.to) } : {}) }
  }

  async #toggle(group: SimilarGroup) {
    if (this.open === group.id) {
      this.open = ''
      this.members = []
      return
    }
    this.open = group.id
    this.members = []
    this.membersCursor = null
    await this.#loadMembers(group.id, false)
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(`[id="g-${group.id}"]`)?.focus()
  }

  async #loadMembers(groupId: string, more: boolean) {
    this.busy = true
    try {
      const cursor = more && this.membersCursor ? { cursor: this.membersCursor } : {}
      const page = await this.sdk.hotspots.groupMessages(this.boardId, groupId, { ...this.#range(), limit: 20, ...cursor })
      this.members = more ? [...this.members, ...page.items] : page.items
      this.membersCursor = page.nextCursor
    } catch (error) {
      this.reportError(error)
      this.alert = explain(error, pick(sharedStrings, this.locale))
    } finally {
      this.busy = false
    }
  }

  async #link(message: Message, group: SimilarGroup) {
    const t = this.#t
    this.busy = true
    this.alert = ''
    try {
      const updated = await this.sdk.hotspots.linkDuplicate(message.id, { of: group.id })
      this.members = this.members.map((m) => (m.id === updated.id ? updated : m))
      this.line = format(t.linked, { title: updated.title })
      this.dispatchEvent(new LiuyanDuplicateLinkedEvent(updated.id, group.id))
    } catch (error) {
      this.reportError(error)
      this.alert = explain(error, pick(sharedStrings, this.locale))
    } finally {
      this.busy = false
    }
  }

  #apply(event: Event) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    this.boardId = String(data.get('boardId') ?? this.boardId)
    this.from = String(data.get('from') ?? '')
    this.to = String(data.get('to') ?? '')
    void this.reload()
  }

  protected override render() {
    const t = this.#t
    const canLink = Boolean(this.principal?.roles.some((r) => r === 'reviewer' || r === 'supervisor'))
    return html`<section aria-labelledby="hotspots-title">
      <h2 id="hotspots-title" tabindex="-1">${t.title}</h2>
      <form class="range" aria-label=${t.filters} @submit=${(e: Event) => this.#apply(e)}>
        <div class="field">
          <label for="h-board">${t.board}</label>
          <select id="h-board" name="boardId">
            ${this.scope.map((s) => html`<option value=${s.board.id} ?selected=${s.board.id === this.boardId}>${'　'.repeat(s.depth)}${s.board.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="h-from">${t.from}</label>
          <input id="h-from" name="from" type="month" .value=${this.from} />
        </div>
        <div class="field">
          <label for="h-to">${t.to}</label>
          <input id="h-to" name="to" type="month" .value=${this.to} aria-invalid=${this.rangeError ? 'true' : 'false'}
            aria-describedby=${this.rangeError ? 'h-to-error' : nothing} />
          ${this.rangeError ? html`<p id="h-to-error" class="error">${this.rangeError}</p>` : nothing}
        </div>
        <div class="actions"><button type="submit" class="primary">${t.apply}</button></div>
      </form>
      ${this.alert ? html`<p class="alert" role="alert">${this.alert}</p>` : nothing}
      ${this.heat
        ? heatView({
            table: this.heat, month: this.month, t, locale: this.locale, boards: this.boards ?? [], boardName: this.boardName(this.heat.boardId),
            pickMonth: (month) => (this.month = month),
          })
        : nothing}
      ${this.heat
        ? groupsView({
            groups: this.groups, open: this.open, members: this.members, membersCursor: this.membersCursor, canLink, busy: this.busy,
            t, locale: this.locale, boards: this.boards ?? [], boardName: (id) => this.boardName(id),
            toggle: (g) => void this.#toggle(g),
            more: () => void this.#loadMembers(this.open, true),
            openCase: (id) => this.dispatchEvent(new LiuyanOpenCaseEvent(id)),
            link: (m, g) => void this.#link(m, g),
          })
        : nothing}
      <p class="status-line" role="status">${this.line}</p>
    </section>`
  }
}
