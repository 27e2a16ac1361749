// The staff console (<liuyan-console> at /staff/) against the real CLI in real Chromium, every flow
// by keyboard alone (focus and keys, no clicks), axe clean in each state, no CSP or Trusted Types
// violation on the page (the demo serves it under the strict CSP):
// - a reviewer lists the messages awaiting review (the inbox is by deadline, which puts them after
//   the open ones), accepts two new messages in bulk, lists the accepted ones and assigns them in
//   bulk to a unit found by searching the unit tree; on a 390 px phone the inbox shows cards;
// - a handler replies from a reply template (a supervisor's, through the API);
// - a supervisor finds the unit with an overdue message in the supervision table (from a fixed day
//   long before the demo seed's history, not this year's default), drills down to it and
//   supervises it;
// - a supervisor opens a group of similar messages in the hot spots and links one as a duplicate.
// What a flow needs is seeded through the CLI's HTTP API (and its demo seed); the API then says
// what each flow did.
import { join } from 'node:path'
import type { Message, ReplyTemplate, SubmissionResult } from '@liuyan/core'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, axe, focusedId, ROOT, TOKEN, useCliAndChromium, watchPolicy } from './harness.js'

const problems: string[] = []
// Registered first, so it runs last (after hooks run in reverse): once Chromium is closed.
afterAll(() => {
  expect(problems, 'no CSP, Trusted Types or script errors on the page').toEqual([])
})
// en-US: the date fields take month/day/year as typed below.
const e2e = useCliAndChromium(join(ROOT, 'examples/demo/site'), { chromiumArgs: ['--lang=en-US'] })

const BULK = ['南湖公园东门长椅损坏', '南湖公园西门路灯不亮']
const REPLY_TITLE = '人民大街公交站牌字迹模糊'
const TEMPLATE = { name: '已安排处理', text: '您好！您反映的“{title}”问题，{unit}已安排专人处理，感谢您的监督。' }
// A message of the demo seed, assigned to 吉林市医疗保障局 and reminded for being late within its
// history: its deadline lies before the history's end, which the seed puts before now, so it is
// overdue whatever the day the test runs.
const OVERDUE_TITLE = '父亲异地就医备案办不下来'
const OVERDUE_UNIT = '220200-ybj'
const SIMILAR = [
  ['红旗街路灯不亮', '朝阳区红旗街一带的路灯从九月起就不亮了，晚上走路很不安全，希望尽快修好。'],
  ['红旗街路灯还是不亮', '朝阳区红旗街一带的路灯从九月起一直不亮，晚上走路很不安全，请尽快修好。'],
  ['红旗街的路灯坏了', '朝阳区红旗街一带的路灯从九月起就坏了，晚上走路很不安全，希望早日修好。'],
] as const

const ids: Record<string, string> = {}

async function submit(boardId: string, title: string, content: string, type = 'complain', domain = 'urban'): Promise<string> {
  const { id } = await api<SubmissionResult>(e2e.cli.url, '/messages', {
    method: 'POST',
    body: { boardId, type, domain, title, content, author: { nickname: '南湖晨练' }, publish: true },
  })
  return (ids[title] = id)
}

const act = (id: string, action: object) => api<Message>(e2e.cli.url, `/messages/${id}/actions`, { method: 'POST', body: action })

beforeAll(async () => {
  for (const title of BULK) await submit('220100-gov', title, `${title}，已经有一个多月了，希望尽快修理。`)
  // The handler's message: accepted, assigned to the transport bureau and started through the API.
  const reply = await submit('220100-gov', REPLY_TITLE, '人民大街与解放路口的公交站牌字迹已经模糊，外地乘客看不清线路，希望更换。', 'suggest', 'transport')
  await act(reply, { action: 'accept' })
  await act(reply, { action: 'assign', boardId: '220100-jtj' })
  await act(reply, { action: 'start' })
  await api<ReplyTemplate>(e2e.cli.url, '/boards/220100-gov/reply-templates', { method: 'POST', body: TEMPLATE })
  for (const [title, content] of SIMILAR) await submit('220104-cgj', title, content)
})

/** A new page of the staff console, signed in with the demo token by keyboard. */
async function signedIn(): Promise<Page> {
  const page = await e2e.browser.newPage({ locale: 'zh-CN' })
  await watchPolicy(page, problems)
  await page.goto(`${e2e.cli.url}/staff/`)
  await page.keyboard.press('Tab')
  await page.keyboard.type(TOKEN)
  await page.keyboard.press('Enter')
  await expect.poll(() => focusedId(page)).toBe('inbox-title')
  return page
}

/** Puts the keyboard focus on `target` and presses `key` (Enter for buttons, Space for boxes). */
async function press(target: Locator, key = 'Enter'): Promise<void> {
  await target.focus()
  await target.press(key)
}

const statusLine = (page: Page, selector = 'liuyan-case #status-line') => page.locator(selector).textContent()

