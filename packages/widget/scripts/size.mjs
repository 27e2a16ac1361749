// npm run bench -w @liuyan/widget: the script-tag build's size (min, min+gzip -9).
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const file = new URL('../dist/liuyan-widget.min.js', import.meta.url)
const bytes = readFileSync(file)
const gzip = gzipSync(bytes, { level: 9 }).length
console.log(`dist/liuyan-widget.min.js: ${(bytes.length / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(1)} KB min+gzip (budget 25 KB, goal 20 KB; JS and CSS together)`)
