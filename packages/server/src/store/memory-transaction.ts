import type { Board, Message, ReplyTemplate } from '@liuyan/core'
import { keepStats, recountStats, type StatsEntry } from './memory-stats.js'
import { messageRow, type MessageRow } from './memory-rows.js'
import { appendOnlyTimeline, DUPLICATE_TRACKING_CODE, duplicateId, instant, NO_IDEMPOTENCY_CLAIM } from './shared.js'
import { Staged } from './memory-staged.js'
import type { IdempotencyRecord, StaffToken, StoredResponse, StoreTransaction } from './types.js'
import { idempotencyKey, MemoryReader, type Tables } from './memory-reader.js'

// The memory store's transaction (see memory.ts): writes into staged tables, applied at commit. @internal

/** A transaction's tables: staged over the committed ones. */
interface StagedTables extends Tables {
  boards: Staged<Board>
  messages: Staged<MessageRow>
  codes: Staged<string>
  tokens: Staged<StaffToken>
  idempotency: Staged<IdempotencyRecord>
  settings: Staged<string>
  templates: Staged<ReplyTemplate>
  stats: Staged<StatsEntry>
}

export class MemoryTransaction extends MemoryReader implements StoreTransaction {
  protected declare readonly tables: StagedTables
  readonly #nextSeq: () => number

  constructor(tables: StagedTables, check: () => void, nextSeq: () => number) {
    super(tables, check, nextSeq)
    this.#nextSeq = nextSeq
  }

  async putBoard(board: Board): Promise<void> {
    this.check()
    const moved = this.tables.boards.get(board.id)?.parentId !== board.parentId
    this.tables.boards.set(board.id, structuredClone(board))
    if (moved) recountStats(this.tables.stats, this.tables.boards, [...this.tables.messages.values()].map((row) => row.message))
  }

  async insertMessage(message: Message, trackingHash: string): Promise<void> {
    this.check()
    if (this.tables.messages.get(message.id)) throw new Error(duplicateId(message.id))
    if (this.tables.codes.get(trackingHash) !== undefined) throw new Error(DUPLICATE_TRACKING_CODE)
    this.tables.messages.set(message.id, messageRow(structuredClone(message), trackingHash, this.#nextSeq()))
    this.tables.codes.set(trackingHash, message.id)
    keepStats(this.tables.stats, this.tables.boards, undefined, message)
  }

  async updateMessage(message: Message, options: { trackingHash?: string } = {}): Promise<void> {
    this.check()
    const row = this.tables.messages.get(message.id)
    if (!row) throw new Error(`There is no message ${message.id} to update; insert it first`)
    const stored = row.message
    const timeline = appendOnlyTimeline(stored.timeline.length, message)
    const hash = options.trackingHash ?? row.trackingHash
    if (hash !== row.trackingHash) {
      if (this.tables.codes.get(hash) !== undefined) throw new Error(DUPLICATE_TRACKING_CODE)
      this.tables.codes.delete(row.trackingHash)
      this.tables.codes.set(hash, message.id)
    }
    const next = structuredClone({ ...message, timeline: [...stored.timeline, ...timeline] })
    this.tables.messages.set(message.id, messageRow(next, hash, row.seq))
    keepStats(this.tables.stats, this.tables.boards, stored, next)
  }

  async putSetting(name: string, value: string): Promise<void> {
    this.check()
    this.tables.settings.set(name, value)
  }

  async upgradeTrackingCodes(): Promise<number> {
    // A memory store is born at this version: it never held a code in the clear.
    this.check()
    return 0
  }

  async putToken(token: StaffToken): Promise<void> {
    this.check()
    this.tables.tokens.set(token.hash, structuredClone(token))
  }

  async deleteToken(tokenHash: string): Promise<boolean> {
    this.check()
    if (this.tables.tokens.get(tokenHash) === undefined) return false
    this.tables.tokens.delete(tokenHash)
    return true
  }

  async beginIdempotency(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    this.check()
    const key = idempotencyKey(record.scope, record.key)
    const existing = this.tables.idempotency.get(key)
    if (existing) return structuredClone(existing)
    instant(record.createdAt, 'createdAt')
    this.tables.idempotency.set(key, structuredClone(record))
    return undefined
  }

  async completeIdempotency(scope: string, key: string, response: StoredResponse): Promise<void> {
    this.check()
    const existing = this.tables.idempotency.get(idempotencyKey(scope, key))
    if (!existing) throw new Error(NO_IDEMPOTENCY_CLAIM)
    this.tables.idempotency.set(idempotencyKey(scope, key), { ...structuredClone(existing), state: 'done', response: structuredClone(response) })
  }

  async releaseIdempotency(scope: string, key: string): Promise<void> {
    this.check()
    this.tables.idempotency.delete(idempotencyKey(scope, key))
  }

  async expireIdempotency(before: string): Promise<number> {
    this.check()
    const beforeMs = instant(before, 'before')
    let count = 0
    for (const record of [...this.tables.idempotency.values()]) {
      if (instant(record.createdAt, 'createdAt') < beforeMs) {
        this.tables.idempotency.delete(idempotencyKey(record.scope, record.key))
        count++
      }
    }
    return count
  }

  async putReplyTemplate(template: ReplyTemplate): Promise<void> {
    this.check()
    this.tables.templates.set(template.id, structuredClone(template))
  }

  async deleteReplyTemplate(id: string): Promise<boolean> {
    this.check()
    if (this.tables.templates.get(id) === undefined) return false
    this.tables.templates.delete(id)
    return true
  }
}