it('serves <liuyan-console> at /staff/, and the old staff page is gone', async () => {
  const html = await (await fetch(`${e2e.cli.url}/staff/`)).text()
  expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(['/staff/staff.css', '/staff/liuyan-console.min.js'])
  expect(html).toContain('<liuyan-console api="/api/v1"></liuyan-console>')
  expect((await fetch(`${e2e.cli.url}/staff/staff.js`)).status).toBe(404)
})

/** The titles of `wanted` in the order the inbox lists them now (the order a bulk action walks). */
async function listed(page: Page, wanted: readonly string[]): Promise<string[]> {
  const titles = await page.locator('liuyan-inbox tbody tr td:nth-child(2) button').allTextContents()
  return titles.filter((t) => wanted.includes(t))
}

it('a reviewer accepts and assigns in bulk', async () => {
  const page = await signedIn()
  // By deadline, messages awaiting review come after the open ones: the count's button lists them.
  expect(await page.locator('liuyan-inbox #f-sort').inputValue()).toBe('due')
  expect(await axe(page)).toEqual([])
  await press(page.locator('liuyan-inbox button.count').filter({ hasText: '待审核' }))
  await expect.poll(() => listed(page, BULK).then((t) => t.length)).toBe(2)
  const pendingOrder = await listed(page, BULK)
  for (const title of BULK) await press(page.getByRole('checkbox', { name: `选择“${title}”` }), 'Space')
  await expect.poll(() => page.locator('#bulk-title').textContent()).toContain('已选 2 条')
  await press(page.getByRole('button', { name: '批量受理' }))
  await expect.poll(() => focusedId(page)).toBe('results-title')
  expect(await page.locator('.results li').allTextContents()).toEqual(pendingOrder.map((t) => `${t}：受理成功`))
  expect(await axe(page)).toEqual([])

  // Accepted, they left the list of those awaiting review: the accepted ones' count lists them.
  await press(page.locator('liuyan-inbox button.count').filter({ hasText: '已受理' }))
  await expect.poll(() => listed(page, BULK).then((t) => t.length)).toBe(2)
  const acceptedOrder = await listed(page, BULK)
  for (const title of BULK) await press(page.getByRole('checkbox', { name: `选择“${title}”` }), 'Space')
  await press(page.locator('liuyan-inbox details.assign summary')) // opens the assign panel
  await page.getByRole('searchbox', { name: '查找单位' }).focus()
  await page.keyboard.type('住房和城乡')
  await press(page.getByRole('radio', { name: '长春市住房和城乡建设局' }), 'Space')
  expect(await axe(page)).toEqual([])
  await press(page.getByRole('button', { name: '批量交办' }))
  await expect.poll(async () => (await page.locator('.results li').allTextContents()).join('|')).toBe(acceptedOrder.map((t) => `${t}：交办成功`).join('|'))
  for (const title of BULK) {
    const message = await api<Message>(e2e.cli.url, `/inbox/${ids[title]}`)
    expect([message.status, message.assigneeBoardId]).toEqual(['assigned', '220100-zjj'])
    expect(message.timeline.map((e) => e.type)).toEqual(['submit', 'accept', 'assign'])
  }
  expect(await axe(page)).toEqual([])

  // On a phone: cards, not a squeezed table.
  await page.setViewportSize({ width: 390, height: 844 })
  await expect.poll(() => page.locator('liuyan-inbox .cards li').first().isVisible()).toBe(true)
  expect(await page.locator('liuyan-inbox table').isVisible()).toBe(false)
  expect(await axe(page)).toEqual([])
  await page.close()
})

it('a handler replies from a reply template', async () => {
  const page = await signedIn()
  // Find the message by keyword: Enter in the field submits the filters.
  await page.getByLabel('关键词').focus()
  await page.keyboard.type('公交站牌')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('liuyan-inbox tbody tr').count()).toBe(1)
  await press(page.locator('liuyan-inbox tbody tr').getByRole('button', { name: REPLY_TITLE, exact: true }))
  await expect.poll(() => focusedId(page)).toBe('case-title')
  await expect.poll(() => page.locator('#actions-title').count()).toBe(1)
  expect(await axe(page)).toEqual([])

  // Choose the template with the arrow keys, fill it in, then send the reply.
  const picker = page.getByLabel('答复模板')
  await picker.focus()
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => picker.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(TEMPLATE.name)
  await press(page.getByRole('button', { name: '填入模板' }))
  const expected = `您好！您反映的“${REPLY_TITLE}”问题，长春市交通运输局已安排专人处理，感谢您的监督。`
  await expect.poll(() => focusedId(page)).toBe('reply-content')
  expect(await page.getByLabel('答复内容').inputValue()).toBe(expected)
  expect(await statusLine(page)).toContain(`已填入模板“${TEMPLATE.name}”`)
  expect(await axe(page)).toEqual([])
  await press(page.getByRole('form', { name: '答复', exact: true }).getByRole('button', { name: '答复', exact: true }))
  await expect.poll(() => statusLine(page)).toContain(`已答复：${REPLY_TITLE}`)
  const message = await api<Message>(e2e.cli.url, `/inbox/${ids[REPLY_TITLE]}`)
  expect(message.status).toBe('replied')
  expect(message.posts.map((p) => [p.kind, p.content])).toEqual([['reply', expected]])
  expect(await axe(page)).toEqual([])
  await page.close()
})

