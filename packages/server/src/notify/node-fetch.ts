// A `fetch` for the Node host's transports, over node:http(s) with keep-alive agents: what the
// transports need of fetch (a request with headers and a body, an abort signal, the status,
// headers and a bounded body of the answer) at several times the requests per second of Node's
// built-in fetch, whose web streams cost more than a small webhook does.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** Largest answer body kept (robots answer a few bytes of JSON); the rest is read and dropped. */
const MAX_BODY = 65_536

/** A fetch over node:http(s), keeping up to `maxSockets` connections per receiver alive. */
export function createNodeFetch(options: { maxSockets?: number } = {}): typeof fetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
  }
  const nodeFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new TypeError(`fetch: unsupported scheme ${url.protocol}`))
    const signal = init.signal ?? undefined
    if (signal?.aborted) return Promise.reject(signal.reason)
    const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : String(init.body)
    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const request = send(url, { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, agent: agents[url.protocol as 'http:'] }, (response: IncomingMessage) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk)
          size += chunk.length
        })
        response.on('end', () => {
          signal?.removeEventListener('abort', abort)
          const status = response.statusCode ?? 0
          const headers = new Headers()
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
          const empty = status === 204 || status === 304 || status < 200
          resolve(new Response(empty ? null : Buffer.concat(chunks).subarray(0, MAX_BODY), { status, headers }))
        })
        response.on('error', reject)
      })
      const abort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      signal?.addEventListener('abort', abort, { once: true })
      request.on('error', (error) => {
        signal?.removeEventListener('abort', abort)
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }))
      })
      request.end(body)
    })
  }
  return nodeFetch as typeof fetch
}
