// The public reads of the views, a page of the list, a board's figures and a message, through the SDK
// (a given client, else the element's own). The script-tag build swaps this module for
// reads.fetch.ts (scripts/build-script-tag.mjs), which sends the same three GETs on the SDK's rules
// and errors (`@liuyan/client/http`) without its client and resources, so that the first view of
// the script tag and the thread's chunk do not carry them (docs/architecture.md, widget).
import { createPublicClient, type PublicClient } from '@liuyan/client'
import type { BoardStats, Locale, MessageListQuery, Page, PublicMessage } from '@liuyan/core'
import { clientFor } from './clients.js'

/** What a read needs: a client given to the element (or shared with it), else the API's URL and the language. */
export interface ReadContext {
  client: PublicClient | undefined
  baseUrl: string
  locale: Locale
}

const client = (context: ReadContext) => context.client ?? clientFor(context.baseUrl, context.locale, createPublicClient)

/** A page of public messages (`GET /messages`). */
export const listMessages = (context: ReadContext, query: MessageListQuery): Promise<Page<PublicMessage>> =>
  Promise.resolve(client(context).messages.list(query))

/** A board's figures (`GET /boards/{id}/stats`). */
export const boardStats = (context: ReadContext, board: string): Promise<BoardStats> => client(context).boards.stats(board)

/** A public message with its thread (`GET /messages/{id}`). */
export const getMessage = (context: ReadContext, id: string): Promise<PublicMessage> => client(context).messages.get(id)
