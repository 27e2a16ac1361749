// A timer of the bench's seeding (seed.mjs): writes the province tree and N messages into a fresh
// database of one store and prints messages per second, for the whole run and per part of it (so a
// rate that falls as the database grows shows). Run on the built package (npm run build first):
//   node bench/seedtest.mjs [sqlite|postgres] [N, default 5000] [--parts P, default 5]
// `postgres` starts a throw-away cluster (postgres-cluster.mjs via stores.mjs) and stops it after;
// with BENCH_PG_STATEMENTS=1 it also prints the statements that took the most time.
// It also prints the CPU time per message of this process and, on PostgreSQL, of the server's
// processes (Linux /proc): on a machine shared with other work, a figure the load changes less
// than the wall-clock rate. With `--cpu-prof` on node, the profile covers the seeding too.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { seedBoards, seedMessages } from './seed.mjs'
import { STORES } from './stores.mjs'

const args = process.argv.slice(2)
const partsAt = args.indexOf('--parts')
const parts = partsAt >= 0 ? Number(args.splice(partsAt, 2)[1]) : 5
const [kind = 'sqlite', count = '5000'] = args
const total = Number(count)
const backend = STORES[kind]
if (!backend) {
  console.error(`seedtest: no store ${kind}; one of ${Object.keys(STORES).join(', ')}`)
  process.exit(2)
}
if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(parts) || parts <= 0) {
  console.error('seedtest: N and --parts must be positive integers')
  process.exit(2)
}

/** CPU seconds (user + system) of the PostgreSQL server's processes: the postmaster and its children. */
function serverCpu(data) {
  const ticks = 100 // USER_HZ on Linux
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
  let sum = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')
      if (Number(pid) === postmaster || Number(fields[1]) === postmaster) sum += Number(fields[11]) + Number(fields[12])
    } catch {
      // gone meanwhile
    }
  }
  return sum / ticks
}

/** CPU seconds so far: of this process, and of the database server when it is one. */
const cpuNow = (data) => {
  const own = process.cpuUsage()
  return { node: (own.user + own.system) / 1e6, server: data ? serverCpu(data) : undefined }
}
const perMessage = (before, after, n) =>
  `CPU per message: this process ${Math.round(((after.node - before.node) * 1e6) / n)} µs` +
  (after.server === undefined ? '' : `, the server ${Math.round(((after.server - before.server) * 1e6) / n)} µs`)

const dir = mkdtempSync(join(tmpdir(), 'liuyan-seedtest-'))
const now = Date.now()
try {
  const { store, data, statements } = await backend.open(dir)
  await statements?.reset()
  await seedBoards(store)
  // Parts of whole transactions (5,000 messages each), so each part's rate is seed.mjs's own.
  const step = Math.max(5000, Math.ceil(total / parts / 5000) * 5000)
  const started = performance.now()
  const first = cpuNow(data)
  for (let from = 0; from < total; from += step) {
    const to = Math.min(total, from + step)
    const t = performance.now()
    const before = cpuNow(data)
    await seedMessages(store, from, to, total, now)
    const s = (performance.now() - t) / 1000
    console.log(`${kind}: messages ${from}–${to - 1}: ${Math.round((to - from) / s)} msg/s; ${perMessage(before, cpuNow(data), to - from)}`)
  }
  const seconds = (performance.now() - started) / 1000
  const stored = await store.read.countMessages()
  console.log(`${kind}: ${total} messages in ${seconds.toFixed(1)} s: ${Math.round(total / seconds)} msg/s (${stored} stored); ${perMessage(first, cpuNow(data), total)}`)
  // The statements that took the most time, with calls per message.
  if (statements) console.table(await statements.top(total))
  await store.close()
} finally {
  await backend.shutdown?.()
  rmSync(dir, { recursive: true, force: true })
}
