// npm run bench -w @liuyan/console: the script-tag build's size (min, min+gzip -9). The ceiling the
// build test holds it under is in test/build.test.ts.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const file = readFileSync(new URL('../dist/liuyan-console.min.js', import.meta.url))
console.log(`dist/liuyan-console.min.js: ${kb(file.length)} min, ${kb(gzipSync(file, { level: 9 }).length)} min+gzip`)
