/**
 * The SDK tests' board, seen from inside workerd: the same exports as ../board.ts, but the board
 * itself is a real one (SQLite, the server's fetch handler on Node's HTTP server) that the Node
 * side of test/workerd.test.ts starts on request. The SDK in the worker talks to it over loopback;
 * what the tests do through the service (storing, acting) goes to that host as JSON.
 */
import type { BoardService, FetchHandlerOptions, RequestLogEntry, StaffPrincipal } from '@liuyan/server'
import { createClient, type ClientOptions, type LiuyanClient } from '../../src/index.js'
import { TOKENS } from '../board-data.js'
import { boardFixture, type TestBoard } from '../board-fixture.js'
import { WORKBOOK } from './server-node.js'

export * from '../board-data.js'
export type { TestBoard } from '../board-fixture.js'

let host = ''
/** Where the board host listens: set by the worker before the tests run. */
export function setBoardHost(url: string): void {
  host = url
}

async function hostCall(path: string, body?: unknown): Promise<any> {
  const response = await realFetch(`${host}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
  const text = await response.text()
  if (!response.ok) throw new Error(`board host ${path}: ${response.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

// The request log is the host's; after each answer from a board it is read back, so a test that
// awaited a call finds its lines in `board.logs`, as with the board in the test process.
const realFetch = globalThis.fetch.bind(globalThis)
const live = new Map<string, { id: string; logs: RequestLogEntry[] }>()
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const response = await realFetch(input, init)
  const url = input instanceof Request ? input.url : String(input)
  for (const [origin, board] of live) {
    if (url.startsWith(origin)) board.logs.splice(0, board.logs.length, ...((await hostCall(`/boards/${board.id}/logs`)) as RequestLogEntry[]))
  }
  return response
}

/** Stands for the board's admin principal in calls to the host's service. */
const ADMIN = { principal: 'admin' } as unknown as StaffPrincipal

export interface TestBoardOptions {
  handler?: FetchHandlerOptions
  store?: unknown
}

export async function startBoard(options: TestBoardOptions = {}): Promise<TestBoard> {
  if (options.store) throw new Error('A store function cannot cross into the worker')
  const { exportWorkbook, log: _log, fallback: _fallback, ...handler } = options.handler ?? {}
  const created = await hostCall('/boards', { handler, workbook: (exportWorkbook as unknown) === WORKBOOK })
  const logs: RequestLogEntry[] = []
  live.set(created.origin, { id: created.id, logs })
  const baseUrl = created.baseUrl as string
  return {
    service: new Proxy({}, { get: (_, method: string) => (...args: unknown[]) => hostCall(`/boards/${created.id}/service/${method}`, args) }) as BoardService,
    origin: created.origin,
    baseUrl,
    logs,
    // A principal holds Sets, which JSON does not carry: the host puts its own admin in its place.
    admin: ADMIN,
    client: ({ as, ...rest } = {}) => createClient({ baseUrl, ...(as ? { token: TOKENS[as] } : {}), ...rest }),
    store: (overrides) => hostCall(`/boards/${created.id}/store`, overrides ?? {}),
    async close() {
      live.delete(created.origin)
      await hostCall(`/boards/${created.id}/close`, {})
    },
  }
}

export function useBoard(options?: TestBoardOptions): () => TestBoard {
  return boardFixture(startBoard, options)
}
