// What the author's view says about the outcome: whether the public sees the message, why it was
// refused, the rating shown once, and nothing left over from an earlier lookup. Apart from
// tracking.browser.test.ts (the lookup, follow-up and rating forms) to keep both readable.
import type { NewMessage, RejectReason, StaffAction } from '@liuyan/core'
import type { MswBoard } from '@liuyan/server/msw'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { page } from 'vitest/browser'
import { API, breakApi, DEMO_TOKEN, expectAccessibleInBothThemes, mount, startBoard, until } from '../../test-utils.js'
import { LiuyanThread } from '../thread/thread.js'
import { LiuyanTracking } from './tracking.js'

if (!customElements.get('liuyan-tracking')) customElements.define('liuyan-tracking', LiuyanTracking)
if (!customElements.get('liuyan-thread')) customElements.define('liuyan-thread', LiuyanThread)

let board: MswBoard

beforeAll(async () => {
  board = await startBoard()
  document.documentElement.lang = 'zh-CN'
})
afterEach(() => vi.restoreAllMocks())

/** A new message on `boardId` (the city board publishes on acceptance, the mayor's board after a separate review). */
async function submitted(o: { publish?: boolean; boardId?: string; title?: string } = {}): Promise<{ id: string; code: string }> {
  const message: NewMessage = {
    boardId: o.boardId ?? '220100-gov',
    type: 'complain',
    domain: 'urban',
    title: o.title ?? '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    author: { nickname: '市民', maskNickname: false },
    publish: o.publish ?? true,
  }
  const { id, trackingCode } = await board.service.submit(message)
  return { id, code: trackingCode }
}
async function act(id: string, ...actions: StaffAction[]): Promise<void> {
  const principal = (await board.service.authenticate(DEMO_TOKEN))!
  for (const action of actions) await board.service.act(principal, id, action)
}

async function mountTracking(attrs = ''): Promise<LiuyanTracking> {
  const el = mount<LiuyanTracking>(`<liuyan-tracking api="${API}" ${attrs}></liuyan-tracking>`)
  await el.updateComplete
  return el
}
const $ = <T extends Element = HTMLElement>(el: LiuyanTracking, selector: string) => el.shadowRoot!.querySelector(selector) as T | null
const thread = (el: LiuyanTracking) => $(el, 'liuyan-thread')

async function lookUp(el: LiuyanTracking, code: string, label = '查询码', button = '查询'): Promise<HTMLElement> {
  await page.getByRole('textbox', { name: label }).fill(code)
  await page.getByRole('button', { name: button, exact: true }).click()
  return until(() => $(el, '#result'), 8000, 'the result')
}
type Shown = HTMLElement & { message?: { trackingCode?: string } }
/**
 * Looks `code` up again and waits for that answer: the earlier result stays on screen meanwhile, so
 * it waits until the thread was handed a new message object with this code.
 */
async function result(el: LiuyanTracking, code: string): Promise<HTMLElement> {
  const before = (thread(el) as Shown | null)?.message
  await lookUp(el, code)
  await until(() => {
    const shown = (thread(el) as Shown | null)?.message
    return shown !== before && shown?.trackingCode === code
  }, 8000, 'this lookup’s result')
  return $(el, '#result')!
}
const listing = (el: LiuyanTracking) => $(el, '#listing')!.textContent

