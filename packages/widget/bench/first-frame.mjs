// npm run bench -w @liuyan/widget (after npm run build): the script-tag build in headless
// Chromium at 4x CPU throttling, against the real Board API on loopback with a board of 50 public
// messages shown on one page. Interleaved trials (a fresh browser context each, so nothing is
// cached) of the chunked script tag and the single file; medians of:
// - first frame: the first animation frame after the board's shell (navigation) is in its shadow root;
// - FCP: the page's first contentful paint;
// - list frame: the first frame with all 50 messages rendered;
// - longest task: the longest main-thread task (Long Tasks API) up to the list frame; the issue asks
//   that the list of 50 renders without a task over 50 ms.
// Not measured here yet: ArtalkLite and Waline side by side (issue 15 asks for them too).
import { readFileSync } from 'node:fs'
import { createBoardService, createFetchHandler, createMemoryStore, seedDemo } from '@liuyan/server'
import { serve } from '@liuyan/server/node'
import { chromium } from 'playwright-core'

const TRIALS = Number(process.env.BENCH_TRIALS ?? 9)
const MESSAGES = 50
const BOARD = '220104-gov'
const TOKEN = 'bench-token-0123456789abcdef'
const dist = new URL('../dist/', import.meta.url)

const service = createBoardService({ store: createMemoryStore() })
await seedDemo(service)
await service.createToken({ label: 'bench', roles: ['reviewer', 'handler', 'supervisor'], boardIds: ['220100-gov'], token: TOKEN })
const api = createFetchHandler(service, { basePath: '/api/v1', submissionsPerMinute: false, trackingPerMinute: false, searchesPerMinute: false, staffPerMinute: false })
const call = async (path, body, token) => {
  const response = await api(new Request(`http://bench.local/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }), { clientAddress: '127.0.0.1' })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response.json()
}
// Enough public messages for a page of 50, each with a few sentences.
const listed = (await service.listPublic({ boardId: BOARD, limit: 100 })).items.length
for (let i = listed; i < MESSAGES; i++) {
  const { id } = await call('/messages', {
    boardId: BOARD, type: 'suggest', domain: 'urban', title: `小区路灯维修建议${String(i).padStart(3, '0')}`,
    content: `第${i}号楼附近的路灯晚上经常不亮，老人和孩子晚上出门很不方便。建议尽快检修，并定期巡查，必要时增加照明设施。`,
    author: { nickname: `居民${i}` }, publish: true,
  })
  await call(`/messages/${id}/actions`, { action: 'accept' }, TOKEN)
}

const page = (script) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>
<script src="/${script}" defer></script></head><body><main><h1>网上留言</h1>
<liuyan-board api="/api/v1" board="${BOARD}" page-size="${MESSAGES}"></liuyan-board></main></body></html>`
const site = await serve(async (request, context) => {
  const url = new URL(request.url)
  if (url.pathname.startsWith('/api/v1/')) return api(request, context)
  if (url.pathname === '/chunked.html') return new Response(page('liuyan-widget.min.js'), { headers: { 'Content-Type': 'text/html; charset=utf-8' } })
  if (url.pathname === '/full.html') return new Response(page('liuyan-widget.full.min.js'), { headers: { 'Content-Type': 'text/html; charset=utf-8' } })
  const file = url.pathname.slice(1)
  if (!/^liuyan-widget\.[\w.-]+\.js$/.test(file)) return new Response('not found', { status: 404 })
  return new Response(readFileSync(new URL(file, dist)), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } })
}, { port: 0 })

// Runs in the page before any script: records the frames and long tasks the bench reads.
function instrument(expected) {
  const bench = (window.__bench = { tasks: [] })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.tasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
  const tick = () => {
    const board = document.querySelector('liuyan-board')
    const nav = board?.shadowRoot?.querySelector('nav')
    const list = board?.shadowRoot?.querySelector('liuyan-message-list')?.shadowRoot
    if (nav && bench.firstFrame === undefined) bench.firstFrame = performance.now()
    if (list && list.querySelectorAll('[part=item]').length >= expected) return void (bench.listFrame = performance.now())
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
})
const results = { chunked: [], full: [] }
try {
  for (let trial = 0; trial < TRIALS; trial++) {
    // Alternate which variant goes first, so neither always meets a warmer machine.
    const order = trial % 2 ? ['full', 'chunked'] : ['chunked', 'full']
    for (const variant of order) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
      const tab = await context.newPage()
      const cdp = await context.newCDPSession(tab)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
      await tab.addInitScript(instrument, MESSAGES)
      await tab.goto(`${site.url}/${variant}.html`)
      await tab.waitForFunction(() => window.__bench.listFrame !== undefined, null, { timeout: 60_000 })
      const sample = await tab.evaluate(() => {
        const b = window.__bench
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime
        const tasks = b.tasks.filter((t) => t.start <= b.listFrame)
        // The list's own rendering: the tasks after the shell's first frame (loading the script is before it).
        const render = tasks.filter((t) => t.start >= b.firstFrame)
        return {
          firstFrame: b.firstFrame, fcp, listFrame: b.listFrame,
          longest: Math.max(0, ...tasks.map((t) => t.duration)), longestRender: Math.max(0, ...render.map((t) => t.duration)),
          over50: render.filter((t) => t.duration > 50).length,
        }
      })
      results[variant].push(sample)
      if (process.env.BENCH_DEBUG) console.log(variant, JSON.stringify(await tab.evaluate(() => ({ ff: window.__bench.firstFrame, lf: window.__bench.listFrame, tasks: window.__bench.tasks.map((t) => [Math.round(t.start), Math.round(t.duration)]), res: performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop().slice(0, 30), Math.round(r.startTime), Math.round(r.responseEnd)]) }))))
      await context.close()
    }
  }
} finally {
  await browser.close()
  await site.close()
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b)
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN
}
const ms = (v) => `${v.toFixed(0)} ms`
console.log(`${TRIALS} interleaved trials each, 4x CPU throttling, ${MESSAGES} messages on the page (medians)`)
const rows = ['firstFrame', 'fcp', 'listFrame', 'longest']
for (const variant of ['chunked', 'full']) {
  const r = results[variant]
  console.log(`${variant.padEnd(8)} first frame ${ms(median(r.map((s) => s.firstFrame)))}, FCP ${ms(median(r.map((s) => s.fcp)))}, 50 messages ${ms(median(r.map((s) => s.listFrame)))}, longest task ${ms(median(r.map((s) => s.longest)))}, longest while rendering the list ${ms(median(r.map((s) => s.longestRender)))} (trials with a render task over 50 ms: ${r.filter((s) => s.over50).length}/${r.length})`)
}
for (const key of rows.slice(0, 3)) {
  console.log(`ratio chunked/full, ${key}: ${(median(results.chunked.map((s) => s[key])) / median(results.full.map((s) => s[key]))).toFixed(2)}`)
}
