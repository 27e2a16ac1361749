// The built page (npm run build) in Chromium against the real server, under the static server's
// strict CSP: the widget renders inside the framework's page, and its typed liuyan-submitted event
// reaches the framework's state.
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchChromium, startCli, watchPage, type RunningCli } from '../../demo/test/harness.js'

const dist = new URL('../dist/', import.meta.url).pathname
let cli: RunningCli
let browser: Browser

beforeAll(async () => {
  if (!existsSync(`${dist}index.html`)) throw new Error('Build first: npm run build -w @liuyan/example-react')
  cli = await startCli(dist)
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await cli?.stop()
})

it('shows the board and hands the tracking code of a submission to the framework', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' })
  const problems = watchPage(page)
  await page.goto(`${cli.url}/`)
  await page.getByRole('listitem').first().waitFor()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'No message sent yet' }).count()).toBe(1)

  await page.getByRole('link', { name: '我要留言' }).click()
  await page.getByRole('radio', { name: '咨询' }).check()
  await page.getByRole('radio', { name: '教育' }).check()
  await page.getByRole('textbox', { name: '标题' }).fill('幼儿园报名时间是什么时候')
  await page.getByRole('textbox', { name: '内容' }).fill('孩子明年九月满三岁，请问公办幼儿园什么时候开始报名，需要准备哪些材料？')
  await page.getByRole('textbox', { name: '昵称' }).fill('新手家长')
  await page.getByRole('button', { name: '提交留言' }).click()
  const code = (await page.locator('[part="code"]').textContent({ timeout: 15_000 }))!.replace(/\s/g, '')
  await expect.poll(() => page.getByText(`Last tracking code: ${code}`).count()).toBe(1)
  expect(problems).toEqual([])
})
