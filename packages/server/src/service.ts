import {
  allowedActions,
  isPubliclyVisible,
  LIFECYCLE,
  toPublicMessage,
  toTrackedMessage,
  transition,
  type Board,
  type BoardStats,
  type DeadlineOptions,
  type DeadlinePolicy,
  type Locale,
  type Message,
  type MessageAction,
  type NewEvaluation,
  type NewFollowUp,
  type NewMessage,
  type Page,
  type PublicMessage,
  type StaffAction,
  type StaffActionResult,
  type SubmissionResult,
  type TrackedMessage,
} from '@liuyan/core'
import { ServiceError } from './errors.js'
import { dueBound, notFound, roleName, transitionProblem } from './service-rules.js'
import { createStaffToken, findPrincipal, sha256Hex, type NewStaffToken } from './staff-tokens.js'
import { TrackingCodes } from './tracking-codes.js'
import { randomTrackingKey } from './tracking-key.js'

import { descendantsOf, inScope, listFilters, loadBoardTree, type BoardTree } from './service/boards.js'
import { withOutbox } from './service/events.js'
import { newMessageOf } from './service/submission.js'
import type { BoardServiceOptions, CommitHook, InboxQuery, PublicListQuery, StaffPrincipal } from './service/types.js'
import type { StaffToken, Store, StoreReader, StoreTransaction } from './store/types.js'
import { DUPLICATE_TRACKING_CODE } from './store/shared.js'
export { TrackingKeyMismatchError } from './tracking-codes.js'

/** Runs of a submission whose fresh tracking code the store found taken. */
const SUBMIT_ATTEMPTS = 3
export { sha256Hex } from './staff-tokens.js'
export type { BoardServiceOptions, CommitHook, InboxQuery, PublicListQuery, StaffPrincipal } from './service/types.js'

/**
 * The board: every rule of the closed loop applied to a store, with no HTTP in it. The rules
 * themselves are @liuyan/core's (`transition`, `toPublicMessage`); the service adds scope, storage,
 * transactions and the tree of boards.
 *
 * @example
 * ```ts
 * const service = createBoardService({ store: createMemoryStore() })
 * const { trackingCode } = await service.submit(newMessage)
 * ```
 */
export class BoardService {
  readonly store: Store
  readonly #now: () => Date
  readonly #policy: Partial<DeadlinePolicy>
  readonly #calendar: DeadlineOptions
  readonly #codes: TrackingCodes
  #boards: BoardTree | undefined

  constructor(options: BoardServiceOptions) {
    this.store = options.store
    this.#now = options.now ?? (() => new Date())
    this.#policy = options.policy ?? {}
    // Field by field: a deployment that brings its own calendar set must not lose the fallback.
    this.#calendar = { ...options.calendar, outsideCalendar: options.calendar?.outsideCalendar ?? 'weekends' }
    this.#codes = new TrackingCodes(options.store, options.trackingKey ?? randomTrackingKey())
  }

