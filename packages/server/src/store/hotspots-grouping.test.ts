// groupNewMessage compares a group's candidates only until one matches: it must decide what
// comparing every candidate decides (the merges, in order, and the group joined), whether the store
// gives the candidates' texts or reads them apart. Checked against that rule on generated cases.
import { MessageSchema, similarity, SIMILARITY, similarityText } from '@liuyan/core'
import type { Message } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { random } from '../../test/store-fixtures.js'
import { groupNewMessage, WINDOW_MS, type Candidate, type GroupWriter } from './hotspots.js'

const TEXTS = [
  '朝阳路与建设街交汇处的路灯已经一个星期不亮了，晚上出行很不安全。',
  '朝阳路与建设街交汇处的路灯坏了一个星期，晚上出行很不安全，请尽快修。',
  '我们小区是九十年代的老旧小区，老人上下楼很困难，希望尽快加装电梯。',
  '市医院挂号太难了，凌晨排队也挂不上专家号，希望增加号源。',
]
const CREATED = '2026-03-10T09:00:00+08:00'
const T = Date.parse(CREATED)

function message(text: string): Message {
  return MessageSchema.parse({
    id: 'm-new', boardId: 'u', type: 'complain', domain: 'urban', title: '路灯', content: text, images: [], imagesPublic: false,
    author: { nickname: '市民', maskNickname: false }, publish: true, channel: 'web', status: 'pending', createdAt: CREATED,
    supervised: false, reminders: 0, posts: [], timeline: [{ id: 'e0', type: 'submit', at: CREATED, actor: { role: 'citizen' } }],
  })
}

/** What comparing every candidate decides: the merges in order and the join. */
function everyCandidate(text: string, seq: number, candidates: Array<Candidate & { text: string }>) {
  const matches = candidates.filter((c) => c.seq !== seq && Math.abs(c.createdMs - T) <= WINDOW_MS && similarity(text, c.text) >= SIMILARITY.threshold)
  if (matches.length === 0) return { merges: [], join: undefined }
  const roots = matches.flatMap((c) => (c.root === undefined ? [] : [c.root]))
  const root = roots.length > 0 ? Math.min(...roots) : Math.min(...matches.map((c) => c.seq))
  const others = [...new Set(roots.filter((r) => r !== root))].sort((a, b) => a - b)
  const joining = [...new Set(matches.filter((c) => c.root === undefined).map((c) => c.seq)), seq]
  return { merges: others.map((other) => [other, root]), join: [root, joining.sort((a, b) => a - b)] }
}

describe('groupNewMessage', () => {
  it.each([true, false])('decides what comparing every candidate decides (texts given with the candidates: %s)', async (withTexts) => {
    const next = random(withTexts ? 7 : 11)
    const seen = { merged: 0, joined: 0, none: 0 }
    for (let trial = 0; trial < 300; trial++) {
      const seq = 1000
      const content = TEXTS[Math.floor(next() * 2)]!
      const text = similarityText(message(content))
      const candidates = Array.from({ length: Math.floor(next() * 30) }, (_, i) => ({
        seq: 1 + i * 3 + Math.floor(next() * 3),
        createdMs: T + Math.round((next() - 0.5) * 2.4 * WINDOW_MS),
        text: similarityText(message(TEXTS[Math.floor(next() * TEXTS.length)]!)),
        root: next() < 0.3 ? undefined : 1 + Math.floor(next() * 5) * 7,
      }))
      const merges: number[][] = []
      let join: [number, number[]] | undefined
      let read = 0
      const writer: GroupWriter = {
        candidates: async () => (withTexts ? candidates : candidates.map(({ text: _text, ...c }) => c)),
        texts: async (seqs) => {
          read += seqs.length
          return new Map(seqs.map((s) => [s, candidates.find((c) => c.seq === s)!.text]))
        },
        merge: async (from, to) => void merges.push([from, to]),
        join: async (root, seqs) => void (join = [root, [...seqs].sort((a, b) => a - b)]),
      }
      await groupNewMessage(writer, message(content), seq)
      expect({ merges, join }).toEqual(everyCandidate(text, seq, candidates))
      if (!withTexts) expect(read).toBeLessThanOrEqual(candidates.length)
      if (merges.length > 0) seen.merged++
      if (join) seen.joined++
      else seen.none++
    }
    // The cases cover merges, plain joins and no match.
    expect(Math.min(seen.merged, seen.joined - seen.merged, seen.none)).toBeGreaterThan(10)
  })
})
