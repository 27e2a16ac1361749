/**
 * The SDK's tests inside workerd: the test files of ../ bundled into one worker (worker.ts, with
 * `vitest` served by vitest-shim.ts and the board by board.ts) and run there, without
 * nodejs_compat. The boards they talk to are real ones in this process (../board.ts: SQLite, the
 * server's fetch handler on Node's HTTP server on loopback), started when the worker asks, so the
 * SDK inside workerd speaks HTTP to the real server. Each test of the worker is one test here.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { workbookStream } from '@liuyan/server/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleWorker, startWorkerd, type RunningWorkerd } from '../../../../scripts/workerd.mjs'
import { startBoard, type TestBoard } from '../board.js'
import type { TestResult } from './vitest-shim.js'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Tests that need Node in the test process itself, and why. */
const SKIP: Record<string, string> = {
  'errors.test.ts > HTTP errors from the real server > 500 InternalServerError: a store that fails': 'wraps the store with functions, which cannot cross into the worker',
  'errors.test.ts > errors without an HTTP error status > ConnectionError: nothing listens on the port': 'opens and closes a Node HTTP server to find a port nobody listens on',
  'errors.test.ts > errors without an HTTP error status > TimeoutError: the server answers later than timeoutMs': 'runs a slow Node HTTP server in the test',
}

// ── The board host: real boards for the worker, by JSON over loopback ──────────────────────────

const boards = new Map<string, TestBoard>()
let nextId = 0

async function answer(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined
  const [, , id, what, method] = new URL(req.url!, 'http://host').pathname.split('/')
  if (!id) {
    const board = await startBoard({ handler: { ...body.handler, ...(body.workbook ? { exportWorkbook: workbookStream } : {}) } })
    const key = String(nextId++)
    boards.set(key, board)
    return { id: key, origin: board.origin, baseUrl: board.baseUrl }
  }
  const board = boards.get(id)
  if (!board) throw new Error(`no board ${id}`)
  if (what === 'logs') return board.logs
  if (what === 'store') return board.store(body)
  if (what === 'service') {
    // The worker's board sends `{ principal: 'admin' }` for its admin, a principal JSON cannot carry.
    const args = (body as unknown[]).map((arg) => ((arg as { principal?: unknown } | null)?.principal === 'admin' ? board.admin : arg))
    return (board.service as unknown as Record<string, (...args: unknown[]) => unknown>)[method!]!(...args)
  }
  if (what === 'close') {
    boards.delete(id)
    await board.close()
    return {}
  }
  throw new Error(`unknown board host call ${req.url}`)
}

const host = createServer((req: IncomingMessage, res: ServerResponse) => {
  answer(req).then(
    (result) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result ?? null)),
    (error: unknown) => res.writeHead(500).end(String((error as Error).stack ?? error)),
  )
})

// ── The worker ──────────────────────────────────────────────────────────────────────────────

const code = await bundleWorker({
  entry: here('./worker.ts'),
  alias: { vitest: here('./vitest-shim.ts'), 'node:util': here('./util.ts'), '@liuyan/server/node': here('./server-node.ts') },
  redirect: { [here('../board')]: here('./board.ts') },
})
const worker: RunningWorkerd = await startWorkerd({ code })
const names = (await (await fetch(`${worker.url}/list`)).json()) as string[]
let results = new Map<string, TestResult>()

beforeAll(async () => {
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
  const response = await fetch(`${worker.url}/run`, {
    method: 'POST',
    body: JSON.stringify({ host: `http://127.0.0.1:${(host.address() as AddressInfo).port}`, skip: SKIP }),
  })
  expect(response.status, worker.stderr()).toBe(200)
  results = new Map(((await response.json()) as TestResult[]).map((result) => [result.name, result]))
}, 300_000)

afterAll(async () => {
  await worker.close()
  for (const board of boards.values()) await board.close()
  await new Promise((resolve) => host.close(resolve))
})

describe('the SDK tests inside workerd', () => {
  it('collects every test of the files it runs, and the skip list names only real tests', () => {
    expect(names.length).toBeGreaterThan(50)
    for (const name of Object.keys(SKIP)) expect(names).toContain(name)
  })

  for (const name of names) {
    if (SKIP[name]) {
      it.skip(`${name} (${SKIP[name]})`, () => {})
      continue
    }
    it(name, () => {
      const result = results.get(name)
      expect(result, `no result for ${name}`).toBeDefined()
      expect(result!.error ?? '', name).toBe('')
      expect(result!.state).toBe('pass')
    })
  }

  it('left no hook failing', () => {
    expect([...results.values()].filter((r) => !names.includes(r.name))).toEqual([])
  })
})
