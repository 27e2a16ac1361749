/**
 * The package as a consumer installs it: better-sqlite3 and pg are optional peer dependencies, so
 * a project with `@liuyan/server` and without them (nor their `@types`) must load every entry,
 * type-check against the published declarations with `skipLibCheck: false`, and get a clear error
 * only when it opens a SQLite file or a PostgreSQL database.
 *
 * The consumer is a temporary folder outside the repository: its node_modules holds a copy of this
 * package's package.json and dist (a symlink would resolve better-sqlite3 from the repository) and
 * symlinks to the other dependencies. Nothing above the temporary folder has a node_modules.
 */
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, PACKAGE, ROOT } from './built.js'

const repoRequire = createRequire(join(ROOT, 'package.json'))
let project: string

/** The folder of an installed package of the repository, followed to its real path. */
function installed(name: string): string {
  // Found by the search path, not by resolving `${name}/package.json`: some packages' exports do
  // not name their package.json (fast-xml-parser).
  const dir = repoRequire.resolve.paths(name)!.map((base) => join(base, name)).find((d) => existsSync(join(d, 'package.json')))
  if (!dir) throw new Error(`${name} is not installed in the repository`)
  return realpathSync(dir)
}

beforeAll(() => {
  ensureBuilt()
  project = realpathSync(mkdtempSync(join(tmpdir(), 'liuyan-consumer-')))
  const modules = join(project, 'node_modules')
  const server = join(modules, '@liuyan', 'server')
  mkdirSync(server, { recursive: true })
  cpSync(join(PACKAGE, 'package.json'), join(server, 'package.json'))
  cpSync(join(PACKAGE, 'dist'), join(server, 'dist'), { recursive: true })
  symlinkSync(join(ROOT, 'packages', 'core'), join(modules, '@liuyan', 'core'), 'dir')
  // The package's own dependencies (read from its package.json, so a new one cannot be forgotten
  // here), and the peers a consumer brings, but never better-sqlite3 or pg.
  const { dependencies } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  const names = [...Object.keys(dependencies).filter((name) => name !== '@liuyan/core'), 'zod', 'msw', '@types/node']
  for (const name of names) {
    mkdirSync(dirname(join(modules, name)), { recursive: true })
    symlinkSync(installed(name), join(modules, name), 'dir')
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
})

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true })
})

/** Runs an ES module in the consumer project and returns what it printed as JSON. */
function runInConsumer(source: string): unknown {
  const file = join(project, `script-${Math.random().toString(36).slice(2)}.mjs`)
  writeFileSync(file, source)
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' }))
}

describe('a project with better-sqlite3 installed', () => {
  it('never loads it for the msw, PostgreSQL, node and main entries, only when a SQLite store opens', () => {
    // In the repository, where both drivers are installed: only opening a store loads its driver.
    const file = join(PACKAGE, `.probe-${Math.random().toString(36).slice(2)}.mjs`)
    writeFileSync(file, `import { createRequire } from 'node:module'
const index = await import('@liuyan/server')
const msw = await import('@liuyan/server/msw')
await import('@liuyan/server/postgres')
await import('@liuyan/server/node')
const { handlers } = msw.createMswHandlers()
const service = index.createBoardService({ store: index.createMemoryStore() })
await service.listBoards()
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((path) => /[\\/]node_modules[\\/](better-sqlite3|pg)[\\/]/.test(path))
const before = loaded()
const sqlite = await import('@liuyan/server/sqlite')
sqlite.createSqliteStore(':memory:').close()
console.log(JSON.stringify({ handlers: handlers.length > 0, before, after: loaded().some((path) => path.includes('better-sqlite3')) }))`)
    try {
      const result = JSON.parse(execFileSync(process.execPath, [file], { cwd: PACKAGE, encoding: 'utf8' })) as unknown
      // The premise holds (the probe sees better-sqlite3 once a SQLite store opens), and nothing before.
      expect(result).toEqual({ handlers: true, before: [], after: true })
    } finally {
      rmSync(file, { force: true })
    }
  })
})

