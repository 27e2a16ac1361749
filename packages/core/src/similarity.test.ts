import { describe, expect, it } from 'vitest'
import { storedMessage } from '../test/fixtures.js'
import { bandHashes, bigramKeys, jaccard, linkDuplicate, minHash, PublicMessageSchema, shingles, similarity, SIMILARITY, similarityText, toPublicMessage } from './index.js'

describe('similarity', () => {
  it('compares character bigrams: Chinese needs no word breaks, punctuation does not count', () => {
    expect([...shingles('路灯，坏了')]).toEqual(['路灯', '灯坏', '坏了'])
    expect(similarity('朝阳区建设街路灯坏了', '朝阳区建设街的路灯坏了')).toBeCloseTo(8 / 11)
    expect(similarity('小区门口路灯坏了', '小区门口路灯坏了')).toBe(1)
    expect(similarity('小区门口路灯坏了', '医院挂号难问题')).toBe(0)
    expect(similarity('', '路灯')).toBe(0)
    expect([...shingles('灯')]).toEqual(['灯'])
  })

  it('compares bigram keys as it compares shingle sets, also past the BMP and for one character', () => {
    const texts = ['', '，。', '灯', 'A', '路灯，坏了', '路灯坏了路灯坏了', '朝阳区建设街路灯坏了', '朝阳区建设街的路灯坏了',
      '𠀋𠀋路灯𪚥', '𠀋', 'ＡＢｃ１２３', 'abc123', '灯灯', '老旧小区加装电梯难', '我们小区是九十年代的老旧小区。']
    const byShingles = (a: string, b: string) => {
      const x = shingles(a)
      const y = shingles(b)
      if (x.size === 0 || y.size === 0) return 0
      const common = [...x].filter((s) => y.has(s)).length
      return common / (x.size + y.size - common)
    }
    for (const a of texts) {
      expect(bigramKeys(a).length).toBe(shingles(a).size)
      for (const b of texts) {
        expect(jaccard(bigramKeys(a), bigramKeys(b))).toBe(byShingles(a, b))
        expect(similarity(a, b)).toBe(byShingles(a, b))
      }
    }
    // One character and a pair that starts with it are different bigrams.
    expect(jaccard(bigramKeys('灯'), bigramKeys('灯灯'))).toBe(0)
  })

  it('reads the masked text: a phone number never takes part', () => {
    const message = storedMessage({ title: '路灯坏了', content: '请打13812345678联系我' })
    expect(similarityText(message)).not.toContain('13812345678')
    expect(similarityText(message)).toContain('138****5678')
  })

  it('gives equal band hashes to equal texts and mostly different ones to unrelated texts', () => {
    const a = '朝阳区建设街的路灯坏了两个星期，晚上出行很不方便，希望尽快修复。'
    expect(bandHashes(a)).toHaveLength(SIMILARITY.bands)
    expect(bandHashes(a)).toEqual(bandHashes(a))
    expect(minHash(a)).toHaveLength(SIMILARITY.bands * SIMILARITY.rows)
    for (const h of bandHashes(a)) expect(Number.isInteger(h) && h >= 0 && h < 2 ** 31).toBe(true)
    const b = '医院挂号太难了，凌晨排队也挂不上专家号，希望增加号源。'
    // Unrelated texts may meet in a band now and then (the candidate is then checked and dropped).
    expect(bandHashes(a).filter((h, i) => bandHashes(b)[i] === h).length).toBeLessThanOrEqual(1)
    // A near copy shares at least one band (its Jaccard index is far above the threshold).
    const c = '朝阳区建设街的路灯坏了两个星期，晚上出行很不方便，希望尽快修好。'
    expect(similarity(a, c)).toBeGreaterThan(0.8)
    expect(bandHashes(a).some((h, i) => bandHashes(c)[i] === h)).toBe(true)
    expect(bandHashes('，。')).toEqual([])
  })
})

describe('linkDuplicate', () => {
  const message = storedMessage({ status: 'accepted', publish: true, publishedAt: '2026-02-12T03:00:00.000Z', reviewedAt: '2026-02-12T03:00:00.000Z' })
  const now = new Date('2026-02-13T02:00:00.000Z')

  it('points the message at the other one, records who and why, and the public view says which', () => {
    const result = linkDuplicate(message, 'm-other', { actor: { role: 'supervisor', id: 't1', name: '市督查室' }, note: '同一路段，已并案', now, createId: () => 'e9' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.message.duplicateOf).toBe('m-other')
    expect(result.message.status).toBe('accepted')
    expect(result.event).toEqual({
      id: 'e9', type: 'duplicate', at: now.toISOString(), actor: { role: 'supervisor', id: 't1', name: '市督查室' },
      from: 'accepted', to: 'accepted', duplicateOf: 'm-other', note: '同一路段，已并案',
    })
    const view = toPublicMessage(result.message)
    expect(PublicMessageSchema.safeParse(view).success).toBe(true)
    expect(view.duplicateOf).toBe('m-other')
    expect(view.timeline.at(-1)).toEqual({ id: 'e9', type: 'duplicate', at: now.toISOString(), actor: { role: 'supervisor' }, from: 'accepted', to: 'accepted' })
    expect(JSON.stringify(view)).not.toContain('并案')
  })

  it('refuses handlers, the message itself and a link that exists', () => {
    expect(linkDuplicate(message, 'm-other', { actor: { role: 'handler' } })).toEqual({ ok: false, code: 'forbidden_role' })
    expect(linkDuplicate(message, 'm-other', { actor: { role: 'citizen' } })).toEqual({ ok: false, code: 'forbidden_role' })
    expect(linkDuplicate(message, message.id, { actor: { role: 'reviewer' } })).toEqual({ ok: false, code: 'same_message' })
    expect(linkDuplicate({ ...message, duplicateOf: 'm-other' }, 'm-other', { actor: { role: 'reviewer' } })).toEqual({ ok: false, code: 'already_linked' })
  })
})
