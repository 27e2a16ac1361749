// A webhook receiver on loopback HTTP for the tests: each path answers its own way (204, 500, 410,
// slowly, or not until released), and every request is kept with its headers and body.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  headers: Record<string, string>
  body: string
}

export interface Receiver {
  url: string
  received: Received[]
  /** Requests of `/hang` wait here until released (or the client gives up). */
  release(): void
  /** Releases the requests of `/hang` and answers its later ones at once (204). */
  open(): void
  /** Resolves once `count` requests of `path` arrived. */
  waitFor(path: string, count: number): Promise<void>
  close(): Promise<void>
}

/**
 * Paths: `/ok` 204, `/fail` 500, `/gone` 410, `/slow` 204 after `slowMs`, `/hang` no answer until
 * {@link Receiver.release}, `/flaky` 500 for the first `flaky` requests of each webhook-id, then 204.
 */
export async function startReceiver(options: { slowMs?: number; flaky?: number } = {}): Promise<Receiver> {
  const received: Received[] = []
  const hanging: ServerResponse[] = []
  const waiters: Array<{ path: string; count: number; resolve: () => void }> = []
  const seen = new Map<string, number>()
  let opened = false
  const check = () => {
    for (const w of [...waiters]) {
      if (received.filter((r) => r.path === w.path).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
    }
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))
      received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') })
      check()
      const id = headers['webhook-id'] ?? ''
      switch (path) {
        case '/ok':
          return res.writeHead(204).end()
        case '/fail':
          return res.writeHead(500).end('down for maintenance')
        case '/gone':
          return res.writeHead(410).end()
        case '/slow':
          return void setTimeout(() => res.writeHead(204).end(), options.slowMs ?? 200)
        case '/hang':
          return opened ? res.writeHead(204).end() : void hanging.push(res)
        case '/flaky': {
          const n = (seen.get(id) ?? 0) + 1
          seen.set(id, n)
          return res.writeHead(n <= (options.flaky ?? 1) ? 500 : 204).end()
        }
        default:
          return res.writeHead(404).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    release: () => {
      for (const res of hanging.splice(0)) res.writeHead(204).end()
    },
    open: () => {
      opened = true
      for (const res of hanging.splice(0)) res.writeHead(204).end()
    },
    waitFor: (path, count) =>
      new Promise<void>((resolve) => {
        waiters.push({ path, count, resolve })
        check()
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging.splice(0)) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
