import { describe, expect, it } from 'vitest'
import { nodeCrypto } from './node-crypto.js'
import { sha256Hex, webCryptoSha256Hex } from './staff-tokens.js'

describe('node:crypto where the runtime has it', () => {
  it('is found on this Node, and sha256Hex gives the bytes of Web Crypto’s SHA-256 of the UTF-8', async () => {
    expect(nodeCrypto).toBeDefined()
    for (const text of ['', 'demo-staff-token-0123456789', '令牌：朝阳区城管局 🙂', 'x'.repeat(600)]) {
      expect(await sha256Hex(text)).toBe(await webCryptoSha256Hex(text))
    }
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
