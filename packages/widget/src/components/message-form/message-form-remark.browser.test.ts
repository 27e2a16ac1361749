// The private remark (仅办理单位可见): the field the agency pages point citizens to for details
// only the handling unit may read. Apart from message-form.browser.test.ts to keep both readable.
import type { MswBoard } from '@liuyan/server/msw'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { page } from 'vitest/browser'
import type { LiuyanBeforeSubmitEvent, LiuyanSubmittedEvent } from '../../events.js'
import { API, DEMO_TOKEN, expectAccessibleInBothThemes, mount, startBoard, until } from '../../test-utils.js'
import { LiuyanMessageForm } from './message-form.js'

if (!customElements.get('liuyan-message-form')) customElements.define('liuyan-message-form', LiuyanMessageForm)

const BOARD = '220100-gov'
const REMARK = '我家是朝阳路12号3单元502，工作日晚上7点后方便联系。'
let board: MswBoard

beforeAll(async () => {
  board = await startBoard()
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
const field = (name: string) => page.getByRole('textbox', { name })

async function fillValid(): Promise<void> {
  await page.getByRole('radio', { name: '投诉' }).click()
  await page.getByRole('radio', { name: '城建' }).click()
  await field('标题').fill('小区门口路灯坏了')
  await field('内容').fill('朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。')
  await field('昵称').fill('市民')
  await page.getByRole('checkbox', { name: '同意公开' }).click()
}

describe('<liuyan-message-form> private remark', () => {
  it('has the optional “仅办理单位可见” field the agency page promises, saying who reads it', async () => {
    const el = await mountForm()
    const box = $<HTMLTextAreaElement>(el, 'textarea#remark')!
    expect(box).not.toBeNull()
    // The label starts with the words the page's notice uses (“仅办理单位可见”栏目).
    expect($(el, 'label[for=remark]')!.textContent).toBe('仅办理单位可见（选填）')
    await expect.element(field('仅办理单位可见')).toBeVisible()
    const hint = $(el, '#remark-hint')!
    expect(hint.textContent).toBe('这里的内容不会公开，只有审核和办理您留言的工作人员能看到。适合填写门牌号、联系时间等。')
    expect(box.getAttribute('aria-describedby')!.split(' ')).toEqual(expect.arrayContaining(['remark-hint', 'remark-count']))
    expect($(el, '#remark-count')!.textContent).toContain('0 / 500')
    await expectAccessibleInBothThemes(el)
  })

  it('refuses more than 500 characters with core’s localized message, inline and in the summary', async () => {
    const el = await mountForm()
    await fillValid()
    await field('仅办理单位可见').fill('号'.repeat(501))
    expect($(el, '#remark-count')!.textContent).toContain('501 / 500')
    await page.getByRole('button', { name: '提交留言' }).click()
    const error = await until(() => $(el, '#remark-error'), 5000, 'the remark error')
    expect(error.textContent).toBe('“仅办理单位可见”的内容不能超过500个字')
    const box = $(el, '#remark')!
    expect(box.getAttribute('aria-invalid')).toBe('true')
    expect(box.getAttribute('aria-describedby')!.split(' ')).toContain('remark-error')
    expect([...$(el, '#summary')!.querySelectorAll('li')].map((li) => li.textContent!.trim())).toEqual(['“仅办理单位可见”的内容不能超过500个字'])
    await page.getByRole('button', { name: '“仅办理单位可见”的内容不能超过500个字' }).click()
    expect(el.shadowRoot!.activeElement).toBe(box)
    await expectAccessibleInBothThemes(el)
  })

  it('sends the remark as `remark` for staff only: not in the draft, the event, the author’s or the public view', async () => {
    const el = await mountForm()
    const before: LiuyanBeforeSubmitEvent[] = []
    const submitted: LiuyanSubmittedEvent[] = []
    el.addEventListener('liuyan-before-submit', (e) => before.push(e))
    el.addEventListener('liuyan-submitted', (e) => submitted.push(e))
    await fillValid()
    await field('仅办理单位可见').fill(`  ${REMARK}  `)
    expect(localStorage.getItem(`liuyan-draft:${BOARD}`)).not.toContain('502')
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => $(el, '#success'), 8000, 'the success panel')
    expect(before[0]!.message.remark).toBe(REMARK)
    const { id, trackingCode } = submitted[0]!
    expect(JSON.stringify({ id, trackingCode })).not.toContain('502')
    const principal = (await board.service.authenticate(DEMO_TOKEN))!
    expect((await board.service.getForStaff(principal, id)).remark).toBe(REMARK)
    expect(JSON.stringify(await board.service.track(trackingCode))).not.toContain('502')
    await board.service.act(principal, id, { action: 'accept' })
    expect(JSON.stringify(await board.service.getPublic(id))).not.toContain('502')
    expect(localStorage.getItem(`liuyan-draft:${BOARD}`)).toBeNull()
  })

  it('leaves `remark` out when the field is empty', async () => {
    const el = await mountForm()
    const before: LiuyanBeforeSubmitEvent[] = []
    el.addEventListener('liuyan-before-submit', (e) => {
      before.push(e)
      e.preventDefault()
    })
    await fillValid()
    await field('仅办理单位可见').fill('   ')
    await page.getByRole('button', { name: '提交留言' }).click()
    await until(() => before.length, 5000, 'the before-submit event')
    expect(before[0]!.message).not.toHaveProperty('remark')
  })

  it.each([
    ['zh-TW', '僅辦理單位可見', '只有審核和辦理您留言的工作人員能看到', '「僅辦理單位可見」的內容不能超過500個字'],
    ['en', 'Only for the handling unit', 'only the staff who review and handle your message can read it', 'The note for the handling unit must be at most 500 characters.'],
  ])('speaks %s', async (lang, label, who, tooLong) => {
    const el = await mountForm(`lang="${lang}"`)
    expect($(el, 'label[for=remark]')!.textContent).toContain(label)
    expect($(el, '#remark-hint')!.textContent).toContain(who)
    await field(label).fill('x'.repeat(501))
    await page.getByRole('button', { name: lang === 'en' ? 'Send message' : '提交留言' }).click()
    await until(() => $(el, '#remark-error'), 5000, 'the remark error')
    expect($(el, '#remark-error')!.textContent).toBe(tooLong)
    await expectAccessibleInBothThemes(el)
  })
})
