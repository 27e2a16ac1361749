/**
 * A throw-away PostgreSQL 15 cluster for tests: its own folder under the system's temp folder,
 * listening on 127.0.0.1 only, on a free port, with its unix socket in that folder.
 *
 * - Needs Debian's postgresql-15 (`node scripts/ensure-postgres.mjs`, which `npm test` runs, installs
 *   it). Its contrib extensions, pg_trgm among them, come with it.
 * - `initdb` refuses to run as root, so as root the cluster runs as the `postgres` user the package
 *   creates (`runuser -u postgres`); as anyone else, as that user.
 * - Trust authentication for the superuser `liuyan`, UTF-8, locale C.UTF-8 (the same sort order on
 *   every machine). fsync is off and initdb does not sync: data need not survive a power cut, and
 *   starting takes well under a second.
 * - The only wait is `pg_ctl -w`, which returns once the server accepts connections. A port another
 *   process takes between our probe and PostgreSQL's bind makes the start fail with "could not
 *   bind"; it is then retried on another port.
 * - `stop()` is `pg_ctl -m fast stop` and removes the folder. A cluster still running when the
 *   process exits (a test that threw before its `stop()`, an interrupted run) is stopped then, best
 *   effort: `exit` and SIGINT/SIGTERM/SIGHUP run `pg_ctl -m immediate stop`; a SIGKILL leaves it.
 *
 * @example
 * ```ts
 * const cluster = await startPostgresCluster()
 * afterAll(() => cluster.stop())
 * const client = new pg.Client({ connectionString: cluster.url })
 * ```
 */
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const BIN = '/usr/lib/postgresql/15/bin'
const HOST = '127.0.0.1'
const USER = 'liuyan'
const PORT_ATTEMPTS = 5

/** A running throw-away cluster. */
export interface PostgresCluster {
  /** `postgres://liuyan@127.0.0.1:PORT/postgres`: the superuser on the `postgres` database. */
  readonly url: string
  readonly port: number
  /** The cluster's folder: `data/`, `log` and the unix socket. Gone after {@link stop}. */
  readonly dir: string
  /** Stops the server (`pg_ctl -m fast`) and removes the folder. Calling it again does nothing. */
  stop(): Promise<void>
  /**
   * Stops the server but keeps its folder, as an outage would: `fast` ends every session at once
   * (clients get "terminating connection due to administrator command"), `immediate` as a crash.
   */
  pause(mode?: 'fast' | 'immediate'): Promise<void>
  /** Starts a paused server again, on the same port; resolves once it accepts connections. */
  resume(): Promise<void>
}

const run = promisify(execFile)
const asRoot = process.getuid?.() === 0
/** Clusters not yet stopped, for the exit hook: their folder → its data folder. */
const running = new Map<string, string>()

/** A command as the cluster's owner: `postgres` when we are root, else ourselves. */
function owner(command: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
}

/** A port free on 127.0.0.1 at this moment: the kernel's pick for port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Options of {@link startPostgresCluster}. */
export interface PostgresClusterOptions {
  /**
   * Keep PostgreSQL's durability settings (fsync, synchronous commit, full-page writes) as a
   * production server has them, for benchmarks of durable writes. Tests leave it off: faster.
   * @default false
   */
  durable?: boolean
}

/** Starts a fresh cluster; see the module's comment. */
export async function startPostgresCluster(settings: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  if (!existsSync(join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is missing (no ${BIN}/initdb): run \`node scripts/ensure-postgres.mjs\` as root`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-pg-'))
  const data = join(dir, 'data')
  const log = join(dir, 'log')
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
      chownSync(dir, uid, gid)
    }
    // cwd: the owner may not be allowed into the test's working directory.
    await run(...owner(`${BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']), { cwd: dir })
    running.set(dir, data)
    for (let attempt = 1; ; attempt++) {
      const port = await freePort()
      // The log is appended to on every attempt: read only this attempt's part.
      const logStart = existsSync(log) ? statSync(log).size : 0
      const fast = settings.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'
      const options = `-p ${port} -k '${dir}' -c listen_addresses=${HOST}${fast}`
      try {
        await run(...owner(`${BIN}/pg_ctl`, ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']), { cwd: dir })
      } catch (error) {
        const text = existsSync(log) ? readFileSync(log).subarray(logStart).toString('utf8') : ''
        if (attempt < PORT_ATTEMPTS && /could not bind|Address already in use/.test(text)) continue
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${text}`)
      }
      let stopped = false
      return {
        url: `postgres://${USER}@${HOST}:${port}/postgres`,
        port,
        dir,
        async pause(mode = 'fast') {
          await run(...owner(`${BIN}/pg_ctl`, ['-D', data, '-m', mode, '-w', 'stop']), { cwd: dir })
        },
        async resume() {
          await run(...owner(`${BIN}/pg_ctl`, ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']), { cwd: dir })
        },
        async stop() {
          if (stopped) return
          stopped = true
          try {
            // A paused server has nothing left to stop.
            if (existsSync(join(data, 'postmaster.pid'))) await run(...owner(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']), { cwd: dir })
          } finally {
            running.delete(dir)
            rmSync(dir, { recursive: true, force: true })
          }
        },
      }
    }
  } catch (error) {
    stopNow(dir, data)
    throw error
  }
}

/** Stops a cluster synchronously, as far as it was started, and removes its folder. */
function stopNow(dir: string, data: string): void {
  running.delete(dir)
  try {
    if (existsSync(join(data, 'postmaster.pid'))) {
      execFileSync(...owner(`${BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']), { cwd: dir, stdio: 'ignore' })
    }
  } catch {
    // Best effort: the folder goes anyway, and PostgreSQL shuts itself down within a minute once its lock file is gone.
  }
  rmSync(dir, { recursive: true, force: true })
}

function stopAll(): void {
  for (const [dir, data] of running) stopNow(dir, data)
}

process.once('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, function onSignal() {
    stopAll()
    // Then die of the signal as we would have without this listener, unless someone else handles it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  })
}
