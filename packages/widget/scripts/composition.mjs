// node scripts/composition.mjs [file…] (after npm run build): what a script-tag file is made of,
// by its source map: for each source module, its bytes in the minified file and what it costs
// min+gzip -9 (the file compressed with it, less the file compressed without it: these do not add up
// to the file's size, since gzip shares matches between modules). By default the first view,
// dist/liuyan-widget.min.js.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { decodeMappings } from './source-map.mjs'

const dist = new URL('../dist/', import.meta.url)
const files = process.argv.slice(2)
/** The segments of a source map's `mappings`: [generated line, generated column, source index]. */
const segments = (mappings) => decodeMappings(mappings).flatMap((line, n) => line.map(([column, source]) => [n, column, source]))

for (const file of files.length ? files : ['liuyan-widget.min.js']) {
  const code = readFileSync(new URL(file, dist), 'utf8')
  const map = JSON.parse(readFileSync(new URL(`${file}.map`, dist), 'utf8'))
  const starts = [0]
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1)
  const owner = new Int32Array(code.length).fill(-1)
  const segs = segments(map.mappings)
  for (const [i, [line, column, source]] of segs.entries()) {
    const next = segs[i + 1]
    const end = next ? starts[next[0]] + next[1] : code.length
    owner.fill(source, starts[line] + column, end)
  }
  const total = gzipSync(code, { level: 9 }).length
  const bytes = new Map()
  for (const source of owner) bytes.set(source, (bytes.get(source) ?? 0) + 1)
  const rows = [...bytes].map(([source, raw]) => {
    const without = code.split('').filter((_, i) => owner[i] !== source).join('')
    return { name: source < 0 ? '(build glue)' : map.sources[source].replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, ''), raw, gzip: total - gzipSync(without, { level: 9 }).length }
  })
  console.log(`${file}: ${(code.length / 1024).toFixed(1)} KB min, ${(total / 1024).toFixed(2)} KB min+gzip`)
  for (const row of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`${String(row.gzip).padStart(7)} ${String(row.raw).padStart(7)}  ${row.name}`)
}
