// The script-tag build's second minification, with terser, over the files rolldown wrote: its
// compressor, run twice, finds what rolldown's minifier leaves (zod's and the SDK's code most of
// all): everything 47,741 → 47,371 bytes min+gzip, the single file 43,438 → 43,073, the first
// view 16,565 → 16,540. Only safe transforms (no `unsafe*`, no `pure_getters`: Lit's getters have
// effects), locals mangled, no property renamed; each file's source map is carried through, so the
// composition report and the bench's profile still read the sources.
import { readFileSync, writeFileSync } from 'node:fs'
import { minify } from 'terser'

/** Minifies `dir + file` again in place, with its source map; `module`: an ES module chunk, else a classic script. */
export async function secondPass(dir, file, module) {
  const code = readFileSync(dir + file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '')
  const map = readFileSync(`${dir}${file}.map`, 'utf8')
  const out = await minify(code, {
    ecma: 2020,
    module,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
    sourceMap: { content: map, url: `${file}.map` },
  })
  writeFileSync(dir + file, out.code)
  writeFileSync(`${dir}${file}.map`, typeof out.map === 'string' ? out.map : JSON.stringify(out.map))
}
