// Builds the demo site: copies the script-tag builds of the widget (the agency page) and of the
// staff console (/staff/) into site/, which `liuyan-server --static` serves.
import { copyFileSync, mkdirSync } from 'node:fs'

const root = new URL('..', import.meta.url).pathname
mkdirSync(`${root}site/staff`, { recursive: true })
const copy = (from, to) => {
  copyFileSync(from, `${root}site/${to}`)
  copyFileSync(`${from}.map`, `${root}site/${to}.map`)
}
copy(new URL('../../../packages/widget/dist/liuyan-widget.min.js', import.meta.url).pathname, 'liuyan-widget.min.js')
copy(new URL('../../../packages/console/dist/liuyan-console.min.js', import.meta.url).pathname, 'staff/liuyan-console.min.js')
console.log('demo site built in examples/demo/site/')
