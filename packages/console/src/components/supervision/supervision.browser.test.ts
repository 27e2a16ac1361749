import { chinaDate, isWorkingDay, NewMessageSchema, REVIEW_WORKING_DAYS, validate, type Board, type Message, type NewMessageInput } from '@liuyan/core'
import { createClient } from '@liuyan/client'
import { createBoardService, createMemoryStore } from '@liuyan/server'
import { createMswHandlers, type MswBoard } from '@liuyan/server/msw'
import { setupWorker } from 'msw/browser'
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../../define.js'
import { activeDeep, API, deep, DEMO_TOKEN, expectAccessible, expectAccessibleInBothThemes, mount, signInTab, tokenFor, until } from '../../test-utils.js'
import type { LiuyanConsole } from '../console/console.js'
import { monthName, numbersOf } from './supervision-figures.js'
import type { LiuyanSupervision } from './supervision.js'

// The real Board API through msw, on a pinned clock that the test moves: the demo's history leads
// up to 10:00 on Monday 15 June 2026 (China time), from 18 April at the earliest; the messages of
// 吉林市 below come before that, on days chosen so that each figure has something to count (a late
// acceptance, an overdue message, replies after known working days, ratings of 5 and 3, one
// awaiting review, one refused).
let clock = new Date('2026-06-15T10:00:00+08:00')
const NOW = clock
let board: MswBoard
const at = (iso: string) => (clock = new Date(iso))

async function submit(input: Partial<NewMessageInput>, when: string) {
  at(when)
  const checked = validate(NewMessageSchema, {
    boardId: '220200-gov', type: 'complain', domain: 'health', title: '医院挂号排队时间太长',
    content: '市中心医院门诊挂号窗口每天早上排队两个小时以上，希望增加自助机。', author: { nickname: '市民', realName: '李测试', phone: '13900003333' },
    publish: true, ...input,
  })
  if (!checked.success) throw new Error(checked.issues.map((i) => i.message).join('; '))
  return board.service.submit(checked.data)
}
async function act(id: string, when: string, action: Parameters<MswBoard['service']['act']>[2]) {
  at(when)
  await board.service.act((await board.service.authenticate(DEMO_TOKEN))!, id, action)
}

