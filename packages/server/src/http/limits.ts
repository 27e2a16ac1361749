import type { RateLimitClass } from '@liuyan/core'
import { ServiceError } from '../errors.js'
import { clientKey, createMemoryCounter, createRateLimiter, type RateLimiter } from '../rate-limit.js'
import type { RateCounter } from '../store/types.js'

/** Requests per minute of each of the route table's rate budgets; `false` turns one off. */
export type RateSettings = Record<RateLimitClass, number | false | undefined>

const DEFAULTS: Record<RateLimitClass, number> = { submission: 300, tracking: 60, search: 120, staff: 1200 }

/**
 * The budgets of the route table's rate classes (`RateLimitClass` in core says when each is
 * counted). `take` draws one request from `key`'s budget of a class, or answers 429 with the
 * seconds until the budget renews. Counts are kept in `counter` (a store's, shared by the
 * instances on its database), else in this process's memory.
 */
export function createRateLimits(settings: RateSettings, counter?: RateCounter) {
  const limiters = new Map<RateLimitClass, RateLimiter>()
  for (const name of Object.keys(DEFAULTS) as RateLimitClass[]) {
    const setting = settings[name]
    // One counter for all classes: each class's keys are its own (`name` first).
    const classCounter: RateCounter = counter ? { count: (key, start, ms) => counter.count(`${name}:${key}`, start, ms) } : createMemoryCounter()
    if (setting !== false) limiters.set(name, createRateLimiter(setting ?? DEFAULTS[name], 60_000, classCounter))
  }
  const refuse = (wait: number) => {
    if (wait) throw new ServiceError(429, 'rate_limited', '', undefined, { 'Retry-After': String(wait) })
  }
  return {
    /**
     * Draws from a staff token's budget (by the token's hash) or a client's (by its address):
     * at once with counts in memory, else once the store has counted (await it either way).
     */
    take(name: RateLimitClass, key: string): void | Promise<void> {
      const wait = limiters.get(name)?.take(name === 'staff' ? key : clientKey(key))
      if (wait === undefined || typeof wait === 'number') return refuse(wait ?? 0)
      return wait.then(refuse)
    },
  }
}
export type RateLimits = ReturnType<typeof createRateLimits>