it('a supervisor finds the overdue unit in the supervision table, drills down and supervises', async () => {
  const page = await signedIn()
  await press(page.getByRole('navigation').getByRole('button', { name: '督查统计' }))
  await expect.poll(() => focusedId(page)).toBe('supervision-title')
  // Every unit below the province, from a day before the demo's history: not this year's default.
  await page.locator('liuyan-supervision').getByLabel('提交日期从').focus()
  await page.keyboard.type('01012000')
  const rows = page.getByLabel('列出')
  await rows.focus()
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => rows.inputValue()).toBe('subtree')
  await press(page.getByRole('form', { name: '统计范围' }).getByRole('button', { name: '统计' }))
  const unit = page.locator(`liuyan-supervision tr[data-board="${OVERDUE_UNIT}"]`)
  await expect.poll(() => page.locator('liuyan-supervision #report-title').textContent()).toContain('2000-01-01')
  const overdue = unit.locator('button[data-figure="overdue"]')
  await expect.poll(() => overdue.count()).toBe(1)
  expect(await overdue.textContent()).toMatch(/^[1-9]\d*，查看吉林市医疗保障局的超期留言$/)
  expect(await axe(page)).toEqual([])

  // The overdue figure opens the inbox with those messages only.
  await press(overdue)
  await expect.poll(() => focusedId(page)).toBe('inbox-title')
  const listed = page.locator('liuyan-inbox tbody tr')
  await expect.poll(() => listed.getByRole('button', { name: OVERDUE_TITLE, exact: true }).count()).toBe(1)
  expect(await page.getByLabel('只看超期').isChecked()).toBe(true)
  for (const late of await listed.locator('td:nth-child(7)').allTextContents()) expect(late).toMatch(/已超期 \d+ 个工作日/)
  expect(await axe(page)).toEqual([])

  await press(listed.getByRole('button', { name: OVERDUE_TITLE, exact: true }))
  await expect.poll(() => focusedId(page)).toBe('case-title')
  const supervise = page.getByRole('form', { name: '督办', exact: true })
  await supervise.getByLabel('备注').focus()
  await page.keyboard.type('超期未办结，请三个工作日内答复。')
  await press(supervise.getByRole('button', { name: '督办', exact: true }))
  await expect.poll(() => statusLine(page)).toContain(`已督办：${OVERDUE_TITLE}`)
  const [item] = (await api<{ items: Message[] }>(e2e.cli.url, `/inbox?boardId=${OVERDUE_UNIT}&overdue=true`)).items.filter((m) => m.title === OVERDUE_TITLE)
  expect(item?.supervised).toBe(true)
  expect(item?.timeline.at(-1)).toMatchObject({ type: 'supervise', note: '超期未办结，请三个工作日内答复。' })
  expect(await axe(page)).toEqual([])
  await page.close()
})

it('a supervisor opens a hot-spot group and links a duplicate', async () => {
  const page = await signedIn()
  await press(page.getByRole('navigation').getByRole('button', { name: '热点与重复' }))
  await expect.poll(() => focusedId(page)).toBe('hotspots-title')
  const latest = SIMILAR[SIMILAR.length - 1]![0]
  const group = page.locator('liuyan-hotspots ol.groups > li').filter({ has: page.getByRole('heading', { name: latest, exact: true }) })
  // The province's boards (the first of the token's scope is the ministry's): the next in the list.
  const board = page.locator('liuyan-hotspots').getByLabel('留言对象（含下级）')
  await board.focus()
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => board.inputValue()).toBe('220000-gov')
  await press(page.getByRole('form', { name: '范围' }).getByRole('button', { name: '查看' }))
  await expect.poll(() => group.count()).toBe(1)
  expect(await group.textContent()).toContain('3 条留言')
  // The heat table counts them, with its bars (classes, not style attributes the CSP refuses).
  await expect.poll(() => page.locator('liuyan-hotspots table .bar').count()).toBeGreaterThan(0)
  expect(await axe(page)).toEqual([])

  await press(group.getByRole('button', { name: '查看这组留言' }))
  await expect.poll(() => focusedId(page)).toBe(`g-${ids[SIMILAR[0][0]]}`)
  const members = group.getByRole('list', { name: '这组留言' }).getByRole('listitem')
  await expect.poll(() => members.count()).toBe(3)
  expect(await axe(page)).toEqual([])
  const second = members.filter({ hasText: SIMILAR[1][0] })
  await press(second.getByRole('button', { name: '标记为与首条重复' }))
  await expect.poll(() => page.locator('liuyan-hotspots .status-line').textContent()).toBe(`已标记：${SIMILAR[1][0]} 与首条留言重复`)
  await expect.poll(() => second.textContent()).toContain('与 首条 重复')
  const linked = await api<Message>(e2e.cli.url, `/inbox/${ids[SIMILAR[1][0]]}`)
  expect(linked.duplicateOf).toBe(ids[SIMILAR[0][0]])
  expect(await axe(page)).toEqual([])
  await page.close()
})
