import { type PublicMessage } from '@liuyan/core'
import type { MswBoard } from '@liuyan/server/msw'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import '../../define.js'
import { API, breakApi, DEMO_TOKEN, expectAccessible, mount, startBoard, until } from '../../test-utils.js'
import type { LiuyanMessageList, LiuyanOpenEvent } from './message-list.js'

const BOARD = '220000-gov'
let board: MswBoard

beforeAll(async () => {
  board = await startBoard()
  document.documentElement.lang = 'zh-CN'
})
afterEach(() => vi.restoreAllMocks())

async function mountList(attrs = ''): Promise<LiuyanMessageList> {
  const el = mount<LiuyanMessageList>(`<liuyan-message-list api="${API}" board="${BOARD}" ${attrs}></liuyan-message-list>`)
  await el.updateComplete
  return el
}
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)]
const titles = (el: LiuyanMessageList) => $$(el, '[part=item] [part=title]').map((t) => t.textContent!.trim())
/** Waits until the list has loaded (not busy) and returns its titles. */
async function loaded(el: LiuyanMessageList): Promise<string[]> {
  await until(() => el.shadowRoot!.querySelector('[part=list][aria-busy=false], [part=empty], [role=alert]'), 8000, 'the list to load')
  return titles(el)
}
/** What the server lists for these filters, every page. */
async function expected(filters: Record<string, unknown> = {}): Promise<PublicMessage[]> {
  return (await board.service.listPublic({ boardId: BOARD, limit: 100, ...filters })).items
}
const search = () => page.getByRole('button', { name: '查询' }).click()

