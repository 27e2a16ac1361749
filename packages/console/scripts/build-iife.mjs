// Builds dist/liuyan-console.min.js: one self-contained IIFE (lit, zod, core, client and every
// console component bundled) for the script tag, with rolldown as the widget's build.
import { rolldown } from 'rolldown'
import { inputOptions, outputOptions, root } from './iife-options.mjs'

const bundle = await rolldown(inputOptions)
await bundle.write({ ...outputOptions, file: `${root}dist/liuyan-console.min.js`, sourcemap: true })
await bundle.close()
