/**
 * The harness's `workerd` kind (test/harness.ts): the fetch handler over the memory store inside
 * workerd, bundled from the server's entry (test/workerd/contract-worker.ts), one workerd per test
 * file and one board per `startBoard`. The suite sends the same requests over loopback; the
 * harness adds which board, its clock and the wall clock as `X-Harness-*` headers, reads the
 * request log back from the answers, and arranges state through the worker's harness routes.
 */
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'
import { bundleWorker, startWorkerd, type RunningWorkerd } from '../../../scripts/workerd.mjs'
import type { BoardService } from '../src/service.js'
import type { RequestLogEntry } from '../src/http.js'
import {
  ADMIN_TOKEN,
  actionBody,
  BASE_PATH,
  BOARDS,
  boardTokens,
  call,
  createClock,
  HANDLER_DEFAULTS,
  ROUTE,
  submission,
  type ApiReply,
  type CallOptions,
  type TestBoard,
  type TestBoardOptions,
} from './harness.js'

let running: Promise<RunningWorkerd> | undefined

function worker(): Promise<RunningWorkerd> {
  running ??= (async () => {
    const code = await bundleWorker({ entry: fileURLToPath(new URL('./workerd/contract-worker.ts', import.meta.url)) })
    return startWorkerd({ code })
  })()
  return running
}

afterAll(async () => {
  if (running) await (await running).close()
  running = undefined
})

/** A store method called inside the worker: its arguments and answer cross as JSON. */
function remoteStore(rpc: (side: 'read' | 'tx', method: string, args: unknown[]) => Promise<unknown>) {
  const side = (name: 'read' | 'tx') => new Proxy({}, { get: (_, method: string) => (...args: unknown[]) => rpc(name, method, args) })
  return {
    read: side('read'),
    // Each call of `fn`'s transaction is its own transaction in the worker: enough for the suite's
    // single-call arrangements (a running idempotency record).
    transaction: async (fn: (tx: unknown) => unknown) => fn(side('tx')),
  }
}

export async function startWorkerdBoard(options: TestBoardOptions): Promise<TestBoard> {
  if (options.databaseUrl || options.wrapStore) throw new Error('A workerd board has its own memory store')
  if (options.handler?.fallback) throw new Error('A workerd board cannot take a fallback function')
  const { url: origin } = await worker()
  const clock = createClock()
  // What a function cannot cross into the worker: the log is read back, and workbooks need Node
  // (the worker answers format=xlsx with 501, as a deployed worker would).
  const { log, exportWorkbook: _workbook, fallback: _fallback, ...handler } = options.handler ?? {}
  const harnessHeaders = (n: number): Record<string, string> => ({
    'X-Harness-Board': String(n),
    'X-Harness-Clock': String(clock.ms),
    // The suite may pin the wall clock (vi.useFakeTimers): the rate limits in the worker read this.
    'X-Harness-Wall': String(Date.now()),
  })
  const created = await fetch(`${origin}/__harness/boards`, {
    method: 'POST',
    headers: { 'X-Harness-Clock': String(clock.ms) },
    body: JSON.stringify({ handler: { ...HANDLER_DEFAULTS, ...handler }, trustProxy: options.serve?.trustProxy ?? false, boards: BOARDS, tokens: boardTokens() }),
  })
  if (!created.ok) throw new Error(`workerd board: ${created.status} ${await created.text()}`)
  const n = ((await created.json()) as { board: number }).board
  const logs: RequestLogEntry[] = []
  const harness = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${origin}/__harness/${path}`, { method: 'POST', headers: harnessHeaders(n), body: JSON.stringify({ board: n, ...body }) })
    if (!response.ok) throw new Error(`workerd harness ${path}: ${response.status} ${await response.text()}`)
    return response.json() as Promise<any>
  }
  const base = `${origin}${BASE_PATH}`
  const send = async (method: string, url: string, opts: CallOptions = {}): Promise<ApiReply> => {
    const reply = await call(method, url, { ...opts, headers: { ...opts.headers, ...harnessHeaders(n) } })
    const logged = reply.headers.get('X-Harness-Log')
    if (logged) {
      for (const entry of JSON.parse(decodeURIComponent(logged)) as RequestLogEntry[]) {
        logs.push(entry)
        log?.(entry)
      }
    }
    return reply
  }
  const board: TestBoard = {
    kind: 'workerd',
    service: { store: remoteStore(async (side, method, args) => (await harness('store', { side, method, args })).result ?? undefined) } as unknown as BoardService,
    clock,
    origin,
    base,
    logs,
    call: (method, path, opts) => send(method, base + path, opts),
    get: (path, opts) => send('GET', base + path, opts),
    post: (path, json, opts) => send('POST', base + path, { ...opts, json }),
    async submit(overrides) {
      const reply = await board.post('/messages', submission(overrides))
      if (reply.status !== 201) throw new Error(`submit: ${reply.status} ${reply.text}`)
      return reply.body
    },
    act: (id, action, token = ADMIN_TOKEN) =>
      board.post(`/messages/${encodeURIComponent(id)}/actions`, typeof action === 'string' ? actionBody(action) : action, { token }),
    async arrange(status, overrides) {
      const result = await harness('arrange', { adminToken: ADMIN_TOKEN, input: submission(overrides), actions: ROUTE[status].map(actionBody) })
      return { ...result, status }
    },
    async close() {
      // The worker goes with the test file; its boards are memory.
    },
  }
  return board
}
