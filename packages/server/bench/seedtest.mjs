// A timer of the bench's seeding (seed.mjs): writes the province tree and N messages into a fresh
// database of one store and prints messages per second, for the whole run and per part of it (so a
// rate that falls as the database grows shows). Run on the built package (npm run build first):
//   node bench/seedtest.mjs [sqlite|postgres] [N, default 5000] [--parts P, default 5]
// `postgres` starts a throw-away cluster (postgres-cluster.mjs via stores.mjs) and stops it after.
// With `--cpu-prof` on node, the profile covers the seeding too.
import { mkdtempSync, rmSync } from 'node:fs'
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

const dir = mkdtempSync(join(tmpdir(), 'liuyan-seedtest-'))
const now = Date.now()
try {
  const { store } = await backend.open(dir)
  await seedBoards(store)
  // Parts of whole transactions (5,000 messages each), so each part's rate is seed.mjs's own.
  const step = Math.max(5000, Math.ceil(total / parts / 5000) * 5000)
  const started = performance.now()
  const cpu = process.cpuUsage()
  for (let from = 0; from < total; from += step) {
    const to = Math.min(total, from + step)
    const t = performance.now()
    const c = process.cpuUsage()
    await seedMessages(store, from, to, total, now)
    const s = (performance.now() - t) / 1000
    const u = process.cpuUsage(c)
    console.log(`${kind}: messages ${from}–${to - 1}: ${Math.round((to - from) / s)} msg/s (CPU here: user ${(u.user / 1e6).toFixed(1)} s, system ${(u.system / 1e6).toFixed(1)} s of ${s.toFixed(1)} s)`)
  }
  const seconds = (performance.now() - started) / 1000
  // CPU seconds of this process too: on a shared machine the wall-clock rate depends on the others.
  const used = process.cpuUsage(cpu)
  const cpuSeconds = (used.user + used.system) / 1e6
  console.log(`${kind}: ${total} messages in ${seconds.toFixed(1)} s: ${Math.round(total / seconds)} msg/s (${cpuSeconds.toFixed(1)} s of CPU here: ${Math.round(total / cpuSeconds)} msg per CPU second)`)
  await store.close()
} finally {
  await backend.shutdown?.()
  rmSync(dir, { recursive: true, force: true })
}
