import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import '../../define.js'
import type { LiuyanConsole } from './console.js'
import { activeDeep, breakApi, deep, DEMO_TOKEN, expectAccessible, expectAccessibleInBothThemes, mount, signInTab, startBoard, submit, tokenFor, type, until } from '../../test-utils.js'
import type { MswBoard } from '@liuyan/server/msw'

let board: MswBoard
beforeAll(async () => {
  document.documentElement.lang = 'zh-CN'
  board = await startBoard()
})
afterEach(() => signInTab(undefined))

const root = (el: Element) => el.shadowRoot!
async function signIn(el: LiuyanConsole, token: string) {
  await el.updateComplete
  type(root(el).querySelector<HTMLInputElement>('#token')!, token)
  root(el).querySelector<HTMLButtonElement>('form.sign-in button[type="submit"]')!.click()
}
const inboxTitle = (el: Element) => deep(el, 'liuyan-inbox', '#inbox-title')

/**
 * Lists the inbox newest first: a message just submitted awaits review, which the default order
 * (by deadline) puts after every open message.
 */
async function newestFirst(el: Element) {
  const apply = () => deep(el, 'liuyan-inbox', 'form.filters button[type="submit"]') as HTMLButtonElement | null
  // The filters apply at once, the first page loaded or not: the answer shown is the last asked for.
  await until(() => apply(), 5000, 'the inbox filters')
  type(deep(el, 'liuyan-inbox', '#f-sort') as HTMLSelectElement, 'created')
  apply()!.click()
}

