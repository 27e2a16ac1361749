// Times the bench's seeding (seed.mjs) on one store: node bench/seedtest.mjs [N] [store] [STEPS]
// writes the province tree and N messages (default 5,000) into a fresh database of `store`
// (sqlite or postgres, default postgres; see stores.mjs) and prints messages per second, for the
// whole run and for each of STEPS equal slices (default 1), so a rate that falls as the database
// grows shows. Runs against dist/: `npm run build -w @liuyan/server` first. With
// BENCH_PG_STATEMENTS=1 (postgres), also prints the statements that took the most time.
import { mkdtempSync, rmSync } from 'node:fs'
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
const dir = mkdtempSync(join(tmpdir(), 'liuyan-seedtest-'))
const now = Date.now()
try {
  const { store, url } = await backend.open(dir)
  const statements = kind === 'postgres' && process.env.BENCH_PG_STATEMENTS === '1'
  if (statements) await sql(url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()')
  await seedBoards(store)
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
  const stored = await store.read.countMessages()
  console.log(`${kind}: ${total} messages in ${seconds.toFixed(1)} s: ${Math.round(total / seconds)} msg/s (${stored} stored)`)
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
