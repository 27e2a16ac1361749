import { isAPIError, isConnectionError, isNotFoundError, isRateLimitError, isTimeoutError } from '@liuyan/client/http'

/** What kind of failure a call to the Board API met, for choosing the sentence a person reads. */
export type FailureKind = 'notFound' | 'offline' | 'rateLimited' | 'server' | 'failed'

/** Classifies an SDK error: one rule for every component (views and forms word it differently). */
export function failureKind(error: unknown): FailureKind {
  if (isNotFoundError(error)) return 'notFound'
  if (isConnectionError(error) || isTimeoutError(error)) return 'offline'
  if (isRateLimitError(error)) return 'rateLimited'
  return isAPIError(error) && error.status >= 500 ? 'server' : 'failed'
}
