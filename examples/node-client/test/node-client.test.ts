import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createBoardService, createFetchHandler, seedDemo } from '@liuyan/server'
import { serve, type RunningServer } from '@liuyan/server/node'
import { createSqliteStore } from '@liuyan/server/sqlite'
import { afterAll, beforeAll, expect, it } from 'vitest'

const run = promisify(execFile)
let server: RunningServer
let dir: string
let service: ReturnType<typeof createBoardService>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liuyan-example-'))
  service = createBoardService({ store: createSqliteStore(join(dir, 'board.db')) })
  await seedDemo(service)
  server = await serve(createFetchHandler(service), { port: 0 })
})

afterAll(async () => {
  await server?.close()
  await service?.store.close()
  rmSync(dir, { recursive: true, force: true })
})

it('lists boards, submits a message and follows it by tracking code against a running server', async () => {
  // The script imports the built @liuyan/client, as a user's script would.
  const { stdout } = await run(process.execPath, ['index.mjs'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, LIUYAN_API: `${server.url}/api/v1` },
  })
  expect(stdout).toMatch(/\d+ 个留言对象/)
  expect(stdout).toContain('长春市人民政府')
  const code = /查询码 (\S{12})/.exec(stdout)?.[1]
  expect(code).toBeDefined()
  expect(stdout).toContain('查询结果：状态 pending')
  const stored = await service.track(code!)
  expect(stored.title).toBe('建议增开夜间公交线路')
  expect(JSON.stringify(stored)).not.toContain('13800000000')
})
