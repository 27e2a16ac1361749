/**
 * The contract suite's harness: a real Board API on loopback over either store (or in workerd),
 * with the fixed data of board-data.ts and the recorded responses of responses.ts, which it
 * re-exports so a test file imports one module.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NewMessageSchema, type MessageStatus, type NewMessageInput, type StaffAction, type SubmissionResult } from '@liuyan/core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { createFetchHandler, type FetchHandlerOptions, type RequestLogEntry } from '../src/http.js'
import { serve, type RunningServer, type ServeOptions } from '../src/node.js'
import { createBoardService, type BoardService, type BoardServiceOptions } from '../src/service.js'
import { createMemoryStore } from '../src/store/memory.js'
import { createPostgresStore } from '../src/store/postgres.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/types.js'
import { actionBody, ADMIN_TOKEN, BOARDS, boardTokens, createClock, ROUTE, submission, type Clock } from './board-data.js'
import { BASE_PATH, call, type ApiReply, type CallOptions, type Json } from './responses.js'
import { freshDatabase } from './postgres-database.js'
import { startWorkerdBoard } from './workerd-board.js'

export * from './board-data.js'
export * from './responses.js'

/**
 * Where a board runs: in this process over one of the stores, or (`workerd`) as the fetch handler
 * over the memory store inside workerd, reached over loopback (test/workerd-board.ts).
 */
export type StoreKind = 'memory' | 'sqlite' | 'postgres' | 'workerd'
/**
 * The kinds the contract suite runs on: the three stores, or only `workerd` when
 * `LIUYAN_CONTRACT_TARGET=workerd` (the `server-workerd` vitest project). There the tests of what
 * only the Node adapter or a SQL store does are skipped unless {@link inNode}.
 */
export const STORES: readonly StoreKind[] = process.env['LIUYAN_CONTRACT_TARGET'] === 'workerd' ? ['workerd'] : ['memory', 'sqlite', 'postgres']

/**
 * Whether the board runs in this process, behind the Node adapter: what only Node does (its HTTP
 * parser's limits, XLSX workbooks) is tested there only.
 */
export const inNode = (kind: StoreKind): boolean => kind !== 'workerd'

/** Handler options every test board has unless a test says otherwise. */
export const HANDLER_DEFAULTS = { corsOrigins: ['https://www.jl.gov.cn'] } as const satisfies FetchHandlerOptions

// ── A running board ───────────────────────────────────────────────────────────────────────────

export interface TestBoardOptions {
  handler?: FetchHandlerOptions
  /** Options of the Node adapter (the port is always a free one). */
  serve?: Omit<ServeOptions, 'port' | 'host'>
  service?: Omit<BoardServiceOptions, 'store' | 'now'>
  /** PostgreSQL: open this database instead of a fresh one (another instance on a board's database). */
  databaseUrl?: string
  /** Puts something between the service and the store (e.g. to take the database away mid-request). */
  wrapStore?: (store: Store) => Store
}

export interface TestBoard {
  kind: StoreKind
  /** The PostgreSQL store's database (on the test file's cluster, see postgres-database.ts). */
  databaseUrl?: string
  /** The SQLite store's file. */
  sqlitePath?: string
  service: BoardService
  clock: Clock
  /** e.g. `http://127.0.0.1:41234` */
  origin: string
  /** origin + `/api/v1` */
  base: string
  /** Entries of the handler's request log. */
  logs: RequestLogEntry[]
  /** A request to `base + path`. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiReply>
  get(path: string, options?: CallOptions): Promise<ApiReply>
  post(path: string, json: unknown, options?: CallOptions): Promise<ApiReply>
  /** POST /messages over HTTP, expecting 201. */
  submit(overrides?: Partial<NewMessageInput>): Promise<SubmissionResult>
  /** POST /messages/{id}/actions over HTTP. */
  act(id: string, action: StaffAction | StaffAction['action'], token?: string): Promise<ApiReply>
  /**
   * Stores a message through the service (no HTTP, no rate limit) and moves it to `status` with
   * admin actions: fast arrangement for tests about something else.
   */
  arrange(status: MessageStatus, overrides?: Partial<NewMessageInput>): Promise<SubmissionResult>
  close(): Promise<void>
}