describe('<liuyan-tracking> outcome', () => {
  it('clears the previous message when a later lookup fails, showing only the error', async () => {
    const { code } = await submitted()
    const el = await mountTracking()

    await lookUp(el, code)
    await page.getByRole('textbox', { name: '查询码' }).fill('ABCD EFGH JKMN')
    await page.getByRole('button', { name: '查询' }).click()
    await until(() => $(el, '#code-error')?.textContent?.includes('没有找到'), 8000, 'the not-found message')
    expect($(el, '#result')).toBeNull()
    expect(thread(el)).toBeNull()
    expect(el.shadowRoot!.textContent).not.toContain('小区门口路灯坏了')
    await expectAccessibleInBothThemes(el)

    // A malformed code, checked before any call, clears it too.
    await lookUp(el, code)
    await page.getByRole('textbox', { name: '查询码' }).fill('K7mP')
    await page.getByRole('button', { name: '查询' }).click()
    await until(() => $(el, '#code-error'), 5000, 'the format message')
    expect($(el, '#result')).toBeNull()

    // And so does a board that cannot be reached.
    await lookUp(el, code)
    const restore = await breakApi()
    try {
      await page.getByRole('button', { name: '查询' }).click()
      await until(() => $(el, '#lookup-alert'), 8000, 'the failure')
      expect($(el, '#result')).toBeNull()
      expect(thread(el)).toBeNull()
      await expectAccessibleInBothThemes(el)
    } finally {
      restore()
    }
  })

  it('says whether the public sees the message now, from `listed` and the consent', async () => {
    const el = await mountTracking()
    const city = await submitted()
    await result(el, city.code)
    expect(listing(el)).toBe('同意公开（审核通过后在留言板展示）')

    // The city board publishes on acceptance: the notice of a later listing must go.
    await act(city.id, { action: 'accept' })
    await result(el, city.code)
    expect(listing(el)).toBe('已公开（正在留言板上展示）')
    expect($(el, '#result')!.textContent).not.toContain('审核通过后')
    await expectAccessibleInBothThemes(el)

    await act(city.id, { action: 'unpublish', reason: '涉及未核实的指控，暂时撤下。' })
    await result(el, city.code)
    expect(listing(el)).toBe('已撤下（留言现在不在留言板上展示）')

    // The mayor's board publishes as a separate step after acceptance.
    const mayor = await submitted({ boardId: '220100-mayor' })
    await act(mayor.id, { action: 'accept' })
    await result(el, mayor.code)
    expect(listing(el)).toBe('同意公开（审核通过后在留言板展示）')
    await act(mayor.id, { action: 'publish' })
    await result(el, mayor.code)
    expect(listing(el)).toBe('已公开（正在留言板上展示）')

    // Without consent it stays private, accepted or not.
    const private_ = await submitted({ publish: false })
    await act(private_.id, { action: 'accept' })
    await result(el, private_.code)
    expect(listing(el)).toBe('不公开（您没有同意公开，留言只有您和办理单位能看到）')
    await expectAccessibleInBothThemes(el)
  })

  it('shows the rating once', async () => {
    const { id, code } = await submitted()
    await act(id, { action: 'accept' }, { action: 'assign', boardId: '220100-zjj' }, { action: 'start' }, { action: 'reply', content: '已安排维修，三日内修复。' })
    await board.service.evaluate(code, { overall: 4, resolution: 4, attitude: 5, speed: 3, comment: '修得不错' })
    const el = await mountTracking()
    await lookUp(el, code)
    const inner = await until(() => thread(el)?.shadowRoot?.querySelector('[part=content]') && thread(el)!.shadowRoot!, 5000, 'the thread')
    expect($(el, '#rated')!.textContent).toContain('修得不错')
    expect(inner.querySelector('[part=evaluation]')).toBeNull()
    expect(inner.textContent).not.toContain('修得不错')
    // The timeline still says it was rated; the scores appear in one place only.
    expect(inner.querySelector('[part=timeline]')!.textContent).toContain('评价')
    await expectAccessibleInBothThemes(el)
  })

  it.each([
    ['out_of_scope', '不属于受理范围', '不属于本留言板的受理范围', '可拨打 12345 政务服务便民热线'],
    ['advertising', '广告或无关内容', '商业广告', undefined],
  ] as [RejectReason, string, string, string | undefined][])('explains a refusal for %s: the reason, the reviewer’s words, where to turn', async (reason, label, explanation, whereToTurn) => {
    const { id, code } = await submitted({ title: '请帮忙查一下快递' })
    await act(id, { action: 'reject', code: reason, reason: '您反映的快递延误问题请联系快递公司或邮政管理部门。' })
    const el = await mountTracking()
    await lookUp(el, code)
    const panel = $(el, '#rejection')!
    expect(panel.querySelector('h3')!.textContent).toBe('不予受理的原因')
    expect(panel.textContent).toContain(label)
    expect(panel.textContent).toContain(explanation)
    expect(panel.textContent).toContain('审核说明')
    expect(panel.textContent).toContain('您反映的快递延误问题请联系快递公司或邮政管理部门。')
    if (whereToTurn) expect(panel.textContent).toContain(whereToTurn)
    else expect(panel.textContent).not.toContain('您可以')
    expect(listing(el)).toBe('不公开（留言未被受理，不会在留言板上展示）')
    await expectAccessibleInBothThemes(el)
  })

  it('tells the author part of the public text was withheld, in the thread', async () => {
    const { id, code } = await submitted({ title: '邻居装修噪音扰民' })
    await act(id, { action: 'accept' }, { action: 'redact', title: '装修噪音扰民', note: '隐去邻居' })
    const el = await mountTracking()
    await lookUp(el, code)
    const inner = await until(() => thread(el)?.shadowRoot?.querySelector('[part=redacted]'), 5000, 'the notice')
    expect(inner.textContent).toBe('部分内容已隐去')
    expect(thread(el)!.shadowRoot!.textContent).not.toContain('隐去邻居')
    await expectAccessibleInBothThemes(el)
  })

  it('says nothing about a refusal where there was none', async () => {
    const { code } = await submitted()
    const el = await mountTracking()
    await lookUp(el, code)
    expect($(el, '#rejection')).toBeNull()
  })

  it.each([
    ['en', 'Tracking code', 'Look up', 'Outside this board’s remit', 'Call the 12345 government service hotline', 'What you can do'],
    ['zh-TW', '查詢碼', '查詢', '不屬於受理範圍', '可撥打 12345 政務服務便民熱線', '您可以'],
  ])('explains a refusal in %s', async (lang, label, button, reasonLabel, whereToTurn, whereLabel) => {
    const { id, code } = await submitted()
    await act(id, { action: 'reject', code: 'out_of_scope', reason: '请向物业公司反映。' })
    const el = await mountTracking(`lang="${lang}"`)
    await lookUp(el, code, label, button)
    const panel = $(el, '#rejection')!
    expect(panel.textContent).toContain(reasonLabel)
    expect(panel.textContent).toContain(whereToTurn)
    expect(panel.textContent).toContain(whereLabel)
    expect(panel.textContent).toContain('请向物业公司反映。')
    await expectAccessibleInBothThemes(el)
  })
})
