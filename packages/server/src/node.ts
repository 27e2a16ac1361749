import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable, type Duplex } from 'node:stream'
import { createId, resolveLocale } from '@liuyan/core'
import { ServiceError } from './errors.js'
import { answererOf, problemReply, type FetchHandler, type Reply, type RequestContext } from './http.js'
import { bodyOf, drainBody } from './node-body.js'
import { limitConnectionsPerClient, timeoutOptions, type ConnectionLimits } from './node-limits.js'
import { isHandedOver, reparseRawTarget } from './node-target.js'

export type { ConnectionLimits } from './node-limits.js'
export { workbookStream } from './export/writers.js'
export { createNodeFetch } from './notify/node-fetch.js'

/** Options of {@link serve}. */
export interface ServeOptions extends ConnectionLimits {
  /** @default 8787 */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /**
   * Believe the reverse proxy in front: take the client address from the first entry of
   * `X-Forwarded-For`, and the scheme and host the client used from `X-Forwarded-Proto` and
   * `X-Forwarded-Host` (for the request URL, e.g. the `servers` of the OpenAPI document). Turn it
   * on only when every request comes through a proxy you run that overwrites these headers: a
   * client that reaches the server directly could otherwise choose its own address.
   * @default false
   */
  trustProxy?: boolean
}

/** A running Node HTTP server. */
export interface RunningServer {
  server: Server
  /** e.g. `http://127.0.0.1:8787` */
  url: string
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>
}

/**
 * Serves a fetch handler on Node's HTTP server: the small adapter between `node:http` and web
 * `Request`/`Response`. Bodies stream in both directions. What Node's HTTP parser refuses (headers
 * over the limit, malformed requests) is answered in the API's problem shape as well, and so is a
 * request target that is not a path (`https://host/…`, `//host/…`, `*`): the scheme and host of the
 * request URL come from the connection, the `Host` header or a trusted proxy, never from the path.
 * A GET whose target holds raw UTF-8 (`curl '…?keyword=井盖'`) is read as if percent-encoded.
 *
 * @example
 * ```ts
 * const running = await serve(createFetchHandler(service), { port: 8787 })
 * console.log(running.url)
 * ```
 */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<RunningServer> {
  // A handler from createFetchHandler also answers without a web Response: its JSON text is
  // written to the socket as it is (see respond).
  const answer = answererOf(handler) ?? handler
  const trustProxy = options.trustProxy ?? false
  const server = createServer(timeoutOptions(options), (req, res) => {
    void respond(answer, req, res, trustProxy)
  })
  server.keepAliveTimeout = 5_000
  limitConnectionsPerClient(server, options, trustProxy)
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => answerClientError(server, error, socket))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      }),
  }
}

async function respond(
  handler: (request: Request, context: RequestContext) => Promise<Reply | Response>,
  req: IncomingMessage,
  res: ServerResponse,
  trustProxy: boolean,
): Promise<void> {
  // What the handler left of the body is read once the answer is written (see drainBody).
  let release: (() => void) | undefined
  res.once('finish', () => {
    release?.()
    drainBody(req)
  })
  try {
    const request = toRequest(req, trustProxy, (r) => (release = r))
    const forwarded = trustProxy ? firstForwarded(req, 'x-forwarded-for') : undefined
    const response = await handler(request, { clientAddress: forwarded || req.socket.remoteAddress || 'unknown' })
    if (!(response instanceof Response)) {
      // The API's own answers: status, headers and JSON text in one write, with its length (after
      // writeHead, Node would otherwise send the body chunked).
      if (response.body === null) res.writeHead(response.status, response.headers).end()
      else res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(response.body) }).end(response.body)
      return
    }
    res.statusCode = response.status
    response.headers.forEach((value, key) => res.setHeader(key, value))
    if (!response.body) {
      res.end()
      return
    }
    // Other buffered answers: one write beats piping a web stream through Node's stream adapter
    // (several times faster for a 30 KB page). Large files (static) stream.
    const length = Number(response.headers.get('Content-Length') ?? NaN)
    if (!(length > 1_048_576)) {
      res.end(Buffer.from(await response.arrayBuffer()))
      return
    }
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
    body.on('error', () => res.destroy())
    body.pipe(res)
  } catch {
    // The handler answers every error itself; reaching here means the socket or the request line broke.
    if (!res.headersSent) {
      const { status, headers, body } = adapterProblem(new ServiceError(400, 'bad_request', ''))
      const text = body ?? ''
      res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) }).end(text)
    } else res.destroy()
  }
}

