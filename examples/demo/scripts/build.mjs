// Builds the demo site: copies the script-tag builds of the widget (the agency page: the script and
// the chunks it loads from beside itself) and of the staff console (/staff/) into site/, which
// `liuyan-server --static` serves.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'

const root = new URL('..', import.meta.url).pathname
mkdirSync(`${root}site/staff`, { recursive: true })
const widget = new URL('../../../packages/widget/dist/', import.meta.url).pathname
for (const file of readdirSync(`${root}site`)) if (file.startsWith('liuyan-widget.')) rmSync(`${root}site/${file}`)
for (const file of readdirSync(widget)) if (file.startsWith('liuyan-widget.')) copyFileSync(`${widget}${file}`, `${root}site/${file}`)
const console_ = new URL('../../../packages/console/dist/liuyan-console.min.js', import.meta.url).pathname
copyFileSync(console_, `${root}site/staff/liuyan-console.min.js`)
copyFileSync(`${console_}.map`, `${root}site/staff/liuyan-console.min.js.map`)
console.log('demo site built in examples/demo/site/')
