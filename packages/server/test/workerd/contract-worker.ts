/**
 * The contract suite's board inside workerd (test/harness.ts, kind `workerd`): the fetch handler
 * over the memory store, bundled from the server's entry as a worker would ship it, with a few
 * harness routes the suite uses to arrange state where other kinds call the service in-process.
 * Everything under `/__harness/` and every `X-Harness-*` header is the harness's; the handler sees
 * the request as the suite sent it, without them.
 *
 * - `POST /__harness/boards` {handler, trustProxy, boards, tokens} → {board}: a fresh board
 * - `POST /__harness/arrange` {board, input, actions} → the submission after the admin's actions
 * - `POST /__harness/store` {board, side: 'read' | 'tx', method, args} → {result}: one store call
 * - any other request: `X-Harness-Board` picks the board (the newest without it); `X-Harness-Clock` is the service's
 *   clock, `X-Harness-Wall` the wall clock the rate limits read (both the suite's, which may be
 *   pinned); the answer carries the request log's entries in `X-Harness-Log`.
 */
import { NewMessageSchema, type Board, type StaffAction, type StaffRole } from '@liuyan/core'
import * as z from 'zod/mini'
import { createBoardService, createFetchHandler, createMemoryStore, type BoardService, type FetchHandlerOptions, type RequestLogEntry, type Store } from '../../src/index.js'

interface TestBoard {
  service: BoardService
  store: Store
  handle: ReturnType<typeof createFetchHandler>
  trustProxy: boolean
  clock: { ms: number }
  logs: RequestLogEntry[]
}

const boards: TestBoard[] = []

// The rate limits count per wall-clock minute with Date.now: the suite pins its wall clock, and
// each request brings it along.
const realNow = Date.now.bind(Date)
let wall: number | undefined
Date.now = () => wall ?? realNow()

/** The board a request names; a request sent without the harness's headers goes to the newest. */
function boardOf(request: Request, n: unknown): TestBoard {
  const named = n ?? request.headers.get('X-Harness-Board')
  const board = boards[named === null || named === undefined ? boards.length - 1 : Number(named)]
  if (!board) throw new Error(`no board ${String(named)}`)
  return board
}

function setClocks(request: Request, board: TestBoard | undefined): void {
  const clock = request.headers.get('X-Harness-Clock')
  if (board && clock) board.clock.ms = Number(clock)
  const wallClock = request.headers.get('X-Harness-Wall')
  wall = wallClock ? Number(wallClock) : undefined
}

async function harness(request: Request, path: string): Promise<Response> {
  const body = (await request.json()) as any
  if (path === '/__harness/boards') {
    const store = createMemoryStore()
    const clock = { ms: Number(request.headers.get('X-Harness-Clock')) }
    const service = createBoardService({ store, now: () => new Date(clock.ms) })
    await service.putBoards(body.boards as Board[])
    for (const token of body.tokens as Array<{ label: string; roles: StaffRole[]; boardIds: string[]; token: string }>) await service.createToken(token)
    const logs: RequestLogEntry[] = []
    const options: FetchHandlerOptions = { ...body.handler, log: (entry) => logs.push(entry) }
    boards.push({ service, store, handle: createFetchHandler(service, options), trustProxy: Boolean(body.trustProxy), clock, logs })
    return Response.json({ board: boards.length - 1 })
  }
  const board = boardOf(request, body.board)
  setClocks(request, board)
  if (path === '/__harness/arrange') {
    const admin = (await board.service.authenticate(body.adminToken))!
    const result = await board.service.submit(z.parse(NewMessageSchema, body.input))
    for (const action of body.actions as StaffAction[]) await board.service.act(admin, result.id, action)
    return Response.json(result)
  }
  if (path === '/__harness/store') {
    const { side, method, args } = body as { side: 'read' | 'tx'; method: string; args: unknown[] }
    const call = (target: any) => target[method](...args)
    const result = side === 'read' ? await call(board.store.read) : await board.store.transaction((tx) => call(tx))
    return Response.json({ result: result ?? null })
  }
  return new Response('unknown harness route', { status: 404 })
}

/**
 * The request's body, read first and handed to the handler as the client sent it (a stream in
 * 16 KiB pieces without Content-Length, the bytes with it). workerd closes the connection when a
 * response is complete while the client is still uploading, so a handler that answers 413 after
 * 64 KiB of a 100 KiB upload would leave the suite's client with EPIPE instead of the 413; Node's
 * adapter, and a platform's edge in front of a deployed worker, take the rest of the body in.
 */
async function replayable(request: Request): Promise<BodyInit> {
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (request.headers.has('Content-Length')) return bytes
  let offset = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + 16_384))
      offset += 16_384
    },
  })
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (url.pathname.startsWith('/__harness/')) {
      try {
        return await harness(request, url.pathname)
      } catch (error) {
        return new Response(String((error as Error).stack ?? error), { status: 500 })
      }
    }
    const board = boardOf(request, undefined)
    setClocks(request, board)
    const headers = new Headers()
    for (const [name, value] of request.headers) if (!name.startsWith('x-harness-')) headers.set(name, value)
    const forwarded = board.trustProxy ? request.headers.get('X-Forwarded-For')?.split(',')[0]?.trim() : undefined
    const inner = new Request(request.url, { method: request.method, headers, ...(request.body ? { body: await replayable(request) } : {}) })
    const response = await board.handle(inner, { clientAddress: forwarded || '127.0.0.1' })
    const logged = board.logs.splice(0)
    if (logged.length === 0) return response
    const out = new Response(response.body, response)
    out.headers.set('X-Harness-Log', encodeURIComponent(JSON.stringify(logged)))
    return out
  },
}
