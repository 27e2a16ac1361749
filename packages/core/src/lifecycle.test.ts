import { describe, expect, it } from 'vitest'
import { storedMessage } from '../test/fixtures.js'
import {
  allowedActions,
  LIFECYCLE,
  MessageSchema,
  ROLES,
  STATUSES,
  transition,
  type Message,
  type MessageAction,
  type MessageActionName,
  type Role,
} from './index.js'

const now = new Date('2026-02-13T01:00:00Z') // Friday 09:00 China time
const staff = (role: Role) => ({ actor: { role, id: `${role}-1`, name: '长春市住建局' }, now })

/** A valid action of each kind. */
const ACTIONS: Record<MessageActionName, MessageAction> = {
  accept: { action: 'accept' },
  reject: { action: 'reject', code: 'out_of_scope', reason: '内容与本单位职能无关' },
  assign: { action: 'assign', boardId: '220102-zjj' },
  transfer: { action: 'transfer', boardId: '220103-zjj', reason: '属地管理' },
  start: { action: 'start' },
  reply: { action: 'reply', content: '已安排维修，预计三日内修复。' },
  extend: { action: 'extend', days: 5, reason: '需协调供电部门' },
  close: { action: 'close' },
  supervise: { action: 'supervise', note: '群众反映强烈' },
  remind: { action: 'remind' },
  reopen: { action: 'reopen', reason: '答复未解决问题' },
  publish: { action: 'publish' },
  unpublish: { action: 'unpublish', reason: '含有未隐去的住址' },
  redact: { action: 'redact', content: '小区门口的路灯坏了两个星期，晚上出行很不方便。' },
  'reissue-code': { action: 'reissue-code', reason: '留言人来电称查询码遗失' },
  'follow-up': { action: 'follow-up', content: '请问什么时候能修好？' },
  evaluate: { action: 'evaluate', overall: 4, resolution: 4, attitude: 5, speed: 3 },
}

function run(message: Message, name: MessageActionName, role: Role): Message {
  const result = transition(message, ACTIONS[name], staff(role))
  if (!result.ok) throw result.error
  return result.message
}

/** Walks the happy path to a status. */
function at(status: 'pending' | 'accepted' | 'assigned' | 'processing' | 'replied' | 'closed' | 'rejected'): Message {
  let m = storedMessage()
  if (status === 'pending') return m
  if (status === 'rejected') return run(m, 'reject', 'reviewer')
  m = run(m, 'accept', 'reviewer')
  if (status === 'accepted') return m
  m = run(m, 'assign', 'reviewer')
  if (status === 'assigned') return m
  m = run(m, 'start', 'handler')
  if (status === 'processing') return m
  m = run(m, 'reply', 'handler')
  if (status === 'replied') return m
  return run(m, 'close', 'supervisor')
}

describe('the lifecycle table', () => {
  // docs/architecture.md §3: from → allowed statuses after the status-changing actions.
  const expected: Record<string, string[]> = {
    pending: ['accepted', 'rejected'],
    accepted: ['assigned'],
    assigned: ['assigned', 'processing'],
    processing: ['replied'],
    replied: ['closed', 'processing'],
    closed: [],
    rejected: [],
  }
  it.each(STATUSES.map((s) => [s]))('from %s the status can only go where docs/architecture.md says', (status) => {
    const reachable = new Set<string>()
    for (const role of ROLES) {
      for (const name of allowedActions(at(status), role)) {
        const result = transition(at(status), ACTIONS[name], staff(role))
        expect(result.ok, `${role} ${name} from ${status}`).toBe(true)
        if (result.ok && result.message.status !== status) reachable.add(result.message.status)
        if (result.ok && (name === 'transfer')) reachable.add(result.message.status)
      }
    }
    expect([...reachable].sort()).toEqual(expected[status]!.sort())
  })

  it.each(STATUSES.flatMap((s) => ROLES.flatMap((r) => Object.keys(ACTIONS).map((a) => [s, r, a] as const))))(
    '%s × %s × %s: allowed exactly when allowedActions says so, refused with the right code otherwise',
    (status, role, name) => {
      const message = at(status)
      const allowed = allowedActions(message, role).includes(name as MessageActionName)
      const result = transition(message, ACTIONS[name as MessageActionName], staff(role))
      expect(result.ok).toBe(allowed)
      if (!result.ok) {
        const rule = LIFECYCLE[name as MessageActionName]
        const expectedCode = !rule.roles.includes(role)
          ? 'forbidden_role'
          : !rule.from.includes(status)
            ? 'invalid_status'
            : name === 'evaluate'
              ? 'not_replied'
              : name === 'publish'
                ? 'already_published'
                : name === 'unpublish'
                  ? 'not_published'
                  : 'already_supervised'
        expect(result.error.code).toBe(expectedCode)
        expect(result.error.name).toBe('TransitionError')
      } else {
        expect(MessageSchema.safeParse(result.message).success).toBe(true)
      }
    },
  )
})