beforeAll(async () => {
  document.documentElement.lang = 'zh-CN'
  const service = createBoardService({ store: createMemoryStore(), now: () => clock })
  board = createMswHandlers({ baseUrl: `${location.origin}${API}`, service })
  await setupWorker(...board.handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' })
  await board.ready
  // A: accepted the next day, replied 5 working days later by 卫健委, rated 5.
  const a = await submit({}, '2026-03-02T09:00:00+08:00')
  await act(a.id, '2026-03-03T10:00:00+08:00', { action: 'accept' })
  await act(a.id, '2026-03-03T11:00:00+08:00', { action: 'assign', boardId: '220200-wjw' })
  await act(a.id, '2026-03-04T09:00:00+08:00', { action: 'start' })
  await act(a.id, '2026-03-10T15:00:00+08:00', { action: 'reply', content: '已增加自助挂号机六台。' })
  at('2026-03-11T09:00:00+08:00')
  await board.service.evaluate(a.trackingCode, { overall: 5, resolution: 5, attitude: 5, speed: 4 })
  // B: accepted late (after 清明), assigned to 医保局 and never replied: overdue by June.
  const b = await submit({ title: '医保报销到账太慢', domain: 'health' }, '2026-04-01T09:00:00+08:00')
  await act(b.id, '2026-04-08T10:00:00+08:00', { action: 'accept' })
  await act(b.id, '2026-04-08T11:00:00+08:00', { action: 'assign', boardId: '220200-ybj' })
  // C: straight to 医保局, replied 2 working days after acceptance, rated 3.
  const c = await submit({ boardId: '220200-ybj', title: '异地就医备案怎么办理', type: 'consult', domain: 'health' }, '2026-04-09T09:00:00+08:00')
  await act(c.id, '2026-04-09T10:00:00+08:00', { action: 'accept' })
  await act(c.id, '2026-04-09T11:00:00+08:00', { action: 'assign', boardId: '220200-ybj' })
  await act(c.id, '2026-04-09T14:00:00+08:00', { action: 'start' })
  await act(c.id, '2026-04-13T16:00:00+08:00', { action: 'reply', content: '可在国家医保服务平台线上备案。' })
  at('2026-04-14T09:00:00+08:00')
  await board.service.evaluate(c.trackingCode, { overall: 3, resolution: 3, attitude: 4, speed: 3 })
  // D awaits review, E was refused: neither is received.
  await submit({ title: '建议增加社区医院夜间门诊' }, '2026-04-10T09:00:00+08:00')
  const e = await submit({ title: '咨询与本市无关的事项' }, '2026-04-10T09:30:00+08:00')
  await act(e.id, '2026-04-10T10:00:00+08:00', { action: 'reject', code: 'out_of_scope', reason: '不属于本市管辖' })
  clock = NOW
})
afterEach(() => signInTab(undefined))

// ---- The figures, computed here from the raw messages with core's calendar only -----------------
const DAY = 86_400_000
const nextDay = (day: string) => chinaDate(new Date(Date.parse(`${day}T12:00:00+08:00`) + DAY))
const working = (day: string) => isWorkingDay(new Date(`${day}T12:00:00+08:00`), { outsideCalendar: 'weekends' })
/** Working days after the China day of `start` up to and including that of `end`. */
function workingDaysBetween(start: string, end: string): number {
  let days = 0
  for (let day = nextDay(chinaDate(new Date(start))), last = chinaDate(new Date(end)); day <= last; day = nextDay(day)) if (working(day)) days++
  return days
}
/** The China day by which a message submitted at `created` must be accepted. */
function reviewDay(created: string): string {
  let day = chinaDate(new Date(created))
  for (let n = 0; n < REVIEW_WORKING_DAYS; ) if (working((day = nextDay(day)))) n++
  return day
}
const median = (values: number[]) => {
  const v = [...values].sort((x, y) => x - y)
  return v.length ? (v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2) : null
}

async function allMessages(): Promise<Message[]> {
  const staff = createClient({ baseUrl: new URL(API, location.href).href, token: DEMO_TOKEN })
  const out: Message[] = []
  for await (const m of staff.inbox.list({ limit: 100 })) out.push(m)
  return out
}

function expected(messages: Message[], boards: Board[], unitId: string, from: string, to: string) {
  const below = (id: string): string[] => [id, ...boards.filter((b) => b.parentId === id).flatMap((b) => below(b.id))]
  const subtree = new Set(below(unitId))
  const mine = messages.filter((m) => (subtree.has(m.boardId) || subtree.has(m.assigneeBoardId ?? '')) && chinaDate(new Date(m.createdAt)) >= from && chinaDate(new Date(m.createdAt)) <= to)
  const received = mine.filter((m) => m.status !== 'pending' && m.status !== 'rejected')
  const replied = received.filter((m) => m.repliedAt)
  const rated = received.filter((m) => m.evaluation).map((m) => m.evaluation!.overall)
  return {
    received: received.length,
    acceptedOnTime: received.filter((m) => chinaDate(new Date(m.reviewedAt!)) <= reviewDay(m.createdAt)).length,
    replied: replied.length,
    replyRate: received.length ? replied.length / received.length : 0,
    median: median(replied.map((m) => workingDaysBetween(m.reviewedAt!, m.repliedAt!))),
    overdue: received.filter((m) => ['accepted', 'assigned', 'processing'].includes(m.status) && Date.parse(m.dueAt!) < NOW.getTime()).length,
    supervised: received.filter((m) => m.supervised).length,
    rated: rated.length,
    average: rated.length ? Math.round((rated.reduce((s, v) => s + v, 0) / rated.length) * 100) / 100 : null,
    share: rated.length ? rated.filter((v) => v >= 4).length / rated.length : null,
    messages: received,
  }
}

/**
 * The inbox's default order (by deadline): open messages by deadline, the earliest first, then the
 * others; equal keys in the order they came in (here, as they were created).
 */
function byDeadline(messages: readonly Message[]): Message[] {
  const key = (m: Message) => (m.dueAt && ['accepted', 'assigned', 'processing'].includes(m.status) ? Date.parse(m.dueAt) : Infinity)
  return [...messages].sort((a, b) => key(a) - key(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt))
}

// ---- Reading the view -------------------------------------------------------------------------
const root = (el: Element) => el.shadowRoot!
const rowOf = (el: Element, id: string) => root(el).querySelector<HTMLTableRowElement>(`table.units tr[data-board="${id}"]`)
const rowIds = (el: Element) => [...root(el).querySelectorAll('table.units tbody tr')].map((r) => r.getAttribute('data-board'))
/** The figures of a row as shown (without the words a screen reader adds to a button). */
const cells = (row: HTMLTableRowElement) => [...row.querySelectorAll('td')].map((td) => {
  const copy = td.cloneNode(true) as Element
  copy.querySelectorAll('button .visually-hidden').forEach((e) => e.remove())
  return copy.textContent!.replace(/\s+/g, '')
})

async function mountView(token: string, attrs: string): Promise<LiuyanSupervision> {
  signInTab(token)
  const el = mount<LiuyanSupervision>(`<liuyan-supervision api="${API}" ${attrs}></liuyan-supervision>`)
  await until(() => root(el).querySelector('table.units') || root(el).querySelector('[role="alert"]'), 8000, 'the figures')
  return el
}

const n = numbersOf('zh-CN')
const shown = (e: ReturnType<typeof expected>) => [
  n.count(e.received), n.count(e.acceptedOnTime), n.count(e.replied), e.received ? n.share(e.replyRate) : '—无数据',
  e.median === null ? '—无数据' : n.days(e.median), n.count(e.overdue), n.count(e.supervised),
  e.average === null ? '—无数据' : `${n.score(e.average)}${e.rated}人评价`, e.share === null ? '—无数据' : n.share(e.share),
].map((s) => s.replace(/\s+/g, ''))

describe('<liuyan-supervision>', () => {
  it('shows for every unit the figures computed from the raw messages, the trend as a chart with its table, and the ranking under its rule', async () => {
    const el = await mountView(DEMO_TOKEN, 'board-id="220000-gov" from="2026-01-01" to="2026-06-15" units="subtree"')
    const [messages, boards] = [await allMessages(), await board.service.listBoards()]
    const ids = rowIds(el)
    expect(ids[0]).toBe('220000-gov')
    expect(ids.length).toBeGreaterThan(10)
    for (const id of ids) expect([id, cells(rowOf(el, id!)!)]).toEqual([id, shown(expected(messages, boards, id!, '2026-01-01', '2026-06-15'))])

    // The trend: every month of the range with a message received, as an SVG named by its text
    // alternative and as a table with the same figures.
    const all = expected(messages, boards, '220000-gov', '2026-01-01', '2026-06-15').messages
    const months = [...new Set(all.map((m) => chinaDate(new Date(m.createdAt)).slice(0, 7)))].sort()
    const trend = months.map((month) => {
      const of = all.filter((m) => chinaDate(new Date(m.createdAt)).startsWith(month))
      return [monthName(month, 'zh-CN'), String(of.length), String(of.filter((m) => m.repliedAt).length)]
    })
    const trendRows = [...root(el).querySelectorAll('.trend-table tbody tr')].map((r) => [...r.children].map((c) => c.textContent!.trim()))
    expect(trendRows).toEqual(trend)
    const svg = root(el).querySelector('figure.chart svg')!
    expect(svg.getAttribute('role')).toBe('img')
    expect(root(el).querySelector('canvas')).toBeNull()
    const alt = root(el).getElementById(svg.getAttribute('aria-labelledby')!)!.textContent!
    for (const [month, received, replied] of trend) expect(alt).toContain(`${month}收到 ${received} 条、已答复 ${replied} 条`)
    expect(svg.querySelectorAll('rect.bar')).toHaveLength(trend.length)

    // The ranking: the units below, by the rule stated under it.
    const ranked = ids.slice(1)
      .map((id) => ({ id: id!, ...expected(messages, boards, id!, '2026-01-01', '2026-06-15') }))
      .filter((u) => u.received > 0)
      .sort((x, y) => y.replyRate - x.replyRate || y.received - x.received || x.id.localeCompare(y.id))
    expect([...root(el).querySelectorAll('.ranking li')].map((li) => li.getAttribute('data-board'))).toEqual(ranked.map((u) => u.id))
    expect(root(el).querySelector('.ranking .rule')!.textContent).toContain('按答复率从高到低排列；答复率相同的，收到留言多的在前；再相同的，按单位编号排列')
    await expectAccessibleInBothThemes(el)
  })

  it('counts the messages of 吉林市 before the demo’s history as worked out by hand', async () => {
    const el = await mountView(DEMO_TOKEN, 'board-id="220200-gov" from="2026-03-01" to="2026-04-15" units="subtree"')
    // 卫健委: A, accepted the next day, replied on the 5th working day after (Mar 4, 5, 6, 9, 10), rated 5.
    expect(cells(rowOf(el, '220200-wjw')!)).toEqual(['1', '1', '1', '100.0%', '5', '0', '0', '5.001人评价', '100.0%'])
    // 医保局: B (accepted a week late, over 清明, and overdue) and C (replied Apr 13 after Apr 10 and 13, rated 3).
    expect(cells(rowOf(el, '220200-ybj')!)).toEqual(['2', '1', '1', '50.0%', '2', '1', '0', '3.001人评价', '0.0%'])
    // 吉林市: both, and neither the message awaiting review nor the refused one.
    expect(cells(rowOf(el, '220200-gov')!)).toEqual(['3', '2', '2', '66.7%', '3.5', '1', '0', '4.002人评价', '50.0%'])
    expect([...root(el).querySelectorAll('.trend-table tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ''))).toEqual(['2026年3月11', '2026年4月21'])
    expect([...root(el).querySelectorAll('.ranking li')].map((li) => li.getAttribute('data-board'))).toEqual(['220200-wjw', '220200-ybj'])
  })

  it('lets a supervisor find the overdue unit, drill down to its messages and supervise, by keyboard alone', async () => {
    // The view counts from 1 January to today: today is the pinned day.
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] })
    onTestFinished(() => void vi.useRealTimers())
    const token = await tokenFor(board, '吉林市督查室', ['supervisor'], ['220200-gov'])
    signInTab(token)
    const el = mount<LiuyanConsole>(`<liuyan-console api="${API}"></liuyan-console>`)
    await until(() => deep(el, 'liuyan-inbox', '#inbox-title'), 8000, 'signed in')
    const tabTo = async (target: () => Element | null | undefined, what: string, shift = false) => {
      for (let i = 0; i < 120 && (!target() || activeDeep() !== target()); i++) await userEvent.tab({ shift })
      expect(activeDeep(), what).toBe(target())
    }
    const nav = () => [...root(el).querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent === '督查统计')
    document.body.focus()
    await tabTo(nav, 'the supervision entry')
    await userEvent.keyboard('{Enter}')
    const view = () => deep(el, 'liuyan-supervision')!
    await until(() => activeDeep() === deep(el, 'liuyan-supervision', '#supervision-title'), 5000, 'focus on the supervision heading')
    await until(() => root(view()).querySelector('table.units'), 8000, 'the table')
    const [messages, boards] = [await allMessages(), await board.service.listBoards()]
    const [from, today] = ['2026-01-01', '2026-06-15']
    // The overdue unit is the one row with an overdue figure to open.
    const overdueButtons = [...root(view()).querySelectorAll<HTMLButtonElement>('button[data-figure="overdue"]')]
    const late = overdueButtons.map((b) => b.closest('tr')!.getAttribute('data-board'))
    expect(late).toEqual(rowIds(view()).filter((id) => expected(messages, boards, id!, from, today).overdue > 0))
    expect(late).toContain('220200-ybj')
    const ybj = expected(messages, boards, '220200-ybj', from, today)
    await tabTo(() => rowOf(view(), '220200-ybj')!.querySelector('button[data-figure="overdue"]'), 'the overdue figure of 医保局')
    await userEvent.keyboard('{Enter}')
    const inbox = () => deep(el, 'liuyan-inbox')!
    await until(() => activeDeep() === deep(el, 'liuyan-inbox', '#inbox-title'), 5000, 'focus on the inbox heading')
    const overdue = byDeadline(ybj.messages.filter((m) => ['accepted', 'assigned', 'processing'].includes(m.status) && Date.parse(m.dueAt!) < NOW.getTime()))
    const titles = () => [...root(inbox()).querySelectorAll('tbody tr td:nth-child(2) button')].map((b) => b.textContent)
    await until(() => titles().join() === overdue.map((m) => m.title).join(), 8000, 'the overdue messages of 医保局')
    expect(root(inbox()).querySelector<HTMLSelectElement>('#f-boardId')!.value).toBe('220200-ybj')
    expect(root(inbox()).querySelector<HTMLInputElement>('input[name="overdue"]')!.checked).toBe(true)
    // The table on a wide screen, cards on a narrow one: the title shown.
    const shownTitle = () => [...root(inbox()).querySelectorAll<HTMLButtonElement>('button.link')].find((b) => b.textContent === overdue[0]!.title && b.getClientRects().length > 0)
    await tabTo(shownTitle, 'the overdue message')
    await userEvent.keyboard('{Enter}')
    await until(() => activeDeep() === deep(el, 'liuyan-case', '#case-title'), 8000, 'focus on the message')
    const supervise = () => deep(el, 'liuyan-case')!.shadowRoot!.querySelector('form[aria-label="督办"] button[type="submit"]')
    await tabTo(supervise, 'the supervise button')
    await userEvent.keyboard('{Enter}')
    await until(() => deep(el, 'liuyan-case', '#status-line')?.textContent?.includes('已督办'), 5000, 'supervised')
    expect((await board.service.store.read.getMessage(overdue[0]!.id))!.supervised).toBe(true)
    // Back in the supervision view, the figure counts it.
    await tabTo(nav, 'the supervision entry again', true)
    await userEvent.keyboard('{Enter}')
    await until(() => cells(rowOf(view(), '220200-ybj')!)[6] === String(ybj.supervised + 1), 8000, 'the supervised figure updated')

    // The supervised figure (督办) opens the unit's supervised messages of the range: the inbox's
    // "supervised only" filter, not the overdue one. A unit with none has nothing to open.
    const fresh = await allMessages()
    const now = expected(fresh, boards, '220200-ybj', from, today)
    const supervised = byDeadline(now.messages.filter((m) => m.supervised))
    expect(supervised.map((m) => m.id)).toContain(overdue[0]!.id)
    const figures = [...root(view()).querySelectorAll<HTMLButtonElement>('button[data-figure="supervised"]')]
    expect(figures.map((b) => b.closest('tr')!.getAttribute('data-board'))).toEqual(rowIds(view()).filter((id) => expected(fresh, boards, id!, from, today).supervised > 0))
    const figure = () => rowOf(view(), '220200-ybj')!.querySelector<HTMLButtonElement>('button[data-figure="supervised"]')
    expect(figure()!.textContent).toBe(`${supervised.length}，查看吉林市医疗保障局的督办留言`)
    await tabTo(figure, 'the supervised figure of 医保局')
    await userEvent.keyboard('{Enter}')
    await until(() => activeDeep() === deep(el, 'liuyan-inbox', '#inbox-title'), 5000, 'focus on the inbox heading')
    await until(() => titles().join() === supervised.map((m) => m.title).join(), 8000, 'the supervised messages of 医保局')
    expect(root(inbox()).querySelector<HTMLSelectElement>('#f-boardId')!.value).toBe('220200-ybj')
    expect(root(inbox()).querySelector<HTMLInputElement>('input[name="supervised"]')!.checked).toBe(true)
    expect(root(inbox()).querySelector<HTMLInputElement>('input[name="overdue"]')!.checked).toBe(false)
    expect([root(inbox()).querySelector<HTMLInputElement>('#f-from')!.value, root(inbox()).querySelector<HTMLInputElement>('#f-to')!.value]).toEqual([from, today])
    await expectAccessible(inbox())
  })

  it('shows a token with a smaller scope only its units, and refuses a board outside it', async () => {
    const token = await tokenFor(board, '吉林市督查', ['supervisor'], ['220200-gov'])
    const el = await mountView(token, 'units="subtree" from="2026-01-01" to="2026-06-15"')
    expect(rowIds(el)).toEqual(['220200-gov', '220200-wjw', '220200-ybj'])
    const picker = root(el).querySelector('liuyan-board-picker')!
    expect([...picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.value)).toEqual(['220200-gov', '220200-wjw', '220200-ybj'])
    // Without a board asked for, a token of several top boards starts with the widest (吉林省, not 生态环境部).
    expect(rowIds(await mountView(DEMO_TOKEN, 'from="2026-01-01" to="2026-06-15"'))[0]).toBe('220000-gov')
    const outside = await mountView(token, 'board-id="220100-gov" from="2026-01-01" to="2026-06-15"')
    expect(root(outside).querySelector('table.units')).toBeNull()
    expect(root(outside).querySelector('[role="alert"]')!.textContent).toBe('找不到这个单位，或它不在您的令牌范围内。')
  })

  it('exports what is on screen as CSV and XLSX, and the messages behind it through the server', async () => {
    const el = await mountView(DEMO_TOKEN, 'board-id="220200-gov" from="2026-01-01" to="2026-06-15" units="subtree"')
    const files: { name: string; blob: Blob }[] = []
    const create = URL.createObjectURL
    URL.createObjectURL = (blob: Blob | MediaSource) => (files.push({ name: '', blob: blob as Blob }), 'blob:test')
    const click = HTMLAnchorElement.prototype.click
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      files[files.length - 1]!.name = this.download
    }
    try {
      const button = (text: string) => [...root(el).querySelectorAll<HTMLButtonElement>('.tools button')].find((b) => b.textContent === text)!
      button('导出表格（CSV）').click()
      button('导出表格（XLSX）').click()
      button('导出留言明细（CSV）').click()
      await until(() => files.length === 3 && files[2]!.name, 8000, 'three files')
    } finally {
      URL.createObjectURL = create
      HTMLAnchorElement.prototype.click = click
    }
    expect(files.map((f) => f.name.replace(/\.\w+$/, ''))[0]).toBe('督查统计-220200-gov-2026-01-01-2026-06-15')
    const csv = (await files[0]!.blob.text()).replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','))
    const heads = [...root(el).querySelectorAll('table.units thead th')].map((th) => th.textContent!.trim())
    expect(csv[0]).toEqual([...heads, '评价人数'])
    // Each cell as shown (the figure, without the number of ratings under an average), a count
    // or a score as a number, a figure not yet there as an empty cell.
    const figure = (td: Element) => {
      const copy = td.cloneNode(true) as Element
      copy.querySelectorAll('.muted, .visually-hidden').forEach((e) => e.remove())
      return copy.textContent!.trim().replace(/^—$/, '')
    }
    const same = (text: string) => (/^[\d.]+$/.test(text) ? String(Number(text)) : text)
    for (const [i, id] of rowIds(el).entries()) {
      const row = rowOf(el, id!)!
      const onScreen = [row.querySelector('th')!.textContent!.trim(), ...[...row.querySelectorAll('td')].map(figure)]
      expect(csv[i + 1]!.slice(0, onScreen.length).map((c) => same(c.replace(/^　+/, '')))).toEqual(onScreen.map(same))
    }
    const xlsx = new Uint8Array(await files[1]!.blob.arrayBuffer())
    expect([xlsx[0], xlsx[1], xlsx[2], xlsx[3]]).toEqual([0x50, 0x4b, 0x03, 0x04]) // a ZIP
    const text = new TextDecoder().decode(xlsx)
    expect(text).toContain('xl/worksheets/sheet2.xml')
    for (const id of rowIds(el)) expect(text).toContain(rowOf(el, id!)!.querySelector('th')!.textContent!.trim())
    const sheet = /<worksheet[\s\S]*?<\/worksheet>/.exec(text)![0]
    expect(sheet.match(/<row /g)).toHaveLength(rowIds(el).length + 1)
    // The server's export: only the subtree's messages, public fields.
    const messages = await files[2]!.blob.text()
    expect(files[2]!.name).toMatch(/\.csv$/)
    expect(messages).toContain('医保报销到账太慢')
    expect(messages).not.toContain('李测试')
    expect(messages).not.toContain('13900003333')
  })

  it('stays accessible in large mode on a 390 px phone, and prints the report without its controls', async () => {
    const el = await mountView(DEMO_TOKEN, 'board-id="220200-gov" from="2026-01-01" to="2026-06-15" size="large"')
    el.parentElement!.style.width = '390px'
    await el.updateComplete
    const wrap = root(el).querySelector<HTMLElement>('.table-wrap')!
    expect(wrap.getAttribute('tabindex')).toBe('0')
    expect(wrap.scrollWidth).toBeGreaterThan(wrap.clientWidth) // the table scrolls inside its region, not the page
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth)
    await expectAccessibleInBothThemes(el)
    const print = [...root(el).adoptedStyleSheets.flatMap((s) => [...s.cssRules])].filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print')
    const hidden = print.flatMap((r) => [...r.cssRules]).filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.style.display === 'none').map((r) => r.selectorText)
    for (const selector of ['form.controls', '.tools']) expect(hidden.join(',')).toContain(selector)
  })

  it('speaks English with lang="en" and refuses a range that ends before it starts', async () => {
    const el = await mountView(DEMO_TOKEN, 'lang="en" board-id="220200-gov" from="2026-01-01" to="2026-06-15"')
    expect(root(el).querySelector('#supervision-title')!.textContent).toBe('Supervision')
    expect([...root(el).querySelectorAll('table.units thead th')].map((th) => th.textContent!.trim())).toEqual(['Unit', 'Received', 'Accepted on time', 'Replied', 'Reply rate', 'Median working days to reply', 'Overdue now', 'Supervised', 'Satisfaction (average)', 'Satisfied or better'])
    const to = root(el).querySelector<HTMLInputElement>('#s-to')!
    to.value = '2025-12-01'
    root(el).querySelector<HTMLButtonElement>('form.controls button[type="submit"]')!.click()
    await el.updateComplete
    await until(() => activeDeep() === to, 5000, 'focus on the end date')
    expect(root(el).querySelector('#s-to-error')!.textContent).toBe('The end date cannot be before the start date')
    expect(to.getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(el)
  })
})
