// Builds the demo site: the staff console script (rolldown, from src/staff.ts) and a copy of the
// widget's script-tag build (the script and the chunks it loads from beside itself), both into
// site/ which `liuyan-server --static` serves.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { rolldown } from 'rolldown'

const root = new URL('..', import.meta.url).pathname
mkdirSync(`${root}site/staff`, { recursive: true })
const bundle = await rolldown({
  input: `${root}src/staff.ts`,
  cwd: root,
  platform: 'browser',
  resolve: { conditionNames: ['browser', 'import', 'module', 'default'] },
  logLevel: 'warn',
})
await bundle.write({ file: `${root}site/staff/staff.js`, format: 'iife', minify: true, sourcemap: true })
await bundle.close()
const widget = new URL('../../../packages/widget/dist/', import.meta.url).pathname
for (const file of readdirSync(`${root}site`)) if (file.startsWith('liuyan-widget.')) rmSync(`${root}site/${file}`)
for (const file of readdirSync(widget)) if (file.startsWith('liuyan-widget.')) copyFileSync(`${widget}${file}`, `${root}site/${file}`)
console.log('demo site built in examples/demo/site/')
