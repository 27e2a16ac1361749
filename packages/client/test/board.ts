/**
 * A real Board API for the SDK's tests: the server's fetch handler on Node's HTTP server on a free
 * loopback port, over SQLite in a temp folder, with a small board tree and one staff token per role.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NewMessageSchema, type NewMessageInput, type SubmissionResult } from '@liuyan/core'
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
import * as z from 'zod/mini'
import { createClient, type ClientOptions, type LiuyanClient } from '../src/index.js'
import { BOARDS, MINISTRY, PROVINCE, submission, TOKENS } from './board-data.js'
import { boardFixture, type TestBoard } from './board-fixture.js'

export * from './board-data.js'
export type { TestBoard } from './board-fixture.js'

export interface TestBoardOptions {
  /** Options of the fetch handler (rate limits…). */
  handler?: FetchHandlerOptions
  /** Wraps the SQLite store, e.g. to make it fail. */
  store?: (store: Store) => Store
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

/** A fresh board for the enclosing describe block (see board-fixture.ts). */
export function useBoard(options?: TestBoardOptions): () => TestBoard {
  return boardFixture(startBoard, options)
}
