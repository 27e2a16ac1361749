/**
 * The server's tracking key: the secret under which tracking codes are stored. A tracking code is
 * its author's secret (with it anyone can follow up or rate the handling as the author), so the
 * store keeps only HMAC-SHA256(key, code). Without the key, a stolen database does not yield codes
 * by trying the code space; with it, a code is looked up by computing its hash.
 *
 * The same key seals the few stored answers that carry a code (the replay of an idempotent
 * submission or of `reissue-code`): AES-GCM under a key derived from the tracking key and the
 * request's Idempotency-Key, so the database holds no code in the clear anywhere.
 *
 * Web Crypto, so it runs in Node, Deno, Bun and workers; where the runtime has `node:crypto`
 * (Node ≥ 20.16, Deno, Bun, workers with nodejs_compat) the HMAC of a code is computed with it, the
 * same bytes without Web Crypto's round trip through the thread pool for every submission.
 */
import { nodeCrypto } from './node-crypto.js'

/** A tracking key: text (at least 32 characters) or at least 32 random bytes. */
export type TrackingKey = string | Uint8Array

/** The smallest key accepted, in bytes (UTF-8 for text). */
export const TRACKING_KEY_MIN_BYTES = 32

const CHECK_LABEL = 'liuyan:tracking-key-check:v1'
const SEALED_PREFIX = 'sealed:v1:'

/** Thrown for a key that is too short. */
export class TrackingKeyError extends Error {
  override name = 'TrackingKeyError'
}

/** Hashes tracking codes and seals stored answers under one tracking key. */
export class TrackingSecrets {
  readonly #key: Promise<CryptoKey>
  /** The key's bytes, for `node:crypto`'s HMAC. */
  readonly #raw: Uint8Array

  constructor(key: TrackingKey) {
    const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key
    if (bytes.byteLength < TRACKING_KEY_MIN_BYTES) {
      throw new TrackingKeyError(`The tracking key must be at least ${TRACKING_KEY_MIN_BYTES} bytes; generate one with \`openssl rand -base64 32\``)
    }
    this.#raw = new Uint8Array(bytes)
    this.#key = crypto.subtle.importKey('raw', new Uint8Array(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  }

  /** Hex HMAC-SHA256 of a normalized tracking code: what the store keeps and looks codes up by. */
  async hash(code: string): Promise<string> {
    return hex(await this.#mac(`code\n${code}`))
  }

  /**
   * A value that identifies the key without revealing it, kept in the store so that a server started
   * with another key refuses to run instead of answering every author "no such code".
   */
  async check(): Promise<string> {
    return hex(await this.#mac(CHECK_LABEL))
  }

  /** Encrypts `text` for storage under `context` (the scope and Idempotency-Key of the request). */
  async seal(context: string, text: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const key = await this.#boxKey(context, 'encrypt')
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text))
    return `${SEALED_PREFIX}${base64(iv)}:${base64(new Uint8Array(sealed))}`
  }

  /** Decrypts what {@link seal} stored for the same context; throws for anything else. */
  async open(context: string, sealed: string): Promise<string> {
    if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('The stored answer is not sealed')
    const [iv, data] = sealed.slice(SEALED_PREFIX.length).split(':')
    const key = await this.#boxKey(context, 'decrypt')
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unbase64(iv ?? '') }, key, unbase64(data ?? ''))
    return new TextDecoder().decode(plain)
  }

  async #mac(text: string): Promise<Uint8Array> {
    if (nodeCrypto) return new Uint8Array(nodeCrypto.createHmac('sha256', this.#raw).update(text).digest())
    return this.webCryptoMac(text)
  }

  /** The HMAC through Web Crypto (what runtimes without `node:crypto` use). @internal */
  async webCryptoMac(text: string): Promise<Uint8Array> {
    return new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, new TextEncoder().encode(text)))
  }

  async #boxKey(context: string, use: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
    const raw = await this.#mac(`seal\n${context}`)
    return crypto.subtle.importKey('raw', new Uint8Array(raw), { name: 'AES-GCM' }, false, [use])
  }
}

/** Whether a stored value is a sealed one. */
export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX)
}

/** 32 random bytes as base64url: a fresh tracking key. */
export function randomTrackingKey(): string {
  return base64(crypto.getRandomValues(new Uint8Array(32))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function hex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

function unbase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
}
