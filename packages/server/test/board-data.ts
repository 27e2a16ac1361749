/**
 * The contract suite's fixed data: the board tree (province → city → county → units, a ministry
 * apart), staff tokens per role and scope, a clock the test moves, a realistic submission with
 * private data, and the staff actions that take a message to each status.
 */
import type { Board, MessageStatus, NewMessageInput, StaffAction, StaffRole } from '@liuyan/core'

// ── The board tree: province → city → county → units, and a ministry apart ──────────────────

export const PROVINCE = '220000-gov'
export const CITY = '220100-gov'
export const COUNTY = '220102-gov'
/** 南关区住房和城乡建设局: where messages are assigned. */
export const UNIT = '220102-zjj'
/** 南关区交通运输局: where messages are transferred. */
export const OTHER_UNIT = '220102-jtj'
/** A board that no longer takes messages. */
export const CLOSED_BOARD = '220102-old'
export const MINISTRY = 'mot'
/** 长春市市长: a leader's board that reviews publication as a separate step. */
export const MAYOR = '220100-mayor'

export const BOARDS: readonly Board[] = [
  { id: PROVINCE, name: '吉林省人民政府', kind: 'agency', level: 'province', parentId: null, region: '220000', acceptsMessages: true },
  { id: CITY, name: '长春市人民政府', kind: 'agency', level: 'city', parentId: PROVINCE, region: '220100', acceptsMessages: true },
  { id: COUNTY, name: '长春市南关区人民政府', kind: 'agency', level: 'county', parentId: CITY, region: '220102', acceptsMessages: true },
  { id: UNIT, name: '南关区住房和城乡建设局', kind: 'agency', level: 'unit', parentId: COUNTY, region: '220102', acceptsMessages: true },
  { id: OTHER_UNIT, name: '南关区交通运输局', kind: 'agency', level: 'unit', parentId: COUNTY, region: '220102', acceptsMessages: true },
  { id: CLOSED_BOARD, name: '南关区原市容办', kind: 'agency', level: 'unit', parentId: COUNTY, region: '220102', acceptsMessages: false },
  { id: MAYOR, name: '长春市市长', kind: 'leader', level: 'city', parentId: CITY, region: '220100', acceptsMessages: true, publication: 'review' },
  { id: MINISTRY, name: '交通运输部', kind: 'agency', level: 'ministry', parentId: null, region: '100000', acceptsMessages: true },
]

// ── Staff tokens ──────────────────────────────────────────────────────────────────────────────

export const ROLES = ['reviewer', 'handler', 'supervisor'] as const satisfies readonly StaffRole[]
export type Scope = 'province' | 'ministry'

/** The bearer token of `role` covering the province (every local board) or only the ministry. */
export function tokenOf(role: StaffRole, scope: Scope = 'province'): string {
  return `lyt_${role}_${scope}_Qm9hcmQtdG9rZW4tZm9yLXRlc3Rz`
}
/** Every role on every board: arranges state through HTTP where a test needs it. */
export const ADMIN_TOKEN = 'lyt_admin_all_WnJ4c2VjcmV0LWFkbWluLXRva2Vu'
/** A handler of one unit only. */
export const UNIT_HANDLER_TOKEN = 'lyt_handler_unit_VW5pdC1oYW5kbGVyLXRva2Vu'

/** The staff tokens of every test board: each role on each scope, the admin, a unit's handler. */
export function boardTokens(): Array<{ label: string; roles: StaffRole[]; boardIds: string[]; token: string }> {
  const tokens = ROLES.flatMap((role) =>
    (['province', 'ministry'] as const).map((scope) => ({ label: `${role}@${scope}`, roles: [role], boardIds: [scope === 'province' ? PROVINCE : MINISTRY], token: tokenOf(role, scope) })),
  )
  tokens.push({ label: 'admin', roles: [...ROLES], boardIds: [PROVINCE, MINISTRY], token: ADMIN_TOKEN })
  tokens.push({ label: 'zjj-handler', roles: ['handler'], boardIds: [UNIT], token: UNIT_HANDLER_TOKEN })
  return tokens
}

/** 2026-03-02 09:00 China time, a Monday with no holiday near. */
export const START = Date.parse('2026-03-02T09:00:00+08:00')

/** A clock the test moves: the service reads it for every timestamp and deadline. */
export interface Clock {
  ms: number
  now(): Date
  advance(ms: number): void
}

export function createClock(start = START): Clock {
  const clock: Clock = {
    ms: start,
    now: () => new Date(clock.ms),
    advance: (ms) => {
      clock.ms += ms
    },
  }
  return clock
}

// ── A realistic submission (the wire shape, docs/architecture.md §2) ───────────────────────────

/** Private data a submission carries; none of it may ever reach a public body or the log. */
export const PRIVATE = {
  realName: '王小明',
  phone: '13812345678',
  remark: '住3栋2单元，白天不在家，请晚上联系',
  place: '朝阳区桂林路18号院3栋',
} as const

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

/** The body of each staff action, as the matrix and the loop send them. */
export function actionBody(name: StaffAction['action']): StaffAction {
  switch (name) {
    case 'reject':
      return { action: 'reject', code: 'out_of_scope', reason: '不属于本平台受理范围' }
    case 'unpublish':
      return { action: 'unpublish', reason: '留言含有未隐去的个人信息' }
    case 'redact':
      return { action: 'redact', content: '小区门口的路灯坏了两个星期，晚上出行很不方便。' }
    case 'reissue-code':
      return { action: 'reissue-code', reason: '留言人来电称查询码遗失，已核实身份' }
    case 'assign':
      return { action: 'assign', boardId: UNIT }
    case 'transfer':
      return { action: 'transfer', boardId: OTHER_UNIT, reason: '路灯归交通部门管理' }
    case 'reply':
      return { action: 'reply', content: '您好，路灯已于本周更换，感谢您的监督。' }
    case 'extend':
      return { action: 'extend', days: 5, reason: '需要协调供电公司' }
    case 'reopen':
      return { action: 'reopen', reason: '答复未说明修复时间' }
    default:
      return { action: name } as StaffAction
  }
}

/** The staff actions that take a message from pending to each status. */
export const ROUTE: Record<MessageStatus, readonly StaffAction['action'][]> = {
  pending: [],
  rejected: ['reject'],
  accepted: ['accept'],
  assigned: ['accept', 'assign'],
  processing: ['accept', 'assign', 'start'],
  replied: ['accept', 'assign', 'start', 'reply'],
  closed: ['accept', 'assign', 'start', 'reply', 'close'],
}
