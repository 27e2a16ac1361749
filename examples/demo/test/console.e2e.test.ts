// The staff console (<liuyan-console> at /staff/) against the real CLI in real Chromium, by
// keyboard: a reviewer accepts two new messages in bulk and assigns them in bulk to a unit found by
// searching the unit tree; the API then says both are assigned there. On a 390 px phone the inbox
// shows cards and axe finds nothing.
import { join } from 'node:path'
import type { Message, SubmissionResult } from '@liuyan/core'
import { afterAll, expect, it } from 'vitest'
import { api, axe, focusedId, ROOT, TOKEN, useCliAndChromium, watchPage } from './harness.js'

const problems: string[] = []
afterAll(() => {
  expect(problems, 'no CSP, Trusted Types or script errors on the page').toEqual([])
})
const e2e = useCliAndChromium(join(ROOT, 'examples/demo/site'))

const TITLES = ['南湖公园东门长椅损坏', '南湖公园西门路灯不亮']
// The inbox lists (and the bulk action walks) newest first, as the API does.
const NEWEST_FIRST = [...TITLES].reverse()

it('accepts and assigns in bulk, by keyboard alone', async () => {
  const ids: string[] = []
  for (const title of TITLES) {
    const { id } = await api<SubmissionResult>(e2e.cli.url, '/messages', {
      method: 'POST',
      body: { boardId: '220100-gov', type: 'complain', domain: 'urban', title, content: `${title}，已经有一个多月了，希望尽快修理。`, author: { nickname: '南湖晨练' }, publish: true },
    })
    ids.push(id)
  }
  const page = await e2e.browser.newPage({ locale: 'zh-CN' })
  watchPage(page, problems)
  await page.goto(`${e2e.cli.url}/staff/`)
  await page.keyboard.press('Tab')
  await page.keyboard.type(TOKEN)
  await page.keyboard.press('Enter')
  await expect.poll(() => focusedId(page)).toBe('inbox-title')

  for (const title of TITLES) {
    await page.getByRole('checkbox', { name: `选择“${title}”` }).focus()
    await page.keyboard.press('Space')
  }
  await expect.poll(() => page.locator('#bulk-title').textContent()).toContain('已选 2 条')
  await page.getByRole('button', { name: '批量受理' }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => focusedId(page)).toBe('results-title')
  expect(await page.locator('.results li').allTextContents()).toEqual(NEWEST_FIRST.map((t) => `${t}：受理成功`))

  // The accepted messages stay selected only if they failed: select them again and assign.
  for (const title of TITLES) {
    await page.getByRole('checkbox', { name: `选择“${title}”` }).focus()
    await page.keyboard.press('Space')
  }
  await page.locator('liuyan-inbox details.assign summary').focus()
  await page.keyboard.press('Enter') // opens the assign panel
  await page.getByRole('searchbox', { name: '查找单位' }).focus()
  await page.keyboard.type('住房和城乡')
  await page.getByRole('radio', { name: '长春市住房和城乡建设局' }).focus()
  await page.keyboard.press('Space')
  await page.getByRole('button', { name: '批量交办' }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await page.locator('.results li').allTextContents()).join('|')).toBe(NEWEST_FIRST.map((t) => `${t}：交办成功`).join('|'))
  for (const id of ids) {
    const message = await api<Message>(e2e.cli.url, `/inbox/${id}`)
    expect([message.status, message.assigneeBoardId]).toEqual(['assigned', '220100-zjj'])
    expect(message.timeline.map((e) => e.type)).toEqual(['submit', 'accept', 'assign'])
  }
  expect(await axe(page)).toEqual([])

  // On a phone: cards, not a squeezed table.
  await page.setViewportSize({ width: 390, height: 844 })
  await expect.poll(() => page.locator('liuyan-inbox .cards li').first().isVisible()).toBe(true)
  expect(await page.locator('liuyan-inbox table').isVisible()).toBe(false)
  expect(await axe(page)).toEqual([])
})
