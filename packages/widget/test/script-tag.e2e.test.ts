// The script-tag build as a webmaster deploys it: the files on a CDN (one loopback port), the page
// on the agency's site (another port: another origin), under a strict CSP that names only the
// CDN for scripts, with Trusted Types required, against the real Board API over HTTP. Every view
// opens, axe is clean in each, and a chunk that cannot be fetched (network down, 404) is said so
// in the page's language, with a retry that works and nothing typed lost.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createBoardService, createFetchHandler, createMemoryStore, seedDemo } from '@liuyan/server'
import { serve, type RunningServer } from '@liuyan/server/node'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const dist = new URL('../dist/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('liuyan-widget.chunks.json', dist), 'utf8')) as { parts: Record<string, string[]> }
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const BOARD = '220104-gov'

let cdn: RunningServer
let site: RunningServer
let browser: Browser
/** Files the CDN answers 404 for, by the start of their name. */
const missing = new Set<string>()
/** Every file the CDN was asked for, in order. */
const fetched: string[] = []

beforeAll(async () => {
  const service = createBoardService({ store: createMemoryStore() })
  await seedDemo(service)
  const api = createFetchHandler(service, { basePath: '/api/v1', submissionsPerMinute: false, trackingPerMinute: false, searchesPerMinute: false, staffPerMinute: false })
  cdn = await serve(async (request) => {
    const file = new URL(request.url).pathname.slice(1)
    fetched.push(file)
    if (!/^liuyan-widget\.[\w.-]+\.js$/.test(file) || [...missing].some((prefix) => file.startsWith(prefix))) return new Response('not found', { status: 404 })
    try {
      // Module scripts from another origin are fetched with CORS, as CDNs allow.
      return new Response(readFileSync(new URL(file, dist)), { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Access-Control-Allow-Origin': '*' } })
    } catch {
      return new Response('not found', { status: 404 })
    }
  }, { port: 0 })
  site = await serve(async (request, context) => {
    const url = new URL(request.url)
    if (url.pathname.startsWith('/api/v1/')) return api(request, context)
    const lang = url.searchParams.get('lang') ?? 'zh-CN'
    const file = url.searchParams.get('script') === 'full' ? 'liuyan-widget.full.min.js' : 'liuyan-widget.min.js'
    const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>网上留言</title>
      ${`<script src="${cdn.url}/${file}" defer></script>`.repeat(url.searchParams.has('twice') ? 2 : 1)}</head>
      <body><main><h1>网上留言</h1><liuyan-board api="/api/v1" board="${BOARD}" page-size="5"></liuyan-board></main></body></html>`
    return new Response(html, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'self'; script-src ${cdn.url}; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'`,
      },
    })
  }, { port: 0 })
  expect(new URL(cdn.url).origin).not.toBe(new URL(site.url).origin)
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await cdn?.close()
})

/** Opens the page and collects CSP and Trusted Types violations and script errors. */
async function open(lang = 'zh-CN', hash = '', script = '', query = ''): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ locale: lang })
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Trusted Type|Refused to/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  await page.goto(`${site.url}/?lang=${lang}${script ? `&script=${script}` : ''}${query}${hash}`)
  return { page, problems }
}

