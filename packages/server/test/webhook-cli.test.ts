// `liuyan-server webhook …` and the server's delivery worker as child processes: subscriptions
// managed on the database, and deliveries pending when the server is killed (-9) all arrive after
// the restart, at least once each, under their stable ids.
import { join } from 'node:path'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/store/sqlite.js'
import { ensureBuilt } from './built.js'
import { cleanUp, run, start, stop, tempDir } from './cli-process.js'
import { startReceiver, type Receiver } from './receiver.js'

const CITY = '220100-gov'

let receiver: Receiver
beforeAll(async () => {
  ensureBuilt()
  receiver = await startReceiver()
}, 240_000)
afterAll(async () => {
  cleanUp()
  await receiver.close()
})

/** A SQLite database with the demo boards, made by a first run of the server. */
async function database(): Promise<string> {
  const db = join(tempDir(), 'board.db')
  const server = await start(['--db', db, '--port', '0', '--seed', 'demo'])
  expect(await stop(server)).toBe(0)
  return db
}

async function webhook(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = run(['webhook', ...args])
  const { code } = await cli.exited
  return { code, stdout: cli.stdout(), stderr: cli.stderr() }
}

function submission(n: number) {
  return {
    boardId: CITY, type: 'complain', domain: 'urban', title: `路灯坏了第${n}处`, content: '小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    author: { nickname: '测试市民', realName: '赵测试', phone: '13912345678' }, publish: true,
  }
}

describe('liuyan-server webhook', () => {
  it('adds, lists, replays and removes subscriptions, showing the secret once', async () => {
    const db = await database()
    const added = await webhook(['add', '--db', db, '--url', `${receiver.url}/ok?key=abc`, '--board', CITY, '--event', 'message.submitted', '--event', 'deadline.overdue'])
    expect(added.code, added.stderr).toBe(0)
    const id = /^id:\s+(wh_\S+)$/m.exec(added.stdout)![1]!
    const secret = /^secret:\s+(whsec_\S+)$/m.exec(added.stdout)![1]!
    expect(added.stderr).toContain('shown this once')
    const listed = await webhook(['list', '--db', db])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain(`${id}\tstandard\t${CITY}\tmessage.submitted,deadline.overdue\tpublic\t${receiver.url}/ok\t`)
    expect(listed.stdout).not.toContain(secret)
    expect(listed.stdout).not.toContain('key=abc')

    // Independent refusals, run together (each is a process start).
    const [unknownBoard, unknownEvent, badUrl, unknownCommand, replayed] = await Promise.all([
      webhook(['add', '--db', db, '--url', `${receiver.url}/ok`, '--board', 'nowhere', '--event', 'all']),
      webhook(['add', '--db', db, '--url', `${receiver.url}/ok`, '--board', CITY, '--event', 'message.deleted']),
      webhook(['add', '--db', db, '--url', 'ftp://example.org/', '--board', CITY, '--event', 'all']),
      webhook(['frobnicate']),
      webhook(['replay', '--db', db, '--event', 'evt_none_1']),
    ])
    expect([unknownBoard.code, unknownEvent.code, badUrl.code, unknownCommand.code]).toEqual([2, 2, 2, 2])
    expect(unknownBoard.stderr).toContain('no board "nowhere"')
    expect(replayed.code).toBe(1)
    expect(replayed.stderr).toContain('no subscription matches the event evt_none_1')

    expect((await webhook(['remove', '--db', db, '--id', id])).stdout).toBe(`removed ${id}\n`)
    expect((await webhook(['remove', '--db', db, '--id', id])).code).toBe(1)
    expect((await webhook(['list', '--db', db])).stderr).toContain('No webhook subscriptions')
  }, 240_000)

  it('refuses a malformed --webhook-timeout', { timeout: 120_000 }, async () => {
    const cli = run(['--db', ':memory:', '--webhook-timeout', 'soon'])
    expect((await cli.exited).code).toBe(2)
    expect(cli.stderr()).toContain('--webhook-timeout must be from 100ms to 600s')
  })

  it('delivers every event pending when the server was killed with SIGKILL, after the restart', async () => {
    const db = await database()
    const first = await start(['--db', db, '--port', '0', '--webhook-timeout', '500ms'])
    const added = await webhook(['add', '--db', db, '--url', `${receiver.url}/hang`, '--board', CITY, '--event', 'message.submitted'])
    expect(added.code, added.stderr).toBe(0)
    const secret = /^secret:\s+(whsec_\S+)$/m.exec(added.stdout)![1]!
    const ids: string[] = []
    for (let n = 1; n <= 10; n++) {
      const reply = await fetch(`${first.url}/api/v1/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(submission(n)) })
      expect(reply.status).toBe(201)
      ids.push(`evt_${((await reply.json()) as { id: string }).id}_1`)
    }
    // The receiver holds the first deliveries open; the server dies with them in flight.
    await receiver.waitFor('/hang', 1)
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')
    receiver.open()

    const second = await start(['--db', db, '--port', '0', '--webhook-timeout', '500ms'])
    const store = createSqliteStore(db, { readonly: true })
    try {
      for (;;) {
        if ((await store.read.outbox.countDeliveries({ state: 'delivered' })) === ids.length) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    } finally {
      await store.close()
      await stop(second)
    }
    const arrived = receiver.received.filter((r) => r.path === '/hang')
    // At least once each; a receiver deduplicates on webhook-id.
    expect(new Set(arrived.map((r) => r.headers['webhook-id']))).toEqual(new Set(ids))
    for (const request of arrived) expect(new Webhook(secret).verify(request.body, request.headers)).toMatchObject({ type: 'message.submitted' })
    expect(arrived.some((r) => r.body.includes('赵测试') || r.body.includes('13912345678'))).toBe(false)
    // The log has a line per attempt, without URLs or secrets.
    expect(second.stdout()).toMatch(/"webhook":\{"webhookId":"wh_[^"]+","eventId":"evt_/)
    expect(second.stdout()).not.toContain(secret)
    expect(second.stdout()).not.toContain(receiver.url)
  }, 300_000)
})
