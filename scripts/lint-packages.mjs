// Checks every publishable workspace package as npm would ship it: publint --strict, then
// @arethetypeswrong/cli --pack. Fails on the first package with a problem.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const bin = (name) => join(root, 'node_modules', '.bin', name)
let failed = false
for (const dir of workspaces) {
  if (dir.includes('*')) continue
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
  if (pkg.private) continue
  // Subpaths that are not modules (JSON, the script-tag bundle) have no types to check.
  const plain = Object.keys(pkg.exports ?? {}).filter((path) => /\.(json|min\.js)$/.test(path))
  const attwArgs = ['--pack', '.', '--profile', pkg.exports?.['.']?.require ? 'strict' : 'esm-only']
  if (plain.length) attwArgs.push('--exclude-entrypoints', ...plain)
  for (const [cmd, args] of [
    ['publint', ['--strict']],
    ['attw', attwArgs],
  ]) {
    process.stdout.write(`\n▶ ${pkg.name}: ${cmd} ${args.join(' ')}\n`)
    try {
      execFileSync(bin(cmd), args, { cwd: join(root, dir), stdio: 'inherit' })
    } catch {
      failed = true
    }
  }
}
if (failed) {
  console.error('\nlint:pkg: a package has problems (see above).')
  process.exit(1)
}
