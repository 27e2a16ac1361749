import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { storedMessage } from '../test/fixtures.js'
import { isPubliclyVisible, MessageSchema, PublicMessageSchema, toPublicMessage, toTrackedMessage, type Message } from './index.js'

describe('toPublicMessage', () => {
  const message = storedMessage({
    status: 'replied',
    place: { text: '朝阳区某小区3栋', public: false },
    posts: [
      { kind: 'reply', id: 'p1', organization: '长春市住建局', content: '已修复。', createdAt: '2026-02-14T02:00:00.000Z' },
      { kind: 'follow-up', id: 'p2', content: '我的电话13912345678，请回电', createdAt: '2026-02-15T02:00:00.000Z' },
    ],
    timeline: [
      { id: 'e0', type: 'submit', at: '2026-02-12T02:00:00.000Z', actor: { role: 'citizen' }, to: 'pending' },
      { id: 'e1', type: 'transfer', at: '2026-02-13T02:00:00.000Z', actor: { role: 'handler', id: 'staff-9', name: '李科长' }, from: 'assigned', to: 'assigned', boardId: 'b2', note: '内部：该户多次投诉' },
    ],
    evaluation: { overall: 2, resolution: 2, attitude: 3, speed: 1, comment: '联系我 wang@example.com', createdAt: '2026-02-16T02:00:00.000Z' },
  })

  it('drops every private field and masks free text', () => {
    const view = toPublicMessage(message)
    expect(PublicMessageSchema.safeParse(view).success).toBe(true)
    const json = JSON.stringify(view)
    for (const secret of ['13812345678', '13912345678', '住3栋2单元', '朝阳区某小区3栋', 'img.example', '内部', 'staff-9', '李科长', 'wang@example.com']) {
      expect(json).not.toContain(secret)
    }
    expect(view.author).toEqual({ nickname: '王***' })
    expect(view.content).toContain('139****5678')
    expect(view.posts[1]).toMatchObject({ kind: 'follow-up', content: '我的电话139****5678，请回电' })
    expect(view.timeline[1]).toEqual({ id: 'e1', type: 'transfer', at: '2026-02-13T02:00:00.000Z', actor: { role: 'handler' }, from: 'assigned', to: 'assigned', boardId: 'b2' })
    expect(view.evaluation?.comment).toBe('联系我 w***@example.com')
  })

  it('keeps a public place and public images', () => {
    const view = toPublicMessage({ ...message, place: { text: '人民大街与解放路交汇处', public: true }, imagesPublic: true, author: { ...message.author, maskNickname: false } })
    expect(view.place).toEqual({ text: '人民大街与解放路交汇处' })
    expect(view.images).toEqual(['https://img.example/1.jpg'])
    expect(view.author.nickname).toBe('王小明')
  })

  it('gives the author a tracked view with what they may do, still without private fields', () => {
    const tracked = toTrackedMessage({ ...message, evaluation: undefined })
    expect(tracked).toMatchObject({ trackingCode: 'K7mPq2xR9tWz', publish: true, canFollowUp: true, canEvaluate: true })
    expect(JSON.stringify(tracked)).not.toMatch(/13812345678|住3栋2单元/)
  })

  it('lists a message only after review and with consent', () => {
    expect(isPubliclyVisible(storedMessage())).toBe(false)
    expect(isPubliclyVisible(storedMessage({ status: 'accepted' }))).toBe(true)
    expect(isPubliclyVisible(storedMessage({ status: 'accepted', publish: false }))).toBe(false)
    expect(isPubliclyVisible(storedMessage({ status: 'rejected' }))).toBe(false)
  })

  it('never contains the real name, phone or remark of any generated message (property)', () => {
    const phone = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/)).map(([d, rest]) => `1${d}${rest}`)
    const hanzi = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)), minLength: 2, maxLength: 6 })
    const remark = fc.string({ minLength: 12, maxLength: 40 }).map((s) => `备注${s.trim()}私密`)
    fc.assert(
      fc.property(phone, hanzi, remark, fc.boolean(), fc.boolean(), (p, realName, rem, leak, mask) => {
        const m: Message = storedMessage({
          author: { nickname: mask ? realName : '热心市民', realName, phone: p, maskNickname: mask },
          remark: rem,
          // Citizens often repeat their phone in the text itself.
          content: leak ? `请联系我，电话${p}，谢谢处理这个问题` : '路灯坏了两个星期了，请尽快处理',
        })
        expect(MessageSchema.safeParse(m).success).toBe(true)
        const json = JSON.stringify(toPublicMessage(m))
        expect(json).not.toContain(p)
        expect(json).not.toContain(rem)
        if (mask || realName.length > 1) expect(json).not.toContain(`"${realName}"`)
      }),
      { numRuns: 300 },
    )
  })
})
