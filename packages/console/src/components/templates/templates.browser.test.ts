import type { MswBoard } from '@liuyan/server/msw'
import { userEvent } from 'vitest/browser'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import '../../define.js'
import { activeDeep, API, expectAccessible, expectAccessibleInBothThemes, mount, signInTab, startBoard, submit, tokenFor, type, until } from '../../test-utils.js'
import type { LiuyanCase } from '../case/case.js'
import type { LiuyanTemplates } from './templates.js'

let board: MswBoard
beforeAll(async () => {
  document.documentElement.lang = 'zh-CN'
  board = await startBoard()
})
afterEach(() => signInTab(undefined))

const root = (el: Element) => el.shadowRoot!
const names = (el: Element) => [...root(el).querySelectorAll('ul.templates h4')].map((h) => h.textContent)
const staff = async (token: string) => (await board.service.authenticate(token))!

async function mountTemplates(token: string, attrs = ''): Promise<LiuyanTemplates> {
  signInTab(token)
  const el = mount<LiuyanTemplates>(`<liuyan-templates api="${API}" ${attrs}></liuyan-templates>`)
  await until(() => root(el).querySelector('#template-board option') && !root(el).textContent!.includes('正在加载'), 5000, 'the templates')
  return el
}

/** Types into the focused control, then presses Tab: keyboard only. */
async function typeAndTab(text: string) {
  await userEvent.keyboard(text)
  await userEvent.tab()
}