/** axe-core in the page (injected through the DevTools protocol, which the page's CSP does not govern). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run
    const result = await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

const chunkOf = (tag: string) => manifest.parts[tag]![0]!.replace(/-[\w]+\.js$/, '')

/** Opens the list, a thread, the form (submitting a message) and the tracking view of that message. */
async function everyView(script: '' | 'full') {
  fetched.length = 0
  const { page, problems } = await open('zh-CN', '', script)
  const title = '公园东门路灯不亮了'
  // The list with its figures: the first view.
  await page.getByRole('navigation', { name: '留言板' }).waitFor()
  await expect.poll(() => page.locator('liuyan-message-list [part=title]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
  await page.locator('liuyan-board-stats [part=figures]').waitFor({ timeout: 15_000 })
  expect(await axe(page)).toEqual([])
  if (!script) expect(fetched.filter((f) => f.startsWith(chunkOf('liuyan-message-form')))).toEqual([]) // not yet wanted

  // The thread.
  await page.locator('liuyan-message-list [part=title] a').first().click()
  await page.getByRole('link', { name: '返回留言列表' }).waitFor()
  await expect.poll(() => page.locator('liuyan-thread [part=content]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
  expect(await axe(page)).toEqual([])

  // The form: its chunk is fetched when the citizen points at the tab, before the click.
  await page.getByRole('link', { name: '我要留言' }).hover()
  if (!script) await expect.poll(() => fetched.some((f) => f.startsWith(chunkOf('liuyan-message-form')))).toBe(true)
  await page.getByRole('link', { name: '我要留言' }).click()
  await page.getByRole('radio', { name: '建言' }).check()
  await page.getByRole('radio', { name: '城建' }).check()
  await page.getByRole('textbox', { name: '标题' }).fill(title)
  await page.getByRole('textbox', { name: '内容' }).fill('南湖公园东门的路灯已经坏了一个星期，晚上散步很不方便，请尽快修理。')
  await page.getByRole('textbox', { name: '昵称' }).fill('散步的人')
  expect(await axe(page)).toEqual([])
  await page.getByRole('button', { name: '提交留言' }).click()
  const code = (await page.locator('[part="code"]').textContent({ timeout: 15_000 }))!.replace(/\s/g, '')
  expect(code).toMatch(/^[0-9A-Za-z]{12}$/)
  expect(await axe(page)).toEqual([])

  // The tracking view, with the code just given.
  await page.getByRole('link', { name: '查询留言' }).click()
  await page.getByRole('textbox', { name: '查询码' }).fill(code)
  await page.getByRole('button', { name: '查询', exact: true }).click()
  await page.locator('liuyan-tracking [part=result]').waitFor({ timeout: 15_000 })
  await expect.poll(() => page.locator('liuyan-tracking').getByText(title).count()).toBeGreaterThan(0)
  expect(await axe(page)).toEqual([])

  expect(problems).toEqual([])
  // Every file came from the CDN's origin, beside the script.
  if (script) expect(fetched).toEqual(['liuyan-widget.full.min.js'])
  expect(fetched[0]).toBe(script ? 'liuyan-widget.full.min.js' : 'liuyan-widget.min.js')
  expect(fetched.every((f) => f.startsWith('liuyan-widget.'))).toBe(true)
  await page.close()
}

describe('the script tag from another origin, under a strict CSP', { timeout: 90_000 }, () => {
  it('opens every view with no CSP, Trusted Types or script error, axe clean in each', async () => {
    await everyView('')
  })

  it('the single file opens every view alike, fetching nothing else', async () => {
    await everyView('full')
  })

  it('speaks the page language, fetching that language as a chunk', async () => {
    fetched.length = 0
    const { page, problems } = await open('en')
    await page.getByRole('navigation', { name: 'Message board' }).waitFor()
    await expect.poll(() => page.locator('liuyan-message-list [part=title]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(fetched.some((f) => f.startsWith('liuyan-widget.en-'))).toBe(true)
    expect(fetched.some((f) => f.startsWith('liuyan-widget.zh-TW-'))).toBe(false)
    expect(await axe(page)).toEqual([])
    expect(problems).toEqual([])
    await page.close()
  })
})

describe('the script tag twice on a page', { timeout: 60_000 }, () => {
  it('the second copy does nothing: the board and its parts work, each chunk fetched once', async () => {
    fetched.length = 0
    const { page, problems } = await open('zh-TW', '', '', '&twice')
    await expect.poll(() => page.locator('liuyan-message-list [part=title]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await page.getByRole('link', { name: '我要留言' }).click()
    await page.getByRole('textbox', { name: '標題' }).waitFor({ timeout: 15_000 })
    // The form's chunk is built on the same base class (and Lit) as the board the first copy registered.
    expect(await page.evaluate(() => customElements.get('liuyan-message-form')!.prototype instanceof Object.getPrototypeOf(customElements.get('liuyan-board')!))).toBe(true)
    expect(problems).toEqual([])
    const chunks = fetched.filter((f) => f !== 'liuyan-widget.min.js')
    expect(chunks.length).toBeGreaterThan(0)
    expect(new Set(chunks).size).toBe(chunks.length)
    await page.close()
  })
})

describe('a chunk that cannot be fetched', { timeout: 60_000 }, () => {
  it('network down: says so in the page language, keeps what was typed, and loads on retry', async () => {
    const { page } = await open()
    await page.getByRole('link', { name: '我要留言' }).click()
    await page.getByRole('textbox', { name: '标题' }).fill('小区门口井盖松动')
    // The network goes down before the thread's chunk was ever fetched.
    const thread = `**/${chunkOf('liuyan-thread')}-*.js`
    await page.route(thread, (route) => route.abort('internetdisconnected'))
    await page.getByRole('link', { name: '留言列表' }).click()
    await page.locator('liuyan-message-list [part=title] a').first().click()
    const alert = page.getByRole('alert').filter({ hasText: '留言板的这一部分没有加载成功' })
    await alert.waitFor({ timeout: 15_000 })
    expect(await axe(page)).toEqual([])

    await page.unroute(thread)
    await page.getByRole('button', { name: '重新加载' }).click()
    await expect.poll(() => page.locator('liuyan-thread [part=content]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await alert.count()).toBe(0)
    await page.getByRole('link', { name: '我要留言' }).click()
    await expect.poll(() => page.getByRole('textbox', { name: '标题' }).inputValue()).toBe('小区门口井盖松动')
    await page.close()
  })

  it('404 in English: says so in English and loads on retry once the file is back', async () => {
    missing.add(chunkOf('liuyan-tracking'))
    const { page } = await open('en', '#liuyan/track')
    const alert = page.getByRole('alert').filter({ hasText: 'This part of the message board did not load' })
    await alert.waitFor({ timeout: 15_000 })
    expect(await axe(page)).toEqual([])
    missing.clear()
    await page.getByRole('button', { name: 'Load again' }).click()
    await page.getByRole('textbox', { name: 'Tracking code' }).waitFor({ timeout: 15_000 })
    expect(await alert.count()).toBe(0)
    await page.close()
  })

  it('a chunk the form shares with the tracking view (zod, core\'s validation): a part says so, and loads on retry once it is back', async () => {
    const shared = manifest.parts['liuyan-message-form']!.filter((f) => manifest.parts['liuyan-tracking']!.includes(f) && !f.includes('client'))
    expect(shared).toHaveLength(1)
    missing.add(shared[0]!)
    const { page } = await open('zh-TW', '#liuyan/new')
    const alert = page.getByRole('alert').filter({ hasText: '留言板的這一部分沒有載入成功' })
    await alert.waitFor({ timeout: 15_000 })
    await page.getByRole('navigation', { name: '留言板' }).waitFor() // the board itself is the script tag
    missing.clear()
    await page.getByRole('button', { name: '重新載入' }).click()
    await page.getByRole('textbox', { name: '標題' }).waitFor({ timeout: 15_000 })
    expect(await alert.count()).toBe(0)
    await page.close()
  })
})
