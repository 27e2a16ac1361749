/**
 * Landline numbers and the author's own phones. Private to core's privacy module; `findPII` and
 * `maskPII` are the public face.
 */
import { foldFullWidth } from './fold.js'

// An area code (0 and two or three digits: 010, 02x, 03xx–09xx), bare, in brackets, or after +86
// without its 0, then a local number of 7–8 digits that cannot start with 0, nor with 1 unless a
// separator or a bracket sets it apart from the area code (010-12345678 is how people write an
// example number; 01012345678 is as likely a serial). Hotlines (12345, 110, 95588, 400/800
// numbers) never have this shape, nor does a bare local number, which could as well be an amount
// or an order number.
const LANDLINE_SOURCE =
  '(?:(?:\\+|00)86[ -]?\\(?(?<intl>10|2\\d|[3-9]\\d{2})\\)?|\\((?<paren>0(?:10|2\\d|[3-9]\\d{2}))\\)|(?<area>0(?:10|2\\d|[3-9]\\d{2})))' +
  '[- \u2013\u2014]?(?<local>(?:[2-9]|(?<=[- \u2013\u2014)])1)\\d{2,3}[ -]?\\d{4})'
export const LANDLINE_RE = new RegExp(`(?<!\\d)${LANDLINE_SOURCE}(?!\\d)`, 'dgu')
export const LANDLINE_WHOLE_RE = new RegExp(`^${LANDLINE_SOURCE}$`, 'du')

/** Where one of the author's phones sits in the (folded) text. */
export interface PhoneSpan {
  kind: 'phone' | 'landline'
  start: number
  end: number
}

/**
 * The author's phones in `folded` (full-width forms already folded), found by their digits with up
 * to two separators between any two of them, so `138 1234 5678`, `0431-8765 4321` and
 * `(0431)87654321` are all found. A landline given with its area code is also found without it.
 */
export function findGivenPhones(folded: string, phones: readonly string[]): PhoneSpan[] {
  const found: PhoneSpan[] = []
  for (const phone of phones) {
    let digits = foldFullWidth(phone).replace(/\D/gu, '')
    if (/^(?:0086|86)1[3-9]\d{9}$/u.test(digits)) digits = digits.slice(-11)
    // Fewer than seven digits is a short code or an extension, not a line that reaches one person.
    if (digits.length < 7) continue
    const kind = /^1[3-9]\d{9}$/u.test(digits) ? 'phone' : 'landline'
    const forms = [digits]
    const local = LANDLINE_WHOLE_RE.exec(digits)?.groups?.local
    if (local) forms.push(local)
    for (const form of forms) {
      const re = new RegExp(`(?<!\\d)${[...form].join('[-\\s()]{0,2}')}(?!\\d)`, 'gu')
      for (const m of folded.matchAll(re)) found.push({ kind, start: m.index, end: m.index + m[0].length })
    }
  }
  return found
}