describe('transition', () => {
  it('records every change as a timeline event with actor, time, statuses and note', () => {
    const accepted = transition(storedMessage(), { action: 'accept', note: '符合受理条件' }, staff('reviewer'))
    expect(accepted.ok).toBe(true)
    if (!accepted.ok) return
    expect(accepted.message.status).toBe('accepted')
    expect(accepted.message.reviewedAt).toBe('2026-02-13T01:00:00.000Z')
    expect(accepted.message.publishedAt).toBe('2026-02-13T01:00:00.000Z')
    expect(accepted.event).toMatchObject({
      type: 'accept', at: '2026-02-13T01:00:00.000Z', actor: { role: 'reviewer', id: 'reviewer-1' },
      from: 'pending', to: 'accepted', note: '符合受理条件',
    })
    expect(accepted.message.timeline.at(-1)).toEqual(accepted.event)
    expect(accepted.message.timeline).toHaveLength(2)
  })

  it('sets the deadline on acceptance: a complaint accepted on Fri 13 Feb 2026 is due after 15 working days', () => {
    // Working days after Feb 13: Sat 14 (make-up), then Feb 24–27 (4), Sat 28 (make-up), Mar 2–6 (5), Mar 9–12 (4) → 15th is Mar 12.
    const result = transition(storedMessage(), { action: 'accept' }, staff('reviewer'))
    expect(result.ok && result.message.dueAt).toBe('2026-03-12T23:59:59.999+08:00')
    const consult = transition(storedMessage({ type: 'consult' }), { action: 'accept' }, { ...staff('reviewer'), policy: { consult: 3 } })
    // Sat 14 (make-up), Tue 24, Wed 25.
    expect(consult.ok && consult.message.dueAt).toBe('2026-02-25T23:59:59.999+08:00')
  })

  it('does not publish a message whose author did not consent', () => {
    const result = transition(storedMessage({ publish: false }), { action: 'accept' }, staff('reviewer'))
    expect(result.ok && result.message.publishedAt).toBeUndefined()
  })

  it('requires a reason to reject, transfer, extend and reopen', () => {
    for (const [message, action] of [
      [at('pending'), { action: 'reject' }],
      [at('assigned'), { action: 'transfer', boardId: 'x' }],
      [at('processing'), { action: 'extend', days: 3 }],
      [at('replied'), { action: 'reopen', reason: '   ' }],
    ] as const) {
      const result = transition(message, action as unknown as MessageAction, staff('supervisor'))
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('reason_required')
        expect(result.error.issues[0]).toMatchObject({ path: ['reason'], code: 'required' })
      }
    }
  })

  it('refuses malformed actions with localized issues', () => {
    const result = transition(at('processing'), { action: 'reply', content: '' } as MessageAction, staff('handler'))
    expect(!result.ok && result.error.code).toBe('invalid_action')
    expect(!result.ok && result.error.issues).toEqual([{ path: ['content'], code: 'required', message: '请填写内容' }])
    const unknown = transition(at('processing'), { action: 'delete' } as unknown as MessageAction, staff('handler'))
    expect(!unknown.ok && unknown.error.code).toBe('invalid_action')
  })

  it('transfers only to another unit and records the target', () => {
    const same = transition(at('assigned'), { action: 'transfer', boardId: '220102-zjj', reason: '重复' }, staff('handler'))
    expect(!same.ok && same.error.code).toBe('same_board')
    const moved = transition(at('assigned'), ACTIONS.transfer, staff('handler'))
    expect(moved.ok && moved.message.assigneeBoardId).toBe('220103-zjj')
    expect(moved.ok && moved.event).toMatchObject({ from: 'assigned', to: 'assigned', boardId: '220103-zjj', note: '属地管理' })
  })

  it('publishes a reply signed by the organization and keeps the first reply time', () => {
    const replied = at('replied')
    expect(replied.posts).toEqual([
      expect.objectContaining({ kind: 'reply', organization: '长春市住建局', boardId: '220102-zjj', content: '已安排维修，预计三日内修复。' }),
    ])
    expect(replied.repliedAt).toBe(now.toISOString())
  })

  it('lets the author follow up, which reopens a replied message, and rate once after a reply', () => {
    const citizen = { actor: { role: 'citizen' as const, name: '王小明' }, now }
    const followed = transition(at('replied'), ACTIONS['follow-up'], citizen)
    expect(followed.ok && followed.message.status).toBe('processing')
    expect(followed.ok && followed.event.actor).toEqual({ role: 'citizen' })
    const stillOpen = transition(at('assigned'), ACTIONS['follow-up'], citizen)
    expect(stillOpen.ok && stillOpen.message.status).toBe('assigned')

    const rated = transition(at('replied'), ACTIONS.evaluate, citizen)
    expect(rated.ok && rated.message.evaluation).toEqual({ overall: 4, resolution: 4, attitude: 5, speed: 3, createdAt: now.toISOString() })
    if (!rated.ok) return
    const again = transition(rated.message, ACTIONS.evaluate, citizen)
    expect(!again.ok && again.error.code).toBe('already_evaluated')
    const closedRated = transition(run(at('replied'), 'close', 'reviewer'), ACTIONS.evaluate, citizen)
    expect(closedRated.ok).toBe(true)
    const staffRating = transition(at('replied'), ACTIONS.evaluate, staff('supervisor'))
    expect(!staffRating.ok && staffRating.error.code).toBe('forbidden_role')
    const early = transition(at('processing'), ACTIONS.evaluate, citizen)
    expect(!early.ok && early.error.code).toBe('invalid_status')
  })

  it('extends the deadline by working days and keeps supervision and reminders as flags', () => {
    const processing = at('processing')
    const extended = transition(processing, ACTIONS.extend, staff('handler'))
    // Due Mar 12 (Thu); 5 more working days: Mar 13, 16, 17, 18, 19.
    expect(extended.ok && extended.message.dueAt).toBe('2026-03-19T23:59:59.999+08:00')
    expect(extended.ok && extended.event).toMatchObject({ days: 5, note: '需协调供电部门', from: 'processing', to: 'processing' })
    const supervised = run(processing, 'supervise', 'supervisor')
    expect(supervised.supervised).toBe(true)
    expect(supervised.status).toBe('processing')
    expect(allowedActions(supervised, 'supervisor')).not.toContain('supervise')
    expect(run(run(processing, 'remind', 'supervisor'), 'remind', 'supervisor').reminders).toBe(2)
  })

  it('does not change the message it was given', () => {
    const message = at('processing')
    const snapshot = structuredClone(message)
    transition(message, ACTIONS.reply, staff('handler'))
    expect(message).toEqual(snapshot)
  })

  it('lists allowed actions per role', () => {
    expect(allowedActions(at('pending'), 'reviewer')).toEqual(['accept', 'reject', 'redact'])
    expect(allowedActions(at('accepted'), 'supervisor')).toEqual(['extend', 'supervise', 'remind', 'unpublish', 'reissue-code'])
    expect(allowedActions(at('pending'), 'handler')).toEqual([])
    expect(allowedActions(at('processing'), 'handler')).toEqual(['reply', 'extend'])
    expect(allowedActions(at('replied'), 'citizen')).toEqual(['follow-up', 'evaluate'])
    expect(allowedActions(at('closed'), 'citizen')).toEqual(['evaluate'])
  })
})

