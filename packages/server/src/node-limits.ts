import type { Server } from 'node:http'
import type { Socket } from 'node:net'

/** The limits of {@link ServeOptions} that protect the server from slow or greedy clients. */
export interface ConnectionLimits {
  /**
   * How long a client may take to send the request line and headers; then it gets 408 and the
   * connection closes. Node's own default is a minute.
   * @default 10_000
   */
  headersTimeoutMs?: number
  /**
   * How long a client may take to send a whole request, body included: a body sent a byte at a
   * time no longer holds a connection for Node's default 300 s. Answers 408, then the connection
   * closes.
   * @default 30_000
   */
  requestTimeoutMs?: number
  /**
   * Open connections per client address; a connection past it is closed at once, unanswered. A
   * browser opens six or so per host, so a person never meets the cap; a script holding hundreds
   * of idle connections does. Behind a reverse proxy (`trustProxy`) every connection comes from
   * the proxy, so the cap applies only when set explicitly; `false` turns it off.
   * @default 64 (none with `trustProxy`)
   */
  maxConnectionsPerClient?: number | false
}

/** The options of `http.createServer` that carry the timeouts. */
export function timeoutOptions(limits: ConnectionLimits): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  const requestTimeout = limits.requestTimeoutMs ?? 30_000
  // Node refuses a headers timeout longer than the request timeout.
  const headersTimeout = Math.min(limits.headersTimeoutMs ?? 10_000, requestTimeout)
  // Node looks for expired requests only this often (30 s by default, longer than the timeouts).
  const connectionsCheckingInterval = Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4)))
  return { headersTimeout, requestTimeout, connectionsCheckingInterval }
}

/** Closes each connection past `limits.maxConnectionsPerClient` from one address. */
export function limitConnectionsPerClient(server: Server, limits: ConnectionLimits, trustProxy: boolean): void {
  const max = limits.maxConnectionsPerClient ?? (trustProxy ? false : 64)
  if (max === false) return
  const open = new Map<string, number>()
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress
    if (!address) return
    const count = (open.get(address) ?? 0) + 1
    if (count > max) {
      // Unanswered: an answer written now would race the request the client is sending, and a
      // reset would lose it anyway.
      socket.destroy()
      return
    }
    open.set(address, count)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else open.delete(address)
    })
  })
}
