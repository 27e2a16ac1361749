// Takes the screenshots of docs/images/ with headless Chromium: the demo page's widget in light,
// dark and large (适老化) mode, and the staff console (inbox, a message, supervision, the phone layout in large mode). Run after `npm run build`:
//   node scripts/screenshots.mjs
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const root = new URL('..', import.meta.url).pathname
const out = join(root, 'docs/images')
mkdirSync(out, { recursive: true })
const dir = mkdtempSync(join(tmpdir(), 'liuyan-shots-'))
const token = 'screenshot-demo-token'
const server = spawn(process.execPath, [join(root, 'packages/server/dist/cli.js'), '--port', '0', '--db', join(dir, 'board.db'), '--seed', 'demo', '--demo-token', token, '--static', join(root, 'examples/demo/site')], { stdio: ['ignore', 'pipe', 'inherit'] })
const url = await new Promise((resolve, reject) => {
  let text = ''
  server.stdout.on('data', function onData(chunk) {
    text += chunk
    const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(text)
    if (match) {
      server.stdout.off('data', onData)
      server.stdout.resume()
      resolve(match[1])
    }
  })
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
})
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
try {
  for (const [name, scheme, large] of [['widget-light', 'light', false], ['widget-dark', 'dark', false], ['widget-large', 'light', true]]) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 }, colorScheme: scheme, locale: 'zh-CN' })
    await page.goto(`${url}/`)
    if (large) await page.locator('liuyan-board').evaluate((board) => board.setAttribute('size', 'large'))
    await page.getByRole('listitem').first().waitFor()
    await page.waitForTimeout(300)
    await page.locator('main').screenshot({ path: join(out, `${name}.png`) })
    await page.close()
  }
  const form = await browser.newPage({ viewport: { width: 1100, height: 1600 }, locale: 'zh-CN' })
  await form.goto(`${url}/#liuyan/new`)
  await form.getByRole('textbox', { name: '标题' }).waitFor()
  await form.locator('liuyan-board').screenshot({ path: join(out, 'widget-form.png') })
  // The staff console (<liuyan-console> at /staff/): the inbox, a message with its actions, the
  // supervision view, and the inbox as cards on a 390 px phone in large mode.
  const staff = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' })
  await staff.goto(`${url}/staff/`)
  await staff.getByLabel('工作人员令牌').fill(token)
  await staff.getByRole('button', { name: '登录', exact: true }).click()
  await staff.locator('liuyan-inbox tbody tr button').first().waitFor()
  await staff.waitForTimeout(300)
  await staff.screenshot({ path: join(out, 'console-inbox.png') })
  await staff.locator('liuyan-inbox tbody tr button').first().click()
  await staff.locator('#actions-title').waitFor()
  await staff.waitForTimeout(300)
  await staff.screenshot({ path: join(out, 'console-case.png'), fullPage: true })
  // The supervision view (督查统计) of the whole province, every unit below, for the demo's year.
  await staff.getByRole('button', { name: '督查统计', exact: true }).click()
  await staff.locator('liuyan-supervision table.units tbody tr').first().waitFor()
  await staff.locator('liuyan-supervision #s-units').selectOption('subtree')
  await staff.locator('liuyan-supervision form.controls button[type="submit"]').click()
  await staff.locator('liuyan-supervision tr[data-board="220104-cgj"]').waitFor()
  await staff.waitForTimeout(300)
  await staff.screenshot({ path: join(out, 'console-supervision.png'), fullPage: true })
  const phone = await browser.newPage({ viewport: { width: 390, height: 1200 }, locale: 'zh-CN' })
  await phone.goto(`${url}/staff/`)
  await phone.locator('liuyan-console').evaluate((el) => el.setAttribute('size', 'large'))
  await phone.getByLabel('工作人员令牌').fill(token)
  await phone.getByRole('button', { name: '登录', exact: true }).click()
  await phone.locator('liuyan-inbox .cards li').first().waitFor()
  await phone.locator('liuyan-inbox #bulk-title').evaluate((el) => el.scrollIntoView())
  await phone.waitForTimeout(300)
  await phone.screenshot({ path: join(out, 'console-phone-large.png') })
  console.log(`screenshots written to ${out}`)
} finally {
  await browser.close()
  server.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
