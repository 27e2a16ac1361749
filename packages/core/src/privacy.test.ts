import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  findPII,
  isLuhnValid,
  isMobilePhone,
  isValidResidentId,
  maskNickname,
  maskPII,
  PII_KINDS,
  type PIIKind,
} from './privacy.js'

// Written apart from privacy.ts on purpose, so the tests do not only check the code against itself.
function residentId(first17: string, lowerX = false): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0)
  const check = '10X98765432'.charAt(sum % 11)
  return first17 + (lowerX ? check.toLowerCase() : check)
}

function luhnComplete(payload: string): string {
  let sum = 0
  ;[...payload].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 0 ? 2 : 1)
    sum += d > 9 ? d - 9 : d
  })
  return payload + String((10 - (sum % 10)) % 10)
}

// Verified by hand against GB 11643: 11010519491231002X is the standard's own sample.
const KNOWN_IDS = ['11010519491231002X', '110105194912310038', '220102199003071235', '440304200002290014']
const CARD_16 = luhnComplete('622202123456789') // 6222021234567894

describe('isValidResidentId', () => {
  it('accepts known valid numbers and the helper-built ones, with X in either case', () => {
    for (const id of KNOWN_IDS) expect(isValidResidentId(id)).toBe(true)
    expect(residentId('11010519491231002')).toBe('11010519491231002X')
    expect(isValidResidentId('11010519491231002x')).toBe(true)
    expect(isValidResidentId(residentId('32058319871111123'))).toBe(true)
  })

  it('rejects a wrong check character', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false)
    expect(isValidResidentId('220102199003071236')).toBe(false)
  })

  it('rejects impossible, too old and future birth dates even with a correct check character', () => {
    expect(isValidResidentId(residentId('11010520000230001'))).toBe(false) // 30 Feb
    expect(isValidResidentId(residentId('11010519000229001'))).toBe(false) // 1900 is not a leap year
    expect(isValidResidentId(residentId('11010520001301001'))).toBe(false) // month 13
    expect(isValidResidentId(residentId('11010518991231001'))).toBe(false) // before 1900
    const now = new Date('2026-05-01T00:30:00+08:00') // still 30 April in UTC
    expect(isValidResidentId(residentId('11010520260501001'), now)).toBe(true)
    expect(isValidResidentId(residentId('11010520260502001'), now)).toBe(false)
    expect(isValidResidentId(residentId('11010529990101001'))).toBe(false)
  })

  it('rejects anything that is not 17 digits and a check character', () => {
    for (const s of ['', '11010519491231002', '11010519491231002XX', '1101051949123100AX', ' 11010519491231002X']) {
      expect(isValidResidentId(s)).toBe(false)
    }
  })
})

describe('isLuhnValid and isMobilePhone', () => {
  it('checks Luhn on digit strings only', () => {
    for (const n of ['4111111111111111', '5555555555554444', '6228480402564890018', CARD_16]) {
      expect(isLuhnValid(n)).toBe(true)
    }
    for (const n of ['4111111111111112', '6222021234567890', '4111 1111 1111 1111', '']) {
      expect(isLuhnValid(n)).toBe(false)
    }
  })

  it('accepts a mobile number as people write it', () => {
    for (const p of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 13812345678', '8613812345678', '0086-138-1234-5678']) {
      expect(isMobilePhone(p)).toBe(true)
    }
    for (const p of ['12812345678', '1381234567', '138123456789', '010-12345678', ' 13812345678']) {
      expect(isMobilePhone(p)).toBe(false)
    }
  })
})

