// npm run bench -w @liuyan/server: the reads of issue 12's table and durable submissions, at
// 10k, 100k and 1M messages (up to BENCH_MESSAGES), against the CLI on loopback in a child process
// (autocannon here, 8 connections, BENCH_SECONDS each). The store is BENCH_STORE (default sqlite,
// see stores.mjs); the database grows from one size to the next by direct store writes (seed.mjs).
// Prints p50/p99 and req/s per read and size, and the ratio of p50 and p99 at the largest size to
// the smallest. BENCH_READS (a regular expression of the reads' names; `none` for none) measures
// only some reads, e.g. `BENCH_READS=none BENCH_MESSAGES=10000` the durable POST alone. With the
// board-filtered list, it also measures that list while the year's supervision table runs.
// BENCH_WARMUP=N runs each N seconds unmeasured first (default 0: a cold server's first seconds count).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { provinceTree, ROOT, seedBoards, seedMessages } from './seed.mjs'
import { STORES } from './stores.mjs'

const MAX = Number(process.env.BENCH_MESSAGES ?? 1_000_000)
const SIZES = [10_000, 100_000, 1_000_000].filter((n) => n < MAX).concat([MAX])
const DURATION = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 0)
const CONNECTIONS = 8
const kind = process.env.BENCH_STORE ?? 'sqlite'
const backend = STORES[kind]
if (!backend) throw new Error(`BENCH_STORE=${kind}: no such store; one of ${Object.keys(STORES).join(', ')}`)
const TOKEN = 'bench-staff-token-0123456789'
const CITY = '220300-gov'
const dir = mkdtempSync(join(tmpdir(), 'liuyan-bench-'))
const now = Date.now()

const staff = { authorization: `Bearer ${TOKEN}` }
/** The China-time month `YYYY-MM` of an instant. */
const chinaMonth = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7)
/**
 * The boards the board-filtered list cycles through: more than the 64 pages the SQLite store keeps,
 * so its reads miss that cache, as the widget's would on a busy province.
 */
const LIST_BOARDS = provinceTree().filter((b) => b.level !== 'unit').map((b) => b.id)
let nextBoard = 0
/** A year of China days ending today, starting mid-month: the stats read whole months and the days of two cut ones. */
const YEAR = { from: new Date(now - 350 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10), to: new Date(now + 8 * 3_600_000).toISOString().slice(0, 10) }
const ALL_READS = [
  ['GET /boards/{root}/stats', `/boards/${ROOT}/stats`, {}],
  ['GET /boards/{root}/stats, year', `/boards/${ROOT}/stats?from=${YEAR.from}&to=${YEAR.to}`, {}],
  ['GET …/stats/units (root)', `/boards/${ROOT}/stats/units`, staff],
  ['GET …/stats/units, year', `/boards/${ROOT}/stats/units?from=${YEAR.from}&to=${YEAR.to}`, staff],
  ['GET /inbox (default)', '/inbox?limit=20', staff],
  ['GET /inbox?overdue=true', '/inbox?overdue=true&limit=20', staff],
  ['public list by board', `/messages?boardId=${CITY}&limit=20`, {}, () => `/messages?boardId=${LIST_BOARDS[nextBoard++ % LIST_BOARDS.length]}&limit=20`],
  ['keyword 3+ chars, common', `/messages?keyword=${encodeURIComponent('路灯坏')}&limit=20`, {}],
  ['keyword 2 chars, absent', `/messages?keyword=${encodeURIComponent('火星')}&limit=20`, {}],
  // Hot spots (源头治理): the heat table of two years of the province, the groups of the province
  // and of a city, and the members of the province's most recent group (asked for first).
  ['hot spots: heat, root 24 mo', `/boards/${ROOT}/hotspots/heat?from=${chinaMonth(now - 700 * 86_400_000)}&to=${chinaMonth(now)}`, staff],
  ['hot spots: groups, root', `/boards/${ROOT}/hotspots/groups`, staff],
  ['hot spots: groups, city', `/boards/${CITY}/hotspots/groups`, staff],
  ['hot spots: group messages', undefined, staff, undefined, async (url) => {
    const groups = await (await fetch(`${url}/boards/${ROOT}/hotspots/groups?limit=1`, { headers: staff })).json()
    return `/boards/${ROOT}/hotspots/groups/${groups.items[0]?.id ?? 'none'}?limit=20`
  }],
  // The same two searches past the SQLite store's page cache: each request bounds the list by
  // another of 100 instants of the year 2000 (no message is older), more than the 64 pages it keeps.
  ['keyword 3+ chars, uncached', '', {}, () => `/messages?keyword=${encodeURIComponent('路灯坏')}&limit=20&from=${year2000()}`],
  ['keyword 2 chars absent, unc.', '', {}, () => `/messages?keyword=${encodeURIComponent('火星')}&limit=20&from=${year2000()}`],
]
/** The board-filtered list (2 connections) while the supervision table of a year runs (8 connections). */
const MIXED = 'list while supervision runs'
const only = process.env.BENCH_READS
const READS = only === undefined ? ALL_READS : only === 'none' ? [] : ALL_READS.filter(([name]) => new RegExp(only).test(name))
let nextInstant = 0
function year2000() {
  return `2000-01-01T00:00:00.${String(nextInstant++ % 100).padStart(3, '0')}Z`
}
const SUBMIT = JSON.stringify({
  boardId: `${CITY}`, type: 'complain', domain: 'urban', title: '小区门口路灯坏了',
  content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
  author: { nickname: '市民', realName: '王小明', phone: '13812345678' }, publish: true,
})

