/**
 * The SDK's test files run inside workerd (test/workerd.test.ts bundles this with `vitest`,
 * `node:util`, `@liuyan/server/node` and `./board.js` replaced by the files beside it).
 * `GET /list` names the tests; `POST /run` {host, skip} runs them all and answers the results.
 */
import { setBoardHost } from './board.js'
import { collect, list, run } from './vitest-shim.js'

const FILES: Record<string, () => Promise<unknown>> = {
  'errors.test.ts': () => import('../errors.test.js'),
  'exports.test.ts': () => import('../exports.test.js'),
  'faults.test.ts': () => import('../faults.test.js'),
  'pagination.test.ts': () => import('../pagination.test.js'),
  'privacy.test.ts': () => import('../privacy.test.js'),
  'real-server.test.ts': () => import('../real-server.test.js'),
}

let collected: Promise<void> | undefined
function collectAll(): Promise<void> {
  collected ??= (async () => {
    for (const [file, load] of Object.entries(FILES)) await collect(file, load)
  })()
  return collected
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    await collectAll()
    if (url.pathname === '/list') return Response.json(list())
    if (url.pathname === '/run' && request.method === 'POST') {
      const { host, skip } = (await request.json()) as { host: string; skip: Record<string, string> }
      setBoardHost(host)
      return Response.json(await run(new Map(Object.entries(skip))))
    }
    return new Response('not found', { status: 404 })
  },
}
