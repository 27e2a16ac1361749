// Measures what an application pays for an import: bundles `code` for the browser with rolldown
// (the bundler of Vite 8) and reports the minified and gzip -9 sizes. Used by the size checks in
// the tests and by `npm run bench`. Rolldown is used rather than esbuild because it honours the
// `@__NO_SIDE_EFFECTS__` annotations zod relies on, as production bundlers do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rolldown } from 'rolldown'

/**
 * @param {string} code an ES module that imports what is measured
 * @param {{ cwd?: string, source?: boolean, external?: (string|RegExp)[] }} options `source`: resolve
 *   workspace packages to src/; `external`: imports left out of the measure
 * @returns {Promise<{ min: number, gzip: number }>}
 */
export async function bundleSize(code, { cwd = process.cwd(), source = true, external = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-size-'))
  const input = join(dir, 'entry.js')
  writeFileSync(input, code)
  try {
    const bundle = await rolldown({
      input,
      cwd,
      platform: 'browser',
      external,
      logLevel: 'silent',
      resolve: {
        conditionNames: [...(source ? ['@liuyan/source'] : []), 'browser', 'import', 'module', 'default'],
        modules: [join(cwd, 'node_modules'), join(new URL('..', import.meta.url).pathname, 'node_modules')],
      },
    })
    const { output } = await bundle.generate({ format: 'esm', minify: true })
    const bytes = Buffer.from(output[0].code)
    return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Formats a byte count as KB with one decimal. */
export const kb = (n) => `${(n / 1024).toFixed(1)} KB`
