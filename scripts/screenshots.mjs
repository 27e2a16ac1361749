// Takes the screenshots of docs/images/ with headless Chromium: the demo page's widget in light,
// dark and large (适老化) mode, and the staff console (inbox, a message, supervision, hot spots,
// reply templates, the phone layout in large mode). Run after `npm run build`:
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
  // What the hot spots and the reply templates show, through the API: three similar messages about
  // the street lights of 朝阳区, a template of the city and one of its transport bureau.
  const call = async (path, body) => {
    const response = await fetch(`${url}/api/v1${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    if (!response.ok) throw new Error(`POST ${path} → ${response.status}: ${await response.text()}`)
  }
  for (const [title, content, nickname] of [
    ['红旗街路灯不亮', '朝阳区红旗街一带的路灯从九月起就不亮了，晚上走路很不安全，希望尽快修好。', '红旗街居民'],
    ['红旗街路灯还是不亮', '朝阳区红旗街一带的路灯从九月起一直不亮，晚上走路很不安全，请尽快修好。', '夜跑的小王'],
    ['红旗街的路灯坏了', '朝阳区红旗街一带的路灯从九月起就坏了，晚上走路很不安全，希望早日修好。', '接孩子的家长'],
  ]) {
    await call('/messages', { boardId: '220104-cgj', type: 'complain', domain: 'urban', title, content, author: { nickname }, publish: true })
  }
  await call('/boards/220100-gov/reply-templates', { name: '已受理并转办', text: '您好！您反映的“{title}”已于{received}受理，已转{unit}办理，请耐心等待答复。' })
  await call('/boards/220100-jtj/reply-templates', { name: '已安排处理', text: '您好！您反映的“{title}”问题，{unit}已安排专人处理，感谢您的监督。' })

  // The staff console (<liuyan-console> at /staff/): the inbox, a message with its actions, the
  // supervision view, the hot spots, the reply templates, and the inbox as cards on a 390 px phone
  // in large mode.
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
  // The hot spots (热点与重复) of the province, with the group about the street lights open.
  await staff.getByRole('button', { name: '热点与重复', exact: true }).click()
  await staff.locator('liuyan-hotspots #h-board').selectOption('220000-gov')
  await staff.locator('liuyan-hotspots form.range button[type="submit"]').click()
  const group = staff.locator('liuyan-hotspots ol.groups > li').filter({ has: staff.getByRole('heading', { name: '红旗街的路灯坏了', exact: true }) })
  await group.getByRole('button', { name: '查看这组留言' }).click()
  await group.locator('ul.members li').nth(2).waitFor()
  await staff.waitForTimeout(300)
  await staff.screenshot({ path: join(out, 'console-hotspots.png'), fullPage: true })
  // The reply templates (答复模板) of the transport bureau: its own and the city's.
  await staff.getByRole('button', { name: '答复模板', exact: true }).click()
  await staff.locator('liuyan-templates #template-board').selectOption('220100-jtj')
  await staff.locator('liuyan-templates').getByText('已受理并转办').waitFor()
  await staff.waitForTimeout(300)
  await staff.screenshot({ path: join(out, 'console-templates.png'), fullPage: true })
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
