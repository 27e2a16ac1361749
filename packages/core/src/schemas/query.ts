import * as z from 'zod/mini'
import { checked, DateTimeSchema, DomainSchema, IdSchema, MessageStatusSchema, MessageTypeSchema, text } from './common.js'

const listQueryShape = {
  /** Only messages of this board and the boards below it. */
  boardId: z.optional(IdSchema),
  /** One status or several (sent as `status=replied,closed`). */
  status: z.optional(z.union([MessageStatusSchema, z.array(MessageStatusSchema)])),
  type: z.optional(MessageTypeSchema),
  domain: z.optional(DomainSchema),
  /**
   * Words to find in the title and text; Chinese needs no spaces (`路灯`). No control characters
   * (U+0000–U+001F, U+007F–U+009F): nobody types them, and a search index must not receive them.
   */
  keyword: z.optional(checked(text(1, 50), z.regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, { error: 'invalid_characters' }))),
  /** Only messages from this time on (inclusive). */
  from: z.optional(DateTimeSchema),
  /** Only messages before this time (exclusive). */
  to: z.optional(DateTimeSchema),
  /** Page size, 1–100. @default 20 */
  limit: z.optional(checked(z.int(), z.gte(1), z.lte(100))),
  /** The `nextCursor` of the previous page. */
  cursor: z.optional(checked(z.string(), z.minLength(1), z.maxLength(512))),
}

/**
 * Filters of the public list `GET /messages`. Unknown parameters are ignored.
 *
 * @example
 * ```ts
 * MessageListQuerySchema.parse({ boardId: '220100-gov', status: ['replied', 'closed'], limit: 20 })
 * ```
 */
export const MessageListQuerySchema = z.object(listQueryShape)
export type MessageListQuery = z.input<typeof MessageListQuerySchema>

/**
 * Filters of the staff inbox `GET /inbox`: those of the public list plus `overdue`.
 *
 * @example
 * ```ts
 * InboxQuerySchema.parse({ overdue: true })
 * ```
 */
export const InboxQuerySchema = z.object({
  ...listQueryShape,
  /** Only open messages past their deadline. */
  overdue: z.optional(z.boolean()),
})
export type InboxQuery = z.input<typeof InboxQuerySchema>
