// The built page (npm run build) in Chromium against the real server, under the static server's
// strict CSP; see checkFrameworkPage for what is checked.
import { existsSync } from 'node:fs'
import { beforeAll, it } from 'vitest'
import { checkFrameworkPage, useCliAndChromium } from '../../demo/test/harness.js'

const dist = new URL('../dist/', import.meta.url).pathname

beforeAll(() => {
  if (!existsSync(`${dist}index.html`)) throw new Error('Build first: npm run build -w @liuyan/example-vue')
})
const e2e = useCliAndChromium(dist)

it('shows the board and hands the tracking code of a submission to the framework', async () => {
  await checkFrameworkPage(e2e.browser, e2e.cli.url)
})
