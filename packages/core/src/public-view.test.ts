import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { storedMessage } from '../test/fixtures.js'
import { isPubliclyVisible, maskPII, MessageSchema, publicText, PublicMessageSchema, REJECT_REASON_TEXTS, toPublicMessage, toTrackedMessage, type Message } from './index.js'

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
    const view = toPublicMessage({ ...message, place: { text: '人民大街与解放路交汇处', public: true }, imagesPublic: true, author: { ...message.author, nickname: '市民老王', maskNickname: false } })
    expect(view.place).toEqual({ text: '人民大街与解放路交汇处' })
    expect(view.images).toEqual(['https://img.example/1.jpg'])
    expect(view.author.nickname).toBe('市民老王')
  })

  it('masks the author’s own name and phone wherever they stand in public text, the nickname included', () => {
    const view = toPublicMessage({
      ...message,
      content: '我是王小明，电话 138 1234 5678，小区门口的路灯坏了。',
      author: { ...message.author, nickname: '王小明', maskNickname: false },
    })
    expect(view.author.nickname).toBe('王**')
    expect(JSON.stringify(view)).not.toMatch(/王小明|1234 5678/)
  })

  it('gives the author a tracked view with what they may do, still without private fields', () => {
    const tracked = toTrackedMessage({ ...message, evaluation: undefined }, 'K7mPq2xR9tWz')
    expect(tracked).toMatchObject({ trackingCode: 'K7mPq2xR9tWz', publish: true, canFollowUp: true, canEvaluate: true })
    expect(JSON.stringify(tracked)).not.toMatch(/13812345678|住3栋2单元/)
  })

  it('lists a message only after review, with consent, once published and while not hidden', () => {
    const publishedAt = '2026-02-13T01:00:00.000Z'
    expect(isPubliclyVisible(storedMessage())).toBe(false)
    expect(isPubliclyVisible(storedMessage({ status: 'accepted', publishedAt }))).toBe(true)
    expect(isPubliclyVisible(storedMessage({ status: 'accepted' }))).toBe(false)
    expect(isPubliclyVisible(storedMessage({ status: 'accepted', publishedAt, publish: false }))).toBe(false)
    expect(isPubliclyVisible(storedMessage({ status: 'accepted', publishedAt, hiddenAt: publishedAt }))).toBe(false)
    expect(isPubliclyVisible(storedMessage({ status: 'rejected', publishedAt }))).toBe(false)
  })

  it('shows the public copy where a reviewer set one, says so, and never what was withheld', () => {
    const original = storedMessage({ title: '我叫刘德华路灯坏了', content: '我叫刘德华，住在幸福小区，门口的路灯坏了两个星期。', place: { text: '幸福小区3栋', public: true } })
    const copy = { title: '小区路灯坏了', content: '门口的路灯坏了两个星期。', place: '幸福小区', nickname: '市民' }
    const view = toPublicMessage({ ...original, publicCopy: copy })
    expect(view).toMatchObject({ title: copy.title, content: copy.content, place: { text: '幸福小区' }, redacted: true })
    expect(view.author.nickname).not.toContain('王小明')
    expect(JSON.stringify(view)).not.toMatch(/刘德华|3栋/)
    expect(toPublicMessage(original).redacted).toBeUndefined()
    expect(publicText({ ...original, publicCopy: { content: copy.content } })).toEqual({ title: maskPII(original.title), content: copy.content })
  })

  it('leaves the staff-only events (redaction, reissued codes) out of the public timeline', () => {
    const base = storedMessage()
    const timeline = [
      ...base.timeline,
      { id: 'r1', type: 'redact' as const, at: base.createdAt, actor: { role: 'reviewer' as const, name: '审核员甲' }, note: '隐去姓名' },
      { id: 'r2', type: 'reissue-code' as const, at: base.createdAt, actor: { role: 'supervisor' as const }, note: '来电' },
    ]
    const view = toPublicMessage({ ...base, timeline })
    expect(view.timeline.map((e) => e.type)).toEqual(base.timeline.map((e) => e.type))
  })

  it('tells the author why the message was refused and whether it is listed', () => {
    const rejected = storedMessage({ status: 'rejected', rejection: { code: 'out_of_scope', reason: '请拨打12345，或联系王小明 13812345678' } })
    const tracked = toTrackedMessage(rejected, 'K7mPq2xR9tWz')
    expect(tracked.rejection?.code).toBe('out_of_scope')
    expect(tracked.rejection?.reason).toContain('请拨打12345')
    expect(tracked.rejection?.reason).not.toContain('13812345678')
    expect(tracked.listed).toBe(false)
    expect(toTrackedMessage(storedMessage({ status: 'accepted', publishedAt: rejected.createdAt }), 'K7mPq2xR9tWz').listed).toBe(true)
    expect(tracked.rejection).toMatchObject(REJECT_REASON_TEXTS['zh-CN'].out_of_scope)
    expect(tracked.rejection?.whereToTurn).toContain('12345')
    expect(toTrackedMessage(rejected, 'K7mPq2xR9tWz', 'en').rejection?.label).toBe('Outside this board’s remit')
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
