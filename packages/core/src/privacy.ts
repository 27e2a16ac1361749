/**
 * Masking of personal data in free text that a board shows in public (message content, replies,
 * follow-ups, evaluation comments), and of pseudonyms when the author asks for it.
 *
 * Detection favours privacy where the two pull apart: every valid mainland mobile number and every
 * number shaped like a resident ID is masked, at the price of masking the odd order number that
 * happens to pass Luhn or to start with a province code and a date. Detection also reads full-width
 * characters (１３８…, ＠), which Chinese input methods produce, so a number typed in full-width mode
 * is not left readable.
 *
 * What people actually type decides the rest: an ID with a mistyped check digit is still an ID, a
 * landline is as personal as a mobile, and 我叫张伟 publishes a name. The cue words and surnames
 * live in `privacy/names.ts`.
 */
import { foldFullWidth } from './privacy/fold.js'
import { findCuedNames, findGivenNames, maskName } from './privacy/names.js'
import { findGivenPhones, LANDLINE_RE, LANDLINE_WHOLE_RE } from './privacy/phones.js'

/**
 * The kinds of personal data {@link findPII} looks for. When two findings start at the same place
 * and are equally long (an 18-digit number can pass both the ID and the Luhn check), the earlier
 * kind in this list wins.
 *
 * @example
 * ```ts
 * PII_KINDS.includes('landline') // true
 * ```
 */
export const PII_KINDS = ['phone', 'id', 'card', 'email', 'landline', 'name'] as const
/** One of {@link PII_KINDS}. */
export type PIIKind = (typeof PII_KINDS)[number]

/**
 * One piece of personal data found in a text: its kind and where it sits, as UTF-16 offsets that
 * `text.slice(start, end)` accepts (`end` is exclusive).
 */
export interface PIIMatch {
  /** What was found. */
  kind: PIIKind
  /** Offset of the first character. */
  start: number
  /** Offset just past the last character. */
  end: number
}

/** What {@link findPII} and {@link maskPII} know about the author, and the clock they read. */
export interface PIIOptions {
  /**
   * The author's own names (real name, a nickname that is a real name), found wherever they occur
   * as written. A name of one character is ignored: it is a word far more often than a name.
   * @example ['王小明']
   */
  names?: readonly string[] | undefined
  /**
   * The author's own phone numbers, mobile or landline, found also when written with spaces,
   * hyphens, brackets or full-width digits. Numbers of fewer than seven digits are ignored. A
   * landline given with its area code is found without it too (`88881234` for `0431-88881234`).
   * @example ['13812345678', '0431-88881234']
   */
  phones?: readonly string[] | undefined
  /**
   * The moment "today" is taken from, for birth dates in ID numbers; tests pass a fixed one.
   * @default new Date()
   */
  now?: Date | undefined
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK_CHARS = '10X98765432'
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

// The optional country prefix only widens the left boundary (so `8613812345678` is a phone and
// `5513812345678` is not); the match reported is the national number alone.
const PHONE_RE = /(?<!\d)(?:(?:\+|00)?86[ -]?)?(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)/dgu
const ID_RE = /(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/gu
// The first two digits of every resident ID: a province-level division of GB/T 2260, or 71 81 82
// for Taiwan, Hong Kong and Macao.
const PROVINCE_RE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/u
const CARD_RE = /(?<![\dA-Za-z])\d{16,19}(?![\dA-Za-z])/gu
// Four groups of four with one consistent separator; a short fifth group makes 17–19 digits.
const GROUPED_CARD_RE = /(?<![\dA-Za-z])\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?![\dA-Za-z])/gu
const EMAIL_LOCAL_CHAR = /[A-Za-z0-9._%+-]/u
const EMAIL_DOMAIN_RE = /(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/uy

/**
 * Whether `s` is, as a whole, one mainland China mobile number: 11 digits `1[3-9]xxxxxxxxx`,
 * optionally written 3-4-4 with spaces or hyphens and optionally after a `+86`, `0086` or `86`
 * prefix. Full-width digits are not accepted here (but {@link findPII} reads them).
 *
 * @example
 * ```ts
 * isMobilePhone('13812345678')       // true
 * isMobilePhone('+86 138-1234-5678') // true
 * isMobilePhone('12812345678')       // false: no such network prefix
 * ```
 */
export function isMobilePhone(s: string): boolean {
  return /^(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}$/u.test(s)
}

/**
 * Whether `id` is an 18-character resident identity number (GB 11643) that could have been issued:
 * the check character matches (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 →
 * `1 0 X 9 8 7 6 5 4 3 2`, `x` accepted for `X`) and characters 7–14 are a real calendar date from
 * 1900 up to today in China (UTC+8). Checking the date as well as the check digit means a random
 * 18-digit number (a waybill, an invoice) is taken for an ID far less often.
 *
 * @param now - the moment "today" is taken from; tests pass a fixed one.
 *
 * @example
 * ```ts
 * isValidResidentId('11010519491231002X') // true
 * isValidResidentId('110105194912310021') // false: the check character should be X
 * isValidResidentId('110105200002300015') // false: there is no 30 February
 * ```
 */
export function isValidResidentId(id: string, now: Date = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/u.test(id)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0)
  if (ID_CHECK_CHARS[sum % 11] !== id[17]?.toUpperCase()) return false

  return isPastDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), now)
}

