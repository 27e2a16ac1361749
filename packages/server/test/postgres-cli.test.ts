/**
 * `liuyan-server --db postgres://…` on a real PostgreSQL 15: it serves, takes its tracking key from
 * outside the database, and refuses to start, with the cause and exit code 2 and never the
 * password, on a bad URL, a database that is down, a missing key or a failing migration. The
 * answers while the database goes away mid-service are in postgres-outage.test.ts.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POSTGRES_SCHEMA_VERSION } from '../src/store/postgres.js'
import { ensureBuilt } from './built.js'
import { cleanUp, run, start, stop, tempDir } from './cli-process.js'
import { adminQuery, freshDatabase, testCluster } from './postgres-database.js'

const KEY = 'cli-postgres-tracking-key-0123456789abcdef'

beforeAll(() => ensureBuilt(), 240_000)
afterAll(cleanUp)

/** `url` with a password, which the cluster (trust authentication) ignores and no output may show. */
const withPassword = (url: string) => url.replace('liuyan@', 'liuyan:Pa55-w0rd-s3cret@')
const SECRET = 'Pa55-w0rd-s3cret'

async function exitOf(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const cli = run(args, env)
  const { code } = await cli.exited
  return { code, stderr: cli.stderr(), stdout: cli.stdout() }
}

