import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, ensureBuilt } from './built.js'

// `liuyan-server --open311 JURISDICTION=BOARD` as a child process from the built CLI, on the demo data.
let child: ChildProcess
let out = ''
let url = ''

beforeAll(async () => {
  ensureBuilt()
  child = spawn(process.execPath, [CLI, '--db', ':memory:', '--seed', 'demo', '--port', '0', '--open311', 'changchun.gov.cn=220100-gov', '--open311-extended'], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /site:\s+(http:\/\/[^\s/]+)\//.exec(out)
      if (match) {
        clearInterval(timer)
        resolve(match[1]!)
      }
    }, 20)
    child.once('exit', (code) => {
      clearInterval(timer)
      reject(new Error(`liuyan-server exited with ${code}`))
    })
  })
}, 120_000)
afterAll(() => child?.kill('SIGTERM'))

describe('liuyan-server --open311', () => {
  it('serves GeoReport v2 beside the API, says so in the banner, and logs no token', async () => {
    expect(out).toContain(`open311:     ${url}/open311/v2/discovery.json  (changchun.gov.cn → 220100-gov)`)
    const requests = await (await fetch(`${url}/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z`)).json()
    expect(Array.isArray(requests)).toBe(true)
    const all = await (await fetch(`${url}/open311/v2/requests.xml`)).text()
    expect(all).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests>/)
    const submitted = await fetch(`${url}/open311/v2/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({ service_code: 'complain.urban', description: '路灯坏了两周\n朝阳路12号小区门口的路灯已经坏了两个星期。' }),
    })
    expect(submitted.status).toBe(201)
    const [{ token }] = await submitted.json()
    expect((await fetch(`${url}/open311/v2/tokens/${token}.json`)).status).toBe(200)
    // The child writes its log once per turn of its event loop: wait for the line, not for a time.
    await expect.poll(() => out, { timeout: 10_000 }).toContain('"path":"/open311/v2/tokens/***"')
    expect(out).not.toContain(token)
  })

  it('exits 2 for a malformed --open311 or a board that does not exist', () => {
    const bad = spawnSync(process.execPath, [CLI, '--db', ':memory:', '--open311', 'changchun'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--open311 must be JURISDICTION=BOARD')
    const missing = spawnSync(process.execPath, [CLI, '--db', ':memory:', '--port', '0', '--open311', 'x.gov=nowhere'], { encoding: 'utf8' })
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('there is no board "nowhere"')
  })
})