describe('<liuyan-templates>', () => {
  it('a supervisor adds, edits and removes a board’s templates by keyboard alone; the board’s ancestors’ show read-only', async () => {
    const city = await tokenFor(board, '长春市 督办', ['supervisor'], ['220100-gov'])
    const district = await tokenFor(board, '朝阳区 督办', ['supervisor'], ['220104-gov'])
    await board.service.store.transaction((tx) =>
      tx.putReplyTemplate({ id: 'tpl-city', boardId: '220100-gov', name: '市通用答复', text: '您好，{title}已收悉。', createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z', updatedBy: '长春市 督办' }),
    )
    const el = await mountTemplates(district)
    // The board picker lists the token's boards only.
    expect([...root(el).querySelectorAll<HTMLOptionElement>('#template-board option')].map((o) => o.value)).toEqual(['220104-gov', '220104-cgj'])
    expect(root(el).textContent).toContain('上级单位的模板')
    expect(root(el).textContent).toContain('市通用答复')
    expect(root(el).querySelector('ul.templates button')).toBeNull()

    root(el).querySelector<HTMLInputElement>('#template-name')!.focus()
    await typeAndTab('已转办')
    await typeAndTab('{nickname}您好：您反映的“{title}”已由{unit}于{date}办理。')
    expect((activeDeep() as HTMLElement).textContent).toBe('新增模板')
    await userEvent.keyboard('{Enter}')
    await until(() => names(el).includes('已转办'), 5000, 'the new template')
    expect(root(el).querySelector('.status-line')!.textContent).toBe('已新增模板“已转办”')
    const stored = (await board.service.store.read.listReplyTemplates(['220104-gov']))
    expect(stored.map((t) => [t.name, t.updatedBy])).toEqual([['已转办', '朝阳区 督办']])
    await expectAccessibleInBothThemes(el)

    // An unknown placeholder is refused beside the field, in the console's language, keeping the text.
    root(el).querySelector<HTMLButtonElement>('button[aria-label="修改：已转办"]')!.focus()
    await userEvent.keyboard('{Enter}')
    await until(() => activeDeep()?.id === 'template-name', 5000, 'the edit form')
    await userEvent.tab()
    await userEvent.keyboard(' {{phone}')
    root(el).querySelector<HTMLButtonElement>('form.template button[type="submit"]')!.focus()
    await userEvent.keyboard('{Enter}')
    await until(() => root(el).querySelector('#template-text-error'), 5000, 'the error')
    expect(root(el).querySelector('#template-text-error')!.textContent).toBe('模板内容中有不支持的占位符')
    expect(activeDeep()?.id).toBe('template-text')
    await expectAccessible(el)
    type(root(el).querySelector<HTMLTextAreaElement>('#template-text')!, '您好，{title}已办结。')
    root(el).querySelector<HTMLButtonElement>('form.template button[type="submit"]')!.focus()
    await userEvent.keyboard('{Enter}')
    await until(() => root(el).querySelector('.status-line')!.textContent === '已保存模板“已转办”' && !root(el).querySelector<HTMLButtonElement>('button[aria-label="删除：已转办"]')!.disabled, 5000, 'saved')
    expect((await board.service.store.read.listReplyTemplates(['220104-gov']))[0]!.text).toBe('您好，{title}已办结。')

    root(el).querySelector<HTMLButtonElement>('button[aria-label="删除：已转办"]')!.focus()
    await userEvent.keyboard('{Enter}')
    await until(() => !names(el).includes('已转办'), 5000, 'removed')
    expect(activeDeep()?.id).toBe('templates-title')
    expect(await board.service.store.read.listReplyTemplates(['220104-gov'])).toEqual([])
    // The city's supervisor sees the city's template as its own.
    expect(names(await mountTemplates(city))).toContain('市通用答复')
  })

  it('shows other roles the templates without the forms, in English with lang="en"', async () => {
    const handler = await tokenFor(board, '城管局 办理', ['handler'], ['220104-cgj'])
    const el = await mountTemplates(handler, 'lang="en"')
    expect(root(el).querySelector('#templates-title')!.textContent).toBe('Reply templates')
    expect(root(el).querySelector('form.template')).toBeNull()
    expect(root(el).textContent).toContain('Only supervisors manage templates.')
    await expectAccessible(el)
  })
})

describe('<liuyan-case> replies from a template', () => {
  it('fills the placeholders for the message, lets the handler edit, and sends the reply, by keyboard', async () => {
    const { id, title } = await submit(board, { boardId: '220104-cgj', title: '桂林路路灯不亮' })
    const admin = await staff('demo-token')
    await board.service.act(admin, id, { action: 'accept' })
    await board.service.act(admin, id, { action: 'assign', boardId: '220104-cgj' })
    await board.service.act(admin, id, { action: 'start' })
    await board.service.store.transaction((tx) =>
      tx.putReplyTemplate({ id: 'tpl-unit', boardId: '220104-cgj', name: '已维修', text: '{nickname}您好：您反映的“{title}”，{unit}已安排维修。', createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z', updatedBy: 'x' }),
    )
    const handler = await tokenFor(board, '城管局 办理', ['handler'], ['220104-cgj'])
    signInTab(handler)
    const el = mount<LiuyanCase>(`<liuyan-case api="${API}" message-id="${id}"></liuyan-case>`)
    await until(() => root(el).querySelector('#reply-template option[value="tpl-unit"]'), 5000, 'the templates')
    const select = root(el).querySelector<HTMLSelectElement>('#reply-template')!
    select.focus()
    await userEvent.selectOptions(select, 'tpl-unit')
    await userEvent.tab()
    expect((activeDeep() as HTMLElement).textContent).toBe('填入模板')
    await userEvent.keyboard('{Enter}')
    await until(() => activeDeep()?.id === 'reply-content', 5000, 'the filled reply')
    const content = root(el).querySelector<HTMLTextAreaElement>('#reply-content')!
    const unit = (await board.service.getBoard('220104-cgj')).name
    expect(content.value).toBe(`测试市民您好：您反映的“${title}”，${unit}已安排维修。`)
    expect(root(el).querySelector('#status-line')!.textContent).toBe('已填入模板“已维修”，发送前可修改')
    await expectAccessible(el)
    await userEvent.keyboard('{End}预计本周内完成。')
    root(el).querySelector<HTMLFormElement>('form[aria-label="答复"]')!.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus()
    await userEvent.keyboard('{Enter}')
    await until(() => root(el).querySelector('#status-line')!.textContent!.startsWith('已答复'), 5000, 'the reply')
    const stored = (await board.service.store.read.getMessage(id))!
    const reply = stored.posts.find((p) => p.kind === 'reply') as { content: string } | undefined
    expect(reply?.content).toBe(`测试市民您好：您反映的“${title}”，${unit}已安排维修。预计本周内完成。`)
  })
})
