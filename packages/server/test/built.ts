/**
 * Tests that run the built package (the CLI as a child process, a consumer project against dist/)
 * build it first when dist is missing or older than the sources: Node cannot run the TypeScript.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PACKAGE = fileURLToPath(new URL('..', import.meta.url))
export const ROOT = join(PACKAGE, '..', '..')
export const CLI = join(PACKAGE, 'dist', 'cli.js')

/** The newest change to a source file the build reads (tests excluded). */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else if (!/\.test(-d)?\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/** Builds @liuyan/core and @liuyan/server when their dist/ is older than their sources. */
export function ensureBuilt(): void {
  const core = join(ROOT, 'packages', 'core')
  const coreBuilt = existsSync(join(core, 'dist', 'index.js')) ? statSync(join(core, 'dist', 'index.js')).mtimeMs : 0
  if (coreBuilt < newestMtime(join(core, 'src'))) {
    execFileSync('npm', ['run', 'build', '-w', '@liuyan/core'], { cwd: ROOT, stdio: 'pipe' })
  }
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0
  if (built < newestMtime(join(PACKAGE, 'src')) || built < statSync(join(PACKAGE, 'tsup.config.ts')).mtimeMs) {
    execFileSync('npm', ['run', 'build', '-w', '@liuyan/server'], { cwd: ROOT, stdio: 'pipe' })
  }
}
