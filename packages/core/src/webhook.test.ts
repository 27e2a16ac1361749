import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, NewWebhookSchema, STAFF_ONLY_EVENT_TYPES, STAFF_ONLY_EVENTS, TIMELINE_EVENT_TYPES, TIMELINE_EVENTS, LIFECYCLE } from './index.js'

describe('event types', () => {
  it('gives every timeline event, hence every lifecycle action, an event type of its own', () => {
    const mapped = TIMELINE_EVENT_TYPES.map((type) => TIMELINE_EVENTS[type])
    expect(new Set(mapped).size).toBe(TIMELINE_EVENT_TYPES.length)
    for (const type of mapped) expect(EVENT_TYPES).toContain(type)
    for (const action of Object.keys(LIFECYCLE)) expect(TIMELINE_EVENTS[action as keyof typeof TIMELINE_EVENTS]).toBeDefined()
  })

  it('has the events the issue asks for, and the deadline events', () => {
    for (const type of ['message.submitted', 'message.accepted', 'message.rejected', 'message.assigned', 'message.transferred', 'message.replied',
      'message.followed_up', 'message.evaluated', 'message.supervised', 'message.reminded', 'message.closed', 'deadline.approaching', 'deadline.overdue']) {
      expect(EVENT_TYPES).toContain(type)
    }
  })

  it('keeps the events of staff-only timeline events for private subscriptions', () => {
    expect(STAFF_ONLY_EVENT_TYPES.map((type) => TIMELINE_EVENTS[type]).sort()).toEqual([...STAFF_ONLY_EVENTS].sort())
  })
})

describe('NewWebhookSchema', () => {
  const ok = { url: 'https://ops.example.gov.cn/hook', boardId: '220100-gov', events: ['message.submitted'] }
  it('takes an http(s) URL, a board and a non-empty set of known events', () => {
    expect(NewWebhookSchema.safeParse(ok).success).toBe(true)
    expect(NewWebhookSchema.safeParse({ ...ok, url: 'http://127.0.0.1:8080/x', kind: 'standard', private: true }).success).toBe(true)
  })
  it('refuses other schemes, empty or unknown events and unknown keys', () => {
    expect(NewWebhookSchema.safeParse({ ...ok, url: 'ftp://x/y' }).success).toBe(false)
    expect(NewWebhookSchema.safeParse({ ...ok, url: 'javascript:alert(1)' }).success).toBe(false)
    expect(NewWebhookSchema.safeParse({ ...ok, events: [] }).success).toBe(false)
    expect(NewWebhookSchema.safeParse({ ...ok, events: ['message.deleted'] }).success).toBe(false)
    expect(NewWebhookSchema.safeParse({ ...ok, secret: 'x' }).success).toBe(false)
  })
})
