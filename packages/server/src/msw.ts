import { http, type HttpHandler } from 'msw'
import { createFetchHandler, type FetchHandlerOptions } from './http.js'
import { seedDemo } from './seed.js'
import { createBoardService, type BoardService } from './service.js'
import { createMemoryStore } from './store/memory.js'

/** Options of {@link createMswHandlers}. */
export interface MswHandlersOptions extends Pick<FetchHandlerOptions, 'log'> {
  /**
   * Where the API is mocked: an absolute base URL or a path pattern.
   * @default '*\/api/v1'
   */
  baseUrl?: string
  /**
   * Load the demo boards and messages, into a store that has no board and no message yet (a given
   * `service` with data of its own is left as it is).
   * @default true
   */
  seed?: boolean
  /**
   * A staff token with every role on every demo board.
   * @default 'demo-token'
   */
  demoToken?: string
  /** Use this service instead of a fresh one over an in-memory store (to share state with a test). */
  service?: BoardService
}

/** What {@link createMswHandlers} returns. */
export interface MswBoard {
  /** Request handlers for `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[]
  /** The service behind them, to arrange or inspect state in a test. */
  service: BoardService
  /** Resolves when the seed data is loaded. */
  ready: Promise<void>
}

/**
 * msw request handlers that run the real Board API (the server's own fetch handler and rules) over
 * an in-memory store seeded with demo data. Use them to test code that talks to a Liuyan board, in
 * Node or in the browser, without a server.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createMswHandlers } from '@liuyan/server/msw'
 * const board = createMswHandlers({ baseUrl: 'https://board.test/api/v1' })
 * const server = setupServer(...board.handlers)
 * server.listen()
 * ```
 */
export function createMswHandlers(options: MswHandlersOptions = {}): MswBoard {
  const base = (options.baseUrl ?? '*/api/v1').replace(/\/+$/, '')
  const service = options.service ?? createBoardService({ store: createMemoryStore() })
  const basePath = base.startsWith('*') ? base.slice(1) : new URL(base).pathname
  const handle = createFetchHandler(service, {
    basePath,
    corsOrigins: ['*'],
    submissionsPerMinute: false,
    staffPerMinute: false,
    trackingPerMinute: false,
    searchesPerMinute: false,
    ...(options.log ? { log: options.log } : {}),
  })
  const ready = (async () => {
    if (options.seed !== false) await seedDemo(service)
    await service.createToken({
      label: 'demo',
      roles: ['reviewer', 'handler', 'supervisor'],
      boardIds: (await service.listBoards()).filter((b) => !b.parentId).map((b) => b.id),
      token: options.demoToken ?? 'demo-token',
    })
  })()
  const handler = http.all(`${base}/*`, async ({ request }) => {
    await ready
    return handle(request, { clientAddress: 'msw' })
  })
  return { handlers: [handler], service, ready }
}
