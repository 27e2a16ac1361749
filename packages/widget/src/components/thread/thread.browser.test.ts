import { isOverdue, type PublicMessage } from '@liuyan/core'
import type { MswBoard } from '@liuyan/server/msw'
import { beforeAll, describe, expect, it } from 'vitest'
import { page } from 'vitest/browser'
import '../../define.js'
import { API, breakApi, DEMO_TOKEN, expectAccessible, mount, startBoard, until } from '../../test-utils.js'
import type { LiuyanThread } from './thread.js'

let board: MswBoard
let all: PublicMessage[]

beforeAll(async () => {
  board = await startBoard()
  document.documentElement.lang = 'zh-CN'
  all = (await board.service.listPublic({ limit: 100 })).items
})

const byTitle = (title: string) => all.find((m) => m.title === title)!
// The demo's heating complaint: two official replies with a follow-up between them, rated, closed.
const HEATING = '家里供暖温度一直不达标'

async function mountThread(attrs: string): Promise<LiuyanThread> {
  const el = mount<LiuyanThread>(`<liuyan-thread api="${API}" ${attrs}></liuyan-thread>`)
  await el.updateComplete
  await until(() => !el.shadowRoot!.querySelector('[aria-busy=true]') && el.shadowRoot!.querySelector('#title, [role=alert]'), 10_000, 'the thread')
  return el
}
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)]
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

