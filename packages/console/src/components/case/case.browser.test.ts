import type { MswBoard } from '@liuyan/server/msw'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import '../../define.js'
import { activeDeep, API, breakApi, DEMO_TOKEN, expectAccessible, expectAccessibleInBothThemes, mount, signInTab, startBoard, submit, tokenFor, type, until } from '../../test-utils.js'
import type { LiuyanCase } from './case.js'

let board: MswBoard
beforeAll(async () => {
  document.documentElement.lang = 'zh-CN'
  board = await startBoard()
})
afterEach(() => signInTab(undefined))

const root = (el: Element) => el.shadowRoot!
const form = (el: Element, name: string) => root(el).querySelector<HTMLFormElement>(`form[aria-label="${name}"]`)
const forms = (el: Element) => [...root(el).querySelectorAll('form')].map((f) => f.getAttribute('aria-label'))
const send = (el: Element, name: string) => form(el, name)!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click()
const line = (el: Element) => root(el).querySelector('#status-line')!.textContent ?? ''
const staff = async (token: string) => (await board.service.authenticate(token))!

async function open(token: string, id: string, attrs = ''): Promise<LiuyanCase> {
  signInTab(token)
  const el = mount<LiuyanCase>(`<liuyan-case api="${API}" message-id="${id}" ${attrs}></liuyan-case>`)
  await until(() => root(el).querySelector('#actions-title') || root(el).querySelector('[role="alert"]'), 5000, 'the message')
  return el
}

