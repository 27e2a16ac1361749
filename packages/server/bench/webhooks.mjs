// npm run bench -w @liuyan/server (also: node bench/webhooks.mjs): webhook throughput. Appends
// BENCH_WEBHOOK_EVENTS events (default 5,000) to the outbox of a new SQLite database with four
// Standard Webhooks subscriptions, then lets the delivery worker deliver them to a receiver on
// loopback HTTP that answers 204, each signed, each attempt recorded. Prints deliveries/s
// (goal ≥ 1,000).
import { createServer } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTransports, createWebhookWorker, createWebhookSecret } from '../dist/index.js'
import { createNodeFetch } from '../dist/node.js'
import { createSqliteStore } from '../dist/store/sqlite.js'

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5_000)
const SUBSCRIPTIONS = 4
const dir = mkdtempSync(join(tmpdir(), 'liuyan-bench-webhooks-'))
let received = 0
const receiver = createServer((req, res) => {
  req.resume().on('end', () => {
    received++
    res.writeHead(204).end()
  })
})
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${receiver.address().port}/hook`

const store = createSqliteStore(join(dir, 'board.db'))
try {
  const now = new Date().toISOString()
  await store.transaction(async (tx) => {
    await tx.putBoard({ id: 'city', name: '市政府', kind: 'agency', level: 'city', parentId: null, region: '220100', acceptsMessages: true })
    await tx.putBoard({ id: 'unit', name: '住建局', kind: 'agency', level: 'unit', parentId: 'city', region: '220100', acceptsMessages: true })
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      await tx.outbox.putWebhook({
        id: `wh_bench_${i}`, url, kind: 'standard', boardId: 'city', events: ['message.submitted'], private: false,
        createdBy: 'bench', createdAt: now, secret: createWebhookSecret(), ownerHash: 'bench',
      })
    }
  })
  const payload = JSON.stringify({ message: { id: 'm', boardId: 'unit', title: '小区门口路灯坏了', content: '小区门口的路灯已经坏了两个星期，晚上出行很不方便。', status: 'pending' } })
  for (let start = 0; start < EVENTS; start += 1_000) {
    await store.transaction((tx) =>
      tx.outbox.appendEvents(
        Array.from({ length: Math.min(1_000, EVENTS - start) }, (_, k) => ({
          id: `evt_bench${start + k}_1`, type: 'message.submitted', messageId: `bench${start + k}`, boardIds: ['unit'], occurredAt: now,
          payload, privatePayload: payload, staffOnly: false,
        })),
        now,
      ),
    )
  }
  const total = EVENTS * SUBSCRIPTIONS
  // As liuyan-server runs it: Node's HTTP client under the standard transport.
  const transports = createTransports({ fetch: createNodeFetch({ maxSockets: 64 }) })
  const worker = createWebhookWorker({ store, transports, concurrency: 64, perWebhook: 16, pollMs: 5 })
  const t0 = performance.now()
  worker.start()
  // Done when every delivery is recorded as delivered; the count is asked once all have arrived.
  while (received < total || (await store.read.outbox.countDeliveries({ state: 'delivered' })) < total) await new Promise((resolve) => setTimeout(resolve, 20))
  const seconds = (performance.now() - t0) / 1000
  await worker.stop()
  const attempts = store.database.prepare('SELECT count(*) FROM delivery_attempts').pluck().get()
  console.log(`webhooks: ${total.toLocaleString('en')} deliveries (${EVENTS.toLocaleString('en')} events × ${SUBSCRIPTIONS} subscriptions, ${attempts} attempts recorded, ${received} received) to a loopback receiver in ${seconds.toFixed(1)} s: ${Math.round(total / seconds).toLocaleString('en')} deliveries/s (goal ≥ 1,000) on SQLite, concurrency 64`)
} finally {
  await store.close()
  receiver.close()
  rmSync(dir, { recursive: true, force: true })
}
