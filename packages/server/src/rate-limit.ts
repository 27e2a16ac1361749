import ipaddr from 'ipaddr.js'

/** A fixed-window limiter: `take(key)` answers 0 when allowed, else seconds until the window resets. */
export interface RateLimiter {
  take(key: string): number
}

/**
 * Counts requests per key in windows of `windowMs`. Memory stays bounded: a window's counts are
 * dropped when the next window starts.
 */
export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  let windowStart = 0
  let counts = new Map<string, number>()
  return {
    take(key) {
      const now = Date.now()
      if (now - windowStart >= windowMs) {
        windowStart = now - (now % windowMs)
        counts = new Map()
      }
      const used = (counts.get(key) ?? 0) + 1
      counts.set(key, used)
      if (used <= limit) return 0
      return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000))
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
