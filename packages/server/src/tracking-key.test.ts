import { describe, expect, it } from 'vitest'
import { TrackingSecrets } from './tracking-key.js'

describe('TrackingSecrets', () => {
  it("hashes a code with node:crypto to the same bytes as Web Crypto's HMAC-SHA256", async () => {
    // The Node this runs on has node:crypto as a built-in: hash() takes that path here.
    expect(typeof process.getBuiltinModule).toBe('function')
    const secrets = new TrackingSecrets('一个足够长的追踪密钥，至少三十二个字节 tracking key')
    for (const code of ['ABCDEFGHJKMN', '路灯', '']) {
      const web = await secrets.webCryptoMac(`code\n${code}`)
      expect(await secrets.hash(code)).toBe([...web].map((b) => b.toString(16).padStart(2, '0')).join(''))
    }
  })
})