describe('<liuyan-thread>', () => {
  it('shows the message, the official replies with their organization and mark, the follow-up, the timeline and the rating', async () => {
    const m = byTitle(HEATING)
    const el = await mountThread(`message-id="${m.id}"`)
    expect($(el, 'h2#title')!.textContent).toBe(HEATING)
    expect(text($(el, '[part=badges]'))).toBe('类型投诉 领域城建 状态已办理')
    expect(text($(el, '[part=facts]'))).toContain(`留言人 ${m.author.nickname}`)
    expect(text($(el, '[part=content]'))).toBe(m.content)

    // Posts in order: reply, follow-up (追问), reply.
    const posts = $$(el, '[part=posts] > li')
    expect(posts.map((p) => p.getAttribute('part'))).toEqual(['reply', 'follow-up', 'reply'])
    expect(posts.map((p) => text(p.querySelector('.content')))).toEqual(m.posts.map((p) => p.content))
    const reply = m.posts[0]!
    expect(reply.kind).toBe('reply')
    expect(text(posts[0]!.querySelector('.by'))).toContain(`官方答复 ${reply.kind === 'reply' ? reply.organization : ''}`)
    expect(posts[0]!.querySelector('bdi')!.textContent).toBe(reply.kind === 'reply' ? reply.organization : '')
    expect(text(posts[1]!.querySelector('.mark'))).toBe('追问')
    expect(text(posts[1]!.querySelector('bdi'))).toBe(m.author.nickname)

    // The public timeline, in order, with labels and dates.
    const events = $$(el, 'ol[part=timeline] > li')
    expect(events).toHaveLength(m.timeline.length)
    expect(text(events[0])).toContain('提交留言')
    expect(events.map((e) => e.querySelector('time')!.getAttribute('datetime'))).toEqual(m.timeline.map((e) => e.at))
    expect(events.some((e) => text(e).includes('转办') || text(e).includes('交办'))).toBe(true)
    expect(text(events.at(-1))).toContain('办结')

    // The rating: the overall label from core and each score as text; the stars are hidden.
    const rating = text($(el, '[part=evaluation]'))
    expect(rating).toContain('总体评价 基本满意 3/5')
    expect(rating).toContain('解决程度 3/5')
    expect(rating).toContain('办理态度 4/5')
    expect(rating).toContain('办理速度 2/5')
    expect(rating).toContain('评价内容 现在暖和了')
    expect($$(el, '.stars').every((s) => s.getAttribute('aria-hidden') === 'true')).toBe(true)
    expect($$(el, '[part=evaluation] h3, [part=posts] ~ h3, section > h3').length).toBeGreaterThanOrEqual(3)
    await expectAccessible(el)
  })

  it('marks an open message past its deadline as overdue, in text, and a supervised one', async () => {
    const overdue = all.find((m) => isOverdue(m))!
    expect(overdue).toBeDefined()
    const el = await mountThread(`message-id="${overdue.id}"`)
    expect(text($(el, '[part=badges]'))).toContain('已超期')
    expect(text($(el, '[part=facts]'))).toMatch(/办理期限 \d{4}\/\d{2}\/\d{2} 已超期/)
    expect($(el, '.overdue')!.textContent).toBe('已超期')
    await expectAccessible(el)

    const supervised = byTitle('工地夜间施工噪音扰民')
    const other = await mountThread(`message-id="${supervised.id}"`)
    expect(text($(other, '[part=badges]'))).toContain('督办')
    expect(text($(other, '[part=posts]'))).toBe('')
    expect(text(other.shadowRoot!.querySelector('[part=posts]')?.parentElement ?? other.shadowRoot!.querySelector('section'))).toContain('尚未答复')
    expect(text($(other, '[part=timeline]'))).toContain('督办')
  })

  it('shows a message it is given without loading, and takes a heading level', async () => {
    const m = byTitle(HEATING)
    const el = mount<LiuyanThread>(`<liuyan-thread api="/nowhere" heading-level="3"></liuyan-thread>`)
    el.message = m
    await el.updateComplete
    expect($(el, 'h3#title')!.textContent).toBe(HEATING)
    expect($$(el, 'h4')).toHaveLength(3)
    expect($(el, '[role=alert]')).toBeNull()
    await expectAccessible(el)
  })

  it.each([
    ['zh-CN', '部分内容已隐去'],
    ['zh-TW', '部分內容已隱去'],
    ['en', 'Part of this message was withheld'],
  ])('says in %s that part of the text was withheld, and nothing about what', async (lang, notice) => {
    const principal = (await board.service.authenticate(DEMO_TOKEN))!
    const { id } = await board.service.submit({
      boardId: '220100-gov', type: 'complain', domain: 'urban', title: '楼下饭店油烟太大',
      content: '楼下饭店老板张某某每天晚上油烟直排，我家住在幸福小区8栋。', author: { nickname: '市民', maskNickname: false }, publish: true,
    })
    await board.service.act(principal, id, { action: 'accept' })
    await board.service.act(principal, id, { action: 'redact', content: '楼下饭店每天晚上油烟直排。', note: '隐去他人姓名和住址' })
    const el = await mountThread(`message-id="${id}" lang="${lang}"`)
    expect(text($(el, '[part=content]'))).toBe('楼下饭店每天晚上油烟直排。')
    expect($$(el, '[part=redacted]').map((p) => p.textContent)).toEqual([notice])
    for (const withheld of ['张某某', '幸福小区', '隐去他人']) expect(el.shadowRoot!.textContent).not.toContain(withheld)
    await expectAccessible(el)

    // A message nobody redacted has no notice.
    const plain = await mountThread(`message-id="${byTitle(HEATING).id}"`)
    expect($(plain, '[part=redacted]')).toBeNull()
  })

  it('says a message was not found or is not public, without a useless retry', async () => {
    const el = await mountThread('message-id="no-such-message"')
    expect(text($(el, '[role=alert]'))).toBe('没有找到这条留言。它可能不存在，或者尚未公开。')
    expect($(el, '[part=retry]')).toBeNull()
    await expectAccessible(el)

    // A real message the author did not consent to publish is just as absent.
    const { id } = await board.service.submit({
      boardId: '220100-gov', type: 'consult', domain: 'other', title: '不公开的留言', content: '这条留言不同意公开，只有办理单位能看到。',
      author: { nickname: '市民', maskNickname: false }, publish: false,
    })
    const principal = (await board.service.authenticate(DEMO_TOKEN))!
    await board.service.act(principal, id, { action: 'accept' })
    const hidden = await mountThread(`message-id="${id}"`)
    expect(text($(hidden, '[role=alert]'))).toContain('尚未公开')
  })

  it('says what to do when the API is down, retries, and focuses the title', async () => {
    const m = byTitle(HEATING)
    const restore = await breakApi()
    const el = await mountThread(`message-id="${m.id}"`)
    expect(text($(el, '[role=alert]'))).toContain('无法连接留言板')
    await expectAccessible(el)
    restore()
    await page.getByRole('button', { name: '重试' }).click()
    await until(() => el.shadowRoot!.activeElement?.id === 'title', 8000, 'focus on the title')
    expect($(el, '#title')!.textContent).toBe(HEATING)
  })

  it('speaks English and Traditional Chinese', async () => {
    const m = byTitle(HEATING)
    const en = await mountThread(`message-id="${m.id}" lang="en"`)
    expect(text($(en, '[part=badges]'))).toBe('TypeComplaint DomainUrban development StatusAnswered')
    expect(text($(en, '[part=reply] .mark'))).toBe('Official reply')
    expect(text($(en, '[part=follow-up] .mark'))).toBe('Follow-up')
    expect(text($(en, '[part=timeline]'))).toContain('Submitted')
    expect(text($(en, '[part=evaluation]'))).toContain('Overall Fairly satisfied 3/5')
    expect(text($(en, '[part=evaluation]'))).toContain('Resolution 3/5')
    await expectAccessible(en)

    const tw = await mountThread(`message-id="${m.id}" lang="zh-TW"`)
    expect(text($(tw, '[part=reply] .mark'))).toBe('官方答覆')
    expect(text($(tw, '[part=follow-up] .mark'))).toBe('追問')
    expect(text($(tw, '[part=evaluation]'))).toContain('總體評價 基本滿意 3/5')
  })

  it('is large in elder mode and passes axe in both themes', async () => {
    const m = byTitle(HEATING)
    const el = await mountThread(`message-id="${m.id}" size="large"`)
    for (const node of $$(el, 'p, dd, dt, li, .badge, time')) expect(parseFloat(getComputedStyle(node).fontSize)).toBeGreaterThanOrEqual(18)
    for (const theme of ['dark', 'light']) {
      el.setAttribute('theme', theme)
      await el.updateComplete
      await expectAccessible(el)
    }
  })
})
