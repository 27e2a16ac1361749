// The rolldown options of the script-tag build, shared by the build and the size report.
import { minifyTemplates } from './minify-templates.mjs'
import { trimLit } from './trim-lit.mjs'

export const root = new URL('..', import.meta.url).pathname

export const inputOptions = {
  cwd: root,
  platform: 'browser',
  resolve: { conditionNames: ['browser', 'production', 'import', 'module', 'default'] },
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  logLevel: 'warn',
  plugins: [minifyTemplates, trimLit],
}

export const minify = { minify: true, comments: { legal: false, annotation: false, jsdoc: false } }
