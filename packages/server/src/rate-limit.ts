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
