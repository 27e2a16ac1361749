import type { MswBoard } from '@liuyan/server/msw'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { LiuyanBeforeSubmitEvent, LiuyanErrorEvent, LiuyanSubmittedEvent } from '../../events.js'
import { API, breakApi, expectAccessibleInBothThemes, mount, startBoard, until } from '../../test-utils.js'
import { LiuyanMessageForm } from './message-form.js'

if (!customElements.get('liuyan-message-form')) customElements.define('liuyan-message-form', LiuyanMessageForm)

const BOARD = '220100-gov'
const TITLE = '小区门口路灯坏了'
const CONTENT = '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。'
let board: MswBoard

beforeAll(async () => {
  board = await startBoard()
  // The test page says lang="en"; zh-CN is what an agency page says.
  document.documentElement.lang = 'zh-CN'
})
beforeEach(() => localStorage.clear())
afterEach(() => vi.restoreAllMocks())

async function mountForm(attrs = ''): Promise<LiuyanMessageForm> {
  const el = mount<LiuyanMessageForm>(`<liuyan-message-form api="${API}" board="${BOARD}" ${attrs}></liuyan-message-form>`)
  await el.updateComplete
  return el
}
const $ = <T extends Element = HTMLElement>(el: LiuyanMessageForm, selector: string) => el.shadowRoot!.querySelector(selector) as T | null
const focused = (el: LiuyanMessageForm) => el.shadowRoot!.activeElement
const field = (name: string) => page.getByRole('textbox', { name })

async function fillValid(): Promise<void> {
  await page.getByRole('radio', { name: '投诉' }).click()
  await page.getByRole('radio', { name: '城建' }).click()
  await field('标题').fill(TITLE)
  await field('内容').fill(CONTENT)
  await field('昵称').fill('市民')
  await field('真实姓名').fill('王小明')
  await field('手机号码').fill('13812345678')
  await page.getByRole('checkbox', { name: '同意公开' }).click()
}

