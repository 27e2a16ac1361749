// Private: one input check with core's rules, for inputs.public.ts and inputs.staff.ts (loaded with
// them, so that core's validation and its messages stay out of a client that checks nothing).
import { resolveLocale, validate } from '@liuyan/core'
import type * as z from 'zod/mini'
import { ValidationError } from '../core/errors.js'

/** The input parsed by `schema`, or a `ValidationError` with core's localized issues. */
export function checkWith<T>(schema: z.ZodMiniType<T>, input: unknown, locale: string): T {
  const result = validate(schema as z.core.$ZodType, input, { locale: resolveLocale(locale) })
  if (!result.success) throw new ValidationError(result.issues)
  return result.data as T
}