describe('<liuyan-case>', () => {
  it('shows the private block and the whole timeline with who acted and why', async () => {
    const { id, title } = await submit(board, { remark: '家中有行动不便的老人' })
    const reviewer = await tokenFor(board, '市政府办公厅 审核', ['reviewer'], ['220100-gov'])
    await board.service.act(await staff(reviewer), id, { action: 'accept', note: '属实，予以受理' })
    const el = await open(DEMO_TOKEN, id)
    expect(root(el).querySelector('#case-title')!.textContent).toBe(title)
    const privateText = root(el).querySelector('.private')!.textContent!
    for (const text of ['王测试', '13900002222', '家中有行动不便的老人', '仅办理单位可见']) expect(privateText).toContain(text)
    const events = [...root(el).querySelectorAll('.timeline li')].map((li) => li.textContent!.replace(/\s+/g, ' '))
    expect(events).toHaveLength(2)
    expect(events[1]).toContain('受理')
    expect(events[1]).toContain('市政府办公厅 审核（审核员）')
    expect(events[1]).toContain('属实，予以受理')
    expect(root(el).querySelector('[data-testid="due"]')!.textContent).toMatch(/(剩|已超期) \d+ 个工作日/)
    await expectAccessibleInBothThemes(el)
    el.size = 'large'
    await el.updateComplete
    await expectAccessible(el)
  })

  it('offers only what the token’s roles allow now (core’s allowedActions)', async () => {
    const { id } = await submit(board)
    const handler = await tokenFor(board, '市政府 办理', ['handler'], ['220100-gov'])
    const reviewer = await tokenFor(board, '市政府 审核', ['reviewer'], ['220100-gov'])
    expect(forms(await open(handler, id))).toEqual([])
    expect(root(await open(handler, id)).textContent).toContain('您的令牌当前不能对这条留言执行任何操作。')
    expect(forms(await open(reviewer, id))).toEqual(['受理', '不予受理', '设置公开版本（隐去）'])
    expect(forms(await open(DEMO_TOKEN, id))).toEqual(['受理', '不予受理', '设置公开版本（隐去）', '重发查询码'])
    // Another unit's token: the message is outside its scope.
    const other = await tokenFor(board, '吉林市 办理', ['handler'], ['220200-gov'])
    const el = await open(other, id)
    expect(root(el).querySelector('[role="alert"]')!.textContent).toBe('找不到这条留言，或它不在您的令牌范围内。')
  })

  it('replies: a missing text is refused beside the field and focused, then the reply is taken', async () => {
    const { id } = await submit(board)
    const s = await staff(DEMO_TOKEN)
    await board.service.act(s, id, { action: 'accept' })
    await board.service.act(s, id, { action: 'assign', boardId: '220100-zjj' })
    await board.service.act(s, id, { action: 'start' })
    const el = await open(DEMO_TOKEN, id)
    send(el, '答复')
    await until(() => root(el).querySelector('#reply-content-error'), 5000, 'the field error')
    expect(root(el).querySelector('#reply-content')!.getAttribute('aria-invalid')).toBe('true')
    expect(root(el).querySelector('#reply-content-error')!.textContent).toMatch(/请|填写|字/)
    expect(activeDeep()).toBe(root(el).querySelector('#reply-content'))
    await expectAccessible(el)
    type(root(el).querySelector<HTMLTextAreaElement>('#reply-content')!, '您好，已安排维修人员更换路灯，感谢监督。')
    send(el, '答复')
    await until(() => line(el).includes('已答复'), 5000, 'the reply')
    expect(line(el)).toContain('（已回复）')
    expect(root(el).querySelector('.posts')!.textContent).toContain('已安排维修人员更换路灯')
    expect((await board.service.store.read.getMessage(id))!.status).toBe('replied')
  })

  it('supervises and reminds as a supervisor; the badge and the timeline say so', async () => {
    const { id } = await submit(board)
    await board.service.act(await staff(DEMO_TOKEN), id, { action: 'accept' })
    const supervisor = await tokenFor(board, '市督查室', ['supervisor'], ['220100-gov'])
    const el = await open(supervisor, id)
    expect(forms(el)).toEqual(['延期', '督办', '催办', '撤下', '重发查询码'])
    type(root(el).querySelector<HTMLInputElement>('#supervise-note')!, '列入重点督办')
    send(el, '督办')
    await until(() => line(el).includes('已督办'), 5000, 'the supervision')
    expect(root(el).querySelector('[data-testid="status"]')!.textContent).toContain('督办中')
    expect(forms(el)).not.toContain('督办') // once
    send(el, '催办')
    await until(() => line(el).includes('已催办'), 5000, 'the reminder')
    const last = [...root(el).querySelectorAll('.timeline li')].map((li) => li.textContent!.replace(/\s+/g, ' ')).slice(-2)
    expect(last[0]).toContain('市督查室（督办员）')
    expect(last[0]).toContain('列入重点督办')
    expect(last[1]).toContain('催办')
  })

  it('keeps what was typed when the API is down, and extends with a reason once it is back', async () => {
    const { id } = await submit(board)
    await board.service.act(await staff(DEMO_TOKEN), id, { action: 'accept' })
    const el = await open(DEMO_TOKEN, id, 'lang="en"')
    type(root(el).querySelector<HTMLInputElement>('#extend-days')!, '3')
    send(el, 'Extend')
    await until(() => root(el).querySelector('#extend-reason-error'), 5000, 'the missing reason')
    type(root(el).querySelector<HTMLInputElement>('#extend-reason')!, 'Waiting for the utility company')
    const restore = await breakApi()
    send(el, 'Extend')
    await until(() => form(el, 'Extend')!.querySelector('[role="alert"]')?.textContent?.includes('Cannot reach the server'), 15000, 'the offline message')
    expect(root(el).querySelector<HTMLInputElement>('#extend-days')!.value).toBe('3')
    expect(root(el).querySelector<HTMLInputElement>('#extend-reason')!.value).toBe('Waiting for the utility company')
    restore()
    send(el, 'Extend')
    await until(() => line(el).startsWith('Extend: done'), 5000, 'the extension')
    const event = (await board.service.store.read.getMessage(id))!.timeline.at(-1)!
    expect([event.type, event.days, event.note]).toEqual(['extend', 3, 'Waiting for the utility company'])
  })

  it('transfers through a picker limited to the token’s scope, and rejects with a standard reason', async () => {
    const { id } = await submit(board, { boardId: '220104-gov' })
    const district = await tokenFor(board, '朝阳区 审核办理', ['reviewer', 'handler'], ['220104-gov'])
    const s = await staff(district)
    await board.service.act(s, id, { action: 'accept' })
    await board.service.act(s, id, { action: 'assign', boardId: '220104-gov' })
    const el = await open(district, id)
    const picker = root(el).querySelector('#transfer-boardId')!
    const radios = [...picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.value)
    expect(radios).toEqual(['220104-cgj']) // its own subtree, less the unit handling it now
    picker.shadowRoot!.querySelector<HTMLInputElement>('input[type="radio"]')!.click()
    type(root(el).querySelector<HTMLInputElement>('#transfer-reason')!, '属城市管理职责')
    send(el, '转办')
    await until(() => line(el).includes('已转办'), 5000, 'the transfer')
    expect((await board.service.store.read.getMessage(id))!.assigneeBoardId).toBe('220104-cgj')

    const second = await submit(board, { boardId: '220104-gov' })
    const rejectCase = await open(district, second.id)
    type(root(rejectCase).querySelector<HTMLSelectElement>('#reject-code')!, 'not_specific')
    type(root(rejectCase).querySelector<HTMLTextAreaElement>('#reject-reason')!, '请拨打12345热线反映')
    send(rejectCase, '不予受理')
    await until(() => line(rejectCase).includes('已不予受理'), 5000, 'the rejection')
    expect((await board.service.store.read.getMessage(second.id))!.rejection).toMatchObject({ code: 'not_specific', reason: '请拨打12345热线反映' })
    await expectAccessible(rejectCase)
  })

  it('reads well on a 390 px phone in large mode and the dark theme', async () => {
    const { id } = await submit(board, { place: { text: '朝阳路十二号', public: true } })
    const el = await open(DEMO_TOKEN, id, 'size="large" theme="dark"')
    el.parentElement!.style.width = '390px'
    await el.updateComplete
    expect(getComputedStyle(root(el).querySelector('dl')!).gridTemplateColumns.split(' ')).toHaveLength(1)
    expect(root(el).querySelector('#redact-place')).not.toBeNull() // a public place can be rewritten
    await expectAccessible(el)
  })
})