describe('liuyan-server on PostgreSQL', { timeout: 30_000 }, () => {
  it('serves from --db postgres://… with LIUYAN_TRACKING_KEY, shows the URL without its password, and keeps messages across restarts', async () => {
    const url = withPassword(await freshDatabase(false))
    const first = await start(['--port', '0', '--db', url, '--seed', 'demo'], { LIUYAN_TRACKING_KEY: KEY })
    expect(first.stdout()).toMatch(/database:\s+postgres:\/\/liuyan:\*\*\*@127\.0\.0\.1:\d+\/board_\d+_\d+ \(PostgreSQL\)/)
    expect(first.stdout() + first.stderr()).not.toContain(SECRET)
    const boards = (await (await fetch(`${first.url}/api/v1/boards`)).json()) as { items: unknown[] }
    expect(boards.items.length).toBeGreaterThan(0)
    const before = (await (await fetch(`${first.url}/api/v1/messages?limit=100`)).json()) as { items: { id: string }[] }
    expect(before.items.length).toBeGreaterThan(0)
    expect(await stop(first)).toBe(0)

    // LIUYAN_DATABASE_URL instead of --db; the same key finds the same codes.
    const second = await start(['--port', '0'], { LIUYAN_DATABASE_URL: url, LIUYAN_TRACKING_KEY: KEY })
    const after = (await (await fetch(`${second.url}/api/v1/messages?limit=100`)).json()) as { items: { id: string }[] }
    expect(after.items.map((m) => m.id)).toEqual(before.items.map((m) => m.id))
    expect(await stop(second)).toBe(0)

    // Another key is refused: the codes were stored under the first.
    const wrong = await exitOf(['--port', '0', '--db', url], { LIUYAN_TRACKING_KEY: `${KEY}-other` })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('not the one this database')
  })

  it('takes the key from --tracking-key FILE, created on a new database, and without any key says what to do (exit 2)', async () => {
    const url = await freshDatabase(false)
    const none = await exitOf(['--port', '0', '--db', url])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('a PostgreSQL database keeps its tracking key outside the database: set LIUYAN_TRACKING_KEY')
    expect(none.stderr).toContain('--tracking-key FILE')

    const file = join(tempDir(), 'tracking.key')
    const cli = await start(['--port', '0', '--db', url, '--tracking-key', file])
    expect(cli.stdout()).toContain(`tracking key: ${file} (created: back it up apart from the database)`)
    expect(await stop(cli)).toBe(0)
    // The database's codes are now under that key: without it, the start is refused.
    const lost = await exitOf(['--port', '0', '--db', url])
    expect(lost.code).toBe(2)
    expect(lost.stderr).toContain("the database's tracking codes were stored under a tracking key")
  })

  it('migrates with liuyan-server migrate, and manages staff tokens with liuyan-server token, on the same URL', async () => {
    const url = withPassword(await freshDatabase(false))
    const env = { LIUYAN_TRACKING_KEY: KEY }
    const migrated = await exitOf(['migrate', '--db', url], env)
    expect(migrated.code, migrated.stderr).toBe(0)
    expect(migrated.stdout).toMatch(new RegExp(String.raw`^postgres://liuyan:\*\*\*@127\.0\.0\.1:\d+/board_\d+_\d+: schema version ${POSTGRES_SCHEMA_VERSION} \(migrated from 0\); tracking codes stored as keyed hashes \(key from LIUYAN_TRACKING_KEY\)$`, 'm'))
    const again = await exitOf(['migrate'], { ...env, LIUYAN_DATABASE_URL: url })
    expect(again.stdout).toContain(`schema version ${POSTGRES_SCHEMA_VERSION} (already up to date)`)
    expect((await exitOf(['migrate', '--db', url])).code).toBe(2)

    const seeded = await start(['--port', '0', '--db', url, '--seed', 'demo'], env)
    const created = await exitOf(['token', 'create', '--db', url, '--label', '值班 办理', '--role', 'handler', '--board', '220100-gov'])
    expect(created.code, created.stderr).toBe(0)
    const secret = /^token: +(\S+)$/m.exec(created.stdout)![1]!
    // A token created beside a running instance works there at once.
    const me = await fetch(`${seeded.url}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ label: '值班 办理', roles: ['handler'] })
    const listed = await exitOf(['token', 'list'], { LIUYAN_DATABASE_URL: url })
    expect(listed.stdout).toContain('值班 办理')
    expect(listed.stdout + listed.stderr + created.stderr).not.toContain(SECRET)
    expect((await exitOf(['token', 'revoke', '--db', url, '--label', '值班 办理'])).code).toBe(0)
    expect((await fetch(`${seeded.url}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401)
    expect(await stop(seeded)).toBe(0)

    // The token commands never migrate: a database of another version is refused.
    const empty = await freshDatabase(false)
    const refused = await exitOf(['token', 'list', '--db', empty])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`schema version 0, older than ${POSTGRES_SCHEMA_VERSION}`)
  })

  it.each([
    ['postgres://liuyan:Pa55-w0rd-s3cret@[::1/board', 'is not a valid PostgreSQL URL'],
    ['postgres://liuyan:Pa55-w0rd-s3cret@127.0.0.1:99999/board', 'is not a valid PostgreSQL URL'],
  ])('refuses the bad URL %s with exit code 2', async (url, message) => {
    const result = await exitOf(['--port', '0', '--db', url], { LIUYAN_TRACKING_KEY: KEY })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stderr).not.toContain(SECRET)
  })

  it('refuses to start on a database that is down, one that does not exist, and one whose migration fails, naming the cause (exit 2)', async () => {
    const cluster = await testCluster()
    const url = await freshDatabase(false)
    await cluster.pause()
    let down: Awaited<ReturnType<typeof exitOf>>
    try {
      down = await exitOf(['--port', '0', '--db', withPassword(url)], { LIUYAN_TRACKING_KEY: KEY })
    } finally {
      await cluster.resume()
    }
    expect(down.code).toBe(2)
    expect(down.stderr).toMatch(/cannot open the database postgres:\/\/liuyan:\*\*\*@127\.0\.0\.1:\d+\/board_\d+_\d+: The PostgreSQL database is unavailable: .*ECONNREFUSED/)
    expect(down.stderr).not.toContain(SECRET)

    const missing = await exitOf(['--port', '0', '--db', url.replace(/board_\d+_\d+$/, 'no_such_db')], { LIUYAN_TRACKING_KEY: KEY })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('database "no_such_db" does not exist')

    const name = new URL(url).pathname.slice(1)
    await adminQuery('CREATE TABLE messages (note text)', [], name)
    const failing = await exitOf(['--port', '0', '--db', url], { LIUYAN_TRACKING_KEY: KEY })
    expect(failing.code).toBe(2)
    expect(failing.stderr).toContain('Migration 1 of the PostgreSQL store failed: relation "messages" already exists')
    // Nothing of the failed migration is kept.
    expect((await adminQuery(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`, [], name)).rows[0]).toEqual({ n: 1 })
  })
})

