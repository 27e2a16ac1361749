import { isAPIError, type LiuyanClient, type StaffPrincipal } from '@liuyan/client'
import { ROLE_LABELS, type Board } from '@liuyan/core'
import { html, nothing } from 'lit'
import { LiuyanConsoleElement } from '../../base.js'
import { LiuyanSignInEvent, LiuyanSignOutEvent, type LiuyanDrillDownEvent, type LiuyanOpenCaseEvent } from '../../events.js'
import { format, pick } from '../../i18n.js'
import { explain } from '../../internal/failure.js'
import { sharedStrings } from '../../internal/labels.i18n.js'
import { readToken, writeToken } from '../../internal/session.js'
import { consoleStyles } from '../../styles/console.js'
import { tokens } from '../../styles/tokens.js'
import type { LiuyanCase } from '../case/case.js'
import type { LiuyanHotspots } from '../hotspots/hotspots.js'
import type { LiuyanInbox } from '../inbox/inbox.js'
import type { LiuyanSupervision } from '../supervision/supervision.js'
import type { LiuyanTemplates } from '../templates/templates.js'
import { consoleStrings } from './console.i18n.js'
import { shellStyles } from './console.styles.js'

type View = 'inbox' | 'case' | 'supervision' | 'hotspots' | 'templates'

interface Session {
  client: LiuyanClient
  principal: StaffPrincipal
  boards: Board[]
}

/**
 * The staff workspace in one tag: sign-in with a staff token kept for this tab only
 * (sessionStorage), sign-out, and the inbox and the message being handled, as the token's roles and
 * boards (GET /me) allow, and for supervisors the supervision view, whose figures open the inbox
 * filtered to the messages behind them. Focus moves to the heading of each view it navigates to.
 *
 * @tag liuyan-console
 * @fires liuyan-sign-in - A member of staff signed in (the token's label, roles and number of boards).
 * @fires liuyan-sign-out - The tab forgot the token.
 * @fires liuyan-error - A call to the Board API failed.
 */
export class LiuyanConsole extends LiuyanConsoleElement {
  static override styles = [tokens, consoleStyles, shellStyles]
  static override properties = {
    ...LiuyanConsoleElement.properties,
    session: { state: true },
    view: { state: true },
    caseId: { state: true },
    busy: { state: true },
    signInError: { state: true },
    line: { state: true },
  }

  declare protected session: Session | undefined
  declare protected view: View
  declare protected caseId: string
  declare protected busy: boolean
  declare protected signInError: string
  declare protected line: string
  #inboxStale = false
  /** Hot spots are loaded once first opened. */
  #hotspotsShown = false
  #supervisionStale = false
  #supervisionOpened = false

  constructor() {
    super()
    this.session = undefined
    this.view = 'inbox'
    this.caseId = ''
    this.busy = false
    this.signInError = ''
    this.line = ''
  }

  protected override firstUpdated(): void {
    const token = readToken(this.baseUrl)
    if (token) void this.#signIn(token, false)
  }

