/**
 * The base of every error @liuyan/core throws or returns. `code` is stable across releases; match
 * on it (or on `name`, which survives realms) rather than on the message.
 *
 * @example
 * ```ts
 * try { addWorkingDays(new Date('2031-01-05'), 3) }
 * catch (error) { if (isLiuyanCoreError(error)) console.log(error.code) } // 'unknown_year'
 * ```
 */
export class LiuyanCoreError extends Error {
  override name: string = 'LiuyanCoreError'
  /** A stable machine-readable code. */
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.code = code
  }
}

const CORE_ERROR_NAMES = /* @__PURE__ */ new Set(['LiuyanCoreError', 'TransitionError', 'CalendarError'])

/** True for any error of @liuyan/core, also across realms (checked by `name`). */
export function isLiuyanCoreError(value: unknown): value is LiuyanCoreError {
  return value instanceof Error && CORE_ERROR_NAMES.has(value.name) && typeof (value as { code?: unknown }).code === 'string'
}