describe('any sequence of allowed actions (property)', () => {
  it('keeps the message valid under MessageSchema and the timeline in step', async () => {
    const fc = (await import('fast-check')).default
    const step = fc.record({ role: fc.constantFrom<Role>(...ROLES), pick: fc.nat(), minutes: fc.integer({ min: 1, max: 60 * 24 * 3 }) })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let message = storedMessage()
        let clock = Date.parse('2026-01-05T01:00:00Z')
        for (const { role, pick, minutes } of steps) {
          const allowed = allowedActions(message, role)
          if (allowed.length === 0) continue
          const name = allowed[pick % allowed.length]!
          clock += minutes * 60_000
          // A transfer must name another unit than the current one.
          const action = name === 'transfer' ? { ...ACTIONS.transfer, boardId: `unit-${message.timeline.length}` } : ACTIONS[name]
          const result = transition(message, action, { actor: { role, id: 'x' }, now: new Date(clock) })
          expect(result.ok, `${role} ${name} from ${message.status}`).toBe(true)
          if (!result.ok) return
          expect(result.message.timeline.length).toBe(message.timeline.length + 1)
          message = result.message
          const parsed = MessageSchema.safeParse(message)
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe('publication, redaction, refusal and reissue', () => {
  const reviewer = staff('reviewer')

  it('accept publishes a consented message at once by default, and not where the board reviews publication', () => {
    const now = transition(storedMessage(), { action: 'accept' }, reviewer)
    const later = transition(storedMessage(), { action: 'accept' }, { ...reviewer, publishOnAccept: false })
    if (!now.ok || !later.ok) throw new Error('accept refused')
    expect(now.message.publishedAt).toBe('2026-02-13T01:00:00.000Z')
    expect(later.message.publishedAt).toBeUndefined()
    expect(allowedActions(later.message, 'reviewer')).toContain('publish')
    expect(allowedActions(now.message, 'reviewer')).not.toContain('publish')
  })

  it('publish, unpublish with a reason, and publish again keep the first publication time', () => {
    const accepted = transition(storedMessage(), { action: 'accept' }, { ...reviewer, publishOnAccept: false })
    if (!accepted.ok) throw accepted.error
    const published = transition(accepted.message, { action: 'publish', note: '已核对无个人信息' }, { ...reviewer, now: new Date('2026-02-14T01:00:00Z') })
    if (!published.ok) throw published.error
    expect(published.message.publishedAt).toBe('2026-02-14T01:00:00.000Z')
    expect(published.event).toMatchObject({ type: 'publish', note: '已核对无个人信息' })
    const missing = transition(published.message, { action: 'unpublish' } as MessageAction, staff('supervisor'))
    expect(!missing.ok && missing.error.code).toBe('reason_required')
    const hidden = transition(published.message, { action: 'unpublish', reason: '含有住址' }, { ...staff('supervisor'), now: new Date('2026-02-15T01:00:00Z') })
    if (!hidden.ok) throw hidden.error
    expect(hidden.message.hiddenAt).toBe('2026-02-15T01:00:00.000Z')
    expect(hidden.event).toMatchObject({ type: 'unpublish', note: '含有住址', actor: { role: 'supervisor' } })
    const again = transition(hidden.message, { action: 'publish' }, { ...reviewer, now: new Date('2026-02-16T01:00:00Z') })
    if (!again.ok) throw again.error
    expect(again.message.hiddenAt).toBeUndefined()
    expect(again.message.publishedAt).toBe('2026-02-14T01:00:00.000Z')
  })

  it('refuses to publish without the author\'s consent', () => {
    const accepted = transition({ ...storedMessage(), publish: false }, { action: 'accept' }, reviewer)
    if (!accepted.ok) throw accepted.error
    const result = transition(accepted.message, { action: 'publish' }, reviewer)
    expect(!result.ok && result.error.code).toBe('no_consent')
    expect(allowedActions(accepted.message, 'reviewer')).not.toContain('publish')
  })

  it('redact sets the public copy from the fields given and clears it when none are', () => {
    const result = transition(storedMessage(), { action: 'redact', title: '小区路灯坏了', content: '小区门口的路灯坏了两个星期。', note: '隐去姓名' }, reviewer)
    if (!result.ok) throw result.error
    expect(result.message.publicCopy).toEqual({ title: '小区路灯坏了', content: '小区门口的路灯坏了两个星期。' })
    expect(result.message.title).toBe(storedMessage().title)
    expect(result.event).toMatchObject({ type: 'redact', note: '隐去姓名', from: 'pending', to: 'pending' })
    const cleared = transition(result.message, { action: 'redact' }, reviewer)
    if (!cleared.ok) throw cleared.error
    expect(cleared.message.publicCopy).toBeUndefined()
    expect(transition(result.message, { action: 'redact', content: '  ' } as MessageAction, reviewer).ok).toBe(false)
    expect(transition(result.message, { action: 'redact' }, staff('handler')).ok).toBe(false)
  })

  it('reject keeps the standard reason and the free text for the author', () => {
    const result = transition(storedMessage(), { action: 'reject', code: 'duplicate', reason: '请查看您此前的留言' }, reviewer)
    if (!result.ok) throw result.error
    expect(result.message.rejection).toEqual({ code: 'duplicate', reason: '请查看您此前的留言' })
    expect(result.event).toMatchObject({ type: 'reject', reasonCode: 'duplicate', note: '请查看您此前的留言' })
    const plain = transition(storedMessage(), { action: 'reject', reason: '其他' }, reviewer)
    expect(plain.ok && plain.message.rejection).toEqual({ code: 'other', reason: '其他' })
    expect(transition(storedMessage(), { action: 'reject', code: 'nonsense', reason: 'x' } as unknown as MessageAction, reviewer).ok).toBe(false)
  })

  it('reissue-code is a supervisor\'s, needs a reason, and changes nothing but the timeline', () => {
    const message = at('replied')
    expect(transition(message, { action: 'reissue-code', reason: '遗失' }, reviewer).ok).toBe(false)
    expect(transition(message, { action: 'reissue-code' } as MessageAction, staff('supervisor')).ok).toBe(false)
    const result = transition(message, { action: 'reissue-code', reason: '留言人来电，已核实' }, staff('supervisor'))
    if (!result.ok) throw result.error
    expect({ ...result.message, timeline: [] }).toEqual({ ...message, timeline: [] })
    expect(result.event).toMatchObject({ type: 'reissue-code', note: '留言人来电，已核实', actor: { role: 'supervisor', name: '长春市住建局' } })
  })
})
