import type { NewMessage, PublicMessage } from '@liuyan/core'
import type { MswBoard } from '@liuyan/server/msw'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import '../../define.js'
import { API, breakApi, DEMO_TOKEN, expectAccessible, mount, startBoard, until } from '../../test-utils.js'
import type { LitElement } from 'lit'
import type { LiuyanBoard } from './board.js'

const BOARD = '220100-gov'
let board: MswBoard
let listed: PublicMessage[]

beforeAll(async () => {
  board = await startBoard()
  document.documentElement.lang = 'zh-CN'
  listed = (await board.service.listPublic({ boardId: BOARD, limit: 100 })).items
})
afterEach(() => {
  document.body.replaceChildren()
  history.replaceState(null, '', location.pathname + location.search)
  vi.restoreAllMocks()
})

async function mountBoard(attrs = ''): Promise<LiuyanBoard> {
  const el = mount<LiuyanBoard>(`<liuyan-board api="${API}" board="${BOARD}" ${attrs}></liuyan-board>`)
  await el.updateComplete
  return el
}
const inner = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)
const list = (el: LiuyanBoard) => inner(el, 'liuyan-message-list') as LitElement | null
const thread = (el: LiuyanBoard) => inner(el, 'liuyan-thread')
const titles = (el: LiuyanBoard) => [...(list(el)?.shadowRoot?.querySelectorAll('[part=title]') ?? [])].map((t) => t.textContent!.trim())
const current = (el: LiuyanBoard) => inner(el, '[aria-current=page]')?.textContent
const visible = (el: LiuyanBoard) => [...el.shadowRoot!.querySelectorAll('section')].filter((s) => !s.hidden)
/** The element focused inside the board, through nested shadow roots. */
function focused(): Element | null {
  let node = document.activeElement
  while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement
  return node
}
/** Waits for the list's first messages, then for the rest of its page (rendered a slice per frame). */
async function listLoaded(el: LiuyanBoard): Promise<void> {
  await until(() => titles(el).length > 0, 10_000, 'the list')
  await list(el)!.updateComplete
}
/** Every element inside the board, through nested shadow roots. */
function deep(root: Element | ShadowRoot): Element[] {
  return [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? deep(e.shadowRoot) : [])])
}

