/**
 * `node:crypto`, where the runtime has it as a built-in module (Node ≥ 20.16, Deno, Bun, workers
 * with nodejs_compat): a hash or an HMAC computed at once, the same bytes as Web Crypto's without
 * its round trip through the thread pool (a staff request's token hash, a submission's tracking
 * code). Looked up, not imported, so that browsers (the msw handlers) and workers without it load
 * this module too; they use Web Crypto.
 */
export const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | NodeCrypto
  | undefined

/** What Liuyan uses of `node:crypto`. */
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(text: string): { digest(encoding: 'hex'): string } }
  createHmac(algorithm: 'sha256', key: Uint8Array): { update(text: string): { digest(): Uint8Array } }
}
