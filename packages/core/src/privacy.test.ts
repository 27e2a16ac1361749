import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  findPII,
  isLuhnValid,
  isMobilePhone,
  isValidResidentId,
  looksLikeResidentId,
  maskNickname,
  maskPII,
  PII_KINDS,
  type PIIKind,
} from './privacy.js'
import { CORPUS } from '../test/privacy-corpus.js'

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

  it('masks numbers shaped like an ID even when the check character is wrong', () => {
    const now = new Date('2026-05-01T12:00:00+08:00')
    expect(maskPII('身份证号220104199001011234', { now })).toBe('身份证号220104********1234')
    expect(maskPII('编号220102199003071236。', { now })).toBe('编号220102********1236。')
    expect(maskPII('老身份证220104900101123', { now })).toBe('老身份证220104******123')
    // A number that passes the check keeps being masked whatever its region.
    expect(maskPII(`证件${residentId('00000019700101000')}`, { now })).toBe(`证件000000********000${residentId('00000019700101000').slice(17)}`)
  })

  it('leaves 18- and 15-digit numbers with no province code or an impossible date alone', () => {
    const now = new Date('2026-05-01T12:00:00+08:00')
    for (const text of [
      `证件号${residentId('11010520000230001')}`, // 30 February, check character right
      '运单号990104199001011234', // 99 is no province
      '编号160104199001011234', // 16 is no province either
      '单号220104199013011234', // month 13
      '单号220104202605021234', // born tomorrow
      '流水220104901301123', // 15 digits, month 13
      '流水990104900101123', // 15 digits, no province
    ]) {
      expect(maskPII(text, { now })).toBe(text)
    }
  })

  it('masks landlines with an area code, keeping the area code and the last four digits', () => {
    const cases: [string, string][] = [
      ['座机0431-88881234', '座机0431-****1234'],
      ['(0431)88881234', '(0431)****1234'],
      ['电话（0431）8888 1234。', '电话（0431）**** 1234。'],
      ['010-12345678', '010-****5678'],
      ['0431 8888123', '0431 ***8123'],
      ['+86 431 88881234', '+86 431 ****1234'],
      ['Tel: 021-6888-1234', 'Tel: 021-****-1234'],
      ['电话０４３１－８８８８１２３４', '电话０４３１－****１２３４'],
      ['043188881234', '0431****1234'],
    ]
    for (const [text, masked] of cases) expect(maskPII(text)).toBe(masked)
  })

  it('leaves hotlines, bare local numbers and other digit groups alone', () => {
    for (const text of ['请拨打12345热线', '报警110', '95588', '客服400-820-8820', '800-810-8888', '金额88881234元',
      '单号 01012345678', '0431-12345', '2026-03-05', '2019-20260305', '08:30-17:30']) {
      expect(maskPII(text)).toBe(text)
    }
  })

  it('leaves dates, times, amounts and order numbers alone', () => {
    const text =
      '2026-11-26 14:30:00 缴费¥12,345.67元，订单号202611261381234567890，流水号 6222021234567890，' +
      '编号88881234，工单12812345678，批次138123456789'
    expect(maskPII(text)).toBe(text)
    expect(findPII(text)).toEqual([])
  })

  it('masks a name after a self-introduction cue, keeping the surname', () => {
    const cases: [string, string][] = [
      ['我叫张伟，住在朝阳区', '我叫张*，住在朝阳区'],
      ['我叫王小明今年45岁', '我叫王**今年45岁'],
      ['我叫张伟住在3栋', '我叫张*住在3栋'],
      ['我是王小明。', '我是王**。'],
      ['本人张伟，反映一个问题', '本人张*，反映一个问题'],
      ['姓名：张伟 电话：略', '姓名：张* 电话：略'],
      ['姓名:欧阳娜娜', '姓名:欧阳**'],
      ['联系人：李春生电话', '联系人：李**电话'],
      ['我叫诸葛亮。', '我叫诸葛*。'],
    ]
    for (const [text, masked] of cases) expect(maskPII(text)).toBe(masked)
  })

  it('does not take ordinary words after 我是 or 本人 for a name', () => {
    for (const text of ['我是一名教师。', '我是本小区居民，', '我是外地人。', '我是安徽人，', '我是程序员，', '我是高中生。',
      '本人认为', '本人住在5栋', '本人于今日，', '联系人：张女士', '我是王老师。', '我是党员。', '我叫了物业']) {
      expect(maskPII(text)).toBe(text)
    }
  })

  it("masks the author's own names and phones wherever they occur", () => {
    const options = { names: ['王小明', '李', ' 陈静 '], phones: ['13812345678', '0431-87654321'] }
    expect(maskPII('王小明家门口的路灯坏了，李师傅来过，陈静也反映过', options)).toBe('王**家门口的路灯坏了，李师傅来过，陈*也反映过')
    expect(maskPII('打１３８ １２３４ ５６７８或家里87654321或(0431)8765-4321', options)).toBe(
      '打１３８****５６７８或家里****4321或(0431)****-4321',
    )
    expect(maskPII('王小明家门口')).toBe('王小明家门口') // without options nothing is known
    expect(maskPII('名字张*张*', { names: ['张*'] })).toBe('名字张*张*') // a name that is its own mask ends
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

describe('maskPII on a corpus of citizen messages', () => {
  const count = (text: string, part: string) => text.split(part).length - 1

  it('masks every item that must be masked and keeps every ordinary token', () => {
    const now = new Date('2026-05-01T12:00:00+08:00')
    const missed: string[] = []
    const wronglyMasked: string[] = []
    let mustMask = 0
    let mustKeep = 0
    for (const entry of CORPUS) {
      const masked = maskPII(entry.text, { names: entry.names, phones: entry.phones, now })
      for (const item of entry.mask) {
        mustMask++
        if (!entry.text.includes(item)) throw new Error(`corpus item "${item}" is not in its text`)
        if (masked.includes(item)) missed.push(`${item} in ${masked}`)
      }
      for (const token of entry.keep) {
        mustKeep++
        if (!entry.text.includes(token)) throw new Error(`corpus token "${token}" is not in its text`)
        if (count(masked, token) !== count(entry.text, token)) wronglyMasked.push(`${token} in ${masked}`)
      }
      expect(maskPII(masked, { names: entry.names, phones: entry.phones, now })).toBe(masked)
    }
    const recall = (mustMask - missed.length) / mustMask
    console.log(
      `privacy corpus: ${CORPUS.length} messages; recall ${mustMask - missed.length}/${mustMask} ` +
        `(${(recall * 100).toFixed(1)}%); false positives ${wronglyMasked.length}/${mustKeep} ordinary tokens`,
    )
    expect(CORPUS.length).toBeGreaterThanOrEqual(60)
    expect(missed).toEqual([])
    expect(wronglyMasked).toEqual([])
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
    expect(PII_KINDS).toEqual(['phone', 'id', 'card', 'email', 'landline', 'name'])
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

// ID-shaped numbers whatever their check character, and old 15-digit ones.
const PROVINCES = ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']
const shapedIdArb = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    digits(4),
    fc.date({ min: new Date('1900-01-01T12:00:00Z'), max: new Date('1999-12-31T12:00:00Z'), noInvalidDate: true }),
    digits(3),
    fc.constantFrom(...'0123456789Xx'),
    fc.boolean(),
  )
  .map(([province, rest, birth, seq, check, old]) => {
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '')
    const id = old ? province + rest + ymd.slice(2) + seq : province + rest + ymd + seq + check
    return { kind: 'id' as PIIKind, raw: id, text: id }
  })

const landlineArb = fc
  .tuple(fc.constantFrom('010', '021', '0431', '0755'), fc.constantFrom(...'23456789'), digits(7), fc.boolean(), fc.constantFrom('-', ' ', '', '()'))
  .map(([area, first, rest, eight, sep]) => {
    const local = first + rest.slice(0, eight ? 7 : 6)
    const text = sep === '()' ? `(${area})${local}` : area + sep + local
    return { kind: 'landline' as PIIKind, raw: local, text }
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

const piiArb = fc.oneof(phoneArb, idArb, shapedIdArb, cardArb, emailArb, landlineArb)

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
      if ((len === 18 || len === 15) && looksLikeResidentId(w)) left.push(w)
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
