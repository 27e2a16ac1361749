import { afterEach, describe, expect, it, vi } from 'vitest'
import { clientKey, createRateLimiter } from './rate-limit.js'
import type { RateCounter } from './store/types.js'

describe('clientKey', () => {
  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(clientKey('2001:DB8:1:2:ffff:ffff:ffff:9')).toBe('2001:db8:1:2::/64')
    expect(clientKey('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64')
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
  })

  it('counts an IPv4 address, mapped into IPv6 or not, as the IPv4 address', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7')
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(clientKey('::FFFF:cb00:7107')).toBe('203.0.113.7')
  })

  it('keeps what is no IP address as it is', () => {
    for (const label of ['unknown', 'msw', '', '203.0.113.7, 10.0.0.1', '[2001:db8::1]', '2001:db8::/64']) {
      expect(clientKey(label)).toBe(label)
    }
  })
})

describe('createRateLimiter', () => {
  afterEach(() => vi.useRealTimers())

  it('counts in memory per key and minute, and says how long until the window renews', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:10Z') })
    const limiter = createRateLimiter(2, 60_000)
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 50, 0])
    vi.setSystemTime(new Date('2030-01-01T00:01:00Z'))
    expect(limiter.take('a')).toBe(0)
  })

  it('counts through a store’s counter, with windows every instance names alike', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:59.500Z') })
    const seen: Array<[string, number, number]> = []
    const counts = new Map<string, number>()
    // A counter two limiters share, as two instances share their database's.
    const shared: RateCounter = {
      async count(key, start, ms) {
        seen.push([key, start, ms])
        const n = (counts.get(`${key}@${start}`) ?? 0) + 1
        counts.set(`${key}@${start}`, n)
        return n
      },
    }
    const one = createRateLimiter(2, 60_000, shared)
    const two = createRateLimiter(2, 60_000, shared)
    expect([await one.take('a'), await two.take('a'), await one.take('a')]).toEqual([0, 0, 1])
    expect(seen[0]).toEqual(['a', Date.parse('2030-01-01T00:00:00Z'), 60_000])
  })
})
