// The script-tag build on the static page a webmaster pastes (examples/cms-page), under a strict
// CSP, against the real server (issue 6): a message sent through the form reaches the staff inbox,
// and after staff accept and reply it shows in the public list with the reply. Hostile text stays
// inert text.
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Message, Page as ListPage, SubmissionResult } from '@liuyan/core'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, ROOT, useCliAndChromium, watchPage } from './harness.js'

let site: string
const problems: string[] = []

// Registered before the CLI's hooks: the site exists before the CLI serves it, and (after hooks run
// in reverse) is removed once the CLI and Chromium are stopped.
beforeAll(() => {
  site = mkdtempSync(join(tmpdir(), 'liuyan-cms-'))
  cpSync(join(ROOT, 'examples/cms-page'), site, { recursive: true })
  // The script tag and the chunks it loads from beside itself.
  const dist = join(ROOT, 'packages/widget/dist')
  for (const file of readdirSync(dist)) if (file.startsWith('liuyan-widget.')) copyFileSync(join(dist, file), join(site, file))
})
afterAll(() => {
  rmSync(site, { recursive: true, force: true })
  expect(problems, 'no CSP, Trusted Types or script errors').toEqual([])
})
const e2e = useCliAndChromium(() => site)

async function open(): Promise<Page> {
  const page = await e2e.browser.newPage({ locale: 'zh-CN' })
  watchPage(page, problems)
  // A hostile string that ran as script would call alert or set this flag.
  await page.addInitScript(() => {
    ;(window as unknown as { pwned: number }).pwned = 0
    window.alert = () => ((window as unknown as { pwned: number }).pwned += 1)
  })
  await page.goto(`${e2e.cli.url}/index.html`)
  return page
}

it('is served under a strict Content-Security-Policy', async () => {
  const response = await fetch(`${e2e.cli.url}/index.html`)
  const csp = response.headers.get('content-security-policy') ?? ''
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "require-trusted-types-for 'script'"]) {
    expect(csp).toContain(directive)
  }
})

it('takes a message through the form to the staff inbox, and shows it with the reply after staff act', async () => {
  const page = await open()
  const title = `公园厕所夜间不开${String(Date.now() % 10000).padStart(4, '0')}`
  await page.getByRole('link', { name: '我要留言' }).click()
  await page.getByRole('radio', { name: '建言' }).check()
  await page.getByRole('radio', { name: '城建' }).check()
  await page.getByRole('textbox', { name: '标题' }).fill(title)
  await page.getByRole('textbox', { name: '内容' }).fill('南湖公园东门的公共厕所晚上八点就关门了，晚上散步的人很多，建议延长开放时间到晚上十点。')
  await page.getByRole('textbox', { name: '昵称' }).fill('散步的人')
  await page.getByRole('checkbox', { name: /同意公开/ }).check()
  await page.getByRole('button', { name: '提交留言' }).click()
  await expect.poll(() => page.locator('[part="code"]').count(), { timeout: 15_000 }).toBe(1)

  const inbox = await api<ListPage<Message>>(e2e.cli.url, `/inbox?keyword=${encodeURIComponent(title)}`)
  expect(inbox.items.map((m) => m.title)).toEqual([title])
  const id = inbox.items[0]!.id
  await api(e2e.cli.url, `/messages/${id}/actions`, { method: 'POST', body: { action: 'accept' } })
  await api(e2e.cli.url, `/messages/${id}/actions`, { method: 'POST', body: { action: 'assign', boardId: '220104-cgj' } })
  await api(e2e.cli.url, `/messages/${id}/actions`, { method: 'POST', body: { action: 'start' } })
  await api(e2e.cli.url, `/messages/${id}/actions`, { method: 'POST', body: { action: 'reply', content: '已协调管理处将开放时间延长至晚上十点。' } })

  await page.goto(`${e2e.cli.url}/index.html`)
  const link = page.getByRole('link', { name: title }).or(page.getByRole('button', { name: title })).first()
  await link.click()
  await expect.poll(() => page.getByText('已协调管理处将开放时间延长至晚上十点。').count(), { timeout: 10_000 }).toBeGreaterThan(0)
  expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0)
})

it('renders hostile text as inert text without breaking the layout', async () => {
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>javascript:alert(3)\u202Eevil'
  const created = await (
    await fetch(`${e2e.cli.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        boardId: '220104-gov', type: 'consult', domain: 'other', title: '<script>alert(4)',
        content: `${hostile} ${'长'.repeat(900)}`, author: { nickname: '<img src onerror=x>' }, publish: true,
      }),
    })
  ).json() as SubmissionResult
  expect(created.id).toBeTruthy()
  await api(e2e.cli.url, `/messages/${created.id}/actions`, { method: 'POST', body: { action: 'accept' } })
  const page = await open()
  await page.setViewportSize({ width: 360, height: 800 })
  await page.getByRole('link', { name: '<script>alert(4)' }).or(page.getByRole('button', { name: '<script>alert(4)' })).first().click()
  await expect.poll(() => page.getByText('javascript:alert(3)', { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  const report = await page.evaluate(() => {
    const all: Element[] = []
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        all.push(element)
        if (element.shadowRoot) walk(element.shadowRoot)
      }
    }
    walk(document)
    return {
      injected: all.filter((e) => (e.tagName === 'IMG' && e.getAttribute('src') === 'x') || (e.tagName === 'SCRIPT' && /alert/.test(e.textContent ?? ''))).length,
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      jsLinks: all.filter((e) => /^javascript:/i.test(e.getAttribute('href') ?? '')).length,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      pwned: (window as unknown as { pwned: number }).pwned,
    }
  })
  expect(report).toEqual({ injected: 0, handlers: 0, jsLinks: 0, overflow: 0, pwned: 0 })
})
