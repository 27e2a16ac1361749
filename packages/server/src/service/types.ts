// The service's options and the shapes its callers pass (docs/architecture.md): re-exported by
// `service.ts`, so callers import them from there.
import type { DeadlineOptions, DeadlinePolicy, StaffRole } from '@liuyan/core'
import type { MessageQuery, Store, StoreTransaction } from '../store/types.js'
import type { TrackingKey } from '../tracking-key.js'

/** Options of {@link createBoardService}. */
export interface BoardServiceOptions {
  /** Where boards, messages, tokens and idempotency records live. */
  store: Store
  /**
   * The clock. Tests and demos may pin it.
   * @default () => new Date()
   */
  now?: () => Date
  /** Working days per message type for every board; a board's own `deadlines` win. */
  policy?: Partial<DeadlinePolicy>
  /**
   * Calendar options for deadlines, each with its own default: `calendar` is the set of holiday
   * calendars to count with (by default core's process-wide set, which `registerCalendar` extends),
   * and `outsideCalendar` what to do in a year that set does not know. Unlike core, whose default is
   * `'throw'`, the service counts weekends only in such a year, so a server keeps accepting messages
   * on 1 January, and deadlines that reach into next year keep working, before the new notice is
   * registered. Giving only `calendar` keeps that fallback; give `outsideCalendar: 'throw'` as well
   * to refuse to compute such deadlines instead (the action then answers `deadline_unavailable`).
   * @default { calendar: the process-wide set, outsideCalendar: 'weekends' }
   * @example
   * ```ts
   * createBoardService({ store, calendar: { calendar: createWorkCalendar([...BUILT_IN_CALENDARS, y2027]) } })
   * ```
   */
  calendar?: DeadlineOptions
  /**
   * The secret under which tracking codes are stored (an HMAC of each code; at least 32 bytes).
   * A store that outlives the process needs the same key at every start, or no author's code
   * works any more: the service keeps a check value in the store and refuses another key
   * (`ready()` rejects). `liuyan-server` keeps one in a file beside the database or reads
   * `LIUYAN_TRACKING_KEY`. Keep it apart from the database's backups: with both, codes can be
   * tried offline.
   * @default a random key for this service alone (right for memory stores, tests and msw)
   */
  trackingKey?: TrackingKey
}

/** A staff member, as authenticated from a bearer token. */
export interface StaffPrincipal {
  /** Hex SHA-256 of the token: identifies the principal without the secret. */
  tokenHash: string
  label: string
  roles: readonly StaffRole[]
  /** The boards covered, expanded to every descendant. */
  boardIds: ReadonlySet<string>
  /** The token's own boards, each standing for its subtree (what store queries take). */
  rootBoardIds: readonly string[]
}

/**
 * Filters of the public list: the store's filters a caller may set, with one board (it
 * stands for its subtree) in place of the store's `boardIds`.
 */
export interface PublicListQuery extends Pick<MessageQuery, 'statuses' | 'type' | 'domain' | 'keyword' | 'from' | 'to' | 'limit' | 'cursor'> {
  /** A board, with every board below it. */
  boardId?: string
}

/** Filters of the staff inbox. */
export interface InboxQuery extends PublicListQuery {
  /** Only open messages past their deadline. */
  overdue?: boolean
  /** Only open messages due by the end of the nth working day from today, the overdue included. */
  dueWithin?: number
  /** Only messages under supervision (督办). */
  supervised?: boolean
  /** `due`: open messages by deadline, the earliest first, then the others. Default: newest first. */
  sort?: 'created' | 'due'
}

/** Lets the HTTP layer write its idempotency record in the transaction of the change. */
export type CommitHook<T> = (tx: StoreTransaction, result: T) => Promise<void>
