import type { MswBoard } from '@liuyan/server/msw'
import { STATUS_LABELS, STATUSES } from '@liuyan/core'
import { userEvent } from 'vitest/browser'
import { createClient } from '@liuyan/client'
import { http } from 'msw'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import '../../define.js'
import { API, apiWorker, deep, DEMO_TOKEN, expectAccessible, expectAccessibleInBothThemes, mount, signInTab, startBoard, submit, tokenFor, type, until } from '../../test-utils.js'
import type { LiuyanInbox } from './inbox.js'

let board: MswBoard
beforeAll(async () => {
  document.documentElement.lang = 'zh-CN'
  board = await startBoard()
})
afterEach(() => signInTab(undefined))

const root = (el: Element) => el.shadowRoot!
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr')]
const titles = (el: Element) => rows(el).map((r) => r.querySelector('button')!.textContent)
const button = (el: Element, text: string) => [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)!
const staffClient = (token: string) => createClient({ baseUrl: new URL(API, location.href).href, token })

async function mountInbox(token: string, attrs = ''): Promise<LiuyanInbox> {
  signInTab(token)
  const el = mount<LiuyanInbox>(`<liuyan-inbox api="${API}" ${attrs}></liuyan-inbox>`)
  await until(() => rows(el).length || root(el).querySelector('.status-line')?.textContent?.includes('没有'), 5000, 'the first page')
  return el
}

