// axe-core on the demo's pages as a visitor sees them (the agency page with the widget, the staff
// console logged in with a message open), in light and dark, and the staff console by keyboard.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { axe, focusedId, ROOT, TOKEN, useCliAndChromium } from './harness.js'

const e2e = useCliAndChromium(join(ROOT, 'examples/demo/site'))

for (const colorScheme of ['light', 'dark'] as const) {
  it(`the agency page with the board passes axe (${colorScheme})`, async () => {
    const page = await e2e.browser.newPage({ colorScheme, locale: 'zh-CN' })
    await page.goto(`${e2e.cli.url}/`)
    await page.getByRole('listitem').first().waitFor()
    expect(await axe(page)).toEqual([])
  })

  it(`the staff console passes axe with a message open (${colorScheme})`, async () => {
    const page = await e2e.browser.newPage({ colorScheme, locale: 'zh-CN' })
    await page.goto(`${e2e.cli.url}/staff/`)
    expect(await axe(page)).toEqual([])
    await page.getByLabel('工作人员令牌').fill(TOKEN)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.locator('liuyan-inbox tbody tr button').first().click()
    await page.locator('#detail h2').waitFor()
    await page.locator('#actions-title').waitFor()
    expect(await axe(page)).toEqual([])
  })
}

it('the staff console works by keyboard alone: sign in, filter, open a message, accept it', async () => {
  const page = await e2e.browser.newPage({ locale: 'zh-CN' })
  await page.goto(`${e2e.cli.url}/staff/`)
  await page.keyboard.press('Tab') // the token field
  await expect.poll(() => focusedId(page)).toBe('token')
  await page.keyboard.type(TOKEN)
  await page.keyboard.press('Enter')
  await expect.poll(() => focusedId(page)).toBe('inbox-title')
  // Filter to messages awaiting review, by keyboard: Enter in a text field submits the filters.
  await page.getByLabel('状态', { exact: true }).focus()
  await page.getByLabel('状态', { exact: true }).selectOption('pending')
  await page.getByLabel('关键词').focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('liuyan-inbox tbody tr').count()).toBeGreaterThan(0)
  await expect.poll(async () => (await page.locator('liuyan-inbox tbody tr td:nth-child(4)').allTextContents()).every((t) => t.startsWith('待审核'))).toBe(true)
  await page.locator('liuyan-inbox tbody tr button').first().focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => focusedId(page)).toBe('case-title')
  const accept = page.getByRole('form', { name: '受理', exact: true }).getByRole('button', { name: '受理', exact: true })
  await accept.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('#status-line').textContent()).toContain('已受理')
})