describe('maskPII', () => {
  it('masks phone numbers and resident IDs in a citizen message', () => {
    const id = residentId('22010219850615123')
    expect(maskPII(`我的电话是13812345678，身份证号${id}，请尽快联系。`)).toBe(
      `我的电话是138****5678，身份证号220102********${id.slice(14)}，请尽快联系。`,
    )
    expect(maskPII('身份证：11010519491231002X。')).toBe('身份证：110105********002X。')
    expect(maskPII('证件 11010519491231002x')).toBe('证件 110105********002x')
  })

  it('masks phones written with spaces, hyphens or a country prefix', () => {
    expect(maskPII('手机 138 1234 5678')).toBe('手机 138****5678')
    expect(maskPII('手机：138-1234-5678。')).toBe('手机：138****5678。')
    expect(maskPII('Tel: +86 139 1234 5678')).toBe('Tel: +86 139****5678')
    expect(maskPII('电话8615912345678')).toBe('电话86159****5678')
    expect(maskPII('电话0086-15912345678')).toBe('电话0086-159****5678')
    expect(maskPII('tel13812345678ok')).toBe('tel138****5678ok')
    expect(maskPII('电话１３８１２３４５６７８')).toBe('电话１３８****５６７８')
  })

  it('leaves IDs with a wrong check character or an impossible birth date alone', () => {
    for (const text of ['身份证号110105194912310021', `证件号${residentId('11010520000230001')}`, '编号220102199003071236']) {
      expect(maskPII(text)).toBe(text)
    }
  })

  it('leaves dates, times, amounts and order numbers alone', () => {
    const text =
      '2026-11-26 14:30:00 缴费¥12,345.67元，订单号202611261381234567890，流水号 6222021234567890，' +
      '座机0431-88881234，工单12812345678，批次138123456789'
    expect(maskPII(text)).toBe(text)
    expect(findPII(text)).toEqual([])
  })

  it('masks e-mail addresses, keeping the first character and the domain', () => {
    expect(maskPII('联系我 wang.xm@example.com 谢谢')).toBe('联系我 w***@example.com 谢谢')
    expect(maskPII('邮箱13812345678@139.com。')).toBe('邮箱1***@139.com。')
    expect(maskPII('a@b.cn，Zhang_San+board@mail.gov.cn')).toBe('a***@b.cn，Z***@mail.gov.cn')
    for (const text of ['@某人 你好', 'user@localhost', 'w***@example.com']) expect(maskPII(text)).toBe(text)
  })

  it('masks Luhn-valid card numbers to their last four digits, keeping the layout', () => {
    expect(maskPII('卡号4111111111111111')).toBe('卡号************1111')
    expect(maskPII('卡号 4111 1111 1111 1111。')).toBe('卡号 **** **** **** 1111。')
    expect(maskPII(`转账到${CARD_16.replace(/(\d{4})(?!$)/g, '$1-')}`)).toBe('转账到****-****-****-7894')
    expect(maskPII('农行卡6228480402564890018')).toBe('农行卡***************0018')
    expect(maskPII('卡号 6228 4804 0256 4890 018')).toBe('卡号 **** **** **** ***0 018')
  })

  it('leaves card-like numbers that fail Luhn alone', () => {
    for (const text of ['卡号6222021234567890', '卡号 6222 0212 3456 7890', '4111-1111-1111-1112']) {
      expect(maskPII(text)).toBe(text)
    }
  })

  it('does not mask part of a longer digit run or alphanumeric token', () => {
    for (const text of ['单号 913812345678', 'SN11010519491231002X', 'hash 4111111111111111abc', '1234111111111111111']) {
      expect(maskPII(text)).toBe(text)
    }
  })

  it('masks what hid behind an overlapping finding', () => {
    // `138 1234 6222` reads as a phone and takes the card's first group; the card is still masked.
    const masked = maskPII(`电话 138 1234 ${CARD_16.replace(/(\d{4})(?!$)/g, '$1 ')}`)
    expect(masked).toBe('电话 138******** **** **** 7894')
    expect(findPII(masked)).toEqual([])
  })
})

describe('findPII', () => {
  it('reports kinds and offsets in order, without a country prefix', () => {
    const text = '电话+86 13812345678，邮箱 a@b.cn，卡4111111111111111，证11010519491231002X'
    const found = findPII(text)
    expect(found.map((m) => m.kind)).toEqual(['phone', 'email', 'card', 'id'])
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual([
      '13812345678',
      'a@b.cn',
      '4111111111111111',
      '11010519491231002X',
    ])
    expect(PII_KINDS).toEqual(['phone', 'id', 'card', 'email'])
  })
})

describe('maskNickname', () => {
  it('keeps the first code point', () => {
    expect(maskNickname('陈小明')).toBe('陈***')
    expect(maskNickname('😀开心市民')).toBe('😀***')
    expect(maskNickname('𠀋𠀌')).toBe('𠀋***')
    expect(maskNickname(' Alice ')).toBe('A***')
    expect(maskNickname('王')).toBe('王***')
    expect(maskNickname('')).toBe('')
  })

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => maskNickname(maskNickname(s)) === maskNickname(s)))
  })
})

// --- property tests -------------------------------------------------------------------------

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })

