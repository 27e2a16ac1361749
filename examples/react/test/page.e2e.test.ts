// The built page (npm run build) in Chromium against the real server, under the static server's
// strict CSP; see checkFrameworkPage for what is checked.
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { checkFrameworkPage, launchChromium, startCli, type RunningCli } from '../../demo/test/harness.js'

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
  await checkFrameworkPage(browser, cli.url)
})
