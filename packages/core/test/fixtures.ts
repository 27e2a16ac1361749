import type { Message, NewMessageInput } from '../src/index.js'

/** A realistic submission in the wire shape (docs/architecture.md §2). */
export function newMessage(overrides: Partial<NewMessageInput> = {}): NewMessageInput {
  return {
    boardId: '220100-gov',
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便，老人孩子容易摔倒，希望尽快修复。',
    place: { text: '朝阳区某小区', public: false },
    author: { nickname: '市民', realName: '王小明', phone: '13812345678' },
    remark: 'only staff see this',
    publish: true,
    ...overrides,
  }
}

/** A stored message fresh from submission. */
export function storedMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    boardId: '220100-gov',
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。联系电话13912345678。',
    place: { text: '朝阳区某小区3栋', public: false },
    images: ['https://img.example/1.jpg'],
    imagesPublic: false,
    author: { nickname: '王小明', realName: '王小明', phone: '13812345678', maskNickname: true },
    remark: '住3栋2单元，白天不在家',
    publish: true,
    channel: 'web',
    status: 'pending',
    createdAt: '2026-02-12T02:00:00.000Z',
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [{ id: 'e0', type: 'submit', at: '2026-02-12T02:00:00.000Z', actor: { role: 'citizen' }, to: 'pending' }],
    ...overrides,
  }
}