describe('<liuyan-console>', () => {
  it('signs in with a token kept for the tab only, focuses the inbox, and signs out', async () => {
    const el = mount<LiuyanConsole>('<liuyan-console api="/api/v1"></liuyan-console>')
    await el.updateComplete
    await expectAccessibleInBothThemes(el)
    const signedIn = new Promise<Event & { label?: string }>((resolve) => el.addEventListener('liuyan-sign-in', resolve, { once: true }))
    await signIn(el, DEMO_TOKEN)
    expect((await signedIn).label).toBe('demo')
    await until(() => activeDeep() === inboxTitle(el), 5000, 'focus on the inbox heading')
    expect(root(el).querySelector('.who')!.textContent).toContain('demo（审核员、办理单位、督办员）')
    // Kept for this tab (sessionStorage) and nowhere else.
    expect(Object.values(sessionStorage)).toContain(DEMO_TOKEN)
    expect(Object.values(localStorage)).not.toContain(DEMO_TOKEN)
    expect(document.cookie).not.toContain(DEMO_TOKEN)
    await until(() => deep(el, 'liuyan-inbox', 'tbody tr'), 5000, 'the inbox rows')
    await expectAccessible(el)

    const out = [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === '退出登录')
    if (!out) throw new Error([...root(el).querySelectorAll('button')].map((b) => JSON.stringify(b.textContent)).join(','))
    out.click()
    await el.updateComplete
    expect(Object.values(sessionStorage)).not.toContain(DEMO_TOKEN)
    expect(activeDeep()).toBe(root(el).querySelector('#sign-in-title'))
    expect(root(el).querySelector('liuyan-inbox')).toBeNull()
  })

  it('says in the page’s language why a token was refused, and keeps what was typed', async () => {
    const el = mount<LiuyanConsole>('<liuyan-console api="/api/v1" lang="en"></liuyan-console>')
    await signIn(el, '')
    await until(() => root(el).querySelector('#token-error'))
    expect(root(el).querySelector('#token-error')!.textContent).toBe('Please enter the staff token')
    await signIn(el, 'not-a-token')
    await until(() => root(el).querySelector('#token-error')?.textContent?.includes('not valid'), 5000, 'the refusal')
    expect(root(el).querySelector<HTMLInputElement>('#token')!.value).toBe('not-a-token')
    expect(root(el).querySelector('#token')!.getAttribute('aria-invalid')).toBe('true')
    expect(activeDeep()).toBe(root(el).querySelector('#token'))
    await expectAccessible(el)
  })

  it('comes back signed in from the tab’s token, in zh-TW, and a token’s boards decide the scope', async () => {
    const token = await tokenFor(board, '朝阳区城市管理局', ['handler'], ['220104-cgj'])
    signInTab(token)
    const el = mount<LiuyanConsole>('<liuyan-console api="/api/v1" lang="zh-TW"></liuyan-console>')
    await until(() => root(el).querySelector('.who'), 5000, 'signed in from the tab')
    expect(root(el).querySelector('.who')!.textContent).toContain('朝阳区城市管理局（辦理單位）')
    expect(root(el).querySelector('.who')!.textContent).toContain('負責 1 個留言對象')
    // A handler has no bulk review actions.
    await until(() => deep(el, 'liuyan-inbox', 'tbody tr'), 5000, 'the inbox rows')
    expect(deep(el, 'liuyan-inbox', '.bulk')).toBeNull()
    // …and no supervision view, which is for supervisors (hot spots and the reply templates are for every staff token).
    expect([...root(el).querySelectorAll('nav button')].map((b) => b.textContent)).toEqual(['待辦留言', '熱點與重複', '答覆範本'])
    expect(root(el).querySelector('liuyan-supervision')).toBeNull()
    expect(deep(el, 'liuyan-inbox', '#inbox-title')!.textContent).toBe('待辦留言')
  })

  it('keeps the tab’s token through a network failure, and forgets one the server refuses', async () => {
    signInTab(DEMO_TOKEN)
    const restore = await breakApi()
    let el = mount<LiuyanConsole>('<liuyan-console api="/api/v1"></liuyan-console>')
    await until(() => root(el).querySelector('#token-error')?.textContent?.includes('无法连接服务器'), 15000, 'the offline message')
    restore()
    expect(Object.values(sessionStorage)).toContain(DEMO_TOKEN)
    signInTab('revoked-or-mistyped')
    el = mount<LiuyanConsole>('<liuyan-console api="/api/v1"></liuyan-console>')
    await until(() => root(el).querySelector('#token-error')?.textContent?.includes('令牌无效'), 5000, 'the refusal')
    expect(Object.values(sessionStorage)).not.toContain('revoked-or-mistyped')
  })

  it('opens a message from the inbox with focus on its heading, and goes back to the inbox', async () => {
    const { title } = await submit(board)
    signInTab(DEMO_TOKEN)
    const el = mount<LiuyanConsole>('<liuyan-console api="/api/v1" size="large"></liuyan-console>')
    await newestFirst(el)
    const button = await until(() => [...(deep(el, 'liuyan-inbox')?.shadowRoot?.querySelectorAll<HTMLButtonElement>('tbody button') ?? [])].find((b) => b.textContent === title), 5000, 'the new message')
    button.click()
    await until(() => deep(el, 'liuyan-case', '#case-title')?.textContent === title, 5000, 'the case')
    await until(() => activeDeep() === deep(el, 'liuyan-case', '#case-title'), 5000, 'focus on the case heading')
    const nav = [...root(el).querySelectorAll('nav button')]
    // The demo token is a supervisor too: the supervision view is in its navigation.
    expect(nav.map((b) => [b.textContent, b.getAttribute('aria-current')])).toEqual([['待办留言', null], ['留言详情', 'page'], ['督查统计', null], ['热点与重复', null], ['答复模板', null]])
    // Large mode reaches the parts: 20 px type and 60 px targets.
    const submitButton = deep(el, 'liuyan-case', 'form.action button')!
    expect(parseFloat(getComputedStyle(submitButton).minHeight)).toBeGreaterThanOrEqual(60)
    expect(parseFloat(getComputedStyle(submitButton).fontSize)).toBeGreaterThanOrEqual(20)
    await expectAccessibleInBothThemes(el)
    ;(nav[0] as HTMLButtonElement).click()
    await until(() => activeDeep() === inboxTitle(el), 5000, 'focus back on the inbox heading')
    expect(deep(el, 'liuyan-case')!.hidden).toBe(true)
  })

  it('shows the inbox again with what was done in the case', async () => {
    const { title } = await submit(board)
    signInTab(DEMO_TOKEN)
    const el = mount<LiuyanConsole>('<liuyan-console api="/api/v1"></liuyan-console>')
    await newestFirst(el)
    const row = () => [...(deep(el, 'liuyan-inbox')?.shadowRoot?.querySelectorAll<HTMLTableRowElement>('tbody tr') ?? [])].find((r) => r.querySelector('button')?.textContent === title)
    ;(await until(row, 5000, 'the new message')).querySelector('button')!.click()
    const accept = await until(() => deep(el, 'liuyan-case')?.shadowRoot?.querySelector<HTMLFormElement>('form[aria-label="受理"]'), 5000, 'the accept form')
    accept.querySelector('button')!.click()
    await until(() => deep(el, 'liuyan-case', '#status-line')?.textContent?.includes('已受理'), 5000, 'the acceptance')
    ;(root(el).querySelector('nav button') as HTMLButtonElement).click()
    await until(() => row()?.cells[3]?.textContent?.includes('已受理'), 5000, 'the inbox reloaded')
  })
})
