import { chinaDate, isOverdue, isWorkingDay, type Message } from '@liuyan/core'

const DAY_MS = 86_400_000
// Counting stops here: a deadline further than a year off is "more than 250 working days".
const MAX_DAYS = 370

/** Noon China time of the China date of `date`, a safe instant to step a day at a time. */
const noon = (date: Date) => new Date(`${chinaDate(date)}T12:00:00+08:00`)

/**
 * Where a message stands against its deadline, in working days counted on core's calendar
 * (docs/architecture.md §3; years without a notice count weekends only, as the server does):
 * `left` working days from today to the due day, both counted when they are working days, or
 * `late` working days after the due day up to today. None for a message without a running clock.
 */
export function deadlineStanding(
  message: Pick<Message, 'status' | 'dueAt'>,
  now: Date,
): { kind: 'left' | 'late'; days: number } | undefined {
  if (!message.dueAt || !['accepted', 'assigned', 'processing'].includes(message.status)) return undefined
  const due = new Date(message.dueAt)
  if (Number.isNaN(due.getTime())) return undefined
  const late = isOverdue(message, now)
  // late: the days after the due day up to today; left: today up to the due day.
  let day = late ? new Date(noon(due).getTime() + DAY_MS) : noon(now)
  const last = late ? noon(now) : noon(due)
  let days = 0
  for (let i = 0; day.getTime() <= last.getTime() && i < MAX_DAYS; i++, day = new Date(day.getTime() + DAY_MS)) {
    if (isWorkingDay(day, { outsideCalendar: 'weekends' })) days++
  }
  return { kind: late ? 'late' : 'left', days }
}
