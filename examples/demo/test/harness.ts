// Starts the real CLI (built dist) on loopback with a temp SQLite file, and a real Chromium.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'

export const ROOT = new URL('../../../', import.meta.url).pathname
export const TOKEN = 'e2e-demo-token-0123456789'

export interface RunningCli {
  url: string
  dir: string
  stop(): Promise<void>
}

/** Runs `liuyan-server` (the built CLI) with the demo seed and token, serving `staticDir`. */
export async function startCli(staticDir: string): Promise<RunningCli> {
  const cli = join(ROOT, 'packages/server/dist/cli.js')
  if (!existsSync(cli)) throw new Error('Build first: npm run build (the e2e tests run the built CLI and site).')
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-e2e-'))
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, '--port', '0', '--db', join(dir, 'board.db'), '--seed', 'demo', '--demo-token', TOKEN, '--static', staticDir, '--rate-limit', 'off'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 30_000)
    child.stdout!.on('data', function onData(chunk: Buffer) {
      out += chunk
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)
      if (match) {
        clearTimeout(timer)
        child.stdout!.off('data', onData)
        child.stdout!.resume()
        resolve(match[1]!)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk))
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}:\n${out}`)))
  })
  return {
    url,
    dir,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The CLI and the Chromium a test file runs against; read them in tests and hooks, not before. */
export interface E2E {
  readonly cli: RunningCli
  readonly browser: Browser
}

/**
 * Starts the CLI serving `staticDir` (or the folder the function gives once earlier `beforeAll`
 * hooks ran) and a Chromium (with `chromiumArgs` besides the usual ones) before the file's tests,
 * and stops both after them.
 */
export function useCliAndChromium(staticDir: string | (() => string), options: { chromiumArgs?: readonly string[] } = {}): E2E {
  let cli: RunningCli | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    cli = await startCli(typeof staticDir === 'string' ? staticDir : staticDir())
    browser = await launchChromium(options.chromiumArgs)
  })
  afterAll(async () => {
    await browser?.close()
    await cli?.stop()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The CLI and Chromium start in beforeAll: read them in tests and hooks')
    return value
  }
  return {
    get cli() {
      return started(cli)
    },
    get browser() {
      return started(browser)
    },
  }
}

/** Debian's Chromium, headless, as TOOLCHAIN.md describes. */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...args],
  })
}

/**
 * Collects console errors and CSP / Trusted Types violations of a page into `problems` (as they
 * happen, so pass the array the test checks at the end) and returns it.
 */
export function watchPage(page: Page, problems: string[] = []): string[] {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Trusted Type|Refused to/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}

/**
 * Like {@link watchPage}, and the page's `securitypolicyviolation` events too (a style attribute
 * the CSP refuses inside a shadow root says so only there), from the first document on. Await it
 * before the first navigation.
 */
export async function watchPolicy(page: Page, problems: string[] = []): Promise<string[]> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ${e.sample}`)
    }, true)
  })
  return watchPage(page, problems)
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Runs axe in the page (injected through the DevTools protocol, which the page's CSP does not govern). */
export async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

/** The text a visitor can read on the page, shadow roots included. */
export function visibleText(page: Page): Promise<string> {
  return page.locator('body').evaluate(() => {
    const walk = (root: Document | ShadowRoot): string =>
      [...root.querySelectorAll('*')].map((e) => (e.shadowRoot ? walk(e.shadowRoot) : '') + (e.childNodes.length ? [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('') : '')).join(' ')
    return walk(document)
  })
}

/**
 * Signs in to the demo staff console (`<liuyan-console>` at /staff/; Playwright's locators reach
 * into its shadow roots) and opens the message titled `title`. The returned `act` submits the form
 * of one action (filled by `fill` first) and waits for the console to say it was done.
 */
export async function openInStaffConsole(page: Page, title: string) {
  await page.getByLabel('工作人员令牌').fill(TOKEN)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  // Found by its title: a message just submitted awaits review, which the inbox's default order
  // (by deadline) lists after the open ones.
  await page.getByLabel('关键词').fill(title)
  await page.getByRole('button', { name: '筛选', exact: true }).click()
  await page.getByRole('button', { name: title, exact: true }).click()
  return async (name: string, fill?: (form: ReturnType<Page['getByRole']>) => Promise<void>) => {
    const form = page.getByRole('form', { name, exact: true })
    if (fill) await fill(form)
    await form.getByRole('button', { name, exact: true }).click()
    await expect.poll(() => page.locator('#status-line').textContent()).toContain(`已${name}`)
  }
}

/** The id of the element focused now, looking through shadow roots. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    let element = document.activeElement
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
    return element?.id
  })
}

/** A Board API call with the demo token. */
export async function api<T>(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${TOKEN}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  })
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/**
 * The check shared by the framework examples (React, Vue): their built page, served under the
 * strict CSP, shows the board, and a message submitted through the widget's form hands its
 * tracking code to the framework's state through the typed `liuyan-submitted` event.
 */
export async function checkFrameworkPage(browser: Browser, baseUrl: string): Promise<void> {
  const page = await browser.newPage({ locale: 'zh-CN' })
  const problems = watchPage(page)
  await page.goto(`${baseUrl}/`)
  await page.getByRole('listitem').first().waitFor()
  if ((await page.getByRole('status').filter({ hasText: 'No message sent yet' }).count()) !== 1) {
    throw new Error('The framework did not render its own status line.')
  }
  await page.getByRole('link', { name: '我要留言' }).click()
  await page.getByRole('radio', { name: '咨询' }).check()
  await page.getByRole('radio', { name: '教育' }).check()
  await page.getByRole('textbox', { name: '标题' }).fill('幼儿园报名时间是什么时候')
  await page.getByRole('textbox', { name: '内容' }).fill('孩子明年九月满三岁，请问公办幼儿园什么时候开始报名，需要准备哪些材料？')
  await page.getByRole('textbox', { name: '昵称' }).fill('新手家长')
  await page.getByRole('button', { name: '提交留言' }).click()
  const code = (await page.locator('[part="code"]').textContent({ timeout: 15_000 }))!.replace(/\s/g, '')
  await page.getByText(`Last tracking code: ${code}`).waitFor({ timeout: 10_000 })
  if (problems.length) throw new Error(`Page problems:\n${problems.join('\n')}`)
  await page.close()
}
