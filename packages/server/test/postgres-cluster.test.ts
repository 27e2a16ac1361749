import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js'

// The harness the PostgreSQL store's tests will stand on: a real PostgreSQL 15 on loopback.
describe('a throw-away PostgreSQL cluster', () => {
  const clusters: PostgresCluster[] = []
  afterAll(async () => {
    for (const cluster of clusters) await cluster.stop()
  })

  it('runs PostgreSQL 15 on 127.0.0.1 with its socket in its folder, has pg_trgm, and leaves nothing when stopped', async () => {
    const started = performance.now()
    const cluster = await startPostgresCluster()
    clusters.push(cluster)
    console.info(`PostgreSQL cluster started in ${Math.round(performance.now() - started)} ms on port ${cluster.port}`)
    expect(cluster.url).toBe(`postgres://liuyan@127.0.0.1:${cluster.port}/postgres`)
    expect(statSync(join(cluster.dir, `.s.PGSQL.${cluster.port}`)).isSocket()).toBe(true)

    const client = new pg.Client({ connectionString: cluster.url })
    await client.connect()
    try {
      const { rows } = await client.query<{ version: string; listen: string; encoding: string; collate: string }>(
        `select version(), current_setting('listen_addresses') as listen, pg_encoding_to_char(encoding) as encoding, datcollate as collate
         from pg_database where datname = current_database()`,
      )
      expect(rows[0]!.version).toMatch(/^PostgreSQL 15\.\d+/)
      expect(rows[0]).toMatchObject({ listen: '127.0.0.1', encoding: 'UTF8', collate: 'C.UTF-8' })
      await client.query('create extension pg_trgm')
      const similarity = await client.query<{ s: number }>(`select similarity('路灯不亮', '路灯不亮了') as s`)
      expect(similarity.rows[0]!.s).toBeGreaterThan(0.5)
    } finally {
      await client.end()
    }

    await cluster.stop()
    expect(existsSync(cluster.dir)).toBe(false)
    const late = new pg.Client({ connectionString: cluster.url })
    await expect(late.connect()).rejects.toThrow(/ECONNREFUSED/)
    await cluster.stop() // a second stop, as afterAll makes, does nothing
  })

  it('gives two clusters started together their own ports and folders', async () => {
    const [a, b] = await Promise.all([startPostgresCluster(), startPostgresCluster()])
    clusters.push(a, b)
    expect(a.port).not.toBe(b.port)
    expect(a.dir).not.toBe(b.dir)
    await Promise.all([a.stop(), b.stop()])
    expect([existsSync(a.dir), existsSync(b.dir)]).toEqual([false, false])
  })

  it.each([
    ['throws an uncaught error', 'process.stdin.once("data", () => { throw new Error("test failed") })', null],
    ['is sent SIGTERM', 'process.stdin.resume()', 'SIGTERM'],
  ] as const)('is stopped and removed when the process that started it %s', async (_, then, signal) => {
    // Node cannot run the TypeScript helper itself: esbuild turns it into one ES module.
    const work = mkdtempSync(join(tmpdir(), 'liuyan-pg-exit-'))
    try {
      const helper = join(work, 'postgres-cluster.mjs')
      await build({ entryPoints: [fileURLToPath(new URL('./postgres-cluster.ts', import.meta.url))], outfile: helper, format: 'esm', platform: 'node', logLevel: 'silent' })
      const script = `import { startPostgresCluster } from ${JSON.stringify(helper)}
const cluster = await startPostgresCluster()
console.log(JSON.stringify({ dir: cluster.dir, url: cluster.url }))
${then}`
      // The child waits on its stdin, so the cluster is checked while the child surely lives.
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] })
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      const line = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk
          if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')))
        })
        void exited.then(() => reject(new Error('the child exited before starting a cluster')))
      })
      const { dir, url } = JSON.parse(line) as { dir: string; url: string }
      // Up: the child's cluster answers before the child goes.
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.end()
      if (signal) child.kill(signal)
      else child.stdin.write('go\n')
      await exited
      expect(existsSync(dir)).toBe(false)
      await expect(new pg.Client({ connectionString: url }).connect()).rejects.toThrow(/ECONNREFUSED/)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
})
