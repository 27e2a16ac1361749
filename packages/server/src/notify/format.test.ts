import { LOCALES } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { chinaTime, formatNotifyEvent, inertMarkdown, NOTIFY_EVENT_TYPES, NOTIFY_TEXTS, notifyMarkdown } from './format.js'
import type { NotifyEvent } from './transport.js'

/** The public view of an assigned message, as a webhook payload carries it. */
const PUBLIC_VIEW = {
  id: 'm_01HZX8',
  boardId: '220100-gov',
  assigneeBoardId: '220102-zjj',
  type: 'complain',
  domain: 'urban',
  title: '小区门口路灯坏了',
  content: '小区门口的路灯已经坏了两个星期，请联系138****5678。',
  status: 'assigned',
  // 2026-03-16 is a Monday; the deadline ends at the end of that day, China time.
  dueAt: '2026-03-16T23:59:59.999+08:00',
  author: { nickname: '市民' },
  supervised: false,
}

function event(type: string, data: Record<string, unknown> = PUBLIC_VIEW): NotifyEvent {
  return { id: 'evt_0001', type, timestamp: '2026-03-02T01:30:00.000Z', data }
}

describe('formatNotifyEvent', () => {
  it('says what happened and to which message in zh-CN, with core labels and China time', () => {
    const boards: Record<string, string> = { '220100-gov': '长春市人民政府', '220102-zjj': '南关区住房和城乡建设局' }
    const message = formatNotifyEvent(event('message.assigned'), {
      messageLink: (id) => `https://console.example.gov.cn/messages/${id}`,
      boardName: (id) => boards[id],
    })
    expect(message).toEqual({
      title: '留言已交办：小区门口路灯坏了',
      lines: [
        '标题：小区门口路灯坏了',
        '留言对象：长春市人民政府',
        '办理单位：南关区住房和城乡建设局',
        '类别：投诉 · 城建',
        '状态：已交办',
        '办理期限：2026-03-16 23:59（北京时间）',
        '时间：2026-03-02 09:30（北京时间）',
        '编号：m_01HZX8',
      ],
      link: 'https://console.example.gov.cn/messages/m_01HZX8',
    })
  })

  it('writes zh-TW and en from the same table', () => {
    const tw = formatNotifyEvent(event('deadline.overdue'), { locale: 'zh-TW' })
    expect(tw.title).toBe('留言已逾期：小区门口路灯坏了')
    expect(tw.lines).toContain('狀態：已交辦')
    expect(tw.lines).toContain('類別：投訴 · 城建')
    expect(tw.lines).toContain('辦理期限：2026-03-16 23:59（北京時間）')
    const en = formatNotifyEvent(event('deadline.approaching'), { locale: 'en' })
    expect(en.title).toBe('Deadline approaching: 小区门口路灯坏了')
    expect(en.lines).toEqual([
      'Title: 小区门口路灯坏了',
      'Board: 220100-gov',
      'Handling unit: 220102-zjj',
      'Kind: Complaint · Urban development',
      'Status: Assigned',
      'Deadline: 2026-03-16 23:59 (China time)',
      'Time: 2026-03-02 09:30 (China time)',
      'ID: m_01HZX8',
    ])
    expect(en.link).toBeUndefined()
  })

  it('has a headline for every event type in every locale, and a generic one for others', () => {
    for (const locale of LOCALES) {
      const headlines = NOTIFY_EVENT_TYPES.map((type) => NOTIFY_TEXTS[locale].events[type])
      expect(new Set(headlines).size).toBe(NOTIFY_EVENT_TYPES.length)
      expect(formatNotifyEvent(event('message.something_new'), { locale }).title).toBe(`${NOTIFY_TEXTS[locale].otherEvent}${locale === 'en' ? ': ' : '：'}小区门口路灯坏了`)
    }
  })

  it('reads { message, board } payloads and shows nothing private of a staff payload', () => {
    const staffView = {
      ...PUBLIC_VIEW,
      title: '王小明13812345678路灯坏了',
      content: '我是王小明，电话13812345678，住3栋2单元',
      remark: '白天不在家',
      place: { text: '桂林路18号院3栋', public: false },
      author: { nickname: '市民', realName: '王小明', phone: '13812345678' },
    }
    const message = formatNotifyEvent(event('message.submitted', { message: staffView, board: { id: '220100-gov', name: '长春市人民政府' } }))
    const all = JSON.stringify(message)
    for (const secret of ['王小明', '13812345678', '3栋2单元', '白天不在家', '桂林路']) expect(all).not.toContain(secret)
    expect(message.title).toMatch(/^收到新留言：/)
    expect(message.lines).toContain('留言对象：长春市人民政府')
  })

  it('writes times in China time whatever the offset of the input', () => {
    expect(chinaTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00')
    expect(chinaTime('2026-03-02T09:00:00+08:00')).toBe('2026-03-02 09:00')
    expect(chinaTime('not a time')).toBe('not a time')
  })
})

describe('robot markdown', () => {
  it('makes citizen text inert: no link, emphasis, heading or HTML gets through', () => {
    const hostile = formatNotifyEvent(event('message.submitted', { ...PUBLIC_VIEW, title: '[点我领补贴](http://evil.example)<b>#1</b>\n# 大标题' }))
    const markdown = notifyMarkdown(hostile)
    expect(markdown).not.toMatch(/\]\(http:\/\/evil/)
    expect(markdown).not.toContain('<b>')
    expect(markdown).not.toMatch(/^#/m)
    expect(inertMarkdown('a*b_c`d')).toBe('a＊b＿c｀d')
  })

  it('ends with the message link, which only an http(s) address becomes', () => {
    const withLink = formatNotifyEvent(event('message.replied'), { messageLink: (id) => `https://console.example.gov.cn/m/${id}?tab=(posts)` })
    expect(notifyMarkdown(withLink).split('\n\n').at(-1)).toBe('[查看留言](https://console.example.gov.cn/m/m_01HZX8?tab=%28posts%29)')
    const script = formatNotifyEvent(event('message.replied'), { messageLink: () => 'javascript:alert(1)' })
    expect(notifyMarkdown(script)).not.toContain('javascript')
  })
})
