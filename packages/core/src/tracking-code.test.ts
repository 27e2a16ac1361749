import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TRACKING_CODE_ALPHABET, TrackingCodeSchema } from './schemas/common.js'
import { createTrackingCode, normalizeTrackingCode, TRACKING_CODE_LENGTH } from './tracking-code.js'

describe('createTrackingCode', () => {
  it('makes 1,000 distinct 12-character codes from the alphabet that the wire schema accepts', () => {
    const codes = Array.from({ length: 1000 }, () => createTrackingCode())
    for (const code of codes) {
      expect(code).toHaveLength(TRACKING_CODE_LENGTH)
      expect([...code].every((c) => TRACKING_CODE_ALPHABET.includes(c))).toBe(true)
      expect(TrackingCodeSchema.safeParse(code).success).toBe(true)
    }
    expect(new Set(codes).size).toBe(1000)
    // 12,000 draws reach every one of the 57 characters (missing one has odds near 1e-90), so
    // this also catches a generator wired to a shorter alphabet.
    expect(new Set(codes.join('')).size).toBe(TRACKING_CODE_ALPHABET.length)
  })

  it('never uses the look-alikes 0, O, 1, l and I', () => {
    const all = Array.from({ length: 200 }, () => createTrackingCode()).join('')
    expect(all).not.toMatch(/[0O1lI]/)
  })
})

describe('normalizeTrackingCode', () => {
  it('removes surrounding whitespace and the spaces or hyphens of a code read back in groups', () => {
    expect(normalizeTrackingCode(' k7Qm2xRt9bWz\n')).toBe('k7Qm2xRt9bWz')
    expect(normalizeTrackingCode('k7Qm-2xRt-9bWz')).toBe('k7Qm2xRt9bWz')
    expect(normalizeTrackingCode('k7Qm 2xRt 9bWz')).toBe('k7Qm2xRt9bWz')
    expect(normalizeTrackingCode('k7Qm－2xRt—9bWz')).toBe('k7Qm2xRt9bWz') // full-width hyphen, em dash
    expect(normalizeTrackingCode('k7Qm\u30002xRt 9bWz')).toBe('k7Qm2xRt9bWz') // ideographic space
  })

  it('returns null for what cannot be a code', () => {
    for (const input of ['', 'k7Qm2xRt9bW', 'k7Qm2xRt9bWzz', 'k7Qm2xRt9bW0', 'k7Qm2xRt9bWO', 'k7Qm2xRt9bWl', 'k7Qm2xRt9bW_', 'k7Qm2xRt9bW查']) {
      expect(normalizeTrackingCode(input)).toBeNull()
    }
  })

  it('does not fold case, because the alphabet uses both cases', () => {
    expect(normalizeTrackingCode('K7QM2XRT9BWZ')).toBe('K7QM2XRT9BWZ')
    expect(normalizeTrackingCode('k7qm2xrt9bwz')).toBe('k7qm2xrt9bwz')
  })

  it('gives back every created code however it was grouped', () => {
    fc.assert(
      fc.property(fc.constantFrom(' ', '-', '  ', ' - '), fc.integer({ min: 1, max: 6 }), (sep, size) => {
        const code = createTrackingCode()
        const grouped = code.match(new RegExp(`.{1,${size}}`, 'g'))?.join(sep) ?? ''
        expect(normalizeTrackingCode(grouped)).toBe(code)
      }),
    )
  })
})
