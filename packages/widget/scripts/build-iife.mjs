// Builds dist/liuyan-widget.min.js: one self-contained IIFE (lit, zod, core, client and every
// component bundled) for the script tag. rolldown, because it drops the zod code a page never calls
// (esbuild keeps it).
import { rolldown } from 'rolldown'
import { inputOptions, outputOptions, root } from './iife-options.mjs'

const bundle = await rolldown(inputOptions)
await bundle.write({ ...outputOptions, file: `${root}dist/liuyan-widget.min.js`, sourcemap: true })
await bundle.close()
