// Which escalation rules apply to a message (docs/architecture.md §7, deadline escalation).
import type { Board, EscalationPolicy, Message } from '@liuyan/core'

/** The rules in force for one message: every field decided. */
export type ResolvedEscalation = Required<EscalationPolicy>

/**
 * The server's defaults: `deadline.approaching` and an automatic 催办 two working days before a
 * deadline; `deadline.overdue` once it passed, without an automatic 督办 unless a board asks.
 */
export const DEFAULT_ESCALATION: Readonly<ResolvedEscalation> = Object.freeze({ approachingDays: 2, superviseOverdue: false })

/**
 * The rules of the board that handles the message (its assigned unit, else its own board), field
 * by field from the nearest board that sets them, walking up the tree, then the server's defaults.
 */
export function escalationOf(
  message: Pick<Message, 'boardId' | 'assigneeBoardId'>,
  boards: ReadonlyMap<string, Board>,
  defaults: ResolvedEscalation = DEFAULT_ESCALATION,
): ResolvedEscalation {
  let approachingDays: number | undefined
  let superviseOverdue: boolean | undefined
  const seen = new Set<string>()
  for (let id: string | null | undefined = message.assigneeBoardId ?? message.boardId; id && !seen.has(id); ) {
    seen.add(id)
    const board = boards.get(id)
    if (!board) break
    approachingDays ??= board.escalation?.approachingDays
    superviseOverdue ??= board.escalation?.superviseOverdue
    id = board.parentId
  }
  return {
    approachingDays: approachingDays ?? defaults.approachingDays,
    superviseOverdue: superviseOverdue ?? defaults.superviseOverdue,
  }
}
