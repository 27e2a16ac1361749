import { isAPIError, isConnectionError, isNotFoundError, isRateLimitError, isTimeoutError, isValidationError } from '@liuyan/client'
import type { ValidationIssue } from '@liuyan/core'
import type { SharedStrings } from './labels.i18n.js'

/**
 * The sentence a member of staff reads for a failed call: one rule for every console part. The
 * server's and the SDK's validation issues come localized already (`Accept-Language`).
 */
export function explain(error: unknown, t: SharedStrings): string {
  if (issuesOf(error).length || isValidationError(error)) return t.invalid
  if (isNotFoundError(error)) return t.notFound
  if (isConnectionError(error) || isTimeoutError(error)) return t.offline
  if (isRateLimitError(error)) return t.rateLimited
  if (isAPIError(error)) {
    if (error.status === 401) return t.unauthorized
    if (error.status === 403) return t.forbidden
    if (error.status >= 500) return t.server
    // 409 and the like: the server's own localized title says what is wrong (e.g. the status moved on).
    return error.problem?.title ? `${error.problem.title} ${t.failed}` : t.failed
  }
  return t.failed
}

/** The localized issues of a validation failure (the SDK's check or the server's 422), else none. */
export function issuesOf(error: unknown): ValidationIssue[] {
  return isValidationError(error) || (isAPIError(error) && error.status === 422) ? ((error as { issues?: ValidationIssue[] }).issues ?? []) : []
}
