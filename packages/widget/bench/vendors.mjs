// The other widgets bench/first-frame.mjs compares against (bench/package.json: ArtalkLite with
// marked, Waline), installed into bench/node_modules from bench/package-lock.json when one is
// missing or not at its locked version: `npm ci --prefix bench` (no install scripts; they need
// none). Without a reachable registry the bench goes on without them and says so. BENCH_NO_INSTALL=1
// skips the install.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bench = new URL('./', import.meta.url)
export const vendor = new URL('node_modules/', bench)

/** The packages of bench/package.json whose installed version is not the locked one. */
function missing() {
  const lock = JSON.parse(readFileSync(new URL('package-lock.json', bench), 'utf8'))
  return Object.keys(lock.packages[''].devDependencies).filter((name) => {
    const file = new URL(`${name}/package.json`, vendor)
    return !existsSync(file) || JSON.parse(readFileSync(file, 'utf8')).version !== lock.packages[`node_modules/${name}`].version
  })
}

/** Installs the other widgets if needed; returns a line saying why they are not there, or undefined. */
export function ensureVendors() {
  const absent = missing()
  if (!absent.length) return undefined
  if (process.env.BENCH_NO_INSTALL) return `not installed (BENCH_NO_INSTALL): ${absent.join(', ')}`
  console.log(`installing ${absent.join(', ')} into bench/node_modules (npm ci --prefix bench)…`)
  // Without the npm_config_* of `npm run bench -w @liuyan/widget`: its `workspace` would make this
  // npm look for that workspace under bench/ and fail.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)))
  const npm = spawnSync('npm', ['ci', '--prefix', fileURLToPath(bench), '--ignore-scripts', '--no-audit', '--no-fund', '--fetch-retries=1', '--fetch-timeout=20000'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 180_000,
  })
  if (npm.status === 0 && !missing().length) return undefined
  const errors = npm.stderr.split('\n').filter((line) => /^npm (ERR!|error) /.test(line))
  const reason = npm.error?.message ?? (errors.find((line) => /\b(code|errno)\b/.test(line)) ?? errors[0] ?? `npm ci exited with ${npm.status}`)
  return `could not be installed (${reason.trim()}): is the npm registry reachable?`
}
