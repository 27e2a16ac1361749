// Review before publication (issue 11), in real Chromium against the real CLI: a message to the
// mayor's board (which publishes as a separate step) has the author's name in its text; a reviewer
// accepts it without publishing, sets the public copy, publishes it; the public page shows the
// redacted copy and says so, the staff console keeps the original; axe finds nothing on either.
import { join } from 'node:path'
import type { SubmissionResult } from '@liuyan/core'
import type { Page } from 'playwright-core'
import { afterAll, expect, it } from 'vitest'
import { api, axe, openInStaffConsole, ROOT, useCliAndChromium, visibleText, watchPage } from './harness.js'

const problems: string[] = []
afterAll(() => {
  expect(problems, 'no CSP, Trusted Types or script errors on the pages').toEqual([])
})
const e2e = useCliAndChromium(join(ROOT, 'examples/demo/site'))

const TITLE = '桂林路井盖丢失很危险'
const ORIGINAL = '我叫刘建国，住在桂林路幸福小区。小区北门外的井盖丢了一个星期，晚上看不清，已经有老人差点掉下去，请尽快补上。'
const REDACTED = '桂林路幸福小区北门外的井盖丢了一个星期，晚上看不清，已经有老人差点掉下去，请尽快补上。'

async function open(path: string): Promise<Page> {
  const page = await e2e.browser.newPage({ locale: 'zh-CN' })
  watchPage(page, problems)
  await page.goto(`${e2e.cli.url}${path}`)
  return page
}

it('accepts without publishing, redacts, publishes: the public reads the copy, staff the original', async () => {
  const { id } = await api<SubmissionResult>(e2e.cli.url, '/messages', {
    method: 'POST',
    body: { boardId: '220100-mayor', type: 'complain', domain: 'urban', title: TITLE, content: ORIGINAL, author: { nickname: '桂林路居民', realName: '刘建国' }, publish: true },
  })

  const staff = await open('/staff/')
  const act = await openInStaffConsole(staff, TITLE)
  await act('受理')
  await expect.poll(() => staff.getByTestId('publication').textContent()).toBe('待公开（审核后发布）')
  // Accepted on a reviewing board: not public yet.
  const site = await open('/')
  await site.getByRole('listitem').first().waitFor()
  expect(await visibleText(site)).not.toContain(TITLE)

  await act('设置公开版本（隐去）', (form) => form.getByLabel('公开内容').fill(REDACTED))
  expect(await axe(staff)).toEqual([])
  await act('公开')
  await expect.poll(() => staff.getByTestId('publication').textContent()).toBe('已公开')
  const detail = await staff.locator('#detail').textContent()
  expect(detail).toContain(ORIGINAL) // staff keep the original
  expect(detail).toContain('公开版本（部分内容已隐去）')
  expect(await axe(staff)).toEqual([])

  await site.goto(`${e2e.cli.url}/`)
  await site.getByRole('link', { name: TITLE }).or(site.getByRole('button', { name: TITLE })).first().click()
  await expect.poll(() => site.getByText(REDACTED).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  const shown = await visibleText(site)
  expect(shown).not.toContain('刘建国')
  expect(shown).not.toContain('我叫')
  expect(await axe(site)).toEqual([])

  // The public API says the same: the copy, marked as redacted, and nothing of what was withheld.
  const thread = await api<{ content: string; redacted?: boolean }>(e2e.cli.url, `/messages/${id}`)
  expect(thread).toMatchObject({ content: REDACTED, redacted: true })
})
