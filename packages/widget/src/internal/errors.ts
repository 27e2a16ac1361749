// The SDK's error guards the first view needs, as the SDK writes them (packages/client/src/core/
// errors.ts): by the error's `name`, so they hold across realms and for the errors of
// reads.fetch.ts. Here rather than imported, so that the first view of the script-tag build does
// not carry the SDK; errors.browser.test.ts checks that they answer as the SDK's own.
import type { APIError, ConnectionError, LiuyanError, NotFoundError, RateLimitError, TimeoutError } from '@liuyan/client'

const named =
  <T extends Error>(...names: string[]) =>
  (value: unknown): value is T =>
    typeof value === 'object' && value !== null && names.includes((value as { name?: unknown }).name as string)

const API_NAMES = ['APIError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError']

export const isLiuyanError = named<LiuyanError>('LiuyanError', 'ValidationError', 'ConnectionError', 'TimeoutError', 'InvalidResponseError', ...API_NAMES)
export const isAPIError = named<APIError>(...API_NAMES)
export const isNotFoundError = named<NotFoundError>('NotFoundError')
export const isRateLimitError = named<RateLimitError>('RateLimitError')
export const isTimeoutError = named<TimeoutError>('TimeoutError')
export const isConnectionError = named<ConnectionError>('ConnectionError')