describe('<liuyan-message-list>', () => {
  it('shows a skeleton, then one page of the board’s public messages, newest first, with badges, author, date and who replied', async () => {
    const el = await mountList()
    expect(el.shadowRoot!.querySelector('[part=list]')!.getAttribute('aria-busy')).toBe('true')
    expect($$(el, '.skeleton')).toHaveLength(3)
    const all = await expected()
    expect(await loaded(el)).toEqual(all.slice(0, 10).map((m) => m.title))
    expect($$(el, '[part=count]')[0]!.textContent).toBe('共显示 10 条留言')
    expect($$(el, '.skeleton')).toHaveLength(0)
    // Each item: type, domain and status as text, the author, the date, and the replying organization.
    const items = $$(el, '[part=item]')
    const replied = all.findIndex((m) => m.posts.some((p) => p.kind === 'reply'))
    const m = all[replied]!
    const item = items[replied]!
    expect(item.querySelector('[part=badges]')!.textContent!.replace(/\s+/g, ' ')).toContain('状态')
    expect(item.textContent).toContain(m.author.nickname)
    expect(item.querySelector('time')!.getAttribute('datetime')).toBe(m.createdAt)
    const org = m.posts.find((p) => p.kind === 'reply')!
    expect(item.querySelector('[part=reply]')!.textContent!.trim()).toBe(`${org.kind === 'reply' ? org.organization : ''} 已答复`)
    expect(item.querySelector('[part=reply] bdi')).not.toBeNull()
    expect(el.shadowRoot!.querySelector('h3 > button[part=title], h3[part=title] > button')).not.toBeNull()
    await expectAccessible(el)
  })

  it('renders a long page a slice at a time, busy until the last message is there', async () => {
    const all = (await expected()).map((m) => m.title)
    expect(all.length).toBeGreaterThan(12) // more than two slices
    const el = await mountList('page-size="100"')
    await until(() => titles(el).length > 0, 8000, 'the first slice')
    await el.updateComplete // waits for every slice
    expect(titles(el)).toEqual(all)
    expect($$(el, '[part=list]')[0]!.getAttribute('aria-busy')).toBe('false')
    await expectAccessible(el)
  })

  it('narrows the list by type, domain, status and keyword, with visible labels', async () => {
    const el = await mountList('page-size="100"')
    await loaded(el)
    await userEvent.selectOptions(page.getByRole('combobox', { name: '留言类型' }), 'complain')
    await search()
    const complaints = (await expected({ type: 'complain' })).map((m) => m.title)
    await until(() => titles(el).join() === complaints.join(), 8000, 'only complaints')
    expect($$(el, '.badge:first-child').every((b) => b.textContent!.includes('投诉'))).toBe(true)

    await userEvent.selectOptions(page.getByRole('combobox', { name: '留言类型' }), '')
    await userEvent.selectOptions(page.getByRole('combobox', { name: '领域' }), 'urban')
    await search()
    const urban = (await expected({ domain: 'urban' })).map((m) => m.title)
    await until(() => titles(el).join() === urban.join(), 8000, 'only urban messages')
    expect($$(el, '.badge:nth-child(2)').every((b) => b.textContent!.includes('城建'))).toBe(true)

    await userEvent.selectOptions(page.getByRole('combobox', { name: '领域' }), '')
    await userEvent.selectOptions(page.getByRole('combobox', { name: '办理状态' }), 'replied,closed')
    await search()
    const answered = (await expected({ statuses: ['replied', 'closed'] })).map((m) => m.title)
    await until(() => titles(el).join() === answered.join(), 8000, 'only answered messages')
    expect($$(el, '.badge.status').every((b) => b.textContent!.includes('已办理'))).toBe(true)

    await userEvent.selectOptions(page.getByRole('combobox', { name: '办理状态' }), '')
    await page.getByRole('searchbox', { name: '关键词' }).fill('路灯')
    await search()
    const lamps = await expected({ keyword: '路灯' })
    expect(lamps.length).toBeGreaterThan(0)
    await until(() => titles(el).join() === lamps.map((m) => m.title).join(), 8000, 'only 路灯')
    expect(titles(el).length).toBeLessThan(answered.length + urban.length)
    await expectAccessible(el)
  })

  it('takes its filters from attributes and shows them in the form', async () => {
    const el = await mountList('type="complain" status="replied,closed" page-size="100"')
    const want = (await expected({ type: 'complain', statuses: ['replied', 'closed'] })).map((m) => m.title)
    expect(await loaded(el)).toEqual(want)
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('#type')!.value).toBe('complain')
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('#status')!.value).toBe('replied,closed')
  })

  it('pages with "more": keyboard reachable, focus on the first new item, until the end', async () => {
    const el = await mountList('page-size="3"')
    const all = await expected()
    expect(await loaded(el)).toEqual(all.slice(0, 3).map((m) => m.title))
    const more = page.getByRole('button', { name: '加载更多' })
    await more.click()
    await until(() => titles(el).length === 6, 8000, 'the second page')
    expect(titles(el)).toEqual(all.slice(0, 6).map((m) => m.title))
    expect(el.shadowRoot!.activeElement).toBe($$(el, '[part=item] [part=title] button, [part=item] button[part=title]')[3] ?? $$(el, '[data-i="3"]')[0])
    expect(el.shadowRoot!.activeElement!.getAttribute('data-i')).toBe('3')
    expect($$(el, '[part=count]')[0]!.textContent).toBe('新加载 3 条，共显示 6 条留言')
    // The rest by keyboard: Shift+Tab back to "more" is not needed; Tab from the item reaches it.
    while (el.shadowRoot!.querySelector('[part=more]')) {
      const before = titles(el).length
      el.shadowRoot!.querySelector<HTMLElement>('[part=more]')!.focus()
      await userEvent.keyboard('{Enter}')
      await until(() => titles(el).length > before, 8000, 'the next page')
    }
    expect(titles(el)).toEqual(all.map((m) => m.title))
    await expectAccessible(el)
  })

  it('opens a message with a liuyan-open event, or with a real link when given href-template', async () => {
    const el = await mountList('page-size="3"')
    const [first] = await expected()
    await loaded(el)
    const opened = new Promise<LiuyanOpenEvent>((resolve) => document.addEventListener('liuyan-open', resolve, { once: true }))
    await page.getByRole('button', { name: first!.title }).click()
    expect((await opened).messageId).toBe(first!.id)

    const linked = await mountList('page-size="3" href-template="/thread.html?id={id}"')
    await loaded(linked)
    const link = page.getByRole('link', { name: first!.title })
    await expect.element(link).toHaveAttribute('href', `/thread.html?id=${encodeURIComponent(first!.id)}`)
    await expectAccessible(linked)
  })

  it('marks an item whose text was partly withheld, and only that item', async () => {
    const principal = (await board.service.authenticate(DEMO_TOKEN))!
    const ids: string[] = []
    for (const title of ['桥下积水无人处理', '桥下积水又出现了']) {
      const { id } = await board.service.submit({
        boardId: BOARD, type: 'complain', domain: 'urban', title,
        content: '人民大街桥下一下雨就积水，邻居李某某家的车都被淹了。', author: { nickname: '市民', maskNickname: false }, publish: true,
      })
      await board.service.act(principal, id, { action: 'accept' })
      ids.push(id)
    }
    await board.service.act(principal, ids[0]!, { action: 'redact', content: '人民大街桥下一下雨就积水。' })
    const el = await mountList('keyword="桥下积水"')
    await loaded(el)
    // Found by content, not by position: both were listed in the same run.
    const item = (title: string) => $$(el, '[part=item]').find((i) => i.querySelector('[part=title]')!.textContent!.trim() === title)!
    expect(item('桥下积水无人处理').querySelector('[part=redacted]')!.textContent).toBe('部分内容已隐去')
    expect(item('桥下积水无人处理').textContent).not.toContain('李某某')
    expect(item('桥下积水又出现了').querySelector('[part=redacted]')).toBeNull()
    await expectAccessible(el)
  })

  it('says so when nothing matches', async () => {
    const el = await mountList('keyword="没有这样的留言内容"')
    await loaded(el)
    expect($$(el, '[part=empty]')[0]!.textContent).toContain('没有找到符合条件的留言')
    expect(el.shadowRoot!.querySelector('[part=list]')).toBeNull()
    expect($$(el, '[part=count]')[0]!.textContent).toContain('没有找到')
    await expectAccessible(el)
  })

  it('says what to do when the API is down, and retries', async () => {
    const restore = await breakApi()
    const errors: string[] = []
    document.addEventListener('liuyan-error', (e) => errors.push(e.code))
    const el = await mountList('page-size="3"')
    const alert = await until(() => el.shadowRoot!.querySelector('[role=alert]'), 10_000, 'the alert')
    expect(alert.textContent).toContain('无法连接留言板')
    expect(errors).toContain('connection_error')
    await expectAccessible(el)
    restore()
    await page.getByRole('button', { name: '重试' }).click()
    await until(() => titles(el).length === 3, 8000, 'the list after retrying')
    expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull()
    await until(() => el.shadowRoot!.activeElement?.getAttribute('data-i') === '0', 2000, 'focus on the first item')
  })

  it('keeps loaded items when "more" fails, and retries the next page', async () => {
    const el = await mountList('page-size="3"')
    await loaded(el)
    const restore = await breakApi()
    await page.getByRole('button', { name: '加载更多' }).click()
    await until(() => el.shadowRoot!.querySelector('[role=alert]'), 10_000, 'the alert')
    expect(titles(el)).toHaveLength(3)
    restore()
    await page.getByRole('button', { name: '重试' }).click()
    await until(() => titles(el).length === 6, 8000, 'the second page')
    expect(el.shadowRoot!.activeElement!.getAttribute('data-i')).toBe('3')
  })

  it('works by keyboard alone: Tab to the filters, Space and Enter to act', async () => {
    const el = await mountList('page-size="5"')
    await loaded(el)
    const opened: string[] = []
    el.addEventListener('liuyan-open', (e) => opened.push(e.messageId))
    const active = () => el.shadowRoot!.activeElement as HTMLElement | null
    document.body.focus()
    await userEvent.tab()
    expect(active()?.id).toBe('type')
    await userEvent.tab()
    await userEvent.tab()
    await userEvent.tab()
    expect(active()?.id).toBe('keyword')
    await userEvent.keyboard('路灯')
    await userEvent.tab()
    expect(active()?.textContent).toBe('查询')
    await userEvent.keyboard(' ')
    const lamps = await expected({ keyword: '路灯' })
    await until(() => titles(el).join() === lamps.map((m) => m.title).join(), 8000, 'the keyword search')
    await userEvent.tab()
    expect(active()?.getAttribute('data-i')).toBe('0')
    await userEvent.keyboard('{Enter}')
    expect(opened).toEqual([lamps[0]!.id])
  })

  it('speaks English and Traditional Chinese', async () => {
    const en = await mountList('lang="en" page-size="3"')
    await loaded(en)
    await expect.element(page.getByRole('combobox', { name: 'Type' })).toBeVisible()
    await expect.element(page.getByRole('option', { name: 'Complaint' })).toBeInTheDocument()
    await expect.element(page.getByRole('button', { name: 'Load more' })).toBeVisible()
    expect($$(en, '[part=count]')[0]!.textContent).toBe('Messages shown: 3')
    expect($$(en, '.badge.status')[0]!.textContent).toMatch(/Status(Awaiting reply|In progress|Answered)/)
    await expectAccessible(en)

    const tw = await mountList('lang="zh-TW" page-size="3"')
    await loaded(tw)
    await expect.element(page.getByRole('combobox', { name: '留言類型' })).toBeVisible()
    await expect.element(page.getByRole('button', { name: '載入更多' })).toBeVisible()
    expect($$(tw, '[part=count]')[0]!.textContent).toBe('共顯示 3 則留言')
  })

  it('has large type and 60 px targets in elder mode, and passes axe in both themes', async () => {
    const el = await mountList('size="large" page-size="3"')
    await loaded(el)
    expect(parseFloat(getComputedStyle(el).fontSize)).toBeGreaterThanOrEqual(18)
    for (const control of $$(el, 'button, select, input')) {
      const box = control.getBoundingClientRect()
      expect(box.height, control.outerHTML).toBeGreaterThanOrEqual(60)
      if (control.tagName === 'BUTTON' && !control.classList.contains('link')) expect(box.width, control.outerHTML).toBeGreaterThanOrEqual(60)
    }
    for (const small of $$(el, '.badge, .muted, time')) expect(parseFloat(getComputedStyle(small).fontSize)).toBeGreaterThanOrEqual(18)
    for (const theme of ['dark', 'light']) {
      el.setAttribute('theme', theme)
      await el.updateComplete
      await expectAccessible(el)
    }
  })
})
