import { describe, expect, it } from 'vitest'
import { deadlineStanding } from './deadline.js'

// 2026: Sat Feb 14 is a make-up working day, Feb 15–23 are 春节 (the State Council's notice).
describe('deadlineStanding (working days on core’s calendar)', () => {
  it('counts the working days left from today to the due day, both included', () => {
    const due = { status: 'processing' as const, dueAt: '2026-02-27T23:59:59.999+08:00' }
    // Fri 13, Sat 14 (make-up), then Tue 24 … Fri 27 after the holiday.
    expect(deadlineStanding(due, new Date('2026-02-13T10:00:00+08:00'))).toEqual({ kind: 'left', days: 6 })
    expect(deadlineStanding(due, new Date('2026-02-27T22:00:00+08:00'))).toEqual({ kind: 'left', days: 1 })
  })

  it('counts the working days overdue after the due day, up to today', () => {
    const due = { status: 'assigned' as const, dueAt: '2026-02-13T23:59:59.999+08:00' }
    expect(deadlineStanding(due, new Date('2026-02-24T10:00:00+08:00'))).toEqual({ kind: 'late', days: 2 })
    // China time decides the day: 16:30 UTC on the 13th is already the 14th in Beijing.
    expect(deadlineStanding(due, new Date('2026-02-13T16:30:00Z'))).toEqual({ kind: 'late', days: 1 })
  })

  it('says nothing where the clock does not run', () => {
    expect(deadlineStanding({ status: 'replied', dueAt: '2026-02-13T23:59:59.999+08:00' }, new Date('2026-03-01T00:00:00+08:00'))).toBeUndefined()
    expect(deadlineStanding({ status: 'pending' }, new Date('2026-03-01T00:00:00+08:00'))).toBeUndefined()
  })
})
