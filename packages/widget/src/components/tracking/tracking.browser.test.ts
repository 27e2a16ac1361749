/// <reference types="vite/client" />
import type { NewMessage, PublicMessage } from '@liuyan/core'
import type { MswBoard } from '@liuyan/server/msw'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { LiuyanErrorEvent } from '../../events.js'
import { API, breakApi, DEMO_TOKEN, expectAccessibleInBothThemes, mount, startBoard, until } from '../../test-utils.js'
import { LiuyanTracking } from './tracking.js'

if (!customElements.get('liuyan-tracking')) customElements.define('liuyan-tracking', LiuyanTracking)
// The thread is another component; when it is there, register it too so the whole view is checked.
for (const load of Object.values(import.meta.glob('../thread/thread.ts'))) {
  const { LiuyanThread } = (await load()) as { LiuyanThread: CustomElementConstructor }
  if (!customElements.get('liuyan-thread')) customElements.define('liuyan-thread', LiuyanThread)
}

const BOARD = '220100-gov'
const REPLY = '已安排维修，三日内修复。'
let board: MswBoard

beforeAll(async () => {
  board = await startBoard()
  document.documentElement.lang = 'zh-CN'
})
afterEach(() => vi.restoreAllMocks())

/** A new message, as a citizen sent it; returns its tracking code. */
async function submitted(): Promise<{ id: string; code: string }> {
  const message: NewMessage = {
    boardId: BOARD,
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    author: { nickname: '市民', maskNickname: false },
    publish: true,
  }
  const { id, trackingCode } = await board.service.submit(message)
  return { id, code: trackingCode }
}

/** A message the unit has answered: follow-up and rating are open. */
async function answered(): Promise<string> {
  const { id, code } = await submitted()
  const principal = (await board.service.authenticate(DEMO_TOKEN))!
  await board.service.act(principal, id, { action: 'accept' })
  await board.service.act(principal, id, { action: 'assign', boardId: '220100-zjj' })
  await board.service.act(principal, id, { action: 'start' })
  await board.service.act(principal, id, { action: 'reply', content: REPLY })
  return code
}

async function mountTracking(attrs = ''): Promise<LiuyanTracking> {
  const el = mount<LiuyanTracking>(`<liuyan-tracking api="${API}" ${attrs}></liuyan-tracking>`)
  await el.updateComplete
  return el
}
const $ = <T extends Element = HTMLElement>(el: LiuyanTracking, selector: string) => el.shadowRoot!.querySelector(selector) as T | null
const focused = (el: LiuyanTracking) => el.shadowRoot!.activeElement
const thread = (el: LiuyanTracking) => $(el, 'liuyan-thread') as (HTMLElement & { message?: PublicMessage }) | null

async function lookUp(el: LiuyanTracking, code: string): Promise<HTMLElement> {
  await page.getByRole('textbox', { name: '查询码' }).fill(code)
  await page.getByRole('button', { name: '查询' }).click()
  return until(() => $(el, '#result'), 8000, 'the result')
}

