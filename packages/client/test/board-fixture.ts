/**
 * What every SDK test board is, wherever it runs: the shape of a board (the Node one in board.ts,
 * the one reached from inside workerd in workerd/board.ts) and the describe-block fixture over it.
 */
import type { NewMessageInput, SubmissionResult } from '@liuyan/core'
import type { BoardService, RequestLogEntry, StaffPrincipal } from '@liuyan/server'
import { afterAll, beforeAll } from 'vitest'
import type { ClientOptions, LiuyanClient } from '../src/index.js'
import type { TOKENS } from './board-data.js'

export interface TestBoard {
  service: BoardService
  /** e.g. `http://127.0.0.1:41234` */
  origin: string
  /** origin + `/api/v1` */
  baseUrl: string
  /** The server's request log. */
  logs: RequestLogEntry[]
  /** Every role on every local board. */
  admin: StaffPrincipal
  /** A client of this board; `as` picks a staff token. */
  client(options?: Partial<ClientOptions> & { as?: keyof typeof TOKENS }): LiuyanClient
  /** Stores a message straight through the service (no HTTP, no rate limit). */
  store(overrides?: Partial<NewMessageInput>): Promise<SubmissionResult>
  close(): Promise<void>
}

/**
 * A fresh board from `start` for the enclosing describe block. Returns a getter: the board exists
 * once `beforeAll` ran.
 */
export function boardFixture<Options>(start: (options?: Options) => Promise<TestBoard>, options?: Options): () => TestBoard {
  let board: TestBoard | undefined
  beforeAll(async () => {
    board = await start(options)
  })
  afterAll(async () => {
    await board?.close()
  })
  return () => {
    if (!board) throw new Error('The board starts in beforeAll; use it inside a test')
    return board
  }
}
