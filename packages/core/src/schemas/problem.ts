import * as z from 'zod/mini'
import { checked } from './common.js'

/** One validation issue: where, a stable code, and a message for people in the request's language. */
export const ValidationIssueSchema = z.object({
  /** Path into the payload, e.g. `['author', 'phone']`. */
  path: z.array(z.union([z.string(), z.int()])),
  /** A stable machine code, e.g. `too_big`, `required`, `invalid_phone`. */
  code: z.string(),
  /** A sentence for the citizen, e.g. `标题不能超过22个字`. */
  message: z.string(),
})
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>

/**
 * An RFC 9457 problem document (`application/problem+json`) with Liuyan's stable `code` and, for
 * validation failures, the localized `issues`.
 *
 * @example
 * ```ts
 * {
 *   type: 'urn:liuyan:problem:validation_failed', title: '提交的内容有误', status: 422,
 *   code: 'validation_failed', issues: [{ path: ['title'], code: 'too_big', message: '标题不能超过22个字' }],
 * }
 * ```
 */
export const ProblemSchema = z.looseObject({
  type: z._default(z.string(), 'about:blank'),
  title: z.string(),
  status: checked(z.int(), z.gte(400), z.lte(599)),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  /** Stable machine-readable code, e.g. `not_found`, `validation_failed`, `rate_limited`. */
  code: z.string(),
  issues: z.optional(z.array(ValidationIssueSchema)),
  /** Identifies the request in the server's log. */
  requestId: z.optional(z.string()),
})
export type Problem = z.infer<typeof ProblemSchema>
