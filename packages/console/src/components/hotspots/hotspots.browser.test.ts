import type { MswBoard } from '@liuyan/server/msw'
import { createClient } from '@liuyan/client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../../define.js'
import { activeDeep, API, deep, DEMO_TOKEN, expectAccessible, expectAccessibleInBothThemes, mount, signInTab, startBoard, submit, tokenFor, until } from '../../test-utils.js'
import type { LiuyanConsole } from '../console/console.js'
import type { LiuyanHotspots } from './hotspots.js'

let board: MswBoard
const lights: string[] = []
beforeAll(async () => {
  document.documentElement.lang = 'zh-CN'
  board = await startBoard()
  // Three messages about the same street lights in 朝阳区 (the county and its unit), accepted so
  // the public can read them; and one unrelated.
  const admin = (await board.service.authenticate(DEMO_TOKEN))!
  for (const [boardId, title, content] of [
    ['220104-gov', '建设街路灯不亮', '朝阳区建设街与红旗街交汇处的路灯已经一个星期不亮了，晚上出行很不安全。'],
    ['220104-cgj', '建设街路灯坏了', '朝阳区建设街与红旗街交汇处的路灯坏了一个星期，晚上出行很不安全，请尽快修。'],
    ['220104-cgj', '建设街的路灯不亮', '朝阳区建设街红旗街交汇处路灯一个多星期不亮了，晚上出行很不安全。'],
  ] as const) {
    const { id } = await submit(board, { boardId, title, content })
    await board.service.act(admin, id, { action: 'accept' })
    lights.push(id)
  }
})
afterEach(() => signInTab(undefined))

const root = (el: Element) => el.shadowRoot!
const groupItem = (el: Element, title: string) =>
  [...root(el).querySelectorAll<HTMLLIElement>('ol.groups > li')].find((li) => li.querySelector('h4')?.textContent === title)
const buttonIn = (scope: ParentNode, text: string) => [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)
const staffClient = (token: string) => createClient({ baseUrl: new URL(API, location.href).href, token })

/** Presses Enter on a control, as a keyboard user who reached it does. */
async function press(control: HTMLElement) {
  control.focus()
  expect(activeDeep()).toBe(control)
  await userEvent.keyboard('{Enter}')
}

async function mountHotspots(token: string, attrs = ''): Promise<LiuyanHotspots> {
  signInTab(token)
  const el = mount<LiuyanHotspots>(`<liuyan-hotspots api="${API}" ${attrs}></liuyan-hotspots>`)
  await until(() => root(el).querySelector('#groups-title') || root(el).querySelector('[role="alert"]'), 8000, 'the hot spots')
  return el
}