  /** A transaction of the write path: its message changes append their events to the outbox. */
  #write<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.store.transaction((tx) => fn(withOutbox(tx, this.#now)))
  }

  /** {@link #write} for the service's own modules (bulk actions write their events too). @internal */
  write<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.#write(fn)
  }

  /**
   * Checks the tracking key against the store and hashes any tracking code an older version kept
   * in the clear. Runs once, before the first use of a tracking code; call it at start-up to fail
   * early. Rejects with {@link TrackingKeyMismatchError} when the store's codes were hashed under
   * another key.
   */
  ready(): Promise<void> {
    return this.#codes.ready()
  }

  /**
   * The keyed hash the store keeps of a tracking code (see `trackingKey`), for tools that write
   * messages to the store themselves (seeds, imports, benchmarks).
   */
  async hashTrackingCode(code: string): Promise<string> {
    await this.ready()
    return this.#codes.hash(code)
  }

  /** Encrypts a stored answer that carries a tracking code, bound to `context`. @internal */
  seal(context: string, text: string): Promise<string> {
    return this.#codes.seal(context, text)
  }

  /** Decrypts what {@link seal} stored for the same context. @internal */
  unseal(context: string, sealed: string): Promise<string> {
    return this.#codes.unseal(context, sealed)
  }

  /** The current time of the service's clock. */
  now(): Date {
    return this.#now()
  }

  /** The calendar options deadlines are counted with (for deadline escalation). */
  deadlineOptions(): DeadlineOptions {
    return this.#calendar
  }

  // ── Boards ────────────────────────────────────────────────────────────────────────────────

  async listBoards(): Promise<Board[]> {
    return (await this.#tree()).list
  }

  async getBoard(id: string): Promise<Board> {
    const board = (await this.#tree()).byId.get(id)
    if (!board) throw new ServiceError(404, 'not_found', `找不到留言对象 ${id}`)
    return board
  }

  /** The board and every board below it. */
  async descendants(id: string): Promise<string[]> {
    return descendantsOf(await this.#tree(), id)
  }

  /**
   * Figures of a board and every board below it, over the messages created on the days of
   * `range` (`YYYY-MM-DD` in China time, both inclusive; either may be left out).
   */
  async stats(id: string, range: { from?: string; to?: string } = {}): Promise<BoardStats> {
    await this.getBoard(id)
    return this.store.read.boardStats({ boardId: id, ...range, now: this.#now().toISOString() })
  }

  /** Adds or replaces boards (seeding, administration). */
  async putBoards(boards: readonly Board[]): Promise<void> {
    await this.store.transaction(async (tx) => {
      for (const board of boards) await tx.putBoard(board)
    })
    this.forgetBoards()
  }

  /**
   * Drops the service's copy of the board tree, so the next call reads the boards from the store
   * again. Call it after writing boards through `store.transaction` yourself ({@link putBoards}
   * does it for you); boards changed by another process still need a restart.
   *
   * @example
   * ```ts
   * await service.store.transaction(async (tx) => tx.putBoard(board))
   * service.forgetBoards()
   * ```
   */
  forgetBoards(): void {
    this.#boards = undefined
  }

  // ── Public ────────────────────────────────────────────────────────────────────────────────

  async listPublic(query: PublicListQuery): Promise<Page<PublicMessage>> {
    const page = await this.store.read.listMessages({
      ...(await this.#filters(query)),
      publicOnly: true,
    })
    return { items: page.items.map(toPublicMessage), nextCursor: page.nextCursor }
  }

  /**
   * The public list as the JSON text of a response body, `{"items":[…],"nextCursor":…}`: the same
   * page as {@link listPublic}, assembled from the public views the store keeps as JSON (each one
   * core's `toPublicMessage`), without parsing and serializing them again.
   */
  async listPublicJson(query: PublicListQuery): Promise<string> {
    const page = await this.store.read.listPublicJson({
      ...(await this.#filters(query)),
      publicOnly: true,
    })
    return `{"items":[${page.items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`
  }

  /** The public thread as JSON text: the same view as {@link getPublic}, from the store's JSON. */
  async getPublicJson(id: string): Promise<string> {
    const json = await this.store.read.getPublicJson(id)
    // Unreviewed, refused and unconsented messages do not exist for the public.
    if (json === undefined) throw notFound()
    return json
  }

  async getPublic(id: string): Promise<PublicMessage> {
    const message = await this.store.read.getMessage(id)
    // Unreviewed, refused and unconsented messages do not exist for the public.
    if (!message || !isPubliclyVisible(message)) throw notFound()
    return toPublicMessage(message)
  }

  /**
   * Stores a citizen's submission (already validated with `NewMessageSchema`) as `pending`.
   */
  async submit(input: NewMessage, hook?: CommitHook<SubmissionResult>): Promise<SubmissionResult> {
    const message = newMessageOf(input, (await this.#tree()).byId.get(input.boardId), this.#now().toISOString())
    await this.ready()
    // 57^12 codes make a clash unlikely: the code is not looked up first (a round trip of every
    // submission); the store's insert refuses a hash taken, and the submission runs again with another.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#write(async (tx) => {
          const code = await this.#codes.fresh()
          await tx.insertMessage(message, code.hash)
          const result: SubmissionResult = { id: message.id, status: message.status, trackingCode: code.code, createdAt: message.createdAt }
          await hook?.(tx, result)
          return result
        })
      } catch (error) {
        if (attempt >= SUBMIT_ATTEMPTS || (error as Error | undefined)?.message !== DUPLICATE_TRACKING_CODE) throw error
      }
    }
  }

  // ── The author, by tracking code ──────────────────────────────────────────────────────────

  /** The author's view by tracking code; a refusal's standard reason is worded in `locale`. */
  async track(code: string, locale?: Locale): Promise<TrackedMessage> {
    await this.ready()
    const { message, normalized } = await this.#byCode(this.store.read, code)
    return toTrackedMessage(message, normalized, locale)
  }

  async followUp(code: string, input: NewFollowUp, hook?: CommitHook<TrackedMessage>, locale?: Locale): Promise<TrackedMessage> {
    return this.#citizenAct(code, { action: 'follow-up', ...input }, hook, locale)
  }

  async evaluate(code: string, input: NewEvaluation, hook?: CommitHook<TrackedMessage>, locale?: Locale): Promise<TrackedMessage> {
    return this.#citizenAct(code, { action: 'evaluate', ...input }, hook, locale)
  }

  async #citizenAct(code: string, action: MessageAction, hook?: CommitHook<TrackedMessage>, locale?: Locale): Promise<TrackedMessage> {
    await this.ready()
    return this.#write(async (tx) => {
      const { message, normalized } = await this.#byCode(tx, code)
      const result = transition(message, action, { actor: { role: 'citizen' }, now: this.#now(), calendar: this.#calendar })
      if (!result.ok) throw transitionProblem(result.error)
      await tx.updateMessage(result.message)
      const view = toTrackedMessage(result.message, normalized, locale)
      await hook?.(tx, view)
      return view
    })
  }

  async #byCode(reader: StoreReader, code: string): Promise<{ message: Message; normalized: string }> {
    // The caller awaited ready(): it cannot run inside a transaction, which it would wait for.
    const found = await this.#codes.find(reader, code)
    if (!found) throw new ServiceError(404, 'not_found', '查询码不正确或留言不存在，请核对后重新输入')
    return found
  }

  // ── Staff ─────────────────────────────────────────────────────────────────────────────────

  /** The staff member a bearer token belongs to, or undefined for an unknown token. */
  async authenticate(token: string): Promise<StaffPrincipal | undefined> {
    return findPrincipal(this.store.read, token, (id) => this.descendants(id))
  }

  /**
   * Creates a staff token: 32 random bytes, base64url. Only its SHA-256 is stored; the token is
   * returned once and cannot be recovered. Giving a `token` sets it instead (demos, tests); a token
   * created again replaces the roles and boards of the stored one.
   *
   * Every id of `boardIds` must be a board of the store: a mistyped id would give a token that
   * quietly sees nothing. Likewise `roles` must name at least one role, each of them one of
   * `reviewer`, `handler` and `supervisor`: a mistyped role would give a token that quietly cannot
   * act. Otherwise throws a {@link ServiceError} (422 `validation_failed`) with one issue
   * `too_small` at `['roles']` for an empty list, one `unknown_role` per unknown role at
   * `['roles', index]` and one `unknown_board` per unknown id at `['boardIds', index]`, all found
   * at once, and stores nothing.
   *
   * @example
   * ```ts
   * const { token } = await service.createToken({ label: '朝阳区城市管理局 办理', roles: ['handler'], boardIds: ['220104-cgj'] })
   * ```
   */
  async createToken(input: NewStaffToken): Promise<{ token: string; record: StaffToken }> {
    return createStaffToken(this.store, this.#now().toISOString(), input)
  }

  /**
   * Every staff token, oldest first: its hash, label, roles, boards and creation time. Only the
   * hash of a token is ever stored, so nothing returned can be used to sign in; find a token to
   * revoke by its label or by the start of its hash.
   *
   * @example
   * ```ts
   * for (const { hash, label } of await service.listTokens()) console.log(hash.slice(0, 12), label)
   * ```
   */
  async listTokens(): Promise<StaffToken[]> {
    return this.store.read.listTokens()
  }

  /**
   * Revokes a staff token, by the token itself or by the hex SHA-256 the store keeps (what an
   * operator finds in the database when the token is lost). Takes effect at the next request: every
   * request looks its token up again. Resolves `true` when a token was removed, `false` when there
   * was none.
   *
   * @example
   * ```ts
   * await service.revokeToken({ token })                // true
   * await service.revokeToken({ hash: 'a3f1…' })        // false: already gone
   * ```
   */
  async revokeToken(which: { token: string } | { hash: string }): Promise<boolean> {
    const hash = 'token' in which ? await sha256Hex(which.token) : which.hash.trim().toLowerCase()
    return this.store.transaction((tx) => tx.deleteToken(hash))
  }

  async inbox(staff: StaffPrincipal, query: InboxQuery): Promise<Page<Message>> {
    if (query.boardId && !staff.boardIds.has(query.boardId)) throw notFound('找不到该留言对象')
    const filters = await this.#filters(query)
    return this.store.read.listMessages({
      ...filters,
      boardIds: filters.boardIds ?? staff.rootBoardIds,
      ...(query.overdue || query.dueWithin !== undefined ? { overdueAt: dueBound(this.#now(), query, this.#calendar) } : {}),
      ...(query.supervised ? { supervised: true } : {}),
      ...(query.sort === 'due' ? { sort: 'due' as const } : {}),
    })
  }

  async getForStaff(staff: StaffPrincipal, id: string): Promise<Message> {
    const message = await this.store.read.getMessage(id)
    if (!message || !inScope(staff, message)) throw notFound()
    return message
  }

  /** What this staff member may do with the message now (union over their roles). */
  allowedFor(staff: StaffPrincipal, message: Message): string[] {
    const names = new Set<string>()
    for (const role of staff.roles) for (const name of allowedActions(message, role)) names.add(name)
    return [...names]
  }

  /**
   * Applies one staff action within the staff member's scope. Another board's message answers
   * 404 (its existence is not revealed); a role the action needs and the token lacks answers 403.
   */
  async act(staff: StaffPrincipal, id: string, action: StaffAction, hook?: CommitHook<StaffActionResult>): Promise<StaffActionResult> {
    if (action.action === 'reissue-code') await this.ready()
    return this.#write(async (tx) => {
      const answer = await this.applyAction(tx, staff, id, action)
      await hook?.(tx, answer)
      return answer
    })
  }

  /**
   * {@link act} inside the caller's transaction (bulk actions apply one per message): writes the
   * message only once every check passed, else throws the {@link ServiceError} `act` answers.
   * @internal
   */
  async applyAction(tx: StoreTransaction, staff: StaffPrincipal, id: string, action: StaffAction): Promise<StaffActionResult> {
    const rule = LIFECYCLE[action.action]
    const role = staff.roles.find((r) => rule.roles.includes(r))
    const message = await tx.getMessage(id)
    if (!message || !inScope(staff, message)) throw notFound()
    if (!role) throw new ServiceError(403, 'forbidden', `此操作需要${rule.roles.map(roleName).join('或')}权限`)
    const tree = await this.#tree()
    if (action.action === 'assign' || action.action === 'transfer') {
      const target = tree.byId.get(action.boardId)
      if (!target || !target.acceptsMessages) {
        throw new ServiceError(422, 'validation_failed', '提交的内容有误', [{ path: ['boardId'], code: 'unknown_unit', message: '请选择有效的办理单位' }])
      }
    }
    const handling = tree.byId.get(message.assigneeBoardId ?? message.boardId)
    const own = tree.byId.get(message.boardId)
    const result = transition(message, action, {
      actor: { role, id: staff.tokenHash.slice(0, 12), name: staff.label },
      now: this.#now(),
      policy: { ...this.#policy, ...own?.deadlines },
      calendar: this.#calendar,
      publishOnAccept: own?.publication !== 'review',
      ...(handling ? { organization: handling.name } : {}),
    })
    if (!result.ok) throw transitionProblem(result.error)
    if (action.action !== 'reissue-code') {
      await tx.updateMessage(result.message)
      return result.message
    }
    // The old code stops working in the transaction that records why.
    const code = await this.#codes.create(tx)
    await tx.updateMessage(result.message, { trackingHash: code.hash })
    return { ...result.message, trackingCode: code.code }
  }

  // ── Internals ─────────────────────────────────────────────────────────────────────────────

  async #filters(query: PublicListQuery) {
    return listFilters(query, query.boardId ? (await this.getBoard(query.boardId)).id : undefined)
  }

  async #tree(): Promise<BoardTree> {
    this.#boards ??= await loadBoardTree(this.store.read)
    return this.#boards
  }
}

/** Creates a {@link BoardService}. */
export function createBoardService(options: BoardServiceOptions): BoardService {
  return new BoardService(options)
}
