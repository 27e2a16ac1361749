import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFetchHandler } from './http.js'
import { serve, type RunningServer } from './node.js'
import { createBoardService } from './service.js'
import { serveStatic } from './static.js'
import { createMemoryStore } from './store/memory.js'

let dir: string
let running: RunningServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liuyan-static-'))
  mkdirSync(join(dir, 'sub'))
  writeFileSync(join(dir, 'sub', 'index.html'), '<p>sub</p>')
  const service = createBoardService({ store: createMemoryStore() })
  running = await serve(createFetchHandler(service, { fallback: serveStatic(dir) }), { port: 0 })
})

afterAll(async () => {
  await running.close()
  rmSync(dir, { recursive: true, force: true })
})

/** GET with the path sent exactly as written (fetch would resolve the dot segments first). */
function get(path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${running.url}/`, { path }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('serveStatic', () => {
  it('redirects a folder to its path with a trailing slash', async () => {
    expect(await get('/sub')).toEqual({ status: 301, location: '/sub/' })
    expect(await get('/sub?x=1')).toEqual({ status: 301, location: '/sub/?x=1' })
  })

  it('never redirects to another host: leading slashes of the path collapse into one', async () => {
    // Each of these is the path `//sub` once dot segments and backslashes are resolved; `//sub/`
    // as a Location is protocol-relative, a redirect to the host `sub`.
    for (const path of ['/.//sub', '/..//sub', '/./\\sub', '/.///sub', '/.//\\/sub?x=1']) {
      const answer = await get(path)
      expect(answer.status, path).toBe(301)
      expect(answer.location, path).toMatch(/^\/sub\/(\?x=1)?$/)
    }
  })
})