describe('a project without better-sqlite3 or pg', () => {
  it('cannot resolve better-sqlite3 or its types (the premise of the other tests)', () => {
    const found = runInConsumer(`import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const tryResolve = (name) => { try { return require.resolve(name) } catch { return null } }
console.log(JSON.stringify([tryResolve('better-sqlite3'), tryResolve('@types/better-sqlite3/package.json'), tryResolve('pg'), tryResolve('@types/pg/package.json'), tryResolve('@liuyan/server/package.json')]))`)
    expect(found).toEqual([null, null, null, null, join(project, 'node_modules', '@liuyan', 'server', 'package.json')])
  })

  it('loads every entry, and only createSqliteStore and createPostgresStore ask for their drivers', () => {
    const result = runInConsumer(`const index = await import('@liuyan/server')
const msw = await import('@liuyan/server/msw')
const node = await import('@liuyan/server/node')
const sqlite = await import('@liuyan/server/sqlite')
let error
try { sqlite.createSqliteStore(':memory:') } catch (e) { error = { name: e.name, code: e.code, message: e.message, cause: e.cause?.code } }
const postgres = await import('@liuyan/server/postgres')
let pgError
try { await postgres.createPostgresStore('postgres://board@127.0.0.1:1/board') } catch (e) { pgError = { name: e.name, code: e.code, message: e.message, cause: e.cause?.code } }
const store = index.createMemoryStore()
await store.close()
console.log(JSON.stringify({
  entries: [typeof index.createBoardService, typeof msw.createMswHandlers, typeof node.serve, typeof sqlite.createSqliteStore, typeof postgres.createPostgresStore],
  error,
  pgError,
}))`)
    expect(result).toEqual({
      entries: ['function', 'function', 'function', 'function', 'function'],
      pgError: {
        name: 'PostgresDriverMissingError',
        code: 'postgres_driver_missing',
        message: 'The PostgreSQL store needs the pg package: install it with `npm install pg`',
        cause: 'ERR_MODULE_NOT_FOUND',
      },
      error: {
        name: 'SqliteDriverMissingError',
        code: 'sqlite_driver_missing',
        message: 'The SQLite store needs the better-sqlite3 package: install it with `npm install better-sqlite3`',
        cause: 'MODULE_NOT_FOUND',
      },
    })
  })

  it('runs the CLI on --db :memory:, and says what to install for a SQLite file or a PostgreSQL database', async () => {
    const bin = join(project, 'node_modules', '@liuyan', 'server', 'dist', 'cli.js')
    const file = spawn(process.execPath, [bin, '--db', join(project, 'board.db'), '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    file.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => file.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('needs the better-sqlite3 package: install it beside @liuyan/server (npm install better-sqlite3), or run with --db :memory:')

    const postgres = spawn(process.execPath, [bin, '--db', 'postgres://board:s3cret@127.0.0.1:1/board', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] })
    let pgErr = ''
    postgres.stderr.setEncoding('utf8').on('data', (chunk: string) => (pgErr += chunk))
    expect(await new Promise<number | null>((resolve) => postgres.once('exit', resolve))).toBe(1)
    expect(pgErr).toContain('--db postgres://board:***@127.0.0.1:1/board is a PostgreSQL database, which needs the pg package: install it beside @liuyan/server (npm install pg)')

    const memory = spawn(process.execPath, [bin, '--db', ':memory:', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let memoryErr = ''
    memory.stderr.setEncoding('utf8').on('data', (chunk: string) => (memoryErr += chunk))
    const exited = new Promise<number | null>((resolve) => memory.once('exit', resolve))
    const site = await new Promise<string>((resolve, reject) => {
      memory.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
        const match = /site:\s+(http:\/\/[^\s/]+)\//.exec(stdout)
        if (match) resolve(match[1]!)
      })
      void exited.then((c) => reject(new Error(`liuyan-server exited with ${c} before listening: ${memoryErr}`)))
    })
    const response = await fetch(`${site}/api/v1/boards`)
    expect(response.status).toBe(200)
    memory.kill('SIGTERM')
    expect(await exited).toBe(0)

    const token = spawn(process.execPath, [bin, 'token', 'list', '--db', bin], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] })
    let tokenErr = ''
    token.stderr.setEncoding('utf8').on('data', (chunk: string) => (tokenErr += chunk))
    expect(await new Promise<number | null>((resolve) => token.once('exit', resolve))).toBe(1)
    expect(tokenErr).toContain('need the better-sqlite3 package: install it beside @liuyan/server (npm install better-sqlite3)')
  }, 30_000)

  it('type-checks against the published declarations with skipLibCheck: false', () => {
    const consumer = join(project, 'consumer.ts')
    writeFileSync(consumer, `import { createBoardService, createMemoryStore, type Store } from '@liuyan/server'
import { createMswHandlers } from '@liuyan/server/msw'
import { serve } from '@liuyan/server/node'
import { createSqliteStore, SqliteDriverMissingError, type SqliteDatabase, type SqliteStore } from '@liuyan/server/sqlite'
import { createPostgresStore, PostgresDriverMissingError, StoreUnavailableError, type PostgresStore } from '@liuyan/server/postgres'

const memory: Store = createMemoryStore()
createBoardService({ store: memory })
const { handlers } = createMswHandlers()
void serve
export async function backUp(store: SqliteStore): Promise<number> {
  const db: SqliteDatabase = store.database
  const mode: unknown = db.pragma('journal_mode', { simple: true })
  const count = db.prepare('SELECT count(*) FROM messages').pluck().get() as number
  const { totalPages } = await db.backup(db.name + '.bak')
  return count + totalPages + handlers.length + String(mode).length
}
try { createSqliteStore('board.db') } catch (error) { if (error instanceof SqliteDriverMissingError) console.log(error.code) }
export async function openPostgres(url: string): Promise<Store> {
  try {
    const store: PostgresStore = await createPostgresStore({ connectionString: url, max: 4 })
    return store.migration.to > 0 ? store : memory
  } catch (error) {
    if (error instanceof PostgresDriverMissingError || error instanceof StoreUnavailableError) return memory
    throw error
  }
}
`)
    const options: ts.CompilerOptions = {
      noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2022.d.ts'], types: ['node'],
      skipLibCheck: false, noUncheckedIndexedAccess: true,
    }
    const host = ts.createCompilerHost(options)
    // The premise: TypeScript cannot find better-sqlite3's types from the consumer either.
    expect(ts.resolveModuleName('better-sqlite3', consumer, options, host).resolvedModule).toBeUndefined()
    const program = ts.createProgram([consumer], options, host)
    // The consumer and every declaration file of this package (checking msw's and Node's own
    // declarations too would only measure them, and takes far longer).
    const server = join(project, 'node_modules', '@liuyan', 'server')
    const mine = program.getSourceFiles().filter((f) => f.fileName === consumer || f.fileName.startsWith(`${server}/`))
    expect(mine.map((f) => f.fileName)).toContain(join(server, 'dist', 'store', 'sqlite.d.ts'))
    expect(mine.map((f) => f.fileName)).toContain(join(server, 'dist', 'store', 'postgres.d.ts'))
    const diagnostics = [...program.getGlobalDiagnostics(), ...program.getOptionsDiagnostics(), ...mine.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)])]
    expect(diagnostics.map((d) => `${d.file?.fileName ?? ''}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)).toEqual([])
  }, 60_000)
})
