import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { fillReplyTemplate, replyTemplateValues, workingDaysSince } from './reply-templates.js'
import { NewReplyTemplateSchema, unknownPlaceholders } from './schemas/staff-tools.js'
import type { Message } from './schemas/message.js'
import { validate } from './validation.js'

const message: Message = {
  id: 'm1', boardId: 'b', type: 'complain', domain: 'urban', title: '路灯坏了，电话13812345678', content: '小区门口的路灯坏了两个星期。',
  images: [], imagesPublic: false, author: { nickname: '陈小明', realName: '陈小明', phone: '13812345678', maskNickname: true },
  publish: true, channel: 'web', status: 'processing', createdAt: '2026-09-29T10:00:00+08:00', reviewedAt: '2026-09-30T09:00:00+08:00',
  supervised: false, reminders: 0, posts: [], timeline: [],
}

describe('reply templates', () => {
  it('fills the known placeholders and leaves any other brace as written', () => {
    const values = { title: 'T', nickname: 'N', unit: 'U', received: 'R', date: 'D', days: '3' }
    expect(fillReplyTemplate('{nickname}：“{title}”由{unit}于{date}办理（{days}天），{other} {title}', values)).toBe('N：“T”由U于D办理（3天），{other} T')
  })

  it('takes the title and nickname of the public copy, masked as asked, and counts working days over the National Day holiday', () => {
    const values = replyTemplateValues(message, { unit: '市住建局', now: new Date('2026-10-09T15:00:00+08:00') })
    expect(values.nickname).toBe('陈***')
    expect(replyTemplateValues({ ...message, publicCopy: { title: '路灯坏了' } }, { unit: 'U', now: new Date() }).title).toBe('路灯坏了')
    expect(values.received).toBe('2026年9月29日')
    expect(values.date).toBe('2026年10月9日')
    // 2026: 1–7 October are the holiday; 9 October (Friday) is a working day and so is 10 October (make-up Saturday).
    expect(values.days).toBe(String(workingDaysSince(new Date(message.reviewedAt!), new Date('2026-10-09T15:00:00+08:00'))))
    expect(Number(values.days)).toBeGreaterThanOrEqual(1)
    expect(replyTemplateValues(message, { unit: 'U', now: new Date('2026-10-09T15:00:00+08:00'), locale: 'en' }).date).toBe('9 October 2026')
    expect(replyTemplateValues({ ...message, reviewedAt: undefined } as unknown as Message, { unit: 'U', now: new Date() }).days).toBe('0')
  })

  it('counts the working days after the starting day up to today', () => {
    // Monday 2 March 2026 → Friday 6 March: Tuesday to Friday.
    expect(workingDaysSince(new Date('2026-03-02T09:00:00+08:00'), new Date('2026-03-06T18:00:00+08:00'))).toBe(4)
    expect(workingDaysSince(new Date('2026-03-06T09:00:00+08:00'), new Date('2026-03-02T09:00:00+08:00'))).toBe(0)
  })

  it('refuses a template with an unknown placeholder, with a localized issue', () => {
    expect(unknownPlaceholders('{title} {phone} {unit}')).toEqual(['phone'])
    expect(z.safeParse(NewReplyTemplateSchema, { name: '答复', text: '您好，{title}' }).success).toBe(true)
    const result = validate(NewReplyTemplateSchema, { name: '答复', text: '您好，{realName}' }, { locale: 'en', labels: { text: 'template text' } })
    expect(result.success).toBe(false)
    if (!result.success) expect(result.issues).toEqual([{ path: ['text'], code: 'unknown_placeholder', message: 'The template text has a placeholder that is not supported.' }])
  })
})
