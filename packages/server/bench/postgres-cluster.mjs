// A PostgreSQL 15 server for the bench (BENCH_STORE=postgres): a fresh cluster in a temporary
// folder on loopback, with PostgreSQL's durability settings as a production server has them (fsync
// and synchronous commit on), so durable submissions are measured as they would be. As root it
// runs as the `postgres` user (initdb refuses root). The test suite's own cluster is
// test/postgres-cluster.ts; this is its plain-JavaScript twin for a script run by node.
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const BIN = '/usr/lib/postgresql/15/bin'
const HOST = '127.0.0.1'
const USER = 'liuyan'
const run = promisify(execFile)
const asRoot = process.getuid?.() === 0
const owner = (command, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args])

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Starts the server; resolves `{ url, data (its data folder), stop() }`. */
export async function startCluster() {
  if (!existsSync(join(BIN, 'initdb'))) throw new Error(`PostgreSQL 15 is missing (no ${BIN}/initdb): run \`node scripts/ensure-postgres.mjs\` as root`)
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-bench-pg-'))
  const data = join(dir, 'data')
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })))
  await run(...owner(`${BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']), { cwd: dir })
  const port = await freePort()
  // BENCH_PG_STATEMENTS=1 loads pg_stat_statements, for profiling (bench/seedtest.mjs prints it).
  // BENCH_PG_OPTIONS: more server options (e.g. auto_explain's), as postgres takes them.
  const statements = process.env.BENCH_PG_STATEMENTS === '1' ? ' -c shared_preload_libraries=pg_stat_statements' : ''
  const extra = process.env.BENCH_PG_OPTIONS ? ` ${process.env.BENCH_PG_OPTIONS}` : ''
  const options = `-p ${port} -k '${dir}' -c listen_addresses=${HOST} -c shared_buffers=256MB -c max_connections=50${statements}${extra}`
  await run(...owner(`${BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']), { cwd: dir })
  const stop = () => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) execFileSync(...owner(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']), { cwd: dir, stdio: 'ignore' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  process.once('exit', stop)
  return { url: `postgres://${USER}@${HOST}:${port}/postgres`, data, stop }
}
