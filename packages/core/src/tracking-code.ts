import { customAlphabet } from 'nanoid'
import { TRACKING_CODE_ALPHABET } from './schemas/common.js'

/**
 * The tracking code (查询码) is the only thing that lets an author without an account follow their
 * message, so it is a bearer secret: it comes from a CSPRNG, and 12 characters of a 57-character
 * alphabet give about 70 bits, far beyond what rate-limited guessing can reach.
 */

/**
 * The number of characters in a tracking code.
 *
 * @example
 * ```ts
 * createTrackingCode().length === TRACKING_CODE_LENGTH // true
 * ```
 */
export const TRACKING_CODE_LENGTH = 12

const generate = /* @__PURE__ */ customAlphabet(TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH)
const CODE_RE = /* @__PURE__ */ new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`, 'u')
// What people add when they read a code back or copy it from a receipt: spaces of any kind and the
// hyphens and dashes that Chinese input methods type in place of `-`.
const SEPARATORS_RE = /[\s\-\u2010-\u2015\u2212\uFF0D]/gu

/**
 * A new tracking code: 12 characters of {@link TRACKING_CODE_ALPHABET}, drawn from a CSPRNG
 * (nanoid's `customAlphabet`, which uses Web Crypto or `node:crypto`). Show it to the author once,
 * at submission; store only what the server needs to look it up.
 *
 * @example
 * ```ts
 * createTrackingCode() // 'k7Qm2xRt9bWz'
 * ```
 */
export function createTrackingCode(): string {
  return generate()
}

/**
 * Turns what a person typed into a tracking code, or `null` when it cannot be one. Surrounding
 * whitespace and the spaces or hyphens added when the code was read aloud or written down in groups
 * are removed. Case is kept: the alphabet uses both cases, so `a` and `A` are different characters,
 * and folding would turn a mistyped code into someone else's.
 *
 * @example
 * ```ts
 * normalizeTrackingCode(' k7Qm-2xRt-9bWz ') // 'k7Qm2xRt9bWz'
 * normalizeTrackingCode('k7Qm 2xRt 9bW0')   // null: 0 is not in the alphabet
 * normalizeTrackingCode('k7Qm2xRt')         // null: too short
 * ```
 */
export function normalizeTrackingCode(input: string): string | null {
  const code = input.trim().replace(SEPARATORS_RE, '')
  return CODE_RE.test(code) ? code : null
}
