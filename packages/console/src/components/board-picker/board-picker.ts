import { html, LitElement, nothing } from 'lit'
import { langOf, format, pick } from '../../i18n.js'
import type { ScopedBoard } from '../../internal/scope.js'
import { tokens } from '../../styles/tokens.js'
import { pickerStrings } from './board-picker.i18n.js'
import { pickerStyles } from './board-picker.styles.js'

/**
 * A searchable picker of one unit from a board tree: the token's scope, indented by level, with a
 * search field that narrows it to the units whose names contain the words (each shown with the
 * boards above it). Units that take no messages are shown as headings of their subtree and cannot
 * be picked. Fires `change` when a unit is picked; read `value`.
 *
 * @tag liuyan-board-picker
 * @fires change - A unit was picked (`value` is its id).
 */
export class LiuyanBoardPicker extends LitElement {
  static override styles = [tokens, pickerStyles]
  static override properties = {
    label: { type: String },
    value: { type: String },
    exclude: { type: String },
    allBoards: { type: Boolean, attribute: 'all-boards' },
    error: { type: String },
    size: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    boards: { attribute: false },
    query: { state: true },
  }

  /** The legend of the picker, e.g. 办理单位. */
  declare label: string
  /** The id of the picked unit ('' for none). */
  declare value: string
  /** A board not offered (the unit handling the message now). */
  declare exclude: string
  /** Every board may be picked, those that take no messages too (e.g. a subtree to count). */
  declare allBoards: boolean
  /** A localized error to show under the picker (e.g. "please pick a unit"). */
  declare error: string
  declare size: 'normal' | 'large' | undefined
  declare theme: 'light' | 'dark' | undefined
  /** The tree to pick from, as `scopeTree` gives it. */
  declare boards: ScopedBoard[]
  declare protected query: string

  constructor() {
    super()
    this.label = ''
    this.value = ''
    this.exclude = ''
    this.allBoards = false
    this.error = ''
    this.boards = []
    this.query = ''
  }

  /** Moves focus to the search field (used when the form points at a missing unit). */
  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus()
  }

  #offered(board: ScopedBoard['board']): boolean {
    return (this.allBoards || board.acceptsMessages) && board.id !== this.exclude
  }

  #pick(id: string) {
    this.value = id
    this.dispatchEvent(new Event('change', { bubbles: true }))
  }

  protected override render() {
    const t = pick(pickerStrings, langOf(this))
    const words = this.query.trim().toLowerCase()
    const shown = words
      ? this.boards.filter((s) => this.#offered(s.board) && s.board.name.toLowerCase().includes(words))
      : this.boards
    const describedBy = this.error ? 'picker-error' : nothing
    return html`<fieldset>
      <legend>${this.label}</legend>
      <div class="search">
        <label for="q">${t.search}</label>
        <span id="q-hint" class="muted">${t.searchHint}</span>
        <input id="q" type="search" autocomplete="off" aria-describedby="q-hint" .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      </div>
      <p class="visually-hidden" role="status">${words ? (shown.length ? format(t.matches, { count: shown.length }) : format(t.none, { query: this.query.trim() })) : ''}</p>
      ${words && !shown.length ? html`<p class="muted">${format(t.none, { query: this.query.trim() })}</p>` : nothing}
      <ul>
        ${shown.map(({ board, depth, path }) => {
          const offered = this.#offered(board)
          const level = words ? 0 : depth
          // A class per level, not a style attribute: a strict CSP (style-src 'self') blocks inline styles.
          return html`<li class=${`depth-${Math.min(level, 6)}`}>
            ${offered
              ? html`<label><input type="radio" name="board" value=${board.id} .checked=${this.value === board.id}
                    aria-describedby=${describedBy} aria-invalid=${this.error ? 'true' : 'false'}
                    @change=${() => this.#pick(board.id)} />
                  <span>${board.name}${words && path.length ? html` <span class="path">${path.join(' › ')}</span>` : nothing}</span></label>`
              : html`<span class="unit muted">${board.name}${board.acceptsMessages ? '' : t.closed}</span>`}
          </li>`
        })}
      </ul>
      ${this.error ? html`<p id="picker-error" class="error">${this.error}</p>` : nothing}
    </fieldset>`
  }
}
