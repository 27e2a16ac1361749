import { MessageSchema, type Message } from '@liuyan/core'
import type { Store } from '../store/types.js'
import type { ReadRecord } from './records.js'

/** What every import takes besides its records and mapping. */
export interface ImportOptions {
  /** Records per transaction. @default 1000 */
  batchSize?: number
  /** After each batch, with the report so far. */
  onProgress?(report: Readonly<ImportReport>): void
  /** Each skipped record, as it is skipped (the report keeps only the first {@link SKIPPED_KEPT}). */
  onSkip?(skip: SkippedRecord): void
}

export interface SkippedRecord {
  /** Line of the import file where the record starts (or its place in a document's list, from 1). */
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
  /** How many were skipped for each reason (reasons that name a record count apart). */
  skippedByReason: Record<string, number>
}

/** How many skipped records a report lists: the rest only count, so memory stays bounded. */
export const SKIPPED_KEPT = 100

/** A record's message, or why there is none (with the reason's kind, for counting, when it names the record). */
export type Mapped = Message | { reason: string; kind?: string }

/**
 * Writes the messages of `records` in batches of one transaction each. A message whose id the store
 * has is counted, not written again, so a second run of the same records adds nothing. A record
 * that cannot be mapped, or whose message is not a valid `Message`, is skipped with its line and
 * the reason; nothing stops the run but the store failing.
 */
export async function importMessages(store: Store, records: AsyncIterable<ReadRecord>, map: (value: unknown) => Mapped, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { read: 0, imported: 0, alreadyThere: 0, skippedCount: 0, skipped: [], skippedByReason: {} }
  const skip = (line: number, reason: string, kind = reason) => {
    report.skippedCount++
    report.skippedByReason[kind] = (report.skippedByReason[kind] ?? 0) + 1
    const skipped = { line, reason }
    if (report.skipped.length < SKIPPED_KEPT) report.skipped.push(skipped)
    options.onSkip?.(skipped)
  }
  const size = options.batchSize ?? 1000
  let batch = new Map<string, Message>()
  const write = async () => {
    const pending = [...batch.values()]
    batch = new Map()
    await store.transaction(async (tx) => {
      for (const message of pending) {
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
      const mapped = checked(map(record.value))
      if ('reason' in mapped) skip(record.line, mapped.reason, mapped.kind)
      else if (batch.has(mapped.id)) report.alreadyThere++
      else batch.set(mapped.id, mapped)
    }
    if (batch.size >= size) await write()
  }
  await write()
  return report
}

function checked(mapped: Mapped): Mapped {
  if ('reason' in mapped) return mapped
  const result = MessageSchema.safeParse(mapped)
  if (result.success) return result.data
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ')
  return { reason: `the record does not make a valid message: check ${fields}` }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))
/** Random bytes drawn 64 KiB at a time (the most one getRandomValues gives), 32 per hash. */
let pool = new Uint8Array(0)
let used = 0

/** 64 random hex digits: the hash of no tracking code anyone holds. */
function unknowableHash(): string {
  if (used + 32 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(65_536))
    used = 0
  }
  let hex = ''
  for (let i = used; i < used + 32; i++) hex += HEX[pool[i]!]
  used += 32
  return hex
}

/** Thrown before anything is written when an import cannot start (e.g. a board that does not exist). */
export class ImportSetupError extends Error {
  override name = 'ImportSetupError'
}

/** Checks that the boards an import writes to exist. */
export async function checkBoards(store: Store, ids: readonly string[]): Promise<void> {
  for (const id of new Set(ids)) {
    if (!(await store.read.getBoard(id))) throw new ImportSetupError(`there is no board "${id}" in the database to import into`)
  }
}