describe('<liuyan-board>', () => {
  it('shows the list with its figures under a navigation that marks the current view', async () => {
    const el = await mountBoard('page-size="5"')
    await listLoaded(el)
    expect(titles(el)).toEqual(listed.slice(0, 5).map((m) => m.title))
    await expect.element(page.getByRole('navigation', { name: '留言板' })).toBeVisible()
    expect(current(el)).toBe('留言列表')
    await until(() => inner(el, 'liuyan-board-stats')!.shadowRoot!.querySelector('[part=figures]'), 8000, 'the figures')
    expect(inner(el, 'liuyan-message-form')).toBeNull() // views are made when first shown
    await expectAccessible(el)
  })

  it('switches views without reloading, with a hash per view, focus on the heading, and a working back button', async () => {
    const el = await mountBoard('page-size="5"')
    await listLoaded(el)
    const items = list(el)!
    await page.getByRole('link', { name: '我要留言' }).click()
    await until(() => current(el) === '我要留言', 5000, 'the form view')
    expect(location.hash).toBe('#liuyan/new')
    expect(visible(el).map((s) => s.querySelector('h2')!.textContent)).toEqual(['我要留言'])
    expect(inner(el, 'liuyan-message-form')).not.toBeNull()
    expect(focused()?.textContent).toBe('我要留言')
    await expectAccessible(el)

    await page.getByRole('link', { name: '查询留言' }).click()
    await until(() => current(el) === '查询留言', 5000, 'the tracking view')
    expect(location.hash).toBe('#liuyan/track')
    expect(focused()?.textContent).toBe('查询留言')

    history.back()
    await until(() => current(el) === '我要留言', 5000, 'back to the form')
    history.back()
    await until(() => current(el) === '留言列表', 5000, 'back to the list')
    expect(location.hash).toBe('')
    expect(list(el)).toBe(items) // the same list, not reloaded
    expect(focused()?.textContent).toBe('留言列表')
  })

  it('opens a thread by its link, focuses its heading, and comes back with the back button', async () => {
    const el = await mountBoard('page-size="5"')
    await listLoaded(el)
    const first = listed[0]!
    await page.getByRole('link', { name: first.title }).click()
    await until(() => thread(el), 5000, 'the thread view')
    expect(location.hash).toBe(`#liuyan/thread/${encodeURIComponent(first.id)}`)
    await until(() => focused()?.id === 'title', 8000, 'focus on the thread heading')
    expect(focused()!.textContent).toBe(first.title)
    expect(focused()!.tagName).toBe('H2')
    expect(current(el)).toBeUndefined()
    await expectAccessible(el)

    history.back()
    await until(() => current(el) === '留言列表', 5000, 'the list again')
    expect(thread(el)).toBeNull()
    expect(titles(el)).toEqual(listed.slice(0, 5).map((m) => m.title))
  })

  it('opens the view of the URL hash on load, so a thread can be linked, and takes an initial view', async () => {
    const m = listed[2]!
    history.replaceState(null, '', `#liuyan/thread/${encodeURIComponent(m.id)}`)
    const el = await mountBoard()
    await until(() => thread(el)?.shadowRoot?.querySelector('#title'), 8000, 'the linked thread')
    expect(thread(el)!.shadowRoot!.querySelector('#title')!.textContent).toBe(m.title)
    expect(list(el)).toBeNull()

    history.replaceState(null, '', location.pathname + location.search)
    const form = await mountBoard('view="new"')
    expect(current(form)).toBe('我要留言')
    expect(inner(form, 'liuyan-message-form')!.getAttribute('board')).toBe(BOARD)

    history.replaceState(null, '', '#liuyan/track')
    const track = await mountBoard('view="new"')
    expect(current(track)).toBe('查询留言')
    expect(inner(track, 'liuyan-tracking')).not.toBeNull()
  })

  it('works by keyboard alone: Tab to the filter, Enter and Space to act, focus on the thread heading', async () => {
    const el = await mountBoard('page-size="5"')
    await listLoaded(el)
    document.body.focus()
    await userEvent.tab() // 留言列表
    await userEvent.tab() // 我要留言
    await userEvent.tab() // 查询留言
    await userEvent.tab()
    expect(focused()?.id).toBe('type')
    await userEvent.selectOptions(focused() as HTMLSelectElement, 'complain')
    await userEvent.tab()
    await userEvent.tab()
    await userEvent.tab()
    expect(focused()?.id).toBe('keyword')
    await userEvent.keyboard('路灯')
    await userEvent.tab()
    expect(focused()?.textContent).toBe('查询')
    await userEvent.keyboard(' ')
    const lamps = (await board.service.listPublic({ boardId: BOARD, type: 'complain', keyword: '路灯', limit: 100 })).items
    expect(lamps.length).toBeGreaterThan(0)
    await until(() => titles(el).join() === lamps.map((m) => m.title).join(), 8000, 'the filtered list')
    await userEvent.tab()
    expect(focused()?.textContent).toBe(lamps[0]!.title)
    await userEvent.keyboard('{Enter}')
    await until(() => focused()?.id === 'title', 8000, 'focus on the thread heading')
    expect(focused()!.textContent).toBe(lamps[0]!.title)
    // From the thread, Tab order goes on into it; Shift+Tab reaches the way back.
    await userEvent.tab({ shift: true })
    expect(focused()?.textContent).toBe('返回留言列表')
    await userEvent.keyboard('{Enter}')
    await until(() => current(el) === '留言列表' && focused()?.textContent === '留言列表', 5000, 'the list heading')
  })

  it('passes its language, size and theme down', async () => {
    const el = await mountBoard('lang="en" size="large" theme="dark" page-size="3"')
    await listLoaded(el)
    await expect.element(page.getByRole('link', { name: 'Track my message' })).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Load more' })).toBeVisible()
    for (const child of el.shadowRoot!.querySelectorAll('liuyan-message-list, liuyan-board-stats')) {
      expect(child.getAttribute('lang')).toBe('en')
      expect(child.getAttribute('size')).toBe('large')
      expect(child.getAttribute('theme')).toBe('dark')
      expect(parseFloat(getComputedStyle(child).fontSize)).toBeGreaterThanOrEqual(18)
    }
    for (const target of [...el.shadowRoot!.querySelectorAll<HTMLElement>('nav a'), ...list(el)!.shadowRoot!.querySelectorAll<HTMLElement>('button:not(.link)')]) {
      const box = target.getBoundingClientRect()
      expect(box.width, target.outerHTML).toBeGreaterThanOrEqual(60)
      expect(box.height, target.outerHTML).toBeGreaterThanOrEqual(60)
    }
    await expectAccessible(el)
    el.setAttribute('lang', 'zh-TW')
    await until(() => current(el) === '留言列表' && list(el)!.getAttribute('lang') === 'zh-TW', 5000, 'zh-TW')
    await expect.element(page.getByRole('link', { name: '查詢留言' })).toBeVisible()
    el.setAttribute('theme', 'light')
    await el.updateComplete
    await listLoaded(el)
    await expectAccessible(el)
  })

  it('says what to do when the API is down, and recovers on retry', async () => {
    const restore = await breakApi()
    const el = await mountBoard('page-size="3"')
    await until(() => list(el)!.shadowRoot!.querySelector('[role=alert]'), 10_000, 'the list alert')
    await expectAccessible(el)
    restore()
    await list(el)!.shadowRoot!.querySelector<HTMLElement>('[part=retry]')!.click()
    await listLoaded(el)
  })

  it('renders hostile text as inert text that wraps inside its container', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => {})
    const principal = (await board.service.authenticate(DEMO_TOKEN))!
    const LONG = 'W'.repeat(1000)
    const HTML = '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> javascript:alert(1) \u202Eevil'
    const hostile: NewMessage[] = [
      { boardId: BOARD, type: 'complain', domain: 'urban', title: '\u202E<img src=x onerror=1>', content: HTML, author: { nickname: '<script>x</script>', maskNickname: false }, publish: true },
      { boardId: BOARD, type: 'suggest', domain: 'other', title: 'javascript:alert(1)', content: LONG, author: { nickname: `\u202E<img src=x>`, maskNickname: false }, publish: true },
    ]
    const ids: string[] = []
    for (const message of hostile) {
      const { id } = await board.service.submit(message)
      ids.push(id)
      for (const action of [{ action: 'accept' }, { action: 'assign', boardId: '220100-zjj' }, { action: 'start' }] as const) await board.service.act(principal, id, action)
      await board.service.act(principal, id, { action: 'reply', content: `${HTML} ${LONG}`, organization: '<img src=x onerror=alert(1)>' })
    }
    const container = mount<HTMLDivElement>(`<div id="box"></div>`)
    container.append(Object.assign(document.createElement('liuyan-board'), { api: API, board: BOARD }))
    // The container is narrow, as on a phone.
    container.setAttribute('style', 'width: 320px')
    const el = container.firstElementChild as LiuyanBoard
    await until(() => titles(el).includes('javascript:alert(1)'), 10_000, 'the hostile messages')
    const check = (root: Element) => {
      const all = deep(root)
      expect(all.filter((e) => e.matches('img, script'))).toEqual([])
      expect(all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on') || a.name === 'style'))).toEqual([])
      expect(all.filter((e) => e.getAttribute('href')?.trim().toLowerCase().startsWith('javascript:'))).toEqual([])
      expect(el.getBoundingClientRect().width).toBeLessThanOrEqual(320)
      for (const e of all) expect(e.getBoundingClientRect().right, e.outerHTML.slice(0, 80)).toBeLessThanOrEqual(container.getBoundingClientRect().right + 0.5)
    }
    // Both may be published in the same millisecond: find each item by its title, never by a
    // position that timing decides. The order shown is the server's, whatever it is.
    const order = (await board.service.listPublic({ boardId: BOARD, limit: 100 })).items.map((m) => m.title)
    expect(titles(el)).toEqual(order.slice(0, titles(el).length))
    const items = [...list(el)!.shadowRoot!.querySelectorAll('[part=item]')]
    const item = (title: string) => items.find((i) => i.querySelector('[part=title]')!.textContent!.trim() === title)!
    expect(item(hostile[0]!.title).querySelector('bdi')!.textContent).toBe('<script>x</script>')
    expect(item(hostile[1]!.title).querySelector('bdi')!.textContent).toBe('\u202E<img src=x>')
    for (const m of hostile) expect(item(m.title).querySelector('[part=reply] bdi')!.textContent).toBe('<img src=x onerror=alert(1)>')
    check(el)

    for (const [i, id] of ids.entries()) {
      await page.getByRole('link', { name: hostile[i]!.title }).click()
      await until(() => thread(el)?.shadowRoot?.querySelector('#title')?.textContent === hostile[i]!.title, 8000, 'the hostile thread')
      const t = thread(el)!.shadowRoot!
      expect(t.querySelector('[part=content]')!.textContent).toBe(hostile[i]!.content)
      expect(t.querySelector('[part=reply] .content')!.textContent).toBe(`${HTML} ${LONG}`)
      expect(t.querySelector('[part=reply] bdi')!.textContent).toBe('<img src=x onerror=alert(1)>')
      expect(getComputedStyle(t.querySelector('[part=facts] bdi')!).unicodeBidi).toBe('isolate')
      expect(location.hash).toBe(`#liuyan/thread/${encodeURIComponent(id)}`)
      check(el)
      history.back()
      await until(() => current(el) === '留言列表', 5000, 'the list again')
    }
    await expectAccessible(el)
    expect(alert).not.toHaveBeenCalled()
  })
})
