/**
 * @liuyan/client/http: the rules of the SDK's calls and its errors, for code that sends a request of
 * the Board API without the client, and should answer as the client does: the defaults, the URL of
 * a call, when to retry and how long to wait, and the same error classes and guards. The widget's
 * first view reads the public list this way, without carrying the SDK's resources. Most
 * applications want `createClient` instead.
 *
 * @packageDocumentation
 */
export { backoff, buildUrl, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, isRetryable, MAX_RETRY_AFTER_MS, parseRetryAfter, toQuery } from './internal/rules.js'
export {
  APIError,
  ConnectionError,
  InvalidResponseError,
  isAPIError,
  isConnectionError,
  isLiuyanError,
  isNotFoundError,
  isRateLimitError,
  isTimeoutError,
  isValidationError,
  LiuyanError,
  makeAPIError,
  TimeoutError,
} from './core/errors.js'
