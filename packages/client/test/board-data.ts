/**
 * The SDK tests' board data, platform-neutral: the board tree, tokens, private data, a submission
 * and \`caught\`. Shared by the Node board (board.ts) and the one the tests reach from inside
 * workerd (workerd/board.ts).
 */
import type { Board, NewMessageInput } from '@liuyan/core'

export const PROVINCE = '220000-gov'
export const CITY = '220100-gov'
/** 长春市住房和城乡建设局: where messages are assigned. */
export const UNIT = '220100-zjj'
/** 长春市交通运输局: where messages are transferred. */
export const OTHER_UNIT = '220100-jtj'
/** A board that no longer takes messages. */
export const CLOSED_BOARD = '220102-old'
export const MINISTRY = '100000-mee'

export const BOARDS: readonly Board[] = [
  { id: PROVINCE, name: '吉林省人民政府', kind: 'agency', level: 'province', parentId: null, region: '220000', acceptsMessages: true },
  { id: CITY, name: '长春市人民政府', kind: 'agency', level: 'city', parentId: PROVINCE, region: '220100', acceptsMessages: true },
  { id: UNIT, name: '长春市住房和城乡建设局', kind: 'agency', level: 'unit', parentId: CITY, region: '220100', acceptsMessages: true },
  { id: OTHER_UNIT, name: '长春市交通运输局', kind: 'agency', level: 'unit', parentId: CITY, region: '220100', acceptsMessages: true },
  { id: CLOSED_BOARD, name: '南关区原市容办', kind: 'agency', level: 'unit', parentId: CITY, region: '220102', acceptsMessages: false },
  { id: MINISTRY, name: '生态环境部', kind: 'agency', level: 'ministry', parentId: null, region: '100000', acceptsMessages: true },
]

/** Bearer tokens. Long and unique, so a leak is found by a plain substring search. */
export const TOKENS = {
  admin: 'lyt_admin_c2VjcmV0LWFkbWluLXRva2VuLWZvci1jbGllbnQ',
  reviewer: 'lyt_reviewer_c2VjcmV0LXJldmlld2VyLXRva2Vu',
  handler: 'lyt_handler_c2VjcmV0LWhhbmRsZXItdG9rZW4',
  supervisor: 'lyt_supervisor_c2VjcmV0LXN1cGVydmlzb3ItdG9rZW4',
  /** Every role, on the ministry's board only. */
  ministry: 'lyt_ministry_c2VjcmV0LW1pbmlzdHJ5LXRva2Vu',
} as const

/** A citizen's private data: it may reach staff, never an error, a message or a log. */
export const PRIVATE = {
  realName: '王小明',
  phone: '13812345678',
  remark: '住3栋2单元，白天不在家，请晚上联系',
  place: '朝阳区桂林路18号院3栋',
} as const

/** A valid submission in the wire shape (docs/architecture.md §2), with every private field filled. */
export function submission(overrides: Partial<NewMessageInput> = {}): NewMessageInput {
  return {
    boardId: CITY,
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '小区门口的路灯已经坏了两个星期，晚上出行很不方便，老人孩子容易摔倒，希望尽快修复。',
    place: { text: PRIVATE.place, public: false },
    author: { nickname: '市民', realName: PRIVATE.realName, phone: PRIVATE.phone },
    remark: PRIVATE.remark,
    publish: true,
    ...overrides,
  }
}

/** Runs `fn` and returns what it threw (fails when it did not throw). */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw')
}