describe('<liuyan-hotspots>', () => {
  it('shows the heat table as a table whose figures equal the API’s, and the group of similar messages with its places', async () => {
    const token = await tokenFor(board, '长春市督查室', ['supervisor'], ['220100-gov'])
    const el = await mountHotspots(token)
    const heat = await staffClient(token).hotspots.heat('220100-gov')
    const table = root(el).querySelector('table')!
    expect(table.querySelector('caption')!.textContent).toContain('长春市人民政府')
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true)
    const row = [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent === '朝阳区人民政府（220104）')!
    expect(row.querySelector('th')!.getAttribute('scope')).toBe('row')
    const expected = heat.rows.filter((r) => r.region === '220104').reduce((sum, r) => r.counts.reduce((a, b) => a + b, sum), 0)
    expect(expected).toBeGreaterThanOrEqual(3)
    expect(row.querySelector('td:last-child')!.textContent).toBe(String(expected))
    // Every figure is written out; the bars only repeat it.
    for (const bar of table.querySelectorAll('.bar')) expect(bar.getAttribute('aria-hidden')).toBe('true')
    // Their lengths are classes, not style attributes (which a strict CSP refuses): the largest
    // figure's bar fills its cell, a smaller one is shorter.
    expect(table.querySelectorAll('[style]')).toHaveLength(0)
    const bars = [...table.querySelectorAll<HTMLElement>('.bar')]
    const longest = bars.filter((b) => b.classList.contains('w20'))
    expect(longest.length).toBeGreaterThan(0)
    const width = (b: HTMLElement) => b.getBoundingClientRect().width
    expect(width(longest[0]!)).toBeCloseTo(width(longest[0]!.parentElement!) - 2 * parseFloat(getComputedStyle(longest[0]!.parentElement!).paddingInlineStart), 0)
    for (const bar of bars.filter((b) => !b.classList.contains('w20'))) expect(width(bar)).toBeLessThan(width(bar.parentElement!))

    // The month picker lists the months with messages; one month's figures are that month's counts.
    const withMessages = heat.months.filter((_, i) => heat.rows.some((r) => r.counts[i]! > 0))
    const picker = root(el).querySelector<HTMLSelectElement>('#heat-month')!
    expect([...picker.options].map((o) => o.value)).toEqual(['', ...withMessages])
    const month = heat.months.indexOf(withMessages.at(-1)!)
    await userEvent.selectOptions(picker, heat.months[month]!)
    await until(() => root(el).querySelector('caption')!.textContent!.includes(`${heat.months[month]} 至 ${heat.months[month]}`), 5000, 'the month’s table')
    const inMonth = heat.rows.filter((r) => r.region === '220104').reduce((sum, r) => sum + r.counts[month]!, 0)
    const monthRow = [...root(el).querySelectorAll('table tbody tr')].find((r) => r.querySelector('th')!.textContent === '朝阳区人民政府（220104）')!
    expect(monthRow.querySelector('td:last-child')!.textContent).toBe(String(inMonth))

    const group = groupItem(el, '建设街的路灯不亮')!
    expect(group.textContent).toContain('3 条留言')
    expect(group.textContent).toContain('地区：朝阳区人民政府（220104） 3')
    await expectAccessibleInBothThemes(el)
  })

  it('opens a group by keyboard, links a duplicate of its first message, and the public thread says so', async () => {
    const token = await tokenFor(board, '长春市督查室', ['supervisor'], ['220100-gov'])
    const el = await mountHotspots(token)
    const group = groupItem(el, '建设街的路灯不亮')!
    await press(buttonIn(group, '查看这组留言')!)
    await until(() => group.querySelectorAll('ul.members li').length === 3, 5000, 'the group’s messages')
    await until(() => activeDeep() === group.querySelector('h4'), 5000, 'focus on the group’s heading')
    expect(buttonIn(group, '收起')!.getAttribute('aria-expanded')).toBe('true')
    const members = [...group.querySelectorAll('ul.members li')]
    expect(members.map((li) => li.querySelector('button.link')!.textContent)).toEqual(['建设街的路灯不亮', '建设街路灯坏了', '建设街路灯不亮'])
    expect(members[2]!.textContent).toContain('首条')
    await expectAccessible(el)

    await press(buttonIn(members[1]!, '标记为与首条重复')!)
    await until(() => root(el).querySelector('.status-line')!.textContent === '已标记：建设街路灯坏了 与首条留言重复', 5000, 'the link')
    expect(group.querySelectorAll('ul.members li')[1]!.textContent).toContain('与 首条 重复')
    const thread = await createClient({ baseUrl: new URL(API, location.href).href }).messages.get(lights[1]!)
    expect(thread.duplicateOf).toBe(lights[0])
    await expectAccessibleInBothThemes(el)
  })

  it('shows each token only its own boards, and no link for a handler', async () => {
    const other = await tokenFor(board, '吉林市督查室', ['supervisor'], ['220200-gov'])
    const el = await mountHotspots(other)
    expect(groupItem(el, '建设街的路灯不亮')).toBeUndefined()
    expect(root(el).textContent).not.toContain('220104')
    const handler = await tokenFor(board, '朝阳区城管 办理', ['handler'], ['220104-gov'])
    const mine = await mountHotspots(handler)
    const group = groupItem(mine, '建设街的路灯不亮')!
    await press(buttonIn(group, '查看这组留言')!)
    await until(() => group.querySelectorAll('ul.members li').length === 3, 5000, 'the group’s messages')
    expect(buttonIn(group, '标记为与首条重复')).toBeUndefined()
  })

  it('reads well on a 390 px phone in large mode and the dark theme', async () => {
    const el = await mountHotspots(DEMO_TOKEN, 'size="large" theme="dark"')
    el.parentElement!.style.width = '390px'
    await el.updateComplete
    const select = root(el).querySelector<HTMLSelectElement>('#h-board')!
    expect(parseFloat(getComputedStyle(select).minHeight)).toBeGreaterThanOrEqual(60)
    // The table scrolls inside its own focusable region instead of widening the page.
    expect(root(el).querySelector('.scroll')!.getAttribute('tabindex')).toBe('0')
    expect(el.getBoundingClientRect().width).toBeLessThanOrEqual(390)
    await expectAccessible(el)
  })

  it('is reached from <liuyan-console>’s navigation, with focus on its heading', async () => {
    signInTab(DEMO_TOKEN)
    const el = mount<LiuyanConsole>('<liuyan-console api="/api/v1"></liuyan-console>')
    const nav = await until(() => buttonIn(root(el), '热点与重复'), 5000, 'the navigation')
    await press(nav)
    await until(() => deep(el, 'liuyan-hotspots', '#groups-title'), 8000, 'the hot spots')
    await until(() => activeDeep() === deep(el, 'liuyan-hotspots', '#hotspots-title'), 5000, 'focus on the heading')
    expect(nav.getAttribute('aria-current')).toBe('page')
    expect(deep(el, 'liuyan-inbox')!.hidden).toBe(true)
  })
})
