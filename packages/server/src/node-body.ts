import type { IncomingMessage } from 'node:http'

/**
 * How much of a body the handler left unread (it answered 413, or never looked at the body) the
 * adapter reads and throws away so the client can read the answer. A client that goes on sending
 * past this has its connection closed.
 */
export const DRAIN_BYTES = 4 * 1_048_576

/**
 * A request body as a web stream, read from `req` as the handler pulls. Unlike `Readable.toWeb`,
 * cancelling it (the handler stops reading, e.g. to answer 413) leaves the connection alone:
 * destroying the request reset the connection while the client was still sending, and the client
 * lost the answer. {@link drainBody} reads the rest. If the client goes away before the body is
 * complete, the stream errors.
 */
export function bodyOf(req: IncomingMessage): { body: ReadableStream<Uint8Array>; release(): void } {
  let settled = false
  const detach = () => {
    settled = true
    req.off('data', onData).off('end', onEnd).off('close', onClose)
  }
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const onData = (chunk: Buffer) => {
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    if ((controller.desiredSize ?? 0) <= 0) req.pause()
  }
  const onEnd = () => {
    detach()
    controller.close()
  }
  const onClose = () => {
    if (settled || req.complete) return
    detach()
    controller.error(new Error('the client closed the connection before the request body was complete'))
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
        req.pause()
        req.on('data', onData).on('end', onEnd).on('close', onClose)
      },
      pull() {
        req.resume()
      },
      cancel() {
        detach()
        req.pause()
      },
    },
    { highWaterMark: 65_536, size: (chunk) => chunk.byteLength },
  )
  // Once answered, nobody reads the stream: what is left goes to drainBody, not into its queue.
  return { body, release: () => settled || detach() }
}

/**
 * After the answer: reads and discards what is left of the body (up to {@link DRAIN_BYTES}), so
 * the connection ends cleanly or serves the next request. More than that closes the connection.
 */
export function drainBody(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return
  let left = DRAIN_BYTES
  req.on('data', (chunk: Buffer) => {
    left -= chunk.byteLength
    if (left < 0) req.socket.destroy()
  })
  req.resume()
}
