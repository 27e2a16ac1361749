// Times the bench's seeding (seed.mjs) on one store: node bench/seedtest.mjs [N] [store] [STEPS]
// writes the province tree and N messages (default 5,000) into a fresh database of `store`
// (sqlite or postgres, default postgres; see stores.mjs) and prints messages per second, for the
// whole run and for each of STEPS equal slices (default 1), so a rate that falls as the database
// grows shows. Runs against dist/: `npm run build -w @liuyan/server` first. With
// BENCH_PG_STATEMENTS=1 (postgres), also prints the statements that took the most time. On
// PostgreSQL it also prints the CPU time per message of this process and of the server's
// processes (Linux /proc): on a machine shared with other work, a figure the load changes less
// than the wall-clock rate.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedBoards, seedMessages } from './seed.mjs'
import { STORES } from './stores.mjs'

const total = Number(process.argv[2] ?? 5000)
const kind = process.argv[3] ?? 'postgres'
const steps = Math.max(1, Number(process.argv[4] ?? 1))
const backend = STORES[kind]
if (!backend || !Number.isInteger(total) || total <= 0) {
  console.error(`usage: node bench/seedtest.mjs [N > 0] [${Object.keys(STORES).join('|')}] [steps]`)
  process.exit(2)
}
/** One statement on its own connection. */
async function sql(url, text) {
  const { default: pg } = await import('pg')
  const client = new pg.Client(url)
  await client.connect()
  try {
    const results = await client.query(text)
    return Array.isArray(results) ? results.at(-1) : results
  } finally {
    await client.end()
  }
}
/** CPU seconds (user + system) of the server's processes: the postmaster's children and itself. */
function serverCpu(data) {
  const ticks = 100 // USER_HZ on Linux
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
  let total = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')
      if (Number(pid) === postmaster || Number(fields[1]) === postmaster) total += Number(fields[11]) + Number(fields[12])
    } catch {
      // gone meanwhile
    }
  }
  return total / ticks
}

const dir = mkdtempSync(join(tmpdir(), 'liuyan-seedtest-'))
const now = Date.now()
try {
  const { store, url, data } = await backend.open(dir)
  const statements = kind === 'postgres' && process.env.BENCH_PG_STATEMENTS === '1'
  if (statements) await sql(url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()')
  await seedBoards(store)
  const cpu = () => ({ node: process.cpuUsage(), server: data ? serverCpu(data) : undefined })
  const cpuBefore = cpu()
  const started = performance.now()
  for (let s = 0; s < steps; s++) {
    const from = Math.floor((total * s) / steps)
    const to = Math.floor((total * (s + 1)) / steps)
    const t = performance.now()
    await seedMessages(store, from, to, total, now)
    const seconds = (performance.now() - t) / 1000
    if (steps > 1) console.log(`${kind}: messages ${from}–${to - 1}: ${Math.round((to - from) / seconds)} msg/s`)
  }
  const seconds = (performance.now() - started) / 1000
  const cpuAfter = cpu()
  const stored = await store.read.countMessages()
  console.log(`${kind}: ${total} messages in ${seconds.toFixed(1)} s: ${Math.round(total / seconds)} msg/s (${stored} stored)`)
  const nodeUs = (cpuAfter.node.user + cpuAfter.node.system - cpuBefore.node.user - cpuBefore.node.system) / total
  const serverUs = cpuAfter.server === undefined ? undefined : ((cpuAfter.server - cpuBefore.server) * 1e6) / total
  console.log(`CPU per message: this process ${Math.round(nodeUs)} µs${serverUs === undefined ? '' : `, the server ${Math.round(serverUs)} µs`}`)
  if (statements) {
    const { rows } = await sql(url, `SELECT round(total_exec_time) AS ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`)
    console.table(rows)
  }
  await store.close()
} finally {
  await backend.shutdown?.()
  rmSync(dir, { recursive: true, force: true })
}
