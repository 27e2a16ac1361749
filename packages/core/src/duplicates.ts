import { createId } from './ids.js'
import { DUPLICATE_ROLES } from './schemas/hotspots.js'
import type { Actor, Message, TimelineEvent } from './schemas/message.js'

/** Why a duplicate link was refused. */
export type DuplicateLinkErrorCode = 'forbidden_role' | 'same_message' | 'already_linked'

/** The outcome of {@link linkDuplicate}. */
export type DuplicateLinkResult =
  | { ok: true; message: Message; event: TimelineEvent }
  | { ok: false; code: DuplicateLinkErrorCode }

/**
 * Marks `message` as a duplicate of the message `of` (the pure part: the server checks that the
 * other message exists in the token's boards). Returns the message with `duplicateOf` and the
 * `duplicate` event on its timeline (the actor and, staff-only, the note), or why not.
 *
 * @example
 * ```ts
 * const result = linkDuplicate(message, 'm_8Yc1', { actor: { role: 'supervisor', name: '市督查室' } })
 * if (result.ok) result.message.duplicateOf // 'm_8Yc1'
 * ```
 */
export function linkDuplicate(
  message: Message,
  of: string,
  context: { actor: Actor; note?: string; now?: Date; createId?: () => string },
): DuplicateLinkResult {
  const { actor } = context
  if (actor.role === 'citizen' || !(DUPLICATE_ROLES as readonly string[]).includes(actor.role)) return { ok: false, code: 'forbidden_role' }
  if (of === message.id) return { ok: false, code: 'same_message' }
  if (message.duplicateOf === of) return { ok: false, code: 'already_linked' }
  const event: TimelineEvent = {
    id: (context.createId ?? createId)(),
    type: 'duplicate',
    at: (context.now ?? new Date()).toISOString(),
    actor: { role: actor.role, ...(actor.id ? { id: actor.id } : {}), ...(actor.name ? { name: actor.name } : {}) },
    from: message.status,
    to: message.status,
    duplicateOf: of,
    ...(context.note ? { note: context.note } : {}),
  }
  return { ok: true, message: { ...message, duplicateOf: of, timeline: [...message.timeline, event] }, event }
}
