// Private: the schemas of what a citizen's page sends (list filters, a message, a follow-up, a
// rating), loaded on the first check (validate.ts).
import { BoardStatsQuerySchema, MessageListQuerySchema, NewEvaluationSchema, NewFollowUpSchema, NewMessageSchema } from '@liuyan/core'
export { checkWith } from './check.js'

export const INPUTS = {
  messageListQuery: MessageListQuerySchema,
  boardStatsQuery: BoardStatsQuerySchema,
  newMessage: NewMessageSchema,
  followUp: NewFollowUpSchema,
  evaluation: NewEvaluationSchema,
}
