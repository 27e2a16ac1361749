import { WEBHOOK_KINDS } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { createEmailTransport } from './email.js'
import { createTransports, TRANSPORTS } from './registry.js'

describe('notify registry', () => {
  it('delivers every subscription kind but e-mail without the host, and e-mail with it', () => {
    expect(Object.keys(TRANSPORTS).sort()).toEqual(WEBHOOK_KINDS.filter((kind) => kind !== 'email').sort())
    const transports = createTransports({}, [createEmailTransport({ smtp: 'smtp://127.0.0.1:2525', from: 'liuyan@example.gov.cn' })])
    expect([...transports.keys()].sort()).toEqual([...WEBHOOK_KINDS].sort())
    for (const [kind, transport] of transports) expect(transport.kind).toBe(kind)
  })
})