describe('<liuyan-inbox>', () => {
  it('lists the token’s messages by deadline by default, as the server orders them, pages by cursor with “more”, and newest first on request', async () => {
    const el = await mountInbox(DEMO_TOKEN, 'page-size="4"')
    const first = async (query: { sort?: 'due' }) => {
      const out: { title: string; dueAt: string | undefined }[] = []
      for await (const m of staffClient(DEMO_TOKEN).inbox.list({ ...query, limit: 4 })) {
        // The deadline that runs: an open message's.
        out.push({ title: m.title, dueAt: ['accepted', 'assigned', 'processing'].includes(m.status) ? m.dueAt : undefined })
        if (out.length === 8) break
      }
      return out
    }
    const byDue = await first({ sort: 'due' })
    // The earliest running deadline first: the order the server answers is the one asked for.
    const times = byDue.map((m) => (m.dueAt ? Date.parse(m.dueAt) : Infinity))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(times.filter((t) => t < Infinity).length).toBeGreaterThan(1)
    expect(titles(el)).toEqual(byDue.slice(0, 4).map((m) => m.title))
    expect(root(el).querySelector<HTMLSelectElement>('#f-sort')!.value).toBe('due')
    expect(root(el).textContent).toContain('按办理期限排列：已受理、已交办、办理中的留言，最早到期的在前')
    button(el, '加载更多').click()
    await until(() => rows(el).length === 8, 5000, 'the second page')
    expect(titles(el)).toEqual(byDue.map((m) => m.title))
    await expectAccessibleInBothThemes(el)

    const newest = await first({})
    expect(newest.map((m) => m.title)).not.toEqual(byDue.map((m) => m.title))
    type(root(el).querySelector<HTMLSelectElement>('#f-sort')!, 'created')
    button(el, '筛选').click()
    await until(() => titles(el).join() === newest.slice(0, 4).map((m) => m.title).join(), 5000, 'newest first')
    expect(root(el).textContent).toContain('按提交时间从新到旧排列。')
  })

  it('filters as GET /inbox does: status, type, a board subtree, and refuses reversed dates', async () => {
    const el = await mountInbox(DEMO_TOKEN, 'page-size="100"')
    type(root(el).querySelector<HTMLSelectElement>('#f-status')!, 'pending')
    button(el, '筛选').click()
    await until(() => rows(el).length && rows(el).every((r) => r.cells[3]!.textContent!.includes(STATUS_LABELS['zh-CN'].pending)), 5000, 'pending only')
    const pending = (await staffClient(DEMO_TOKEN).inbox.list({ status: 'pending', sort: 'due', limit: 100 })).items
    expect(titles(el)).toEqual(pending.map((m) => m.title))

    type(root(el).querySelector<HTMLSelectElement>('#f-status')!, '')
    type(root(el).querySelector<HTMLSelectElement>('#f-type')!, 'thank')
    button(el, '筛选').click()
    const thanks = (await staffClient(DEMO_TOKEN).inbox.list({ type: 'thank', sort: 'due', limit: 100 })).items
    await until(() => titles(el).join() === thanks.map((m) => m.title).join(), 5000, 'thanks only')
    expect(thanks.length).toBeGreaterThan(0)
    type(root(el).querySelector<HTMLSelectElement>('#f-type')!, '')
    type(root(el).querySelector<HTMLSelectElement>('#f-boardId')!, '220104-gov')
    button(el, '筛选').click()
    const subtree = (await staffClient(DEMO_TOKEN).inbox.list({ boardId: '220104-gov', sort: 'due', limit: 100 })).items
    await until(() => titles(el).join() === subtree.map((m) => m.title).join(), 5000, 'the 朝阳区 subtree')
    expect(subtree.length).toBeGreaterThan(0)

    // An end date before the start date is refused here, in the console's language, keeping both.
    type(root(el).querySelector<HTMLInputElement>('#f-from')!, '2026-03-10')
    type(root(el).querySelector<HTMLInputElement>('#f-to')!, '2026-03-01')
    button(el, '筛选').click()
    await el.updateComplete
    expect(root(el).querySelector('#f-to-error')!.textContent).toBe('结束日期不能早于开始日期')
    expect(root(el).querySelector('#f-to')!.getAttribute('aria-invalid')).toBe('true')
    expect(root(el).querySelector<HTMLInputElement>('#f-from')!.value).toBe('2026-03-10')
    await expectAccessible(el)

    button(el, '清除筛选').click()
    await until(() => rows(el).length > subtree.length, 5000, 'every message again')
  })

  it('accepts in bulk, one action per message with a result for each, and skips what it cannot accept', async () => {
    const a = await submit(board)
    const b = await submit(board)
    const el = await mountInbox(DEMO_TOKEN, 'page-size="100"')
    const replied = rows(el).find((r) => r.cells[3]!.textContent!.includes('已回复'))!
    const pick = (title: string) => rows(el).find((r) => r.querySelector('button')!.textContent === title)!.querySelector<HTMLInputElement>('input[type="checkbox"]')!
    pick(a.title).click()
    pick(b.title).click()
    replied.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click()
    await el.updateComplete
    expect(root(el).querySelector('#bulk-title')!.textContent).toContain('已选 3 条')
    button(el, '批量受理').click()
    await until(() => root(el).querySelector('.results'), 5000, 'the results')
    const results = [...root(el).querySelectorAll('.results li')].map((li) => li.textContent)
    expect(results).toHaveLength(3)
    expect(results.filter((r) => r!.includes('受理成功'))).toHaveLength(2)
    expect(results.filter((r) => r!.includes('跳过：当前状态不能受理'))).toHaveLength(1)
    for (const { id } of [a, b]) expect((await board.service.store.read.getMessage(id))!.status).toBe('accepted')
    expect(rows(el).find((r) => r.querySelector('button')!.textContent === a.title)!.cells[3]!.textContent).toContain('已受理')
    await expectAccessible(el)
  })

  it('assigns in bulk to a unit found by searching the tree, and asks for a unit first', async () => {
    const a = await submit(board)
    await board.service.act((await board.service.authenticate(DEMO_TOKEN))!, a.id, { action: 'accept' })
    const el = await mountInbox(DEMO_TOKEN, 'page-size="100"')
    rows(el).find((r) => r.querySelector('button')!.textContent === a.title)!.querySelector<HTMLInputElement>('input')!.click()
    root(el).querySelector<HTMLElement>('details.assign summary')!.click()
    await until(() => root(el).querySelector<HTMLDetailsElement>('details.assign')!.open, 5000, 'the assign panel')
    button(el, '批量交办').click()
    await el.updateComplete
    const picker = root(el).querySelector('liuyan-board-picker')!
    await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete
    expect(picker.shadowRoot!.querySelector('#picker-error')!.textContent).toBe('请选择办理单位')
    type(picker.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!, '交通')
    await until(() => picker.shadowRoot!.querySelectorAll('input[type="radio"]').length === 1, 5000, 'the search')
    picker.shadowRoot!.querySelector<HTMLInputElement>('input[type="radio"]')!.click()
    button(el, '批量交办').click()
    await until(() => root(el).querySelector('.results li')?.textContent?.includes('交办成功'), 5000, 'the result')
    const stored = (await board.service.store.read.getMessage(a.id))!
    expect([stored.status, stored.assigneeBoardId]).toEqual(['assigned', '220100-jtj'])
  })

  it('shows a token only its own boards, and cards on a 390 px phone', async () => {
    const token = await tokenFor(board, '朝阳区政府 审核', ['reviewer'], ['220104-gov'])
    const el = await mountInbox(token, 'page-size="100"')
    const mine = (await staffClient(token).inbox.list({ sort: 'due', limit: 100 })).items
    expect(mine.every((m) => ['220104-gov', '220104-cgj'].includes(m.boardId) || ['220104-gov', '220104-cgj'].includes(m.assigneeBoardId ?? ''))).toBe(true)
    expect(titles(el)).toEqual(mine.map((m) => m.title))
    const boardOptions = [...root(el).querySelectorAll<HTMLOptionElement>('#f-boardId option')].map((o) => o.value)
    expect(boardOptions).toEqual(['', '220104-gov', '220104-cgj'])
    const picker = root(el).querySelector('liuyan-board-picker')!
    const units = [...picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.value)
    expect(units).toEqual(['220104-gov', '220104-cgj'])

    el.parentElement!.style.width = '390px'
    await until(() => getComputedStyle(root(el).querySelector('.cards')!).display !== 'none', 5000, 'cards')
    expect(getComputedStyle(root(el).querySelector('.table-wrap')!).display).toBe('none')
    expect(root(el).querySelectorAll('.cards li').length).toBe(mine.length)
    el.size = 'large'
    await el.updateComplete
    await expectAccessibleInBothThemes(el)
  })

  it('counts each status of the scope as the server does; a count’s button filters by it, by keyboard', async () => {
    const el = await mountInbox(DEMO_TOKEN, 'page-size="100"')
    const counts = await staffClient(DEMO_TOKEN).inbox.counts()
    await until(() => root(el).querySelector('.counts'), 5000, 'the counts')
    const shown = [...root(el).querySelectorAll<HTMLButtonElement>('button.count')].map((b) => b.textContent!.replace(/\s+/g, ''))
    expect(shown).toEqual([...STATUSES.map((s) => `${STATUS_LABELS['zh-CN'][s]}${counts.statuses[s]}`), `已超期${counts.overdue}`])
    expect(root(el).querySelector('#counts-title')!.textContent).toContain(`共 ${counts.total} 条`)
    const pending = [...root(el).querySelectorAll<HTMLButtonElement>('button.count')][0]!
    pending.focus()
    await userEvent.keyboard('{Enter}')
    await until(() => rows(el).length === counts.statuses.pending && rows(el).every((r) => r.cells[3]!.textContent!.includes('待审核')), 5000, 'pending only')
    expect([...root(el).querySelectorAll<HTMLButtonElement>('button.count')][0]!.getAttribute('aria-pressed')).toBe('true')
    expect(root(el).querySelector<HTMLSelectElement>('#f-status')!.value).toBe('pending')
    await expectAccessible(el)
  })

  it('filters by due within n working days and by supervision, as GET /inbox does, and checks n first', async () => {
    const el = await mountInbox(DEMO_TOKEN, 'page-size="100"')
    const sdk = staffClient(DEMO_TOKEN)
    type(root(el).querySelector<HTMLInputElement>('#f-dueWithin')!, '3')
    button(el, '筛选').click()
    const due = (await sdk.inbox.list({ dueWithin: 3, sort: 'due', limit: 100 })).items
    await until(() => titles(el).join() === due.map((m) => m.title).join() && !root(el).querySelector('.status-line')!.textContent!.includes('正在'), 5000, 'due within 3 days')
    type(root(el).querySelector<HTMLInputElement>('#f-dueWithin')!, '')
    root(el).querySelector<HTMLInputElement>('input[name="supervised"]')!.click()
    button(el, '筛选').click()
    const supervised = (await sdk.inbox.list({ supervised: true, sort: 'due', limit: 100 })).items
    await until(() => titles(el).join() === supervised.map((m) => m.title).join(), 5000, 'supervised only')
    expect(supervised.every((m) => m.supervised)).toBe(true)
    await until(() => !root(el).querySelector('.status-line')!.textContent!.includes('正在'), 5000, 'the list loaded')
    type(root(el).querySelector<HTMLInputElement>('#f-dueWithin')!, '99')
    button(el, '筛选').click()
    await el.updateComplete
    expect(root(el).querySelector('#f-dueWithin-error')!.textContent).toBe('请填写0到60之间的整数')
    await expectAccessible(el)
  })

  it('shows the filters applied last when an earlier page answers after them', async () => {
    // The first page (no filter) is held at the service worker until the filtered page is shown.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let heldAnswered!: () => void
    const answered = new Promise<void>((resolve) => (heldAnswered = resolve))
    let holding = true
    apiWorker().use(http.get(`${location.origin}${API}/inbox`, async ({ request }) => {
      if (!holding || new URL(request.url).searchParams.has('status')) return undefined
      holding = false
      await held
      queueMicrotask(heldAnswered)
      return undefined // on to the board's own handler
    }))
    try {
      signInTab(DEMO_TOKEN)
      const el = mount<LiuyanInbox>(`<liuyan-inbox api="${API}" page-size="100"></liuyan-inbox>`)
      await until(() => root(el).querySelector('#f-status'), 5000, 'the filters')
      type(root(el).querySelector<HTMLSelectElement>('#f-status')!, 'pending')
      button(el, '筛选').click()
      const pending = (await staffClient(DEMO_TOKEN).inbox.list({ status: 'pending', sort: 'due', limit: 100 })).items
      await until(() => titles(el).join() === pending.map((m) => m.title).join(), 5000, 'pending only')
      release()
      await answered
      // The held answer reaches the page and is parsed within a few frames; it must change nothing.
      for (let frame = 0; frame < 10; frame++) await new Promise(requestAnimationFrame)
      await el.updateComplete
      expect(titles(el)).toEqual(pending.map((m) => m.title))
      expect(rows(el).every((r) => r.cells[3]!.textContent!.includes('待审核'))).toBe(true)
      expect(root(el).querySelector('.status-line')!.textContent).toBe(`已加载 ${pending.length} 条留言`)
    } finally {
      apiWorker().resetHandlers()
    }
  })

  it('speaks English with lang="en"', async () => {
    const el = await mountInbox(DEMO_TOKEN, 'lang="en" page-size="5"')
    expect(root(el).querySelector('#inbox-title')!.textContent).toBe('Inbox')
    expect([...root(el).querySelectorAll('thead th')].map((th) => th.textContent!.trim())).toEqual(['Select', 'Title', 'Type', 'Status', 'Handling unit', 'Submitted', 'Deadline'])
    expect(root(el).querySelector('.status-line')!.textContent).toBe('5 messages loaded')
  })
})
