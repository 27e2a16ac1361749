import type { StoredResponse } from '../store/types.js'

/**
 * An answer of the API before it becomes a web `Response`. The Node adapter writes it to the socket
 * as it is ({@link answererOf}): building a Response around a JSON text and reading it back out
 * costs more than the rest of a public list request. @internal
 */
export interface Reply {
  status: number
  headers: Record<string, string>
  /** JSON text, or null for no body. */
  body: string | null
}

/** Per-request facts the platform knows and the Request does not. */
export interface RequestContext {
  /**
   * The client's IP address, for rate limits. An IPv6 address counts by its /64 and an IPv4-mapped
   * one (`::ffff:203.0.113.7`) as the IPv4 address; a value that is no IP address counts as it is.
   */
  clientAddress?: string
}

/** A web-standard request handler. */
export type FetchHandler = (request: Request, context?: RequestContext) => Promise<Response>

/** What a fetch handler made by `createFetchHandler` does before it builds a Response. @internal */
export type Answerer = (request: Request, context?: RequestContext) => Promise<Reply | Response>

const ANSWERER = Symbol.for('@liuyan/server.answerer')

/**
 * The {@link Answerer} behind a handler made by `createFetchHandler`, or undefined for any other
 * handler. A symbol from the global registry, so two bundled copies agree. @internal
 */
export function answererOf(handler: FetchHandler): Answerer | undefined {
  return (handler as FetchHandler & { [ANSWERER]?: Answerer })[ANSWERER]
}

/** A fetch handler over an {@link Answerer}, which {@link answererOf} finds again. @internal */
export function handlerOf(answer: Answerer): FetchHandler {
  const handle: FetchHandler = async (request, context) => toResponse(await answer(request, context))
  Object.defineProperty(handle, ANSWERER, { value: answer })
  return handle
}

/** A web Response of a {@link Reply} (a Response passes through). @internal */
export function toResponse(answer: Reply | Response): Response {
  return answer instanceof Response ? answer : new Response(answer.body, { status: answer.status, headers: answer.headers })
}

const JSON_TYPE = 'application/json; charset=utf-8'

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(body) }
}

/** A JSON answer from text already serialized (the public views the store keeps as JSON). */
export function jsonText(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE }, body }
}

/** The answer an idempotent request stored, as it was first given. */
export function replay(stored: StoredResponse): Reply {
  return { status: stored.status, headers: { 'Content-Type': JSON_TYPE, ...stored.headers }, body: stored.body }
}

/**
 * What an operation answers with: a value to serialize, or JSON text the store already holds.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** What an export operation answers with: a file streamed to the client. */
export class FileBody {
  constructor(
    readonly contentType: string,
    readonly disposition: string,
    readonly body: ReadableStream<Uint8Array>,
  ) {}
}
