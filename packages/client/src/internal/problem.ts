// Private: reads the RFC 9457 problem of a failed call with core's schema, loaded on the first
// failure (a module of its own, so that a failure loads no other schema).
import { ProblemSchema, type Problem } from '@liuyan/core'
import * as z from 'zod/mini'

/** An RFC 9457 problem, or undefined when the body is not one. */
export function parseProblem(text: string): Problem | undefined {
  try {
    const result = z.safeParse(ProblemSchema, JSON.parse(text))
    return result.success ? result.data : undefined
  } catch {
    return undefined
  }
}
