// npm run bench -w @liuyan/server: public list requests/s and durable submissions/s with p99
// latency, against the CLI on loopback over a SQLite file seeded with 100,000 messages, plus the
// database size per message. Uses autocannon in this process and the server in a child process,
// so they do not share one event loop.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { createId, DOMAINS, MESSAGE_TYPES, toChinaISOString } from '@liuyan/core'
import { createSqliteStore } from '../dist/store/sqlite.js'
import { DEMO_BOARDS } from '../dist/index.js'

const COUNT = Number(process.env.BENCH_MESSAGES ?? 100_000)
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const dir = mkdtempSync(join(tmpdir(), 'liuyan-bench-'))
const file = join(dir, 'board.db')

const TITLES = ['小区门口路灯坏了', '公交站台缺少遮雨棚', '学校周边交通拥堵', '老旧小区加装电梯', '农村道路坑洼不平', '医院挂号难问题']
const boards = DEMO_BOARDS.filter((b) => b.acceptsMessages).map((b) => b.id)

function message(i, start) {
  const created = new Date(start + i * 25_000)
  const reviewed = new Date(created.getTime() + 3_600_000)
  const at = created.toISOString()
  const rv = reviewed.toISOString()
  return {
    id: createId(),
    boardId: boards[i % boards.length],
    type: MESSAGE_TYPES[i % MESSAGE_TYPES.length],
    domain: DOMAINS[i % DOMAINS.length],
    title: `${TITLES[i % TITLES.length]}${i % 1000}`,
    content: `第${i}号留言：${TITLES[i % TITLES.length]}，已经持续一段时间，附近居民出行很不方便，希望有关部门尽快协调解决，谢谢。`,
    place: { text: '朝阳区某小区', public: i % 2 === 0 },
    images: [],
    imagesPublic: false,
    author: { nickname: `市民${i % 500}`, realName: '王小明', phone: '13812345678', maskNickname: i % 3 === 0 },
    remark: '白天不在家',
    publish: i % 10 !== 0,
    channel: 'web',
    status: 'accepted',
    createdAt: at,
    reviewedAt: rv,
    ...(i % 10 !== 0 ? { publishedAt: rv } : {}),
    dueAt: toChinaISOString(new Date(reviewed.getTime() + 7 * 86_400_000)),
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [
      { id: createId(), type: 'submit', at, actor: { role: 'citizen' }, to: 'pending' },
      { id: createId(), type: 'accept', at: rv, actor: { role: 'reviewer' }, from: 'pending', to: 'accepted' },
    ],
  }
}

async function seed() {
  const store = createSqliteStore(file)
  const started = performance.now()
  await store.transaction(async (tx) => {
    for (const board of DEMO_BOARDS) await tx.putBoard(board)
  })
  const start = Date.parse('2025-01-01T00:00:00Z')
  for (let i = 0; i < COUNT; i += 2000) {
    await store.transaction(async (tx) => {
      for (let j = i; j < Math.min(COUNT, i + 2000); j++) {
        const m = message(j, start)
        // The codes of seeded messages are known to no one: any unique 64-hex hash will do.
        await tx.insertMessage(m, createHash('sha256').update(m.id).digest('hex'))
      }
    })
  }
  await store.close()
  return (performance.now() - started) / 1000
}

function startServer() {
  const cli = new URL('../dist/cli.js', import.meta.url).pathname
  const child = spawn(process.execPath, [cli, '--db', file, '--port', '0', '--rate-limit', 'off'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', function onData(chunk) {
      out += chunk
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)
      if (match) {
        child.stdout.off('data', onData)
        child.stdout.resume() // discard request log lines
        resolve({ child, url: match[1] })
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 32, duration: DURATION, ...options }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

const fmt = (n) => Math.round(n).toLocaleString('en-US')
console.log(`seeding ${fmt(COUNT)} messages into ${file} …`)
const seconds = await seed()
const size = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)
console.log(`seeded in ${seconds.toFixed(1)} s; database ${(size / 1024 / 1024).toFixed(1)} MiB = ${fmt(size / COUNT)} bytes per message`)

const { child, url } = await startServer()
try {
  const list = await cannon({ url: `${url}/api/v1/messages?limit=20` })
  console.log(`GET /messages?limit=20     ${fmt(list.requests.average)} req/s   p99 ${list.latency.p99} ms   (non-2xx: ${list.non2xx}, errors: ${list.errors})   goal ≥ 5,000 req/s`)
  const body = JSON.stringify({
    boardId: boards[0], type: 'complain', domain: 'urban', title: '小区门口路灯坏了',
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
    author: { nickname: '市民', realName: '王小明', phone: '13812345678' }, publish: true,
  })
  // The same list while about 100 submissions a second arrive (a very busy board): every commit
  // drops the pages the SQLite store keeps, so the list is read from the database again after each.
  let posted = 0
  const writer = setInterval(() => {
    fetch(`${url}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then((response) => {
        if (response.status === 201) posted++
        return response.arrayBuffer()
      })
      .catch(() => {})
  }, 10)
  const mixed = await cannon({ url: `${url}/api/v1/messages?limit=20` })
  clearInterval(writer)
  console.log(`  … with ${fmt(posted / DURATION)} submissions/s     ${fmt(mixed.requests.average)} req/s   p99 ${mixed.latency.p99} ms   (non-2xx: ${mixed.non2xx}, errors: ${mixed.errors})`)
  const submit = await cannon({ url: `${url}/api/v1/messages`, method: 'POST', headers: { 'content-type': 'application/json' }, body })
  console.log(`POST /messages (durable)   ${fmt(submit.requests.average)} req/s   p99 ${submit.latency.p99} ms   (non-2xx: ${submit.non2xx}, errors: ${submit.errors})   goal ≥ 1,000 req/s`)
} finally {
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  rmSync(dir, { recursive: true, force: true })
}
