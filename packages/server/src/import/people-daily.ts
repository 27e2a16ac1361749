import { fromPeopleDailyItem, isLiuyanCoreError, type Message, type MessageType, type PublicMessage } from '@liuyan/core'
import type { Store } from '../store/types.js'
import { checkBoards, importMessages, type ImportOptions, type ImportReport, type Mapped } from './batch.js'
import type { ReadRecord } from './records.js'

export { ImportSetupError, SKIPPED_KEPT, type ImportReport, type SkippedRecord } from './batch.js'

/** Where the records of People's Daily forums go. */
export type BoardChoice = { board: string } | { boardMap: Readonly<Record<string, string>> }

export interface PeopleDailyImportOptions extends ImportOptions {
  /** One board for every record, or a board per forum (`fid`). */
  boards: BoardChoice
  /** Message type for a `typeName` Liuyan does not know (e.g. 两会); without it such records are skipped. */
  fallbackType?: MessageType
}

/** The id an imported record gets: its People's Daily thread id, marked as such. */
export function importedMessageId(tid: string): string {
  return `rmw-${tid}`
}

/**
 * Imports People's Daily board records into the store (see {@link importMessages}): every record
 * through core's `fromPeopleDailyItem` (masked as any public text), stored as a published message
 * of the chosen board, with the id `rmw-<tid>`.
 */
export async function importPeopleDaily(store: Store, records: AsyncIterable<ReadRecord>, options: PeopleDailyImportOptions): Promise<ImportReport> {
  await checkBoards(store, 'board' in options.boards ? [options.boards.board] : Object.values(options.boards.boardMap))
  return importMessages(store, records, (value) => toMessage(value, options), options)
}

/** The stored message of a record, or why there is none. */
function toMessage(value: unknown, options: PeopleDailyImportOptions): Mapped {
  let record: PublicMessage
  try {
    record = fromPeopleDailyItem(value, options.fallbackType ? { fallbackType: options.fallbackType } : {})
  } catch (error) {
    if (isLiuyanCoreError(error)) return { reason: error.message, kind: error.message.replace(/^Record \S+ /, 'the record ') }
    throw error
  }
  const fid = String((value as { fid: unknown }).fid)
  const boardId = 'board' in options.boards ? options.boards.board : options.boards.boardMap[fid]
  if (!boardId) return { reason: `forum ${fid} has no board in the board map` }
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
  return message
}