  get #t() {
    return pick(consoleStrings, this.locale)
  }

  async #signIn(token: string, typed: boolean) {
    if (!token) {
      this.signInError = this.#t.emptyToken
      this.#focus('#token')
      return
    }
    this.busy = true
    this.signInError = ''
    this.line = this.#t.signingIn
    try {
      const client = this.makeClient(token)
      const principal = await client.inbox.me()
      const boards: Board[] = []
      for await (const board of client.boards.list()) boards.push(board)
      writeToken(this.baseUrl, token)
      this.session = { client, principal, boards }
      this.view = 'inbox'
      this.line = ''
      this.dispatchEvent(new LiuyanSignInEvent(principal.label, principal.roles, principal.boardIds.length))
      await this.updateComplete
      this.#inbox?.focusHeading()
    } catch (error) {
      this.reportError(error)
      // A token the server refuses is forgotten (a typed one stays in the field); a stored one is
      // kept through a network failure, so a reload once the API is back signs in again.
      if (isAPIError(error) && error.status === 401) writeToken(this.baseUrl, undefined)
      this.signInError = explain(error, pick(sharedStrings, this.locale))
      this.line = ''
      if (typed) this.#focus('#token')
    } finally {
      this.busy = false
    }
  }

  #signOut() {
    writeToken(this.baseUrl, undefined)
    this.session = undefined
    this.caseId = ''
    this.view = 'inbox'
    this.#supervisionOpened = false
    this.line = this.#t.signedOut
    this.dispatchEvent(new LiuyanSignOutEvent())
    this.#focus('#sign-in-title')
  }

  async #focus(selector: string) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  get #inbox(): LiuyanInbox | null {
    return this.renderRoot.querySelector('liuyan-inbox')
  }

  async #go(view: View) {
    this.view = view
    if (view === 'supervision') this.#supervisionOpened = true
    if (view === 'hotspots') this.#hotspotsShown = true
    await this.updateComplete
    if (view === 'hotspots') return this.renderRoot.querySelector<LiuyanHotspots>('liuyan-hotspots')?.focusHeading()
    if (view === 'inbox') {
      if (this.#inboxStale) {
        this.#inboxStale = false
        void this.#inbox?.reload()
      }
      this.#inbox?.focusHeading()
    } else if (view === 'templates') {
      const templates = this.renderRoot.querySelector<LiuyanTemplates>('liuyan-templates')
      await templates?.updateComplete
      templates?.focusHeading()
    } else if (view === 'supervision') {
      const supervision = this.renderRoot.querySelector<LiuyanSupervision>('liuyan-supervision')
      if (this.#supervisionStale) {
        this.#supervisionStale = false
        void supervision?.reload()
      }
      supervision?.focusHeading()
    } else {
      await this.renderRoot.querySelector<LiuyanCase>('liuyan-case')?.focusHeading()
    }
  }

  /** A figure of the supervision view opened: the inbox shows the messages behind it. */
  async #drill(event: LiuyanDrillDownEvent) {
    this.view = 'inbox'
    this.#inboxStale = false
    await this.updateComplete
    this.#inbox?.focusHeading()
    await this.#inbox?.show({ boardId: event.boardId, from: event.from, to: event.to, overdue: event.figure === 'overdue', supervised: event.figure === 'supervised' })
  }

  #open(event: LiuyanOpenCaseEvent) {
    this.caseId = event.id
    void this.#go('case')
  }

  #renderSignIn() {
    const t = this.#t
    return html`<section aria-labelledby="sign-in-title">
      <h2 id="sign-in-title" tabindex="-1">${t.signInTitle}</h2>
      <form class="sign-in" @submit=${(e: Event) => {
        e.preventDefault()
        const input = this.renderRoot.querySelector<HTMLInputElement>('#token')!
        void this.#signIn(input.value.trim(), true)
      }}>
        <label for="token">${t.token}</label>
        <span id="token-hint" class="muted">${t.tokenHint}</span>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false"
          aria-describedby=${this.signInError ? 'token-hint token-error' : 'token-hint'} aria-invalid=${this.signInError ? 'true' : 'false'} />
        ${this.signInError ? html`<p id="token-error" class="error" role="alert">${this.signInError}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.signIn}</button>
      </form>
    </section>`
  }

  protected override render() {
    const t = this.#t
    const s = this.session
    if (!s) return html`${this.#renderSignIn()}<p class="status-line" role="status">${this.line}</p>`
    const roles = s.principal.roles.map((r) => ROLE_LABELS[this.locale][r]).join(t.separator)
    const shared = { client: s.client, principal: s.principal, boards: s.boards }
    const supervisor = s.principal.roles.includes('supervisor')
    return html`<div class="bar">
        <p class="who">${format(t.who, { label: s.principal.label, roles })} <span class="muted">${format(t.scope, { count: s.principal.boardIds.length })}</span></p>
        <button type="button" @click=${() => this.#signOut()}>${t.signOut}</button>
      </div>
      <nav aria-label=${t.nav}>
        <ul>
          <li><button type="button" aria-current=${this.view === 'inbox' ? 'page' : nothing} @click=${() => void this.#go('inbox')}>${t.inbox}</button></li>
          ${this.caseId
            ? html`<li><button type="button" aria-current=${this.view === 'case' ? 'page' : nothing} @click=${() => void this.#go('case')}>${t.case}</button></li>`
            : nothing}
          ${supervisor
            ? html`<li><button type="button" aria-current=${this.view === 'supervision' ? 'page' : nothing} @click=${() => void this.#go('supervision')}>${t.supervision}</button></li>`
            : nothing}
          <li><button type="button" aria-current=${this.view === 'hotspots' ? 'page' : nothing} @click=${() => void this.#go('hotspots')}>${t.hotspots}</button></li>
          <li><button type="button" aria-current=${this.view === 'templates' ? 'page' : nothing} @click=${() => void this.#go('templates')}>${t.templates}</button></li>
        </ul>
      </nav>
      ${s.principal.roles.length === 0 ? html`<p class="alert" role="alert">${t.noRoles}</p>` : nothing}
      <liuyan-inbox ?hidden=${this.view !== 'inbox'} .client=${shared.client} .principal=${shared.principal} .boards=${shared.boards}
        lang=${this.locale} size=${this.size ?? nothing} theme=${this.theme ?? nothing}
        @liuyan-open-case=${(e: LiuyanOpenCaseEvent) => this.#open(e)}></liuyan-inbox>
      ${this.caseId
        ? html`<liuyan-case ?hidden=${this.view !== 'case'} message-id=${this.caseId} .client=${shared.client} .principal=${shared.principal}
            .boards=${shared.boards} lang=${this.locale} size=${this.size ?? nothing} theme=${this.theme ?? nothing}
            @liuyan-acted=${() => ((this.#inboxStale = true), (this.#supervisionStale = true))}></liuyan-case>`
        : nothing}
      ${supervisor && this.#supervisionOpened
        ? html`<liuyan-supervision ?hidden=${this.view !== 'supervision'} .client=${shared.client} .principal=${shared.principal} .boards=${shared.boards}
            lang=${this.locale} size=${this.size ?? nothing} theme=${this.theme ?? nothing}
            @liuyan-drill-down=${(e: LiuyanDrillDownEvent) => void this.#drill(e)}></liuyan-supervision>`
        : nothing}
      ${this.#hotspotsShown
        ? html`<liuyan-hotspots ?hidden=${this.view !== 'hotspots'} .client=${shared.client} .principal=${shared.principal} .boards=${shared.boards}
            lang=${this.locale} size=${this.size ?? nothing} theme=${this.theme ?? nothing}
            @liuyan-open-case=${(e: LiuyanOpenCaseEvent) => this.#open(e)} @liuyan-duplicate-linked=${() => (this.#inboxStale = true)}></liuyan-hotspots>`
        : nothing}
      ${this.view === 'templates'
        ? html`<liuyan-templates .client=${shared.client} .principal=${shared.principal} .boards=${shared.boards}
            lang=${this.locale} size=${this.size ?? nothing} theme=${this.theme ?? nothing}></liuyan-templates>`
        : nothing}
      <p class="status-line" role="status">${this.line}</p>`
  }
}
