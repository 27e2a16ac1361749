// Rate-limit counters of the PostgreSQL store, shared by every instance on the database (migration
// 2): one row per key and window, counted by an atomic upsert.
import { createHash } from 'node:crypto'
import type { RateCounter } from '../types.js'
import { prepared, type PgClient } from './driver.js'
import { translate } from './errors.js'

/**
 * Counters in `rate_counters`: `INSERT … ON CONFLICT DO UPDATE … RETURNING` adds one and reads the
 * sum in one statement, so instances counting at once each get their own number. The table is
 * UNLOGGED (no WAL: a crash may forget the current minute's counts, which costs nothing worse than
 * a fresh budget). Keys are stored as SHA-256 digests, never as client addresses. Windows that
 * ended are deleted by the first count of each new window on each instance.
 */
export function createPgRateCounter(client: PgClient, check: () => void): RateCounter {
  let swept = 0
  return {
    async count(key, windowStartMs, windowMs) {
      check()
      const digest = createHash('sha256').update(key).digest('hex')
      try {
        if (windowStartMs !== swept) {
          swept = windowStartMs
          await client.query(prepared('DELETE FROM rate_counters WHERE window_ms < $1::bigint', [windowStartMs - windowMs]))
        }
        const { rows } = await client.query<{ count: number }>(
          prepared(
            `INSERT INTO rate_counters (key, window_ms, count) VALUES ($1, $2::bigint, 1)
             ON CONFLICT (key, window_ms) DO UPDATE SET count = rate_counters.count + 1 RETURNING count`,
            [digest, windowStartMs],
          ),
        )
        return rows[0]!.count
      } catch (error) {
        throw translate(error)
      }
    },
  }
}
