import { fromPeopleDailyItem, isLiuyanCoreError, MessageSchema, type Message, type MessageType, type PublicMessage } from '@liuyan/core'
import type { Store } from '../store/types.js'
import type { ReadRecord } from './records.js'

/** Where the records of People's Daily forums go. */
export type BoardChoice = { board: string } | { boardMap: Readonly<Record<string, string>> }

export interface PeopleDailyImportOptions {
  /** One board for every record, or a board per forum (`fid`). */
  boards: BoardChoice
  /** Message type for a `typeName` Liuyan does not know (e.g. 两会); without it such records are skipped. */
  fallbackType?: MessageType
  /** Records per transaction. @default 1000 */
  batchSize?: number
  /** After each batch: how many records were read so far. */
  onProgress?(report: Readonly<ImportReport>): void
  /** Each skipped record, as it is skipped (the report keeps only the first {@link SKIPPED_KEPT}). */
  onSkip?(skip: SkippedRecord): void
}

export interface SkippedRecord {
  /** Line of the import file where the record starts. */
  line: number
  /** Why it was not imported, without quoting the record. */
  reason: string
}

export interface ImportReport {
  /** Records read, good and bad. */
  read: number
  imported: number
  /** Records whose message the store has already: an earlier run imported them. */
  alreadyThere: number
  skippedCount: number
  /** The first {@link SKIPPED_KEPT} skipped records. */
  skipped: SkippedRecord[]
  /** How many were skipped for each reason (reasons that name a record's field or value count apart). */
  skippedByReason: Record<string, number>
}

/** How many skipped records a report lists: the rest only count, so memory stays bounded. */
export const SKIPPED_KEPT = 100

/** The id an imported record gets: its People's Daily thread id, marked as such. */
export function importedMessageId(tid: string): string {
  return `rmw-${tid}`
}

/**
 * Imports People's Daily board records into the store, in batches of one transaction each: every
 * record through core's `fromPeopleDailyItem` (masked as any public text), stored as a published
 * message of the chosen board. A record whose message is stored already is counted, not written
 * again, so a second run of the same file adds nothing. A record that cannot be imported is
 * skipped with its line and the reason; nothing stops the run but the store failing.
 */
export async function importPeopleDaily(store: Store, records: AsyncIterable<ReadRecord>, options: PeopleDailyImportOptions): Promise<ImportReport> {
  const report: ImportReport = { read: 0, imported: 0, alreadyThere: 0, skippedCount: 0, skipped: [], skippedByReason: {} }
  const skip = (line: number, reason: string, kind = reason) => {
    report.skippedCount++
    report.skippedByReason[kind] = (report.skippedByReason[kind] ?? 0) + 1
    const skipped = { line, reason }
    if (report.skipped.length < SKIPPED_KEPT) report.skipped.push(skipped)
    options.onSkip?.(skipped)
  }
  await checkBoards(store, options.boards)
  const size = options.batchSize ?? 1000
  let batch: { line: number; message: Message }[] = []
  const write = async () => {
    const pending = batch
    batch = []
    await store.transaction(async (tx) => {
      for (const { message } of pending) {
        if (await tx.getMessage(message.id)) {
          report.alreadyThere++
          continue
        }
        // The author of an imported record has no tracking code: store a hash no code has.
        await tx.insertMessage(message, unknowableHash())
        report.imported++
      }
    })
    options.onProgress?.(report)
  }
  for await (const record of records) {
    report.read++
    if ('error' in record) skip(record.line, record.error)
    else {
      const mapped = toMessage(record.value, options)
      if (typeof mapped === 'string') skip(record.line, mapped, mapped.replace(/^Record \S+ /, 'the record '))
      else if (batch.some((b) => b.message.id === mapped.id)) report.alreadyThere++
      else batch.push({ line: record.line, message: mapped })
    }
    if (batch.length >= size) await write()
  }
  await write()
  return report
}

/** 64 random hex digits: the hash of no tracking code anyone holds. */
function unknowableHash(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('')
}

async function checkBoards(store: Store, boards: BoardChoice): Promise<void> {
  const ids = 'board' in boards ? [boards.board] : [...new Set(Object.values(boards.boardMap))]
  for (const id of ids) {
    if (!(await store.read.getBoard(id))) throw new ImportSetupError(`there is no board "${id}" in the database to import into`)
  }
}

/** The import cannot start (a board that does not exist): nothing was written. */
export class ImportSetupError extends Error {
  override name = 'ImportSetupError'
}

/** The stored message of a record, or why there is none. */
function toMessage(value: unknown, options: PeopleDailyImportOptions): Message | string {
  let record: PublicMessage
  try {
    record = fromPeopleDailyItem(value, options.fallbackType ? { fallbackType: options.fallbackType } : {})
  } catch (error) {
    if (isLiuyanCoreError(error)) return error.message
    throw error
  }
  const fid = String((value as { fid: unknown }).fid)
  const boardId = 'board' in options.boards ? options.boards.board : options.boards.boardMap[fid]
  if (!boardId) return `forum ${fid} has no board in the board map`
  // The record was on the public board, so it is published; when the list did not say when review
  // passed, the message counts as reviewed and published when it was written.
  const publishedAt = record.publishedAt ?? record.createdAt
  const message: Message = {
    id: importedMessageId(record.id),
    boardId,
    type: record.type,
    domain: record.domain,
    title: record.title,
    content: record.content,
    images: [],
    imagesPublic: false,
    author: { nickname: record.author.nickname, maskNickname: false },
    publish: true,
    channel: record.channel,
    status: record.status,
    createdAt: record.createdAt,
    reviewedAt: publishedAt,
    publishedAt,
    supervised: false,
    reminders: 0,
    posts: record.posts,
    timeline: record.timeline,
    ...(record.repliedAt ? { repliedAt: record.repliedAt } : {}),
    ...(record.evaluation ? { evaluation: record.evaluation } : {}),
  }
  const checked = MessageSchema.safeParse(message)
  if (!checked.success) {
    const fields = [...new Set(checked.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ')
    return `the record does not make a valid message: check ${fields}`
  }
  return checked.data
}
