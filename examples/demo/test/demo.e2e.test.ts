// The demo as a person uses it, in real Chromium against the real server (issue 7): a citizen
// submits on /, keeps the tracking code; staff accept, assign, start and reply on /staff/; the
// reply shows on /; the citizen rates it by tracking code; the rating and the statistics change.
import { join } from 'node:path'
import type { BoardStats } from '@liuyan/core'
import type { Page } from 'playwright-core'
import { afterAll, expect, it } from 'vitest'
import { api, openInStaffConsole, ROOT, TOKEN, useCliAndChromium, visibleText, watchPage } from './harness.js'

const problems: string[] = []
const title = `路口红绿灯时间太短${String(Date.now() % 100000).padStart(5, '0')}`

// Registered first, so it runs last (after hooks run in reverse): once Chromium is closed.
afterAll(() => {
  expect(problems, 'no CSP, Trusted Types or script errors on the pages').toEqual([])
})
const e2e = useCliAndChromium(join(ROOT, 'examples/demo/site'))

async function open(path: string): Promise<Page> {
  const page = await e2e.browser.newPage({ locale: 'zh-CN' })
  watchPage(page, problems)
  await page.goto(`${e2e.cli.url}${path}`)
  return page
}

it('carries a message through the whole loop, as a citizen and as staff would', async () => {
  const statsBefore = await api<BoardStats>(e2e.cli.url, '/boards/220100-gov/stats')

  // 1. The citizen writes a message on the agency page.
  const site = await open('/')
  await expect.poll(() => site.locator('liuyan-board').count()).toBe(1)
  await site.getByRole('link', { name: '我要留言' }).click()
  await site.getByRole('radio', { name: '投诉' }).check()
  await site.getByRole('radio', { name: '交通' }).check()
  await site.getByRole('textbox', { name: '标题' }).fill(title)
  await site.getByRole('textbox', { name: '内容' }).fill('人民大街与解放路交叉口的行人绿灯只有十五秒，老人过马路走不到一半就变红灯了，非常危险，希望延长行人通行时间。')
  await site.getByRole('textbox', { name: '昵称' }).fill('过路的老张')
  await site.getByRole('textbox', { name: '真实姓名' }).fill('张建国')
  await site.getByRole('textbox', { name: '手机号码' }).fill('13900001111')
  await site.getByRole('checkbox', { name: /同意公开/ }).check()
  await site.getByRole('button', { name: '提交留言' }).click()
  const code = (await site.locator('[part="code"]').textContent({ timeout: 15_000 }))!.replace(/\s/g, '')
  expect(code).toMatch(/^[2-9A-HJ-NP-Za-km-z]{12}$/)

  // 2. Staff accept, assign, start and reply on /staff/.
  const staff = await open('/staff/')
  const act = await openInStaffConsole(staff, title)
  await act('受理')
  await act('交办', (form) => form.getByRole('radio', { name: '长春市交通运输局' }).check())
  await act('开始办理')
  await act('答复', (form) => form.getByLabel('答复内容').fill('您好，经现场核查，已将该路口行人绿灯时间由15秒延长至30秒，感谢您的监督。'))
  const inbox = await staff.locator('#detail').textContent()
  expect(inbox).toContain('张建国') // staff see the private fields
  expect(inbox).toContain('13900001111')

  // 3. The reply shows on the public page.
  await site.goto(`${e2e.cli.url}/`)
  await site.getByRole('link', { name: title }).or(site.getByRole('button', { name: title })).first().click()
  await expect.poll(() => site.getByText('已将该路口行人绿灯时间由15秒延长至30秒').count(), { timeout: 10_000 }).toBeGreaterThan(0)
  await expect.poll(() => site.getByText('长春市交通运输局').count()).toBeGreaterThan(0)
  const publicText = await visibleText(site)
  expect(publicText).not.toContain('张建国')
  expect(publicText).not.toContain('13900001111')

  // 4. The citizen rates the reply by tracking code.
  await site.getByRole('link', { name: '查询留言' }).click()
  await site.getByRole('textbox', { name: '查询码' }).fill(code)
  await site.getByRole('button', { name: '查询', exact: true }).click()
  for (const [group, score] of [['总体评价', 5], ['解决程度', 5], ['办理态度', 5], ['办理速度', 4]] as const) {
    await site.getByRole('group', { name: group }).getByRole('radio', { name: new RegExp(`^${score}`) }).check()
  }
  await site.getByRole('button', { name: '提交评价' }).click()
  await expect.poll(() => site.getByText('感谢您的评价').count(), { timeout: 10_000 }).toBeGreaterThan(0)

  // 5. The rating and the board statistics changed, on the API and on the page.
  const statsAfter = await api<BoardStats>(e2e.cli.url, '/boards/220100-gov/stats')
  expect(statsAfter.received).toBe(statsBefore.received + 1)
  expect(statsAfter.replied).toBe(statsBefore.replied + 1)
  expect(statsAfter.satisfaction.count).toBe(statsBefore.satisfaction.count + 1)
  await site.goto(`${e2e.cli.url}/`)
  await expect
    .poll(() => site.locator('liuyan-board-stats').first().evaluate((e) => e.shadowRoot?.textContent ?? ''), { timeout: 10_000 })
    .toContain(`${statsAfter.satisfaction.count} 条评价`)
})

it('serves the OpenAPI document and the board list beside the site', async () => {
  const boards = await api<{ items: unknown[] }>(e2e.cli.url, '/boards')
  expect(boards.items.length).toBeGreaterThan(5)
  const openapi = await api<{ openapi: string }>(e2e.cli.url, '/openapi.json')
  expect(openapi.openapi).toBe('3.1.0')
  const page = await fetch(`${e2e.cli.url}/`)
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  expect(await page.text()).toContain('<liuyan-board api="/api/v1" board="220100-gov">')
})