function startServer(args) {
  const cli = new URL('../dist/cli.js', import.meta.url).pathname
  // Deadline escalation off: its first pass after a start catches up on every deadline the seeded
  // years have passed (a 催办 for each open message: a write burst of its own, not a read's cost).
  const flags = [...args, '--port', '0', '--rate-limit', 'off', '--search-limit', 'off', '--staff-limit', 'off', '--escalate-every', 'off', '--demo-token', TOKEN]
  const child = spawn(process.execPath, [cli, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', function onData(chunk) {
      out += chunk
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)
      if (match) {
        child.stdout.off('data', onData)
        child.stdout.resume() // discard request log lines
        resolve({ child, url: `${match[1]}/api/v1` })
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

/**
 * One autocannon run, then one plain request, which the server answers only after the requests
 * still in flight when autocannon stopped: the next read is measured on an idle server.
 */
async function cannon(options) {
  const run = (duration) =>
    new Promise((resolve, reject) => {
      autocannon({ connections: CONNECTIONS, duration, timeout: 60, ...options }, (error, r) => (error ? reject(error) : resolve(r)))
    })
  // BENCH_WARMUP seconds of the same requests first, not measured: a server just started runs its
  // first seconds unoptimized (V8 compiles hot code as it goes; connections prepare statements).
  if (WARMUP > 0) await run(WARMUP)
  const result = await run(DURATION)
  await (await fetch(new URL('boards', `${new URL(options.url).origin}/api/v1/`))).arrayBuffer()
  return result
}

const fmt = (n) => Math.round(n).toLocaleString('en-US')
const results = new Map() // read → size → { p50, p99, rps, bad }
const record = (name, size, r) => {
  if (!results.has(name)) results.set(name, new Map())
  results.get(name).set(size, { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, bad: r.non2xx + r.errors })
}

const opened = await backend.open(dir)
let seeded = 0
try {
  await seedBoards(opened.store)
  for (const size of SIZES) {
    const started = performance.now()
    await seedMessages(opened.store, seeded, size, MAX, now)
    const seconds = (performance.now() - started) / 1000
    console.log(`${kind}: seeded ${fmt(size - seeded)} messages in ${seconds.toFixed(1)} s (${fmt((size - seeded) / seconds)}/s); ${fmt(size)} in all${opened.size ? `, ${(opened.size() / 2 ** 20).toFixed(0)} MiB` : ''}`)
    seeded = size
    await opened.store.close()
    // What a database that has been running for a while has done: the seeding's dead rows vacuumed,
    // statistics gathered, its writes checkpointed, so background work started by the seeding
    // (autovacuum, a checkpoint) does not share the measured seconds.
    await opened.settle?.()
    const { child, url } = await startServer(opened.args)
    try {
      for (const [name, fixed, headers, vary, resolve] of READS) {
        const path = fixed ?? (await resolve(url))
        const base = new URL(url).pathname
        const requests = vary ? [{ setupRequest: (request) => ({ ...request, path: `${base}${vary()}` }) }] : undefined
        const r = await cannon({ url: `${url}${path}`, headers, ...(requests ? { requests } : {}) })
        record(name, size, r)
        console.log(`  ${size.toLocaleString('en-US').padStart(9)}  ${name.padEnd(28)} p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  ${fmt(r.requests.average).padStart(6)} req/s  non-2xx ${r.non2xx}  errors ${r.errors}`)
      }
      if (READS.some(([name]) => name === 'public list by board')) {
        // Citizens and a supervisor at once: the board-filtered list on 2 connections while the
        // year's supervision table runs on 8 (whose sums go to the server's read workers).
        const supervision = cannon({ url: `${url}${ALL_READS.find(([name]) => name === 'GET …/stats/units, year')[1]}`, headers: staff })
        const r = await cannon({ url: `${url}/messages?boardId=${CITY}&limit=20`, connections: 2, requests: [{ setupRequest: (request) => ({ ...request, path: `${new URL(url).pathname}/messages?boardId=${LIST_BOARDS[nextBoard++ % LIST_BOARDS.length]}&limit=20` }) }] })
        await supervision
        record(MIXED, size, r)
        console.log(`  ${size.toLocaleString('en-US').padStart(9)}  ${MIXED.padEnd(28)} p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  ${fmt(r.requests.average).padStart(6)} req/s  non-2xx ${r.non2xx}  errors ${r.errors}`)
      }
      await opened.statements?.reset()
      const r = await cannon({ url: `${url}/messages`, method: 'POST', headers: { 'content-type': 'application/json' }, body: SUBMIT })
      record('POST /messages (durable)', size, r)
      if (opened.statements) console.table(await opened.statements.top(r.requests.total))
      console.log(`  ${size.toLocaleString('en-US').padStart(9)}  ${'POST /messages (durable)'.padEnd(28)} p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  ${fmt(r.requests.average).padStart(6)} req/s  non-2xx ${r.non2xx}  errors ${r.errors}`)
    } finally {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    opened.store = (await backend.open(dir)).store
  }
} finally {
  await opened.store.close()
  await backend.shutdown?.()
  rmSync(dir, { recursive: true, force: true })
}

const first = SIZES[0]
const last = SIZES[SIZES.length - 1]
console.log(`\n${kind}, ${CONNECTIONS} connections, ${DURATION} s each; p50/p99 ms and req/s per size; ratio = p99 at ${fmt(last)} / p99 at ${fmt(first)}`)
console.log(['read'.padEnd(28), ...SIZES.map((s) => fmt(s).padStart(24)), '  ratio'].join(''))
for (const [name, bySize] of results) {
  const cells = SIZES.map((s) => {
    const x = bySize.get(s)
    return (x ? `${x.p50}/${x.p99} ${fmt(x.rps)}/s${x.bad ? '!' : ''}` : '-').padStart(24)
  })
  const a = bySize.get(first)
  const b = bySize.get(last)
  console.log([name.padEnd(28), ...cells, `  ${a && b ? (b.p99 / Math.max(a.p99, 1)).toFixed(1) : '-'}x`].join(''))
}
console.log('(! = some answers were not 2xx)')
