// Builds dist/liuyan-widget.min.js: one self-contained IIFE (lit, zod, core, client and every
// component bundled) for the script tag. rolldown, because it drops the zod code a page never calls
// (esbuild keeps it), which is the difference between fitting the size budget and not.
import { rolldown } from 'rolldown'

const root = new URL('..', import.meta.url).pathname
const bundle = await rolldown({
  input: `${root}src/iife.ts`,
  cwd: root,
  platform: 'browser',
  resolve: { conditionNames: ['browser', 'production', 'import', 'module', 'default'] },
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  logLevel: 'warn',
})
await bundle.write({ file: `${root}dist/liuyan-widget.min.js`, format: 'iife', minify: true, sourcemap: true, comments: { legal: false } })
await bundle.close()