/**
 * A problem answered by the adapter itself, where the fetch handler never saw a request: in the
 * API's shape, in the default language (the request's Accept-Language was never read), with a
 * request id of its own, and nothing taken from the request.
 */
function adapterProblem(error: ServiceError): Reply {
  const locale = resolveLocale(null)
  const requestId = createId()
  const reply = problemReply(locale, requestId, error)
  return { ...reply, headers: { ...reply.headers, 'X-Request-Id': requestId } }
}

/** Node's parser errors as Node's own default handler answers them, in the API's problem shape. */
function parserProblem(code: string | undefined): ServiceError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ServiceError(431, 'headers_too_large', '')
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new ServiceError(413, 'payload_too_large', '')
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ServiceError(408, 'request_timeout', '')
    default:
      return new ServiceError(400, 'bad_request', '')
  }
}

/**
 * Node's parser refused what came over a connection (a request line or headers over the limit,
 * a malformed request): there is no request for the handler, so the answer goes to the socket
 * as raw HTTP, and the connection closes.
 */
function answerClientError(server: Server, error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  // A reset connection has nobody to answer. An answer already under way on this connection (to
  // an earlier request) must not have another spliced into it: Node's default handler checks the
  // same. A socket no longer writable was answered already, or is going.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy()
    return
  }
  // Its request is answered by the connection it was handed to.
  if (isHandedOver(socket)) return
  let problem = parserProblem(error.code)
  if (error.code === 'HPE_INVALID_URL') {
    const outcome = reparseRawTarget(server, socket, error.rawPacket)
    if (outcome === 'reparsed') return
    if (outcome === 'not-utf8') problem = new ServiceError(400, 'malformed_target', '')
  }
  const { status, headers, body } = adapterProblem(problem)
  const text = body ?? ''
  const fields = { ...headers, 'Content-Length': String(Buffer.byteLength(text)), Connection: 'close' }
  const head = Object.entries(fields).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${text}`)
  // A client too slow to finish its request may never close its side either: give it a moment to
  // read the answer, then close the connection.
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') setTimeout(() => socket.destroy(), 1_000).unref()
}

function toRequest(req: IncomingMessage, trustProxy: boolean, onBody: (release: () => void) => void): Request {
  // Only a path (origin form) is a target: resolved against a base, the absolute form
  // (`https://evil.example/…`, what clients send to forward proxies) and `//evil.example/…` (or
  // `/\evil.example/…`, the same to a URL parser) would replace the scheme and host, or the host,
  // whatever the connection and a trusted proxy say. Throwing answers the adapter's 400.
  const target = req.url ?? '/'
  if (!/^\/(?![/\\])/.test(target)) throw new TypeError('request target is not a path')
  const scheme = (trustProxy && forwardedScheme(req)) || 'http'
  const host = (trustProxy && forwardedHost(req)) || req.headers.host || 'localhost'
  // Nor may the host end early and make the path something else (`evil.example/x?` + the path).
  if (/[/?#\\]/.test(host)) throw new TypeError('Host is not a host')
  const url = new URL(`${scheme}://${host}${target}`)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else headers.set(name, value)
  }
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers })
  const { body, release } = bodyOf(req)
  onBody(release)
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit)
}

/**
 * The first entry of a forwarding header. A proxy that overwrites the header leaves one entry;
 * one that appends puts the client's own claim first, which is why the docs ask for overwriting.
 */
function firstForwarded(req: IncomingMessage, name: 'x-forwarded-for' | 'x-forwarded-proto' | 'x-forwarded-host'): string | undefined {
  // Node joins repeated headers of these names with ", ".
  return req.headers[name]?.toString().split(',')[0]?.trim() || undefined
}

/** `http` or `https` from X-Forwarded-Proto; anything else is ignored. */
function forwardedScheme(req: IncomingMessage): string | undefined {
  const scheme = firstForwarded(req, 'x-forwarded-proto')?.toLowerCase()
  return scheme === 'http' || scheme === 'https' ? scheme : undefined
}

/**
 * A plain `host[:port]` from X-Forwarded-Host. Anything else (a path, user info, spaces) is ignored
 * rather than let it reshape the request URL, and so is what has the shape but no URL can hold (a
 * port past 65535, `[::::]`, `203.0.113.256`) or port 0: the request falls back to Host instead of
 * failing.
 */
function forwardedHost(req: IncomingMessage): string | undefined {
  const host = firstForwarded(req, 'x-forwarded-host')
  if (!host || host.length > 260) return undefined
  const plain = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(host)
  if (!plain || (plain[1] !== undefined && !(Number(plain[1]) >= 1 && Number(plain[1]) <= 65535))) return undefined
  return URL.canParse(`http://${host}`) ? host : undefined
}