/** Starts a Board API over a fresh store of `kind` on 127.0.0.1 with a free port. */
export async function startBoard(kind: StoreKind, options: TestBoardOptions = {}): Promise<TestBoard> {
  if (kind === 'workerd') return startWorkerdBoard(options)
  let dir: string | undefined
  let databaseUrl: string | undefined
  let sqlitePath: string | undefined
  let store: Store
  if (kind === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'liuyan-contract-'))
    sqlitePath = join(dir, 'board.db')
    // As the CLI runs it: the sums and scans answered by a read worker (sqlite/read-pool.ts).
    store = createSqliteStore(sqlitePath, { readWorkers: 1 })
  } else if (kind === 'postgres') {
    // A database of its own on the test file's throw-away cluster.
    databaseUrl = options.databaseUrl ?? (await freshDatabase())
    store = await createPostgresStore(databaseUrl)
  } else {
    store = createMemoryStore()
  }
  if (options.wrapStore) store = options.wrapStore(store)
  const clock = createClock()
  const service = createBoardService({ ...options.service, store, now: clock.now })
  await service.putBoards(BOARDS)
  for (const token of boardTokens()) await service.createToken(token)
  const admin = (await service.authenticate(ADMIN_TOKEN))!

  const logs: RequestLogEntry[] = []
  const running: RunningServer = await serve(
    createFetchHandler(service, {
      ...HANDLER_DEFAULTS,
      ...options.handler,
      log: (entry) => {
        logs.push(entry)
        options.handler?.log?.(entry)
      },
    }),
    { ...options.serve, port: 0 },
  )
  const base = `${running.url}${BASE_PATH}`

  const board: TestBoard = {
    kind,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(sqlitePath ? { sqlitePath } : {}),
    service,
    clock,
    origin: running.url,
    base,
    logs,
    call: (method, path, opts) => call(method, base + path, opts),
    get: (path, opts) => call('GET', base + path, opts),
    post: (path, json, opts) => call('POST', base + path, { ...opts, json }),
    async submit(overrides) {
      const reply = await board.post('/messages', submission(overrides))
      expect(reply.status, reply.text).toBe(201)
      return reply.body as SubmissionResult
    },
    act: (id, action, token = ADMIN_TOKEN) =>
      board.post(`/messages/${encodeURIComponent(id)}/actions`, typeof action === 'string' ? actionBody(action) : action, { token }),
    async arrange(status, overrides) {
      const result = await service.submit(z.parse(NewMessageSchema, submission(overrides)))
      for (const name of ROUTE[status]) await service.act(admin, result.id, actionBody(name))
      return { ...result, status }
    },
    async close() {
      await running.close()
      await store.close()
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
  }
  return board
}

/**
 * A fresh board for the enclosing describe block: started before its tests, closed after them.
 * Returns a getter, since the board exists only once `beforeAll` ran.
 */
export function useBoard(kind: StoreKind, options?: TestBoardOptions): () => TestBoard {
  let board: TestBoard | undefined
  beforeAll(async () => {
    board = await startBoard(kind, options)
  })
  afterAll(async () => {
    await board?.close()
  })
  return () => {
    if (!board) throw new Error('The board starts in beforeAll; use it inside a test')
    return board
  }
}

/** Follows `nextCursor` from `path` (which has a query string or not) and returns every item. */
export async function listAll(board: TestBoard, path: string, options: CallOptions = {}): Promise<Json[]> {
  const items: Json[] = []
  let cursor: string | null = null
  do {
    const sep = path.includes('?') ? '&' : '?'
    const reply: ApiReply = await board.get(cursor ? `${path}${sep}limit=100&cursor=${encodeURIComponent(cursor)}` : `${path}${sep}limit=100`, options)
    expect(reply.status, reply.text).toBe(200)
    items.push(...reply.body.items)
    cursor = reply.body.nextCursor
  } while (cursor)
  return items
}