/**
 * Whether `id` is shaped like a resident ID number, as {@link findPII} reads one: 18 characters
 * whose first two digits are a province code (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81,
 * 82) and whose characters 7–14 are a real birth date from 1900 up to today in China, whatever the
 * check character; or a first-generation 15-digit number with a province code and a real date
 * `YYMMDD` of the 1900s in characters 7–12. A citizen who mistypes one digit of an ID number has
 * still published it, so {@link findPII} does not ask for the check character that
 * {@link isValidResidentId} checks.
 *
 * @param now - the moment "today" is taken from; tests pass a fixed one.
 *
 * @example
 * ```ts
 * looksLikeResidentId('220104199001011234') // true, though the check digit should be 3
 * looksLikeResidentId('220104900101123')    // true: 15 digits, born 1 January 1990
 * looksLikeResidentId('990104199001011234') // false: 99 is no province
 * looksLikeResidentId('220104199013011234') // false: there is no month 13
 * ```
 */
export function looksLikeResidentId(id: string, now: Date = new Date()): boolean {
  if (!PROVINCE_RE.test(id)) return false
  if (/^\d{15}$/u.test(id)) return isPastDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), now)
  if (!/^\d{17}[\dXx]$/u.test(id)) return false
  return isPastDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), now)
}

/**
 * Whether a string of ASCII digits passes the Luhn check, as every bank card number does. Anything
 * else (empty, spaces, hyphens, letters) is `false`; strip separators first.
 *
 * @example
 * ```ts
 * isLuhnValid('4111111111111111') // true
 * isLuhnValid('4111111111111112') // false
 * ```
 */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/u.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/**
 * Finds the personal data {@link maskPII} masks, in order, without overlaps:
 *
 * - `phone`: a mainland mobile number (see {@link isMobilePhone}) not inside a longer run of digits;
 *   the match covers the national number, not a `+86` prefix.
 * - `id`: an 18-character resident ID that passes {@link isValidResidentId}, or an 18-character
 *   or 15-digit number that {@link looksLikeResidentId} (a wrong check character does not save
 *   it), not touching another digit or an ASCII letter (so part of a
 *   serial number or a hash is not taken for one).
 * - `card`: 16–19 digits, written together or in groups of four split by one kind of separator
 *   (space or hyphen), that pass Luhn, with the same boundaries as an ID. A 16–19 digit order
 *   number that happens to pass Luhn (one in ten) is found too: a missed card costs more.
 * - `email`: an address with an ASCII local part and a dotted domain. A local part never contains
 *   `*`, so an address that is already masked (`w***@example.com`) is not found again.
 * - `landline`: a fixed-line number with its area code: `0431-88881234`, `(0431)8888 1234`,
 *   `010 12345678`, `+86 431 88881234`. A local number on its own is not found (it reads like an
 *   amount or an order number), and neither are service numbers (12345, 110, 95588, 400/800 lines),
 *   which are public.
 * - `name`: a name after a self-introduction cue (`我叫张伟`, `本人张伟，`, `我是王小明。`,
 *   `姓名：张伟`, `联系人：张伟`), read as a common surname and one or two more characters. 我是 and
 *   本人 open ordinary sentences too (我是本小区居民, 本人认为), so after them the name must end at
 *   punctuation or a space.
 * - the author's own names and phones given in `options`, wherever they occur, as `name` and
 *   `phone` (or `landline`).
 *
 * Full-width digits, letters and signs count as their ASCII forms. When findings overlap, the one
 * that starts first wins; {@link maskPII} looks again after masking, so the loser is not lost.
 *
 * @example
 * ```ts
 * findPII('电话13812345678') // [{ kind: 'phone', start: 2, end: 13 }]
 * findPII('订单号202611261381234567890') // []
 * findPII('我叫张伟，座机0431-88881234') // [{ kind: 'name', start: 2, end: 4 }, { kind: 'landline', start: 7, end: 20 }]
 * findPII('王小明反映', { names: ['王小明'] }) // [{ kind: 'name', start: 0, end: 3 }]
 * ```
 */
