// The board service's small rules kept apart from service.ts: how a transition's refusal becomes
// an HTTP problem, the "not found" that hides another board's message, and the inbox's deadline
// bound for `overdue` and `dueWithin`.
import { addWorkingDays, type DeadlineOptions, type TransitionError } from '@liuyan/core'
import { ServiceError } from './errors.js'

/** Another board's message (or none) answers the same: its existence is not revealed. */
export function notFound(detail = '找不到这条留言'): ServiceError {
  return new ServiceError(404, 'not_found', detail)
}

export function roleName(role: string): string {
  return ({ citizen: '留言人', reviewer: '审核', handler: '办理', supervisor: '督办' } as Record<string, string>)[role] ?? role
}

const TRANSITION_STATUS: Record<TransitionError['code'], number> = {
  invalid_action: 422,
  reason_required: 422,
  same_board: 422,
  forbidden_role: 403,
  invalid_status: 409,
  not_replied: 409,
  already_evaluated: 409,
  already_supervised: 409,
  deadline_unavailable: 500,
  no_consent: 409,
  already_published: 409,
  not_published: 409,
}

export function transitionProblem(error: TransitionError): ServiceError {
  // The HTTP layer titles the problem in the request's language from the code.
  return new ServiceError(TRANSITION_STATUS[error.code], error.code, '', error.issues.length ? error.issues : undefined)
}

/**
 * The instant before which an open message's deadline falls for the inbox's filter: now for
 * `overdue`; for `dueWithin` n, just after the end of the nth working day from today (deadlines
 * are the last millisecond of a day, so a message due that day is in), on the service's calendar.
 */
export function dueBound(now: Date, query: { overdue?: boolean; dueWithin?: number }, calendar: DeadlineOptions): string {
  if (query.overdue || query.dueWithin === undefined) return now.toISOString()
  return new Date(addWorkingDays(now, query.dueWithin, calendar).getTime() + 1).toISOString()
}
