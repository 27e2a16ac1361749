/**
 * A real Board API for the SDK's tests: the server's fetch handler on Node's HTTP server on a free
 * loopback port, over SQLite in a temp folder, with a small board tree and one staff token per role.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NewMessageSchema, type Board, type NewMessageInput, type SubmissionResult } from '@liuyan/core'
import {
  createBoardService,
  createFetchHandler,
  type BoardService,
  type FetchHandlerOptions,
  type RequestLogEntry,
  type StaffPrincipal,
  type Store,
} from '@liuyan/server'
import { serve, type RunningServer } from '@liuyan/server/node'
import { createSqliteStore } from '@liuyan/server/sqlite'
import { afterAll, beforeAll } from 'vitest'
import * as z from 'zod/mini'
import { createClient, type ClientOptions, type LiuyanClient } from '../src/index.js'

export const PROVINCE = '220000-gov'
export const CITY = '220100-gov'
/** 长春市住房和城乡建设局: where messages are assigned. */
export const UNIT = '220100-zjj'
/** 长春市交通运输局: where messages are transferred. */
export const OTHER_UNIT = '220100-jtj'
/** A board that no longer takes messages. */
export const CLOSED_BOARD = '220102-old'
export const MINISTRY = '100000-mee'

export const BOARDS: readonly Board[] = [
  { id: PROVINCE, name: '吉林省人民政府', kind: 'agency', level: 'province', parentId: null, region: '220000', acceptsMessages: true },
  { id: CITY, name: '长春市人民政府', kind: 'agency', level: 'city', parentId: PROVINCE, region: '220100', acceptsMessages: true },
  { id: UNIT, name: '长春市住房和城乡建设局', kind: 'agency', level: 'unit', parentId: CITY, region: '220100', acceptsMessages: true },
  { id: OTHER_UNIT, name: '长春市交通运输局', kind: 'agency', level: 'unit', parentId: CITY, region: '220100', acceptsMessages: true },
  { id: CLOSED_BOARD, name: '南关区原市容办', kind: 'agency', level: 'unit', parentId: CITY, region: '220102', acceptsMessages: false },
  { id: MINISTRY, name: '生态环境部', kind: 'agency', level: 'ministry', parentId: null, region: '100000', acceptsMessages: true },
]

/** Bearer tokens. Long and unique, so a leak is found by a plain substring search. */
export const TOKENS = {
  admin: 'lyt_admin_c2VjcmV0LWFkbWluLXRva2VuLWZvci1jbGllbnQ',
  reviewer: 'lyt_reviewer_c2VjcmV0LXJldmlld2VyLXRva2Vu',
  handler: 'lyt_handler_c2VjcmV0LWhhbmRsZXItdG9rZW4',
  supervisor: 'lyt_supervisor_c2VjcmV0LXN1cGVydmlzb3ItdG9rZW4',
  /** Every role, on the ministry's board only. */
  ministry: 'lyt_ministry_c2VjcmV0LW1pbmlzdHJ5LXRva2Vu',
} as const

/** A citizen's private data: it may reach staff, never an error, a message or a log. */
export const PRIVATE = {
  realName: '王小明',
  phone: '13812345678',
  remark: '住3栋2单元，白天不在家，请晚上联系',
  place: '朝阳区桂林路18号院3栋',
} as const

/** A valid submission in the wire shape (docs/architecture.md §2), with every private field filled. */
export function submission(overrides: Partial<NewMessageInput> = {}): NewMessageInput {
  return {
    boardId: CITY,
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '小区门口的路灯已经坏了两个星期，晚上出行很不方便，老人孩子容易摔倒，希望尽快修复。',
    place: { text: PRIVATE.place, public: false },
    author: { nickname: '市民', realName: PRIVATE.realName, phone: PRIVATE.phone },
    remark: PRIVATE.remark,
    publish: true,
    ...overrides,
  }
}

export interface TestBoardOptions {
  /** Options of the fetch handler (rate limits…). */
  handler?: FetchHandlerOptions
  /** Wraps the SQLite store, e.g. to make it fail. */
  store?: (store: Store) => Store
}

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
  /** A client of this board; `token` picks a staff token. */
  client(options?: Partial<ClientOptions> & { as?: keyof typeof TOKENS }): LiuyanClient
  /** Stores a message straight through the service (no HTTP, no rate limit). */
  store(overrides?: Partial<NewMessageInput>): Promise<SubmissionResult>
  close(): Promise<void>
}

/** Starts a Board API over SQLite in a fresh temp folder, on 127.0.0.1 with a free port. */
export async function startBoard(options: TestBoardOptions = {}): Promise<TestBoard> {
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-client-'))
  const sqlite = createSqliteStore(join(dir, 'board.db'))
  const store = options.store ? options.store(sqlite) : sqlite
  const service = createBoardService({ store: sqlite })
  await service.putBoards(BOARDS)
  await service.createToken({ label: 'admin', roles: ['reviewer', 'handler', 'supervisor'], boardIds: [PROVINCE], token: TOKENS.admin })
  for (const role of ['reviewer', 'handler', 'supervisor'] as const) {
    await service.createToken({ label: role, roles: [role], boardIds: [PROVINCE], token: TOKENS[role] })
  }
  await service.createToken({ label: 'ministry', roles: ['reviewer', 'handler', 'supervisor'], boardIds: [MINISTRY], token: TOKENS.ministry })
  const admin = (await service.authenticate(TOKENS.admin))!
  // The HTTP side may see a wrapped store; arranging state above used the real one.
  const served = store === sqlite ? service : createBoardService({ store })

  const logs: RequestLogEntry[] = []
  const running: RunningServer = await serve(
    createFetchHandler(served, {
      ...options.handler,
      // Paths outside the API: a web page, and JSON that is not the Board API (for InvalidResponseError).
      fallback: (request) => {
        const path = new URL(request.url).pathname
        if (path.startsWith('/site/')) return new Response('<!doctype html><title>长春市人民政府</title>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } })
        if (path.startsWith('/other-api/')) return Response.json({ data: [{ name: 'not a board' }] })
        return undefined
      },
      log: (entry) => {
        logs.push(entry)
      },
    }),
    { port: 0 },
  )
  const baseUrl = `${running.url}/api/v1`
  return {
    service,
    origin: running.url,
    baseUrl,
    logs,
    admin,
    client: ({ as, ...rest } = {}) => createClient({ baseUrl, ...(as ? { token: TOKENS[as] } : {}), ...rest }),
    store: (overrides) => service.submit(z.parse(NewMessageSchema, submission(overrides))),
    async close() {
      await running.close()
      await sqlite.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh board for the enclosing describe block. Returns a getter: it exists once `beforeAll` ran. */
export function useBoard(options?: TestBoardOptions): () => TestBoard {
  let board: TestBoard | undefined
  beforeAll(async () => {
    board = await startBoard(options)
  })
  afterAll(async () => {
    await board?.close()
  })
  return () => {
    if (!board) throw new Error('The board starts in beforeAll; use it inside a test')
    return board
  }
}

/** Runs `fn` and returns what it threw (fails when it did not throw). */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw')
}
