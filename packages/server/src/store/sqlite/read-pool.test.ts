// The SQLite store's read workers (read-pool.ts): what they answer is what the store's own thread
// answers (board-stats.test.ts and hotspots.test.ts run on a store with workers too); here, what
// only a pool does: errors keep their class, a worker that dies fails its calls and is replaced,
// and a closed store's pool answers nothing.
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../sqlite.js'
import { InvalidCursorError } from '../types.js'
import { PooledReader } from './read-pool.js'
import { board, closeStoresAfterEach, hashOf, insertAll, makeMessage, openStore, tempDatabase } from '../../../test/store-fixtures.js'

closeStoresAfterEach()

const NOW = '2026-03-10T00:00:00Z'

/** Waits, turn by turn of the event loop (no clock), until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  for (let turn = 0; !ready(); turn++) {
    if (turn > 100_000) throw new Error('never ready')
    await new Promise((resolve) => setImmediate(resolve))
  }
}

async function pooled(workers: number) {
  const store = openStore(createSqliteStore(tempDatabase(), { readWorkers: workers }))
  await store.transaction(async (tx) => {
    await tx.putBoard(board('220000', null))
    await tx.putBoard(board('220100', '220000'))
  })
  expect(store.read).toBeInstanceOf(PooledReader)
  return { store, pool: (store.read as PooledReader).pool }
}

describe('SQLite read workers', () => {
  it('see every commit that resolved before the call', async () => {
    const { store } = await pooled(2)
    for (let i = 1; i <= 3; i++) {
      const message = makeMessage({ boardId: '220100', status: 'accepted' })
      await store.transaction(async (tx) => tx.insertMessage(message, hashOf(message)))
      const [counts] = await store.read.statsCounts({ boardIds: ['220000'], now: NOW })
      expect(counts!.counts['r']).toBe(i) // received
    }
  })

  it('reject with the error class the store throws on its own thread', async () => {
    const { store } = await pooled(1)
    const message = makeMessage({ boardId: '220100' })
    await insertAll(store, [message])
    await expect(store.read.groupMessages({ boardId: '220000', memberId: message.id, limit: 5, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError)
    await expect(store.read.statsCounts({ boardIds: ['220000'], from: '2026-02-30', now: NOW })).rejects.toBeInstanceOf(RangeError)
  })

  it('fail the calls of a worker that stops, and answer the next ones on a new worker', async () => {
    const { store, pool } = await pooled(1)
    await store.read.statsCounts({ boardIds: ['220000'], now: NOW })
    const [first] = pool.workers
    const call = store.read.statsCounts({ boardIds: ['220000'], now: NOW })
    await first!.terminate()
    await expect(call).rejects.toThrow(/read worker of the SQLite store stopped/)
    expect(pool.workers).toHaveLength(1)
    expect(pool.workers[0]).not.toBe(first)
    expect((await store.read.statsCounts({ boardIds: ['220000'], now: NOW }))[0]!.boardId).toBe('220000')
  })

  it("answer on the store's own thread when a worker stops before its first answer (it could not start)", async () => {
    const { store, pool } = await pooled(1)
    await pool.workers[0]!.terminate()
    await until(() => !pool.available)
    expect(pool.workers).toHaveLength(0)
    expect((await store.read.statsCounts({ boardIds: ['220000'], now: NOW }))[0]!.boardId).toBe('220000')
  })

  it('answer nothing once the store is closed', async () => {
    const { store } = await pooled(1)
    await store.close()
    await expect(store.read.statsCounts({ boardIds: ['220000'], now: NOW })).rejects.toThrow(/closed/)
  })
})
