import type { Server } from 'node:http'
import { Duplex } from 'node:stream'

/** Sockets whose request went to a connection of their own (see {@link reparseRawTarget}). */
const handedOver = new WeakSet<Duplex>()

/** True when the socket's request was handed to another connection: it answers nothing itself. */
export function isHandedOver(socket: Duplex): boolean {
  return handedOver.has(socket)
}

/**
 * What to do with a request line that Node's parser refused as an invalid URL: `curl
 * '…?keyword=井盖'` sends the characters as raw UTF-8 bytes, which no option of the parser admits.
 *
 * - `'reparsed'`: the target was UTF-8; the request, its target percent-encoded, was handed to the
 *   server as a connection of its own, which answers it on `socket` and then closes it.
 * - `'not-utf8'`: the target has raw bytes that are not UTF-8: answer 400 `malformed_target`.
 * - `'other'`: something else is wrong; answer as usual.
 *
 * Only a request without a body whose head came whole in `packet` is handed over: everything
 * else about it is parsed by Node's parser as strictly as ever, and nothing follows it on the
 * connection.
 */
export function reparseRawTarget(server: Server, socket: Duplex, packet: Buffer | undefined): 'reparsed' | 'not-utf8' | 'other' {
  if (!packet) return 'other'
  const lineEnd = packet.indexOf('\r\n')
  const line = packet.subarray(0, lineEnd < 0 ? packet.length : lineEnd)
  // Not \S: read as latin1, the byte 0xA0 of many a UTF-8 character (`à`, `蠠`) is a space to it.
  const match = /^([A-Z]+) ([^ \t\r\n]+) HTTP\/1\.[01]$/.exec(line.toString('latin1'))
  if (!match || !/[\x80-\xff]/.test(match[2]!)) return 'other'
  const raw = line.subarray(match[1]!.length + 1, match[1]!.length + 1 + match[2]!.length)
  let target: string
  try {
    target = new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    return 'not-utf8'
  }
  const headEnd = packet.indexOf('\r\n\r\n')
  const head = packet.subarray(lineEnd, headEnd + 4).toString('latin1')
  const bodyless = headEnd + 4 === packet.length && !/\r\n(?:content-length|transfer-encoding)\s*:/i.test(head)
  if (lineEnd < 0 || headEnd < 0 || !bodyless || (match[1] !== 'GET' && match[1] !== 'HEAD')) return 'other'

  // Only the non-ASCII characters change; `%` and the rest stay as the client sent them.
  const encoded = target.replace(/[^\x00-\x7f]+/gu, (s) => encodeURIComponent(s))
  // With Connection: close the server closes the connection after its answer. (Ending the input
  // instead would make Node abort the request: it does not keep half-open connections.)
  const version = line.subarray(line.lastIndexOf(' ') + 1).toString('latin1')
  const request = Buffer.concat([Buffer.from(`${match[1]} ${encoded} ${version}\r\nConnection: close`), packet.subarray(lineEnd)])
  handedOver.add(socket)
  const connection = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback)
    },
    final(callback) {
      socket.end()
      callback()
    },
    destroy(error, callback) {
      socket.destroy()
      callback(error)
    },
  })
  for (const name of ['remoteAddress', 'remotePort', 'remoteFamily', 'localAddress', 'localPort'] as const) {
    Object.defineProperty(connection, name, { get: () => (socket as Duplex & Record<string, unknown>)[name] })
  }
  socket.on('close', () => connection.destroy())
  connection.push(request)
  server.emit('connection', connection)
  return 'reparsed'
}
