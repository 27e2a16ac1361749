import { describe, expect, it } from 'vitest'
import { clientKey } from './rate-limit.js'

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
