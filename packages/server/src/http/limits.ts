import type { RateLimitClass } from '@liuyan/core'
import { ServiceError } from '../errors.js'
import { clientKey, createRateLimiter, type RateLimiter } from '../rate-limit.js'

/** Requests per minute of each of the route table's rate budgets; `false` turns one off. */
export type RateSettings = Record<RateLimitClass, number | false | undefined>

const DEFAULTS: Record<RateLimitClass, number> = { submission: 300, tracking: 60, search: 120, staff: 1200 }

/**
 * The budgets of the route table's rate classes (`RateLimitClass` in core says when each is
 * counted). `take` draws one request from `key`'s budget of a class, or answers 429 with the
 * seconds until the budget renews.
 */
export function createRateLimits(settings: RateSettings) {
  const limiters = new Map<RateLimitClass, RateLimiter>()
  for (const name of Object.keys(DEFAULTS) as RateLimitClass[]) {
    const setting = settings[name]
    if (setting !== false) limiters.set(name, createRateLimiter(setting ?? DEFAULTS[name], 60_000))
  }
  return {
    /** Draws from a staff token's budget (by the token's hash) or a client's (by its address). */
    take(name: RateLimitClass, key: string): void {
      const wait = limiters.get(name)?.take(name === 'staff' ? key : clientKey(key))
      if (wait) throw new ServiceError(429, 'rate_limited', '', undefined, { 'Retry-After': String(wait) })
    },
  }
}
export type RateLimits = ReturnType<typeof createRateLimits>
