// npm run bench -w @liuyan/widget: the script-tag build's size (min, min+gzip -9), and its floor:
// the same build with zod, core's schemas and validation, and the SDK replaced by empty stand-ins.
// The floor is what Lit, the six components, their strings in three languages, their styles and
// core's labels cost on their own; no SDK or validation can make the build smaller than that.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { rolldown } from 'rolldown'
import { inputOptions, outputOptions } from './iife-options.mjs'

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

const file = readFileSync(new URL('../dist/liuyan-widget.min.js', import.meta.url))
console.log(`dist/liuyan-widget.min.js: ${kb(file.length)} min, ${kb(gzip(file))} min+gzip (budget 25 KB, goal 20 KB; JS and CSS together)`)

// Stand-ins for what the widget imports. Core's zod-free modules are the real ones.
const core = new URL('../../core/dist/', import.meta.url).pathname
const STAND_INS = {
  '@liuyan/core': `
    export { DEFAULT_LOCALE, DOMAIN_LABELS, DOMAINS, MESSAGE_TYPE_LABELS, MESSAGE_TYPES, PUBLIC_STATUS_LABELS, resolveLocale, satisfactionLabel } from '${core}enums.js'
    export { isOverdue } from '${core}deadlines.js'
    export { normalizeTrackingCode } from '${core}tracking-code.js'
    export const LIMITS = { titleMin: 4, titleMax: 22, contentMin: 10, contentMax: 1000, nicknameMax: 20, realNameMax: 30, placeMax: 100, remarkMax: 500 }
    export const NewEvaluationSchema = {}, NewFollowUpSchema = {}, VALIDATION_MESSAGES = {}
    export const validate = (schema, data) => ({ success: true, data }), validateNewMessage = (data) => ({ success: true, data })`,
  '@liuyan/client': `
    const is = (name) => (error) => error?.name === name
    export const isAPIError = is('APIError'), isRateLimitError = is('RateLimitError'), isValidationError = is('ValidationError'),
      isNotFoundError = is('NotFoundError'), isConnectionError = is('ConnectionError'), isTimeoutError = is('TimeoutError'), isLiuyanError = is('LiuyanError')
    export const createClient = (options) => ({ options, boards: {}, messages: {}, tracking: {} })`,
  'zod/mini': 'export const config = () => {}',
}
try {
  const bundle = await rolldown({
    ...inputOptions,
    logLevel: 'silent',
    plugins: [{ name: 'stand-ins', resolveId: (id) => (id in STAND_INS ? `\0${id}` : null), load: (id) => STAND_INS[id.slice(1)] ?? null }],
  })
  const { output } = await bundle.generate(outputOptions)
  await bundle.close()
  console.log(`floor without zod, core's schemas and validation, and the SDK: ${kb(output[0].code.length)} min, ${kb(gzip(output[0].code))} min+gzip`)
} catch (error) {
  console.log(`floor: not measured, the stand-ins no longer match the widget's imports (${String(error.message).split('\n')[0]})`)
}
