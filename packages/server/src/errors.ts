import type { ValidationIssue } from '@liuyan/core'

/** Stable codes of the server's problems (the `code` of every problem+json answer). */
export type ProblemCode =
  | 'bad_request'
  | 'malformed_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'idempotency_in_progress'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'headers_too_large'
  | 'request_timeout'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal_error'
  | 'service_unavailable'
  | (string & {})

/**
 * An error the board service or the HTTP layer answers with a problem document. `detail` is for
 * people and never contains a citizen's private data or a credential.
 *
 * @example
 * ```ts
 * throw new ServiceError(404, 'not_found', '找不到这条留言')
 * ```
 */
export class ServiceError extends Error {
  override name = 'ServiceError'
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly issues?: ValidationIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail)
  }
}

/** True when `value` is a {@link ServiceError}. */
export function isServiceError(value: unknown): value is ServiceError {
  return value instanceof Error && value.name === 'ServiceError'
}