export function findPII(text: string, options: PIIOptions = {}): PIIMatch[] {
  const folded = foldFullWidth(text)
  const candidates: PIIMatch[] = []

  for (const m of folded.matchAll(PHONE_RE)) {
    const [start, end] = m.indices?.[1] ?? [m.index, m.index + m[0].length]
    candidates.push({ kind: 'phone', start, end })
  }
  for (const m of folded.matchAll(ID_RE)) {
    const id = m[0]
    if (isValidResidentId(id, options.now) || looksLikeResidentId(id, options.now)) candidates.push({ kind: 'id', start: m.index, end: m.index + m[0].length })
  }
  for (const m of folded.matchAll(CARD_RE)) {
    if (isLuhnValid(m[0])) candidates.push({ kind: 'card', start: m.index, end: m.index + m[0].length })
  }
  collectGroupedCards(folded, candidates)
  collectEmails(folded, candidates)
  for (const m of folded.matchAll(LANDLINE_RE)) candidates.push({ kind: 'landline', start: m.index, end: m.index + m[0].length })
  for (const span of findCuedNames(folded)) candidates.push({ kind: 'name', ...span })
  for (const span of findGivenNames(folded, options.names ?? [])) candidates.push({ kind: 'name', ...span })
  candidates.push(...findGivenPhones(folded, options.phones ?? []))

  candidates.sort(
    (a, b) => a.start - b.start || b.end - a.end || PII_KINDS.indexOf(a.kind) - PII_KINDS.indexOf(b.kind),
  )
  const found: PIIMatch[] = []
  let reached = 0
  for (const c of candidates) {
    if (c.start >= reached) {
      found.push(c)
      reached = c.end
    }
  }
  return found
}

/**
 * Masks personal data in free text before it is shown in public:
 *
 * - mobile numbers keep their first three and last four digits: `138****5678` (a number written
 *   `138 1234 5678` becomes `138****5678` too; a `+86` prefix stays);
 * - resident ID numbers keep the region (first six) and the last four (three for an old 15-digit
 *   number), hiding the birth date: `110105********002X`, `220104******123`;
 * - bank card numbers keep only the last four digits, in the layout they were written in:
 *   `**** **** **** 1111`, `************1111`;
 * - e-mail addresses keep the first character of the local part and the domain: `w***@example.com`;
 * - landlines keep the area code and the last four digits, in their layout: `0431-****1234`;
 * - names keep the surname, one `*` for each other character: `张*`, `王**`, `欧阳**`.
 *
 * What {@link findPII} does not find is left alone: dates, times, amounts, order numbers, numbers
 * of 18 digits that start with no province code or carry an impossible birth date, card-like
 * numbers that fail Luhn, hotlines, bare local numbers. The result contains nothing
 * {@link findPII} would find with the same options, so masking twice changes nothing.
 *
 * @param options - the author's own names and phones, masked wherever they occur, and the clock.
 *
 * @example
 * ```ts
 * maskPII('我的电话是13812345678，身份证号11010519491231002X')
 * // '我的电话是138****5678，身份证号110105********002X'
 * maskPII('联系我 wang@example.com') // '联系我 w***@example.com'
 * maskPII('我叫张伟，家里座机（0431）8888 1234') // '我叫张*，家里座机（0431）**** 1234'
 * maskPII('王小明家门口的路灯坏了', { names: ['王小明'] }) // '王**家门口的路灯坏了'
 * ```
 */
