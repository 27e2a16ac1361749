// Builds the demo site: the staff console script (rolldown, from src/staff.ts) and a copy of the
// widget's script-tag build, both into site/ which `liuyan-server --static` serves.
import { copyFileSync, mkdirSync } from 'node:fs'
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
const widget = new URL('../../../packages/widget/dist/liuyan-widget.min.js', import.meta.url).pathname
copyFileSync(widget, `${root}site/liuyan-widget.min.js`)
copyFileSync(`${widget}.map`, `${root}site/liuyan-widget.min.js.map`)
console.log('demo site built in examples/demo/site/')
