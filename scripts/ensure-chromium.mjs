// Makes sure a Chromium is there for the browser tests (vitest browser mode and the end-to-end
// tests): CHROMIUM_PATH, else /usr/bin/chromium, else Debian's package is installed (as root, the
// way CI and the development machines run). Playwright cannot download browsers here.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)
if (process.getuid?.() !== 0) {
  console.error(`Chromium is missing at ${path}. Install Debian's package (apt-get install chromium fonts-liberation) or set CHROMIUM_PATH.`)
  process.exit(1)
}
console.log('Installing Chromium from Debian’s packages for the browser tests …')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation', 'fonts-noto-cjk'], { stdio: 'inherit', env })
if (!existsSync(path)) {
  console.error(`apt-get finished but ${path} does not exist.`)
  process.exit(1)
}