export function maskPII(text: string, options: PIIOptions = {}): string {
  // A finding can hide another one behind it (a phone written right before a card's digit groups),
  // so mask until nothing is found. This ends: every pass removes at least one digit, address or
  // name character that can still be found, and no mask adds one; the equality check stops a
  // caller's name that is its own mask (`张*`) all the same.
  let current = text
  for (let matches = findPII(current, options); matches.length > 0; matches = findPII(current, options)) {
    let next = ''
    let last = 0
    for (const m of matches) {
      next += current.slice(last, m.start) + maskMatch(current.slice(m.start, m.end), m.kind)
      last = m.end
    }
    next += current.slice(last)
    if (next === current) break
    current = next
  }
  return current
}

/**
 * Masks a pseudonym for public display: its first character followed by `***`. Characters are
 * counted as Unicode code points, so an emoji or a rare CJK character is never cut in half.
 * Surrounding whitespace is dropped; an empty name stays empty. Masking twice changes nothing.
 *
 * @example
 * ```ts
 * maskNickname('陈小明') // '陈***'
 * maskNickname('😀开心') // '😀***'
 * maskNickname('陈***')  // '陈***'
 * ```
 */
export function maskNickname(nickname: string): string {
  const first = nickname.trim().codePointAt(0)
  return first === undefined ? '' : `${String.fromCodePoint(first)}***`
}

function maskMatch(raw: string, kind: PIIKind): string {
  switch (kind) {
    case 'phone': {
      const digits = raw.replace(/[^\d\uFF10-\uFF19]/gu, '')
      return `${digits.slice(0, 3)}****${digits.slice(7)}`
    }
    case 'id':
      return raw.length === 15 ? `${raw.slice(0, 6)}******${raw.slice(12)}` : `${raw.slice(0, 6)}********${raw.slice(14)}`
    case 'card':
      // Keep the last four digits and every separator, so the masked number still reads as a card.
      return maskDigits(raw, 0)
    case 'landline': {
      // The area code says only which city; the local number is what reaches the person.
      const m = LANDLINE_WHOLE_RE.exec(foldFullWidth(raw))
      return maskDigits(raw, m?.indices?.groups?.local?.[0] ?? 0)
    }
    case 'name':
      return maskName(raw)
    case 'email': {
      const at = foldFullWidth(raw).indexOf('@')
      return `${raw.slice(0, 1)}***${raw.slice(at)}`
    }
  }
}

// Hides every digit from `from` on but the last four, keeping separators and everything before.
function maskDigits(raw: string, from: number): string {
  let keep = 4
  let out = ''
  for (let i = raw.length - 1; i >= 0; i--) {
    const ch = raw[i] ?? ''
    const isDigit = /[\d\uFF10-\uFF19]/u.test(ch)
    out = (isDigit && i >= from && keep-- <= 0 ? '*' : ch) + out
  }
  return out
}

function collectGroupedCards(folded: string, into: PIIMatch[]): void {
  GROUPED_CARD_RE.lastIndex = 0
  for (let m = GROUPED_CARD_RE.exec(folded); m; m = GROUPED_CARD_RE.exec(folded)) {
    const start = m.index
    // When the long form (with a short fifth group) fails, the first 16 digits may still be a card
    // that happens to be followed by another number.
    const forms = m[0].length > 19 ? [m[0], m[0].slice(0, 19)] : [m[0]]
    const form = forms.find((f) => isLuhnValid(f.replace(/[ -]/gu, '')))
    if (form) into.push({ kind: 'card', start, end: start + form.length })
    // Restart just after this start: a card may begin at a later group of a failed candidate.
    GROUPED_CARD_RE.lastIndex = start + 1
  }
}

function collectEmails(folded: string, into: PIIMatch[]): void {
  // Anchored on each `@` and grown outwards, which stays linear on long runs of letters where a
  // single regular expression would backtrack.
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    let start = at
    while (start > 0 && EMAIL_LOCAL_CHAR.test(folded[start - 1] ?? '')) start--
    while (start < at && folded[start] === '.') start++
    if (start === at || folded[at - 1] === '.') continue
    EMAIL_DOMAIN_RE.lastIndex = at + 1
    const domain = EMAIL_DOMAIN_RE.exec(folded)
    if (domain) into.push({ kind: 'email', start, end: at + 1 + domain[0].length })
  }
}

// Whether the date is real and lies between 1 January 1900 and today in China (UTC+8).
function isPastDate(year: number, month: number, day: number, now: Date): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  const today = new Date(now.getTime() + CHINA_OFFSET_MS)
  const todayNumber = today.getUTCFullYear() * 10000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate()
  return year * 10000 + month * 100 + day <= todayNumber
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}