describe('<liuyan-tracking>', () => {
  it('offers a code field made for codes', async () => {
    const el = await mountTracking()
    const input = $<HTMLInputElement>(el, '#code')!
    expect(input.autocomplete).toBe('off')
    expect(input.getAttribute('inputmode')).toBe('text')
    expect(input.spellcheck).toBe(false)
    expect($(el, 'label[for=code]')!.textContent).toBe('查询码')
    await expectAccessibleInBothThemes(el)
  })

  it('finds a message by a code typed with spaces and hyphens and shows the author’s view', async () => {
    const { code } = await submitted()
    const el = await mountTracking()
    const result = await lookUp(el, ` ${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8)} `)
    expect(focused(el)).toBe(result)
    expect(result.textContent).toContain('办理状态')
    expect(result.textContent).toContain('待回复')
    expect(result.textContent).toContain('同意公开')
    expect(thread(el)!.message).toMatchObject({ trackingCode: code, title: '小区门口路灯坏了' })
    // Pending: neither a follow-up nor a rating is possible yet.
    expect($(el, '[part=rating]')).toBeNull()
    expect($(el, '[part=follow-up]')).toBeNull()
    await expectAccessibleInBothThemes(el)
  })

  it('looks up a code given as an attribute', async () => {
    const code = await answered()
    const el = await mountTracking(`code="${code}"`)
    await until(() => $(el, '#result'), 8000, 'the result')
    expect($(el, '#result')!.textContent).toContain('已办理')
    await expect.element(page.getByRole('textbox', { name: '查询码' })).toHaveValue(code)
  })

  it('says clearly when a code is malformed or unknown, and keeps focus in the field', async () => {
    const el = await mountTracking()
    const errors: LiuyanErrorEvent[] = []
    el.addEventListener('liuyan-error', (e) => errors.push(e))
    const input = $(el, '#code')!
    await page.getByRole('textbox', { name: '查询码' }).fill('K7mP')
    await userEvent.keyboard('{Enter}')
    await until(() => $(el, '#code-error'))
    expect($(el, '#code-error')!.textContent).toBe('查询码应为12位字母或数字，请核对后重新输入')
    expect(focused(el)).toBe(input)

    await page.getByRole('textbox', { name: '查询码' }).fill('ABCD EFGH JKMN')
    await page.getByRole('button', { name: '查询' }).click()
    await until(() => $(el, '#code-error')?.textContent?.includes('没有找到'), 8000, 'the not-found message')
    const error = $(el, '#code-error')!
    expect(error.getAttribute('role')).toBe('alert')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')).toContain('code-error')
    expect(focused(el)).toBe(input)
    expect(errors.map((e) => e.code)).toEqual(['not_found'])
    expect($(el, '#result')).toBeNull()
    await expectAccessibleInBothThemes(el)
  })

  it('sends a follow-up that then shows in the thread', async () => {
    const code = await answered()
    const el = await mountTracking()
    await lookUp(el, code)
    expect($(el, '#result')!.textContent).toContain('已办理')
    const box = page.getByRole('textbox', { name: '追问内容' })
    await page.getByRole('button', { name: '发送追问' }).click()
    await until(() => $(el, '#followUp-error'))
    expect($(el, '#followUp-error')!.textContent).toBe('请填写追问内容')
    expect(focused(el)).toBe($(el, '#followUp'))
    await expectAccessibleInBothThemes(el)

    await box.fill('请问具体哪天能修好？')
    expect($(el, '#followUp-count')!.textContent).toContain('10 / 1000')
    await page.getByRole('button', { name: '发送追问' }).click()
    await until(() => thread(el)?.message?.posts.some((p) => p.kind === 'follow-up'), 8000, 'the follow-up in the thread')
    expect(thread(el)!.message!.posts.map((p) => p.content)).toEqual([REPLY, '请问具体哪天能修好？'])
    if (customElements.get('liuyan-thread')) {
      await until(() => thread(el)!.shadowRoot?.textContent?.includes('请问具体哪天能修好？'), 5000, 'the thread to show it')
    }
    await expect.element(page.getByRole('status').filter({ hasText: '追问已发送' })).toBeVisible()
    await expect.element(box).toHaveValue('')
    // A follow-up on an answered message sends it back to the unit.
    expect($(el, '#result')!.textContent).toContain('办理中')
    expect((await board.service.track(code)).status).toBe('processing')
    await expectAccessibleInBothThemes(el)
  })

  it('rates once, with labelled 1–5 groups that arrow keys move through, then shows the scores', async () => {
    const code = await answered()
    const el = await mountTracking()
    await lookUp(el, code)
    const rating = $(el, '[part=rating]')!
    expect([...rating.querySelectorAll('legend')].map((l) => l.textContent)).toEqual(['总体评价', '解决程度', '办理态度', '办理速度'])
    expect(rating.querySelectorAll('input[type=radio]')).toHaveLength(20)
    await expect.element(page.getByRole('group', { name: '总体评价' }).getByRole('radio', { name: '5 · 很满意' })).toBeVisible()
    await expectAccessibleInBothThemes(el)

    await page.getByRole('button', { name: '提交评价' }).click()
    await until(() => $(el, '#overall-error'))
    expect($(el, '#overall-error')!.textContent).toBe('请选择总体评价')
    expect($(el, '#speed-error')!.textContent).toBe('请选择办理速度')
    expect(focused(el)).toBe($(el, 'input[name=overall]'))
    await expectAccessibleInBothThemes(el)

    // Keyboard: arrows move the choice within a group.
    await userEvent.keyboard(' ')
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}')
    expect($<HTMLInputElement>(el, 'input[name=overall]:checked')!.value).toBe('5')
    await page.getByRole('group', { name: '解决程度' }).getByRole('radio', { name: '4 · 满意' }).click()
    await page.getByRole('group', { name: '办理态度' }).getByRole('radio', { name: '5 · 很满意' }).click()
    await page.getByRole('group', { name: '办理速度' }).getByRole('radio', { name: '3 · 基本满意' }).click()
    await page.getByRole('textbox', { name: '评价内容' }).fill('修得很快')
    await page.getByRole('button', { name: '提交评价' }).click()

    const rated = await until(() => $(el, '#rated'), 8000, 'the scores')
    expect(focused(el)).toBe(rated)
    expect(rated.textContent).toContain('您已评价')
    expect(rated.textContent).toContain('5 · 很满意')
    expect(rated.textContent).toContain('3 · 基本满意')
    expect(rated.textContent).toContain('修得很快')
    expect($(el, '[part=rating]')).toBeNull()
    expect((await board.service.track(code)).evaluation).toMatchObject({ overall: 5, resolution: 4, attitude: 5, speed: 3, comment: '修得很快' })
    await expectAccessibleInBothThemes(el)

    // Coming back later: already rated, no form.
    el.remove()
    const again = await mountTracking()
    await lookUp(again, code)
    expect($(again, '#rated')!.textContent).toContain('您已评价')
    expect($(again, '[part=rating]')).toBeNull()
  })

  it('says so when the message was rated meanwhile (409), and shows the rating', async () => {
    const code = await answered()
    const el = await mountTracking()
    await lookUp(el, code)
    await board.service.evaluate(code, { overall: 2, resolution: 2, attitude: 3, speed: 2 })
    for (const group of ['总体评价', '解决程度', '办理态度', '办理速度']) {
      await page.getByRole('group', { name: group }).getByRole('radio', { name: '5 · 很满意' }).click()
    }
    await page.getByRole('button', { name: '提交评价' }).click()
    const alert = await until(() => $(el, '#result-alert'), 10_000, 'the already-rated message')
    expect(alert.getAttribute('role')).toBe('alert')
    expect(alert.textContent).toContain('您已经评价过了，每条留言只能评价一次')
    await until(() => $(el, '#rated'), 5000, 'the existing rating')
    expect($(el, '#rated')!.textContent).toContain('2 · 不满意')
    expect($(el, '[part=rating]')).toBeNull()
    await expectAccessibleInBothThemes(el)
  })

  it('says the board cannot be reached, keeps the code, and retries', async () => {
    const { code } = await submitted()
    const el = await mountTracking()
    const restore = await breakApi()
    try {
      await page.getByRole('textbox', { name: '查询码' }).fill(code)
      await page.getByRole('button', { name: '查询' }).click()
      const alert = await until(() => $(el, '#lookup-alert'), 8000, 'the failure')
      expect(alert.getAttribute('role')).toBe('alert')
      expect(alert.textContent).toContain('请检查网络后重试')
      await expect.element(page.getByRole('textbox', { name: '查询码' })).toHaveValue(code)
      await expectAccessibleInBothThemes(el)
    } finally {
      restore()
    }
    await page.getByRole('button', { name: '重试' }).click()
    await until(() => $(el, '#result'), 8000, 'the result')
    expect($(el, '#lookup-alert')).toBeNull()
  })

  it.each([
    ['en', 'Tracking code', 'Look up', 'Answered', 'Overall'],
    ['zh-TW', '查詢碼', '查詢', '已辦理', '總體評價'],
  ])('speaks %s', async (lang, label, button, status, overall) => {
    const code = await answered()
    const el = await mountTracking(`lang="${lang}"`)
    await page.getByRole('textbox', { name: label }).fill(code)
    await page.getByRole('button', { name: button, exact: true }).click()
    await until(() => $(el, '#result'), 8000, 'the result')
    expect($(el, '#result')!.textContent).toContain(status)
    expect($(el, '[part=rating] legend')!.textContent).toBe(overall)
    await expectAccessibleInBothThemes(el)
  })

  it('has large type and 60 px targets in the elder-friendly mode', async () => {
    const code = await answered()
    const el = await mountTracking('size="large"')
    await lookUp(el, code)
    expect(parseFloat(getComputedStyle(el).fontSize)).toBeGreaterThanOrEqual(18)
    expect(parseFloat(getComputedStyle($(el, '#code-hint')!).fontSize)).toBeGreaterThanOrEqual(18)
    const targets = [...el.shadowRoot!.querySelectorAll<HTMLElement>('label.check, input:not([type=radio]), textarea, button')]
    expect(targets.length).toBeGreaterThan(20)
    for (const target of targets) {
      const box = target.getBoundingClientRect()
      expect(box.height, target.outerHTML).toBeGreaterThanOrEqual(60)
      expect(box.width, target.outerHTML).toBeGreaterThanOrEqual(60)
    }
    await expectAccessibleInBothThemes(el)
  })
})
