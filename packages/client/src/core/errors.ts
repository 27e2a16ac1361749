import type { Problem, ValidationIssue } from '@liuyan/core'

/**
 * The base of every error the SDK throws. `code` is stable; `name` is a literal on each class, so
 * the `is…` guards work across realms (iframes, workers, duplicated bundles) where `instanceof`
 * does not. No error ever holds the bearer token or a citizen's phone, real name or remark.
 *
 * @example
 * ```ts
 * try { await client.messages.submit(draft) }
 * catch (error) { if (isLiuyanError(error)) console.log(error.code) }
 * ```
 */
export class LiuyanError extends Error {
  override name: string = 'LiuyanError'
  /** A stable machine-readable code, e.g. `not_found`, `timeout`, `validation_failed`. */
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** The input was refused before anything was sent. `issues` are core's localized messages. */
export class ValidationError extends LiuyanError {
  override name = 'ValidationError' as const
  /** One entry per problem: path, stable code and a message in the client's locale. */
  readonly issues: ValidationIssue[]
  constructor(issues: ValidationIssue[]) {
    super('validation_failed', `Invalid input: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`)
    this.issues = issues
  }
}

/** The server could not be reached, or the connection broke before a response arrived. */
export class ConnectionError extends LiuyanError {
  override name = 'ConnectionError' as const
  constructor(message = 'Could not reach the Board API. Check the network and the baseUrl, then retry.', options?: { cause?: unknown }) {
    super('connection_error', message, options)
  }
}

/** No response within `timeoutMs` (per attempt), after every retry. */
export class TimeoutError extends LiuyanError {
  override name = 'TimeoutError' as const
  constructor(timeoutMs: number) {
    super('timeout', `The Board API did not answer within ${timeoutMs} ms. Retry later or raise timeoutMs.`)
  }
}

/** The server answered 2xx with a body that is not what the contract says. */
export class InvalidResponseError extends LiuyanError {
  override name = 'InvalidResponseError' as const
  /** Where the body differs from the schema (paths and codes, no values). */
  readonly issues: { path: (string | number)[]; code: string }[]
  constructor(detail: string, issues: { path: (string | number)[]; code: string }[] = []) {
    super('invalid_response', `The Board API sent a response the SDK cannot read: ${detail}. Is baseUrl a Liuyan Board API?`)
    this.issues = issues
  }
}

/** The server answered with an error status. Subclasses per status narrow it further. */
export class APIError extends LiuyanError {
  override name: string = 'APIError'
  /** HTTP status. */
  readonly status: number
  /** The RFC 9457 problem document, when the server sent one. */
  readonly problem: Problem | undefined
  /** The server's request id (`X-Request-Id`), for its log. */
  readonly requestId: string | undefined
  constructor(status: number, problem: Problem | undefined, requestId: string | undefined, what: string) {
    super(problem?.code ?? `http_${status}`, `${what} failed with ${status}${problem ? `: ${problem.title}${problem.detail ? ` (${problem.detail})` : ''}` : ''}`)
    this.status = status
    this.problem = problem
    this.requestId = requestId ?? problem?.requestId
  }

  /** The localized validation issues of a 400/422 answer, if any. */
  get issues(): ValidationIssue[] {
    return this.problem?.issues ?? []
  }
}

/** 400: malformed request. */
export class BadRequestError extends APIError { override name = 'BadRequestError' as const }
/** 401: no token or an unknown one. */
export class AuthenticationError extends APIError { override name = 'AuthenticationError' as const }
/** 403: the token lacks the role for this action. */
export class PermissionDeniedError extends APIError { override name = 'PermissionDeniedError' as const }
/** 404: no such board, message or tracking code (or outside the token's boards). */
export class NotFoundError extends APIError { override name = 'NotFoundError' as const }
/** 409: the message's status does not allow this, or the same request is still running. */
export class ConflictError extends APIError { override name = 'ConflictError' as const }
/** 422: the server refused the content; see `issues`. */
export class UnprocessableEntityError extends APIError { override name = 'UnprocessableEntityError' as const }
/** 429: too many requests. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError' as const
  /** Seconds the server asked to wait (`Retry-After`), if it said. */
  retryAfter: number | undefined
}
/** 5xx: the server failed. */
export class InternalServerError extends APIError { override name = 'InternalServerError' as const }

/** Builds the {@link APIError} subclass for a status. */
export function makeAPIError(status: number, problem: Problem | undefined, requestId: string | undefined, what: string, retryAfter?: number): APIError {
  const Class =
    status === 400 ? BadRequestError
    : status === 401 ? AuthenticationError
    : status === 403 ? PermissionDeniedError
    : status === 404 ? NotFoundError
    : status === 409 ? ConflictError
    : status === 422 ? UnprocessableEntityError
    : status === 429 ? RateLimitError
    : status >= 500 ? InternalServerError
    : APIError
  const error = new Class(status, problem, requestId, what)
  if (error instanceof RateLimitError) error.retryAfter = retryAfter
  return error
}

const named = <T extends Error>(...names: string[]) => (value: unknown): value is T =>
  typeof value === 'object' && value !== null && names.includes((value as { name?: unknown }).name as string)

const API_NAMES = ['APIError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError']

/** True for any error of this SDK (checked by `name`, so it works across realms). */
export const isLiuyanError = named<LiuyanError>('LiuyanError', 'ValidationError', 'ConnectionError', 'TimeoutError', 'InvalidResponseError', ...API_NAMES)
/** True for any HTTP error answer. */
export const isAPIError = named<APIError>(...API_NAMES)
/** True when the input was refused before sending. */
export const isValidationError = named<ValidationError>('ValidationError')
/** True for a 404. */
export const isNotFoundError = named<NotFoundError>('NotFoundError')
/** True for a 429. */
export const isRateLimitError = named<RateLimitError>('RateLimitError')
/** True when no response arrived in time. */
export const isTimeoutError = named<TimeoutError>('TimeoutError')
/** True when the server could not be reached. */
export const isConnectionError = named<ConnectionError>('ConnectionError')