const phoneArb = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9), fc.constantFrom('', ' ', '-'), fc.constantFrom('', '+86 ', '86', '0086-'))
  .map(([second, rest, sep, prefix]) => {
    const n = `1${second}${rest}`
    return { kind: 'phone' as PIIKind, raw: n, text: prefix + [n.slice(0, 3), n.slice(3, 7), n.slice(7)].join(sep) }
  })

const idArb = fc
  .tuple(
    digits(6),
    fc.date({ min: new Date('1900-01-01T12:00:00Z'), max: new Date('2020-12-31T12:00:00Z'), noInvalidDate: true }),
    digits(3),
    fc.boolean(),
  )
  .map(([region, birth, seq, lower]) => {
    const id = residentId(region + birth.toISOString().slice(0, 10).replaceAll('-', '') + seq, lower)
    return { kind: 'id' as PIIKind, raw: id, text: id }
  })

const cardArb = fc
  .tuple(fc.constantFrom(16, 17, 19), digits(18), fc.constantFrom('', ' ', '-'))
  .map(([length, payload, sep]) => {
    const n = luhnComplete(payload.slice(0, length - 1))
    return { kind: 'card' as PIIKind, raw: n, text: sep ? n.replace(/(\d{4})(?=\d)/g, `$1${sep}`) : n }
  })

const emailArb = fc
  .stringMatching(/^[a-z0-9]{1,8}(\.[a-z0-9]{1,5})?@[a-z0-9]{1,8}\.(com|cn|net|gov\.cn)$/)
  .map((e) => ({ kind: 'email' as PIIKind, raw: e, text: e }))

const piiArb = fc.oneof(phoneArb, idArb, cardArb, emailArb)

// Noise that can sit right against a finding: digits, letters, separators, mask characters,
// full-width digits and Chinese.
const noiseArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'0123456789 -+@.*Xx，。：号电话身份证卡１３８＠－'),
    fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
    fc.constantFrom(...'abcXYZ'),
  ),
  maxLength: 12,
})

const mixedTextArb = fc
  .array(fc.oneof(noiseArb, piiArb.map((p) => p.text)), { maxLength: 8 })
  .map((parts) => parts.join(''))

// Looks for what must never stay readable by sliding every window, independently of findPII's
// regular expressions. Full-width forms are folded with NFKC, as a reader's eye would.
function readablePII(masked: string): string[] {
  const t = masked.normalize('NFKC')
  const left = []
  const digit = (i: number) => /\d/.test(t[i] ?? '')
  const alnum = (i: number) => /[\dA-Za-z]/.test(t[i] ?? '')
  for (let i = 0; i < t.length; i++) {
    for (let len = 11; len <= 19; len++) {
      if (i + len > t.length) break
      const w = t.slice(i, i + len)
      if (!digit(i - 1) && !digit(i + len) && isMobilePhone(w)) left.push(w)
      if (alnum(i - 1) || alnum(i + len)) continue
      if (len === 18 && isValidResidentId(w)) left.push(w)
      if (len >= 16 && /^\d+$/.test(w) && isLuhnValid(w)) left.push(w)
      if (len === 19 && /^\d{4}([ -])\d{4}\1\d{4}\1\d{4}$/.test(w) && isLuhnValid(w.replace(/\D/g, ''))) left.push(w)
    }
  }
  return left
}

describe('maskPII properties', () => {
  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), noiseArb, mixedTextArb), (s) => {
        const once = maskPII(s)
        expect(maskPII(once)).toBe(once)
      }),
      { numRuns: 1000 },
    )
  })

  it('leaves no valid phone, resident ID or card readable, and nothing findPII would find', () => {
    fc.assert(
      fc.property(mixedTextArb, (s) => {
        const masked = maskPII(s)
        expect(readablePII(masked)).toEqual([])
        expect(findPII(masked)).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })

  it('finds and masks every piece of personal data set apart by Chinese text', () => {
    const chinese = fc.string({
      unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
      maxLength: 6,
    })
    fc.assert(
      fc.property(fc.array(fc.tuple(chinese, piiArb), { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.map(([words, pii]) => `${words}：${pii.text}，`).join('')
        expect(findPII(text).map((m) => m.kind)).toEqual(parts.map(([, pii]) => pii.kind))
        const masked = maskPII(text)
        for (const [, pii] of parts) expect(masked).not.toContain(pii.raw)
      }),
      { numRuns: 500 },
    )
  })
})