describe('<liuyan-message-form>', () => {
  it('is a labelled form with the consent unchecked and the private fields explained', async () => {
    const el = await mountForm()
    expect($(el, 'form')).not.toBeNull()
    for (const name of ['标题', '内容', '地点', '昵称', '真实姓名', '手机号码']) await expect.element(field(name)).toBeVisible()
    await expect.element(page.getByRole('checkbox', { name: '同意公开' })).not.toBeChecked()
    await expect.element(page.getByRole('checkbox', { name: '地点可以公开显示' })).not.toBeChecked()
    expect(page.getByRole('radio').all().length).toBe(5 + 14)
    // Who sees the real name and phone is said, and tied to both fields.
    expect($(el, '#private-note')!.textContent).toContain('只提供给办理单位')
    expect($(el, '#phone')!.getAttribute('aria-describedby')).toContain('private-note')
    expect($(el, '#realName')!.getAttribute('aria-describedby')).toContain('private-note')
    // The honeypot is out of sight, out of the tab order and hidden from assistive technology.
    const trap = $<HTMLInputElement>(el, '#website')!
    expect(trap.tabIndex).toBe(-1)
    expect(trap.autocomplete).toBe('off')
    expect(trap.closest('[aria-hidden="true"]')).not.toBeNull()
    expect(trap.getBoundingClientRect().right).toBeLessThanOrEqual(0)
    await expectAccessibleInBothThemes(el)
  })

  it('shows every problem inline and in a focused summary whose entries move focus to their field', async () => {
    const el = await mountForm()
    await page.getByRole('button', { name: '提交留言' }).click()
    const summary = await until(() => $(el, '#summary'), 5000, 'the error summary')
    expect(summary.getAttribute('role')).toBe('alert')
    expect(focused(el)).toBe(summary)
    expect(summary.querySelector('h2')!.textContent).toMatch(/请修改以下 \d+ 处问题/)
    const entries = [...summary.querySelectorAll('button')].map((b) => b.textContent!.trim())
    expect(entries).toEqual(['请选择留言类型', '请选择留言领域', '请填写标题', '请填写内容', '请填写昵称'])

    const title = $(el, '#title')!
    expect(title.getAttribute('aria-invalid')).toBe('true')
    expect(title.getAttribute('aria-describedby')!.split(' ')).toContain('title-error')
    expect($(el, '#title-error')!.textContent).toBe('请填写标题')
    expect($(el, '#type-error')!.textContent).toBe('请选择留言类型')
    expect($(el, '#phone')!.getAttribute('aria-invalid')).toBe('false')

    await page.getByRole('button', { name: '请填写标题' }).click()
    expect(focused(el)).toBe(title)
    await page.getByRole('button', { name: '请选择留言领域' }).click()
    expect(focused(el)).toBe($(el, 'input[name=domain]'))
    await page.getByRole('button', { name: '请填写昵称' }).click()
    expect(focused(el)).toBe($(el, '#nickname'))
    await expectAccessibleInBothThemes(el)
  })

  it('sends a corrected message, focuses the success panel with the tracking code, and leaks no private field in the event', async () => {
    const el = await mountForm()
    const submitted: LiuyanSubmittedEvent[] = []
    el.addEventListener('liuyan-submitted', (e) => submitted.push(e))
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => $(el, '#summary'))
    await fillValid()
    await field('手机号码').fill('1381234')
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => $(el, '#phone-error'), 5000, 'the phone error')
    expect($(el, '#phone-error')!.textContent).toBe('请填写正确的11位手机号码')
    expect([...$(el, '#summary')!.querySelectorAll('li')].length).toBe(1)

    await field('手机号码').fill('13812345678')
    await page.getByRole('button', { name: '提交留言' }).click()
    const success = await until(() => $(el, '#success'), 8000, 'the success panel')
    expect(focused(el)).toBe(success)
    expect(submitted).toHaveLength(1)
    const event = submitted[0]!
    expect(event.bubbles && event.composed).toBe(true)
    expect(event.trackingCode).toMatch(/^[2-9A-HJ-NP-Za-km-z]{12}$/)
    expect(event.id).toBeTruthy()
    const carried = JSON.stringify({ ...event, id: event.id, trackingCode: event.trackingCode })
    expect(carried).not.toContain('13812345678')
    expect(carried).not.toContain('王小明')
    expect(event).not.toHaveProperty('message')

    const code = $(el, '[part=code]')!
    expect(code.textContent).toBe(event.trackingCode)
    expect(parseFloat(getComputedStyle(code).fontSize)).toBeGreaterThanOrEqual(28)
    expect(success.textContent).toContain('妥善保存')
    // The message exists, with the private fields kept for the unit, and the draft is gone.
    const tracked = await board.service.track(event.trackingCode)
    expect(tracked.title).toBe(TITLE)
    expect(tracked.publish).toBe(true)
    const principal = (await board.service.authenticate('demo-token'))!
    const stored = await board.service.getForStaff(principal, event.id)
    expect(stored.author).toMatchObject({ nickname: '市民', realName: '王小明', phone: '13812345678' })
    expect(localStorage.getItem(`liuyan-draft:${BOARD}`)).toBeNull()
    await expectAccessibleInBothThemes(el)

    // Copy, and the fallback when the clipboard refuses.
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    await page.getByRole('button', { name: '复制查询码' }).click()
    expect(write).toHaveBeenCalledWith(event.trackingCode)
    await expect.element(page.getByRole('status').filter({ hasText: '查询码已复制' })).toBeVisible()
    write.mockRejectedValue(new Error('denied'))
    await page.getByRole('button', { name: '复制查询码' }).click()
    await expect.element(page.getByText('无法自动复制')).toBeVisible()
    expect(getSelection()!.toString()).toBe(event.trackingCode)

    await page.getByRole('button', { name: '再写一条留言' }).click()
    await expect.element(field('标题')).toHaveValue('')
  })

  it('does not send when liuyan-before-submit is cancelled', async () => {
    const el = await mountForm()
    const seen: LiuyanBeforeSubmitEvent[] = []
    el.addEventListener('liuyan-before-submit', (e) => {
      seen.push(e)
      e.preventDefault()
    })
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    await fillValid()
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => seen.length > 0)
    expect(seen[0]!.cancelable).toBe(true)
    expect(seen[0]!.message).toMatchObject({ boardId: BOARD, title: TITLE, type: 'complain', domain: 'urban', publish: true })
    await new Promise((r) => setTimeout(r, 200))
    expect(fetchSpy).not.toHaveBeenCalled()
    expect($(el, '#success')).toBeNull()
    await expect.element(field('标题')).toHaveValue(TITLE)
  })

  it('silently drops a submission whose honeypot is filled', async () => {
    const el = await mountForm()
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const submitted = vi.fn()
    el.addEventListener('liuyan-submitted', submitted)
    await fillValid()
    const trap = $<HTMLInputElement>(el, '#website')!
    trap.value = 'http://spam.example'
    trap.dispatchEvent(new Event('input', { bubbles: true }))
    await page.getByRole('button', { name: '提交留言' }).click()
    const success = await until(() => $(el, '#success'))
    expect(success.textContent).toContain('感谢您的留言')
    expect($(el, '[part=code]')).toBeNull()
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(submitted).not.toHaveBeenCalled()
  })

  it('keeps a draft on the device and offers it back after a reload, without the real name, phone or consent', async () => {
    let el = await mountForm()
    expect($(el, '[part=draft]')).toBeNull()
    await fillValid()
    await page.getByRole('checkbox', { name: '地点可以公开显示' }).click()
    const stored = localStorage.getItem(`liuyan-draft:${BOARD}`)!
    expect(stored).toContain(TITLE)
    expect(stored).not.toContain('13812345678')
    expect(stored).not.toContain('王小明')

    el.remove()
    el = await mountForm()
    const offer = await until(() => $(el, '[part=draft]'))
    expect(offer.textContent).toContain('您有未提交的草稿，是否恢复？')
    await expect.element(field('标题')).toHaveValue('')
    await expectAccessibleInBothThemes(el)
    await page.getByRole('button', { name: '恢复草稿' }).click()
    await expect.element(field('标题')).toHaveValue(TITLE)
    await expect.element(field('内容')).toHaveValue(CONTENT)
    await expect.element(field('昵称')).toHaveValue('市民')
    await expect.element(page.getByRole('radio', { name: '投诉' })).toBeChecked()
    await expect.element(page.getByRole('radio', { name: '城建' })).toBeChecked()
    await expect.element(page.getByRole('checkbox', { name: '地点可以公开显示' })).toBeChecked()
    await expect.element(field('手机号码')).toHaveValue('')
    await expect.element(page.getByRole('checkbox', { name: '同意公开' })).not.toBeChecked()
    expect($(el, '[part=draft]')).toBeNull()
    expect(focused(el)).toBe($(el, 'input[name=type]:checked'))
    // The counter reflects the restored text.
    expect($(el, '#title-count')!.textContent).toContain(`${[...TITLE].length} / 22`)

    // Discarding removes it for good.
    el.remove()
    el = await mountForm()
    await until(() => $(el, '[part=draft]'))
    await page.getByRole('button', { name: '放弃草稿' }).click()
    expect(localStorage.getItem(`liuyan-draft:${BOARD}`)).toBeNull()
    el.remove()
    el = await mountForm()
    expect($(el, '[part=draft]')).toBeNull()
  })

  it('counts characters as core does: 22 fit the title, 23 do not, an emoji counts once', async () => {
    const el = await mountForm()
    const count = () => $(el, '#title-count')!.textContent!.trim()
    expect($(el, '#title')!.getAttribute('aria-describedby')).toContain('title-count')
    await field('标题').fill('路'.repeat(22))
    expect(count()).toBe('22 / 22')
    expect($(el, '#title-count')!.hasAttribute('data-over')).toBe(false)
    // Announced once when close to the limit, not on every keystroke.
    expect(el.shadowRoot!.querySelector('p[role=status]')!.textContent).toBe('还可输入 0 字')
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => $(el, '#summary'))
    expect($(el, '#title-error')).toBeNull()

    await field('标题').fill('路'.repeat(23))
    expect(count()).toBe('23 / 22 · 已超出 1 字')
    expect($(el, '#title-count')!.hasAttribute('data-over')).toBe(true)
    expect(el.shadowRoot!.querySelector('p[role=status]')!.textContent).toBe('已超出 1 字')
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => $(el, '#title-error'))
    expect($(el, '#title-error')!.textContent).toBe('标题不能超过22个字')

    await field('标题').fill(`  ${'😀'.repeat(22)}  `)
    expect(count()).toBe('22 / 22')
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => !$(el, '#title-error'))
    await field('内容').fill('字'.repeat(1001))
    expect($(el, '#content-count')!.textContent).toContain('1001 / 1000')
  })

  it('keeps everything typed when sending fails, says what to do, and succeeds on retry', async () => {
    const el = await mountForm()
    const errors: LiuyanErrorEvent[] = []
    el.addEventListener('liuyan-error', (e) => errors.push(e))
    await fillValid()
    await field('地点').fill('朝阳区某小区')
    const restore = await breakApi()
    try {
      await page.getByRole('button', { name: '提交留言' }).click()
      const submit = $(el, '[part=submit]')!
      expect(submit.getAttribute('aria-disabled')).toBe('true')
      expect(submit.textContent).toContain('正在提交')
      const failure = await until(() => $(el, '#failure'), 8000, 'the failure message')
      expect(failure.getAttribute('role')).toBe('alert')
      expect(failure.textContent).toContain('请检查网络后重试')
      expect(focused(el)).toBe(failure)
      expect(errors.map((e) => e.code)).toEqual(['connection_error'])
      expect(submit.getAttribute('aria-disabled')).toBe('false')
      await expect.element(field('标题')).toHaveValue(TITLE)
      await expect.element(field('内容')).toHaveValue(CONTENT)
      await expect.element(field('地点')).toHaveValue('朝阳区某小区')
      await expect.element(field('真实姓名')).toHaveValue('王小明')
      await expect.element(field('手机号码')).toHaveValue('13812345678')
      await expect.element(page.getByRole('checkbox', { name: '同意公开' })).toBeChecked()
      await expectAccessibleInBothThemes(el)
    } finally {
      restore()
    }
    await page.getByRole('button', { name: '重试' }).click()
    const success = await until(() => $(el, '#success'), 8000, 'the success panel')
    expect(focused(el)).toBe(success)
  })

  it('shows the issues the server finds, localized, in the summary', async () => {
    // This board is in the tree but paused: only the server knows it.
    const el = mount<LiuyanMessageForm>(`<liuyan-message-form api="${API}" board="220102-gov"></liuyan-message-form>`)
    await el.updateComplete
    await fillValid()
    await page.getByRole('button', { name: '提交留言' }).click()
    const summary = await until(() => $(el, '#summary'), 8000, 'the summary')
    expect(summary.textContent).toContain('该留言对象暂不接受留言')
    expect(focused(el)).toBe(summary)
    await expect.element(field('标题')).toHaveValue(TITLE)
  })

  it('can be completed with Tab, Space, Enter and typing alone', async () => {
    const el = await mountForm()
    const submitted = vi.fn()
    el.addEventListener('liuyan-submitted', submitted)
    ;(document.activeElement as HTMLElement | null)?.blur()
    const tab = (n = 1) => userEvent.keyboard('{Tab}'.repeat(n))
    await tab()
    expect(focused(el)).toBe($(el, 'input[name=type]'))
    await userEvent.keyboard(' ')
    await tab()
    expect(focused(el)).toBe($(el, 'input[name=domain]'))
    await userEvent.keyboard(' ')
    await tab()
    expect(focused(el)).toBe($(el, '#title'))
    await userEvent.keyboard(TITLE)
    await tab()
    await userEvent.keyboard(CONTENT)
    await tab(3) // place, its public switch, then the nickname
    expect(focused(el)).toBe($(el, '#nickname'))
    await userEvent.keyboard('市民')
    await tab(5) // mask switch, real name, phone, private remark, consent
    expect(focused(el)).toBe($(el, 'input[name=publish]'))
    await userEvent.keyboard(' ')
    await tab()
    expect(focused(el)).toBe($(el, '[part=submit]'))
    await userEvent.keyboard('{Enter}')
    const success = await until(() => $(el, '#success'), 8000, 'the success panel')
    expect(focused(el)).toBe(success)
    expect(submitted).toHaveBeenCalledTimes(1)
    const tracked = await board.service.track((submitted.mock.calls[0]![0] as LiuyanSubmittedEvent).trackingCode)
    expect(tracked).toMatchObject({ type: 'consult', domain: 'urban', title: TITLE, publish: true })
    await tab()
    expect(focused(el)).toBe($(el, '[part=copy]'))
  })

  it.each([
    ['en', 'Title', 'Send message', 'Please enter the title.', 'Please correct the following (5)'],
    ['zh-TW', '標題', '提交留言', '請填寫標題', '請修改以下 5 處問題'],
  ])('speaks %s', async (lang, title, submit, error, heading) => {
    const el = await mountForm(`lang="${lang}"`)
    await expect.element(field(title)).toBeVisible()
    await page.getByRole('button', { name: submit }).click()
    await until(() => $(el, '#summary'))
    expect($(el, '#summary h2')!.textContent).toBe(heading)
    expect($(el, '#title-error')!.textContent).toBe(error)
    await expectAccessibleInBothThemes(el)
  })

  it('takes the language of the page when it has none of its own', async () => {
    document.documentElement.lang = 'en'
    try {
      await mountForm()
      await expect.element(field('Display name')).toBeVisible()
    } finally {
      document.documentElement.lang = 'zh-CN'
    }
  })

  it('has large type and 60 px targets in the elder-friendly mode', async () => {
    const el = await mountForm('size="large"')
    expect(parseFloat(getComputedStyle(el).fontSize)).toBeGreaterThanOrEqual(18)
    expect(parseFloat(getComputedStyle($(el, '#title')!).fontSize)).toBeGreaterThanOrEqual(18)
    expect(parseFloat(getComputedStyle($(el, '#title-hint')!).fontSize)).toBeGreaterThanOrEqual(18)
    const targets = [
      ...el.shadowRoot!.querySelectorAll<HTMLElement>('label.check, input:not([type=radio]):not([type=checkbox]):not(#website), textarea, button'),
    ]
    expect(targets.length).toBeGreaterThan(20)
    for (const target of targets) {
      const box = target.getBoundingClientRect()
      expect(box.height, target.outerHTML).toBeGreaterThanOrEqual(60)
    }
    const submit = $(el, '[part=submit]')!.getBoundingClientRect()
    expect(submit.width).toBeGreaterThanOrEqual(60)
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => $(el, '#summary'))
    for (const entry of el.shadowRoot!.querySelectorAll('#summary button')) expect(entry.getBoundingClientRect().height).toBeGreaterThanOrEqual(60)
    await expectAccessibleInBothThemes(el)
  })

  it('keeps the elder-friendly minimums when the page themes smaller type, targets and paler text', async () => {
    const root = document.documentElement.style
    root.setProperty('--liuyan-font-size', '14px')
    root.setProperty('--liuyan-target', '30px')
    root.setProperty('--liuyan-color-text-muted', 'rgb(170, 170, 170)')
    try {
      const large = await mountForm('size="large"')
      expect(parseFloat(getComputedStyle(large).fontSize)).toBe(20)
      for (const target of large.shadowRoot!.querySelectorAll<HTMLElement>('textarea, button, input:not([type=radio]):not([type=checkbox]):not(#website)')) {
        expect(target.getBoundingClientRect().height, target.outerHTML).toBeGreaterThanOrEqual(60)
      }
      const hint = $(large, '#title-hint')!
      expect(getComputedStyle(hint).color).toBe(getComputedStyle(large).color)
      // The page may still enlarge it; and without size="large" its theme applies as it is.
      root.setProperty('--liuyan-font-size', '24px')
      expect(parseFloat(getComputedStyle(large).fontSize)).toBe(24)
      const normal = await mountForm('')
      expect(parseFloat(getComputedStyle(normal).fontSize)).toBe(24)
      root.setProperty('--liuyan-font-size', '14px')
      expect(parseFloat(getComputedStyle(normal).fontSize)).toBe(14)
      expect($(normal, 'textarea')!.getBoundingClientRect().height).toBeGreaterThanOrEqual(30)
    } finally {
      for (const name of ['--liuyan-font-size', '--liuyan-target', '--liuyan-color-text-muted']) root.removeProperty(name)
    }
  })
})
