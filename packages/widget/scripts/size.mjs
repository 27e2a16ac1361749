// npm run bench -w @liuyan/widget: the sizes of the script-tag build (min, min+gzip -9, each file
// compressed on its own as a server sends it): the first view (the script tag, which holds the
// list and its figures, and any chunk the list view fetches), each part and language on top of it,
// every file together, and the single file. Run `npm run build` first.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('liuyan-widget.chunks.json', dist), 'utf8'))
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const size = (files) => {
  const unique = [...new Set(files)]
  const bytes = unique.map((file) => readFileSync(new URL(file, dist)))
  return `${kb(bytes.reduce((n, b) => n + b.length, 0))} min, ${kb(bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0))} min+gzip in ${unique.length} file(s)`
}
const firstView = [manifest.script, ...manifest.firstView, ...manifest.parts['liuyan-board-stats']]
console.log(`first view (budget 15 KB): ${size(firstView)}`)
for (const [name, files] of [...Object.entries(manifest.parts), ...Object.entries(manifest.locales)]) {
  console.log(`  + ${name}: ${size(files.filter((f) => !firstView.includes(f)))}`)
}
console.log(`script tag and every chunk (budget 45 KB): ${size([manifest.script, ...manifest.chunks.map((c) => c.file)])}`)
console.log(`single file ${manifest.full} (budget 45 KB): ${size([manifest.full])}`)
