import { nanoid } from 'nanoid'

/**
 * A new opaque id (21 URL-safe characters from a CSPRNG), for messages, posts and timeline events.
 *
 * @example
 * ```ts
 * createId() // 'V1StGXR8_Z5jdHi6B-myT'
 * ```
 */
export function createId(): string {
  return nanoid()
}
