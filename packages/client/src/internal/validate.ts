// Private: checks input with core's schemas before anything is sent.
import { resolveLocale, validate } from '@liuyan/core'
import type * as z from 'zod/mini'
import { ValidationError } from '../core/errors.js'

export function check<S extends z.core.$ZodType>(schema: S, input: unknown, locale: string): z.output<S> {
  const result = validate(schema, input, { locale: resolveLocale(locale) })
  if (!result.success) throw new ValidationError(result.issues)
  return result.data
}

/** Query-string form of list filters. */
export function toQuery(filters: Record<string, unknown>): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue
    query[key] = Array.isArray(value) ? value.join(',') : String(value)
  }
  return query
}
