import ipaddr from 'ipaddr.js'
import type { RateCounter } from './store/types.js'

/**
 * A fixed-window limiter: `take(key)` answers 0 when allowed, else seconds until the window
 * resets; a promise of that when its counts are kept elsewhere (see {@link RateCounter}).
 */
export interface RateLimiter {
  take(key: string): number | Promise<number>
}

/**
 * Counts requests per key in windows of `windowMs`, aligned to the epoch so every instance names a
 * window alike: in `counter` (the store's, shared by the instances on one database), or else in
 * memory, which stays bounded: a window's counts are dropped when the next window starts.
 */
export function createRateLimiter(limit: number, windowMs: number, counter: RateCounter = createMemoryCounter()): RateLimiter {
  return {
    take(key) {
      const now = Date.now()
      const windowStart = now - (now % windowMs)
      const wait = () => Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000))
      const used = counter.count(key, windowStart, windowMs)
      if (typeof used === 'number') return used <= limit ? 0 : wait()
      return used.then((n) => (n <= limit ? 0 : wait()))
    },
  }
}

/** Counts of one process: the current window's only. */
export function createMemoryCounter(): RateCounter {
  let current = 0
  let counts = new Map<string, number>()
  return {
    count(key, windowStartMs) {
      if (windowStartMs !== current) {
        current = windowStartMs
        counts = new Map()
      }
      const used = (counts.get(key) ?? 0) + 1
      counts.set(key, used)
      return used
    },
  }
}

/**
 * The key a client address is counted under. An IPv6 client counts by its /64: a home or mobile
 * line is given a whole /64 and may pick any address in it, so counting single addresses would
 * hand it a fresh budget per address. An IPv4-mapped IPv6 address (`::ffff:203.0.113.7`, as a
 * dual-stack socket names an IPv4 client) counts as the IPv4 address, and every spelling of one
 * address as that address. What is no IP address (`unknown`, a platform's own label) is its own key.
 */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address
  const parsed = ipaddr.process(address)
  if (!(parsed instanceof ipaddr.IPv6)) return parsed.toString()
  return `${new ipaddr.IPv6([...parsed.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`
}
