// The CLI's `token` command, as a child process from the built dist/cli.js.
import { existsSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import type { Board, StaffRole } from '@liuyan/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoardService, sha256Hex } from '../src/service.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import type { StaffToken } from '../src/store/types.js'
import { ensureBuilt } from './built.js'
import { cleanUp, run, start, stop, tempDir } from './cli-process.js'

beforeAll(() => ensureBuilt(), 240_000)

afterAll(cleanUp)

describe('liuyan-server token', () => {
  const CITY: Board = { id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city', parentId: null, region: '220100', acceptsMessages: true }
  const UNIT: Board = { id: '220104-cgj', name: '朝阳区城市管理局', kind: 'agency', level: 'unit', parentId: CITY.id, region: '220104', acceptsMessages: true }
  /** Something shaped like a token, to be sure it is never echoed when given in the wrong place. */
  const STRAY_TOKEN = 'kq3FJ0sZ-never-echo-this-token_9x8w7v6u5t4s'

  /** Runs a token command to the end. */
  async function token(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const cli = run(['token', ...args])
    const { code } = await cli.exited
    return { code, stdout: cli.stdout(), stderr: cli.stderr() }
  }

  /** A board database with two boards, and optionally token records written as a script would. */
  async function boardDatabase(records: StaffToken[] = []): Promise<string> {
    const db = join(tempDir(), 'board.db')
    const store = createSqliteStore(db)
    try {
      await createBoardService({ store }).putBoards([CITY, UNIT])
      await store.transaction(async (tx) => {
        for (const record of records) await tx.putToken(record)
      })
    } finally {
      await store.close()
    }
    return db
  }

  async function storedTokens(db: string): Promise<StaffToken[]> {
    const store = createSqliteStore(db, { readonly: true })
    try {
      return await store.read.listTokens()
    } finally {
      await store.close()
    }
  }

  const record = (hash: string, label: string, createdAt = '2026-03-01T00:00:00.000Z'): StaffToken => ({
    hash, label, roles: ['handler'], boardIds: [UNIT.id], createdAt,
  })

  it('creates a token shown once, lists it by its hash only, and revokes it by label', async () => {
    const db = await boardDatabase()
    const created = await token(['create', '--db', db, '--label', ' 朝阳区城市管理局 办理 ', '--role', 'handler', '--role', 'supervisor', '--role', 'handler', '--board', UNIT.id, '--board', CITY.id])
    expect(created.code, created.stderr).toBe(0)
    const secret = /^token: +(\S+)$/m.exec(created.stdout)?.[1]
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const hash = await sha256Hex(secret!)
    expect(created.stdout).toMatch(new RegExp(`^hash: +${hash.slice(0, 12)}$`, 'm'))
    expect(created.stdout).toMatch(/^label: +朝阳区城市管理局 办理$/m)
    expect(created.stdout).toMatch(/^roles: +handler, supervisor$/m)
    expect(created.stdout).toMatch(/^boards: +220104-cgj \(朝阳区城市管理局\), 220100-gov \(长春市人民政府\)$/m)
    expect(created.stderr).toMatch(/shown this once: only its SHA-256 hash is stored/)
    expect(created.stderr).not.toContain(secret)

    // What was stored works as a token of the board service, with what the command printed.
    const stored = await storedTokens(db)
    expect(stored).toEqual([{ hash, label: '朝阳区城市管理局 办理', roles: ['handler', 'supervisor'], boardIds: [UNIT.id, CITY.id], createdAt: expect.any(String) }])

    const listed = await token(['list', '--db', db])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toBe(`${hash.slice(0, 12)}\t朝阳区城市管理局 办理\thandler,supervisor\t220104-cgj,220100-gov\t${stored[0]!.createdAt}\n`)
    expect(listed.stdout + listed.stderr).not.toContain(secret)
    expect(listed.stdout).not.toContain(hash)

    const revoked = await token(['revoke', '--db', db, '--label', '朝阳区城市管理局 办理'])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(revoked.stdout).toMatch(new RegExp(`^revoked ${hash.slice(0, 12)}\t朝阳区城市管理局 办理\t`))
    expect(await storedTokens(db)).toEqual([])
    const empty = await token(['list', '--db', db])
    expect(empty).toMatchObject({ code: 0, stdout: '' })
    expect(empty.stderr).toMatch(/No staff tokens in/)
  }, 30_000)

  it('refuses unknown roles and boards with exit code 2, naming each, and stores nothing', async () => {
    const db = await boardDatabase()
    const refused = await token(['create', '--db', db, '--label', '办理', '--role', 'admin', '--role', 'handler', '--role', 'Reviewer', '--board', UNIT.id, '--board', '220104-cgjj'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/no token created: unknown roles "admin", "Reviewer" \(the roles are reviewer, handler, supervisor\); no board "220104-cgjj" in /)
    expect(refused.stderr).not.toMatch(/"handler"|"220104-cgj"/)
    expect(refused.stderr).toContain('--help')
    expect(refused.stdout).toBe('')
    expect(await storedTokens(db)).toEqual([])
  }, 30_000)

  it('revokes by a unique hash prefix; an ambiguous prefix or label exits 2 naming the tokens, no match exits 1', async () => {
    const twinA = record(`abcdef01${'1'.repeat(56)}`, '环卫处 办理', '2026-03-01T00:00:00.000Z')
    const twinB = record(`abcdef01${'2'.repeat(56)}`, '环卫处 审核', '2026-03-02T00:00:00.000Z')
    const sameLabel = [record('c'.repeat(64), '值班'), record('d'.repeat(64), '值班')]
    // A label written by a script of old, with a tab, an escape sequence and a line break in it.
    const odd = record('e'.repeat(64), 'x\t\u001b[31my\nz', '2026-03-03T00:00:00.000Z')
    // And one with no label at all and an escape sequence for a role.
    const bare = { ...record('f'.repeat(64), '', '2026-03-04T00:00:00.000Z'), label: undefined as unknown as string, roles: ['handler\u001b[2J' as StaffRole] }
    const db = await boardDatabase([twinA, twinB, ...sameLabel, odd, bare])

    const listed = await token(['list', '--db', db])
    expect(listed.code).toBe(0)
    const lines = listed.stdout.trimEnd().split('\n')
    expect(lines.map((line) => line.split('\t')[0])).toEqual(['abcdef011111', 'cccccccccccc', 'dddddddddddd', 'abcdef012222', 'eeeeeeeeeeee', 'ffffffffffff'])
    for (const line of lines) expect(line.split('\t')).toHaveLength(5)
    expect(listed.stdout).not.toContain('\u001b')

    const ambiguous = await token(['revoke', '--db', db, '--hash', 'ABCDEF01'])
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toMatch(/start the hash of 2 tokens \(abcdef011111 环卫处 办理; abcdef012222 环卫处 审核\); give more of the hash/)
    const byLabel = await token(['revoke', '--db', db, '--label', '值班'])
    expect(byLabel.code).toBe(2)
    expect(byLabel.stderr).toMatch(/2 tokens have the label "值班" \(cccccccccccc 值班; dddddddddddd 值班\); revoke one with --hash/)
    const none = await token(['revoke', '--db', db, '--hash', '0123456789ab'])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/no token's hash starts with the digits given/)
    const noLabel = await token(['revoke', '--db', db, '--label', '没有这个'])
    expect(noLabel.code).toBe(1)
    expect(noLabel.stderr).toMatch(/no token has the label "没有这个"/)
    expect((await storedTokens(db)).length).toBe(6)

    const unique = await token(['revoke', '--db', db, '--hash', ' ABCDEF012 '])
    expect(unique.code, unique.stderr).toBe(0)
    expect(unique.stdout).toMatch(/^revoked abcdef012222\t环卫处 审核\thandler\t220104-cgj\t2026-03-02T00:00:00.000Z\n$/)
    const whole = await token(['revoke', '--db', db, '--hash', 'c'.repeat(64)])
    expect(whole.code, whole.stderr).toBe(0)
    const escaped = await token(['revoke', '--db', db, '--hash', 'eeeeeeee'])
    expect(escaped.code).toBe(0)
    expect(escaped.stdout).not.toContain('\u001b')
    const labelless = await token(['revoke', '--db', db, '--hash', 'ffffffff'])
    expect(labelless.code, labelless.stderr).toBe(0)
    expect(labelless.stdout).toMatch(/^revoked ffffffffffff\t\thandler\uFFFD\[2J\t/)
    expect((await storedTokens(db)).map((t) => t.hash)).toEqual([twinA.hash, sameLabel[1]!.hash])
    const again = await token(['revoke', '--db', db, '--hash', 'abcdef012222'])
    expect(again.code).toBe(1)
  }, 30_000)

  it('refuses bad usage with exit code 2 and a clear message, never echoing a token given in the wrong place', async () => {
    const db = await boardDatabase()
    const create = ['create', '--db', db]
    const cases: [string[], RegExp][] = [
      [[], /create, list or revoke/],
      [['frobnicate'], /unknown command/],
      [[STRAY_TOKEN], /unknown command/],
      [[...create, '--role', 'handler', '--board', UNIT.id], /--label/],
      [[...create, '--label', '   ', '--role', 'handler', '--board', UNIT.id], /--label must be 1 to 100 characters/],
      [[...create, '--label', '办'.repeat(101), '--role', 'handler', '--board', UNIT.id], /--label must be 1 to 100 characters/],
      [[...create, '--label', '办理\n审核', '--role', 'handler', '--board', UNIT.id], /--label .*control characters/],
      [[...create, '--label', '办理', '--board', UNIT.id], /at least one --role/],
      [[...create, '--label', '办理', '--role', 'handler'], /at least one --board/],
      [[...create, '--label', '办理', '--role'], /--role/],
      [['list', '--db', ':memory:'], /:memory: holds no tokens/],
      [['list', '--db', ''], /--db must name/],
      [['list', '--db', db, '--bogus'], /unknown option --bogus/],
      [['list', '--db', db, `--${STRAY_TOKEN}`], /unknown option/],
      [['list', '--db', db, 'extra'], /unexpected argument/],
      [['revoke', '--db', db], /--hash HEX or --label TEXT/],
      [['revoke', '--db', db, '--hash', 'abcdef01', '--label', '办理'], /not both/],
      [['revoke', '--db', db, '--hash', 'abc'], /--hash takes the hex SHA-256/],
      [['revoke', '--db', db, '--hash', STRAY_TOKEN], /not the token itself/],
      [['revoke', '--db', db, STRAY_TOKEN], /unexpected argument/],
      [['revoke', '--db', db, '--label', ' '], /--label must not be empty/],
    ]
    await Promise.all(
      cases.map(async ([args, message]) => {
        const result = await token(args)
        expect(result.code, args.join(' ')).toBe(2)
        expect(result.stderr, args.join(' ')).toMatch(message)
        expect(result.stderr, args.join(' ')).toContain('--help')
        expect(result.stderr, args.join(' ')).not.toContain(STRAY_TOKEN)
        expect(result.stderr, args.join(' ')).not.toMatch(/^\s+at /m)
        expect(result.stdout, args.join(' ')).toBe('')
      }),
    )
    expect(await storedTokens(db)).toEqual([])

    // The server's own flags come before no subcommand: a misplaced "token" says where it goes.
    const misplaced = run(['--db', db, 'token', 'list'])
    expect((await misplaced.exited).code).toBe(2)
    expect(misplaced.stderr()).toMatch(/"token" first/)

    for (const [args, usage] of [
      [['--help'], /Usage: liuyan-server token <command>[\s\S]*create[\s\S]*list[\s\S]*revoke/],
      [['create', '--help'], /Usage: liuyan-server token create --label TEXT --role ROLE[\s\S]*--board ID/],
      [['list', '-h'], /Usage: liuyan-server token list/],
      [['revoke', '--help'], /Usage: liuyan-server token revoke \(--hash HEX \| --label TEXT\)/],
    ] as const) {
      const help = await token([...args])
      expect(help.code, args.join(' ')).toBe(0)
      expect(help.stdout, args.join(' ')).toMatch(usage)
    }
    const main = run(['--help'])
    expect((await main.exited).code).toBe(0)
    expect(main.stdout()).toMatch(/liuyan-server token create\|list\|revoke/)
  }, 30_000)

  it('exits 1 when the database cannot be opened, and creates no database', async () => {
    const dir = tempDir()
    const missing = join(dir, 'typo', 'board.db')
    const junk = join(dir, 'junk.db')
    writeFileSync(junk, 'not a database')
    const commands = (db: string) => [
      ['create', '--db', db, '--label', '办理', '--role', 'handler', '--board', UNIT.id],
      ['list', '--db', db],
      ['revoke', '--db', db, '--hash', 'abcdef01'],
    ]
    for (const [db, message] of [[missing, /there is no such file/], [dir, /it is not a file/], [junk, /file is not a database/]] as const) {
      for (const args of commands(db)) {
        const result = await token(args)
        expect(result.code, args.join(' ')).toBe(1)
        expect(result.stderr, args.join(' ')).toMatch(new RegExp(`cannot open the database .*: ${message.source}`))
        expect(result.stderr, args.join(' ')).not.toMatch(/^\s+at /m)
        expect(result.stdout, args.join(' ')).toBe('')
      }
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false)

    // A database of an older schema (a server not yet upgraded runs on it) is left for that server.
    const older = await boardDatabase()
    const setVersion = createSqliteStore(older)
    setVersion.database.pragma('user_version = 1')
    await setVersion.close()
    for (const args of commands(older)) {
      const result = await token(args)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toMatch(/schema version 1 is older than \d+; back it up and start this version of liuyan-server on it once/)
    }
    // Still at version 1: a read-only store refuses it for that reason.
    expect(() => createSqliteStore(older, { readonly: true })).toThrow(/schema version 1, older than/)
  }, 30_000)

  it('creates and revokes tokens while a server runs on the same file: its next request with a revoked token answers 401', async () => {
    const db = await boardDatabase()
    const server = await start(['--port', '0', '--db', db])
    const me = (secret: string) => fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } })

    const created = await token(['create', '--db', db, '--label', '朝阳区城市管理局 办理', '--role', 'handler', '--board', UNIT.id])
    expect(created.code, created.stderr).toBe(0)
    const secret = /^token: +(\S+)$/m.exec(created.stdout)![1]!
    const other = await token(['create', '--db', db, '--label', '长春市 审核', '--role', 'reviewer', '--board', CITY.id])
    const otherSecret = /^token: +(\S+)$/m.exec(other.stdout)![1]!
    expect((await me(secret)).status).toBe(200)
    expect((await me(otherSecret)).status).toBe(200)

    const listed = await token(['list', '--db', db])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout.trimEnd().split('\n')).toHaveLength(2)

    const prefix = (await sha256Hex(secret)).slice(0, 10)
    const revoked = await token(['revoke', '--db', db, '--hash', prefix])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect((await me(secret)).status).toBe(401)
    expect((await me(otherSecret)).status).toBe(200)

    const log = server.stdout()
    expect(log).not.toContain(secret)
    expect(log).not.toContain(otherSecret)
    expect(await stop(server)).toBe(0)
  }, 30_000)
})
