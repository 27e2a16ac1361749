import * as z from 'zod/mini'
import { checked } from './common.js'

/**
 * A page of a list endpoint: `{ items, nextCursor }`. `nextCursor` is opaque; null on the last page.
 *
 * @example
 * ```ts
 * const MessagePageSchema = PageSchema(PublicMessageSchema)
 * const { items, nextCursor } = MessagePageSchema.parse(await res.json())
 * ```
 */
export function PageSchema<T extends z.core.$ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(checked(z.string(), z.minLength(1), z.maxLength(512))) })
}
/** A page of `T`. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}
