// The rows of the memory store: a message with the values its queries need, computed once.
import { toPublicMessage, type Message } from '@liuyan/core'
import { instant, publicSortTime, searchText } from './shared.js'

/** A stored message with the values its queries need, computed once when it is written. */
export interface MessageRow {
  message: Message
  /** The keyed hash of the message's tracking code. */
  trackingHash: string
  /** Insertion order: breaks ties of equal times, newest first. */
  seq: number
  createdMs: number
  /** Set only while the message is publicly visible. */
  publishedMs: number | undefined
  dueMs: number | undefined
  searchText: string
  /**
   * `JSON.stringify(toPublicMessage(message))`, rendered on first public read. A row is never
   * changed after it is made (an update makes a new row), so the text cannot go stale.
   */
  publicJson?: string
}

export function messageRow(message: Message, trackingHash: string, seq: number): MessageRow {
  return {
    message,
    trackingHash,
    seq,
    createdMs: instant(message.createdAt, 'createdAt'),
    publishedMs: publicSortTime(message),
    dueMs: message.dueAt === undefined ? undefined : instant(message.dueAt, 'dueAt'),
    searchText: searchText(message),
  }
}

/** The row's public view as JSON: core's toPublicMessage, rendered once per row. */
export function publicJson(row: MessageRow): string {
  return (row.publicJson ??= JSON.stringify(toPublicMessage(row.message)))
}
