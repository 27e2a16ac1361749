import * as z from 'zod/mini'
import { MESSAGE_TYPES } from '../enums.js'
import { checked, DomainSchema, IdSchema, MessageTypeSchema, RegionCodeSchema, text } from './common.js'

/** The levels of the board tree: ministries stand apart from the local province → unit chain. */
export const BOARD_LEVELS = ['ministry', 'province', 'city', 'county', 'unit'] as const
export type BoardLevel = (typeof BOARD_LEVELS)[number]

/** Whether a board is a leader's (e.g. 市长) or an agency's (e.g. 市住建局). */
export const BOARD_KINDS = ['leader', 'agency'] as const
export type BoardKind = (typeof BOARD_KINDS)[number]

/** When a board's messages become public; see {@link BoardSchema}'s `publication`. */
export const BOARD_PUBLICATION = ['on-accept', 'review'] as const
export type BoardPublication = (typeof BOARD_PUBLICATION)[number]

/* @__NO_SIDE_EFFECTS__ */
function workingDays() {
  return checked(z.int(), z.gte(1), z.lte(60))
}

/** Working days allowed per message type; a board may override any of them. */
export const DeadlinePolicySchema = z.partialRecord(MessageTypeSchema, workingDays())

/**
 * Deadline escalation of a board's messages (docs/architecture.md §7): `approachingDays` working
 * days before a deadline the server emits `deadline.approaching` and records an automatic 催办
 * (0 turns it off); once a deadline passes it emits `deadline.overdue` and, with
 * `superviseOverdue`, puts the message under an automatic 督办 that the parent board's supervisors
 * see. Absent fields take the server's defaults.
 */
export const EscalationPolicySchema = z.strictObject({
  approachingDays: z.optional(checked(z.int(), z.gte(0), z.lte(10))),
  superviseOverdue: z.optional(z.boolean()),
})
export type EscalationPolicy = z.infer<typeof EscalationPolicySchema>

/**
 * A message board (留言对象): a leader or an agency, in a tree, with a GB/T 2260 region code.
 *
 * @example
 * ```ts
 * const board: Board = {
 *   id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city',
 *   parentId: '220000-gov', region: '220100', acceptsMessages: true,
 * }
 * ```
 */
export const BoardSchema = z.object({
  id: IdSchema,
  name: text(1, 100),
  kind: z.enum(BOARD_KINDS),
  level: z.enum(BOARD_LEVELS),
  /** The parent board, or null at the root of the tree. */
  parentId: z.nullable(IdSchema),
  /** GB/T 2260 six-digit region code. */
  region: RegionCodeSchema,
  acceptsMessages: z.boolean(),
  description: z.optional(text(1, 500)),
  /** Working days per message type, where this board differs from the default policy. */
  deadlines: z.optional(DeadlinePolicySchema),
  /**
   * When its messages become public: `on-accept` publishes a consented message when review passes
   * (受理); `review` leaves publication to a separate `publish` action, so a reviewer can first set
   * the public copy (redaction). Absent means `on-accept`.
   */
  publication: z.optional(z.enum(BOARD_PUBLICATION)),
  /** Deadline escalation, where this board differs from the server's defaults. */
  escalation: z.optional(EscalationPolicySchema),
})
export type Board = z.infer<typeof BoardSchema>

/* @__NO_SIDE_EFFECTS__ */
function count() {
  return checked(z.int(), z.gte(0))
}

/**
 * Figures of a board and its descendants (`GET /boards/{id}/stats`): the messages submitted on the
 * days asked (all days unless `from`/`to`) whose board or assigned unit is in the subtree, each
 * once (docs/architecture.md §6).
 *
 * @example
 * ```ts
 * `${Math.round(stats.replyRate * 100)}%` // '87%'
 * ```
 */
export const BoardStatsSchema = z.object({
  boardId: IdSchema,
  /** Accepted messages (not counting those awaiting review or refused). */
  received: count(),
  /** Messages with at least one official reply. */
  replied: count(),
  /** replied / received, 0–1; 0 when nothing was received. */
  replyRate: checked(z.number(), z.gte(0), z.lte(1)),
  /**
   * Median working days from acceptance to reply (core's `workingDaysBetween`: 0 on the day of
   * acceptance, N on the Nth working day after it), whole or half days; null before any reply.
   */
  medianReplyWorkingDays: z.nullable(checked(z.number(), z.gte(0))),
  /** Of those received, open now with their deadline passed. */
  overdue: count(),
  satisfaction: z.object({
    /** Mean overall score, 1–5; null before any evaluation. */
    average: z.nullable(checked(z.number(), z.gte(1), z.lte(5))),
    count: count(),
    /** Number of evaluations per overall score. */
    distribution: z.object({ 1: count(), 2: count(), 3: count(), 4: count(), 5: count() }),
  }),
  byType: z.optional(z.partialRecord(MessageTypeSchema, count())),
  byDomain: z.optional(z.partialRecord(DomainSchema, count())),
})
export type BoardStats = z.infer<typeof BoardStatsSchema>

/** The message types, for consumers that iterate a policy. */
export const POLICY_TYPES = MESSAGE_TYPES
