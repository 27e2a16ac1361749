import { createTrackingCode, normalizeTrackingCode, type Message } from '@liuyan/core'
import type { Store, StoreReader, StoreTransaction } from './store/types.js'
import { TrackingSecrets, type TrackingKey } from './tracking-key.js'

/** The tracking key does not match the one the store's codes were hashed with. */
export class TrackingKeyMismatchError extends Error {
  override name = 'TrackingKeyMismatchError'
}

/** The setting that holds the tracking key's check value. */
const TRACKING_KEY_CHECK = 'tracking_key_check'

/**
 * Whether the store's tracking codes were stored under a key already (it keeps the key's check
 * value): such a store must never be given a new key, which would void every author's code.
 */
export async function hasTrackingKeyCheck(store: Store): Promise<boolean> {
  return (await store.read.getSetting(TRACKING_KEY_CHECK)) !== undefined
}

/**
 * The service's tracking codes: new ones with their hash, look-ups by code, and the one-time check
 * of the key against the store (see {@link TrackingCodes.ready}). The store never sees a code.
 */
export class TrackingCodes {
  readonly #store: Store
  readonly #secrets: TrackingSecrets
  #ready: Promise<void> | undefined

  constructor(store: Store, key: TrackingKey) {
    this.#store = store
    this.#secrets = new TrackingSecrets(key)
  }

  /**
   * Checks the key against the store (a store whose codes were hashed under another key rejects
   * with {@link TrackingKeyMismatchError}) and hashes any code an older version kept in the clear.
   * Runs once; a failure is tried again on the next call. Never call it inside a transaction: it
   * writes in one of its own, which would wait for the other.
   */
  ready(): Promise<void> {
    this.#ready ??= this.#prepare().catch((error: unknown) => {
      this.#ready = undefined
      throw error
    })
    return this.#ready
  }

  async #prepare(): Promise<void> {
    const check = await this.#secrets.check()
    const stored = await this.#store.read.getSetting(TRACKING_KEY_CHECK)
    if (stored !== undefined && stored !== check) {
      throw new TrackingKeyMismatchError(
        "The tracking key is not the one this database's tracking codes were stored with; start with the original key (LIUYAN_TRACKING_KEY or the key file), or no author can follow a message",
      )
    }
    if (stored === undefined) await this.#store.transaction((tx) => tx.putSetting(TRACKING_KEY_CHECK, check))
    const hash = (code: string) => this.#secrets.hash(normalizeTrackingCode(code) ?? code)
    while ((await this.#store.transaction((tx) => tx.upgradeTrackingCodes(hash))) > 0);
  }

  /** The keyed hash the store keeps of a (normalized) code. */
  hash(code: string): Promise<string> {
    return this.#secrets.hash(code)
  }

  /**
   * A fresh code and its hash, not looked up: for a message inserted with it, whose insert every
   * store refuses with `DUPLICATE_TRACKING_CODE` when the hash is taken (its unique key, which also
   * decides between two instances); the caller then tries again with another.
   */
  async fresh(): Promise<{ code: string; hash: string }> {
    const code = createTrackingCode()
    return { code, hash: await this.#secrets.hash(code) }
  }

  /** A fresh code and its hash, unused in the store. */
  async create(tx: StoreTransaction): Promise<{ code: string; hash: string }> {
    for (;;) {
      const code = createTrackingCode()
      const hash = await this.#secrets.hash(code)
      // 57^12 codes make a clash unlikely, but a clash must never hand one author another's message.
      if (!(await tx.getMessageByTrackingHash(hash))) return { code, hash }
    }
  }

  /** The message of a code as its author typed it (spaces, hyphens), with the code normalized; undefined when none. */
  async find(reader: StoreReader, code: string): Promise<{ message: Message; normalized: string } | undefined> {
    const normalized = normalizeTrackingCode(code)
    if (!normalized) return undefined
    const message = await reader.getMessageByTrackingHash(await this.#secrets.hash(normalized))
    return message && { message, normalized }
  }

  /** Encrypts a stored answer that carries a code, bound to `context`. */
  seal(context: string, text: string): Promise<string> {
    return this.#secrets.seal(context, text)
  }

  /** Decrypts what {@link seal} stored for the same context. */
  unseal(context: string, sealed: string): Promise<string> {
    return this.#secrets.open(context, sealed)
  }
}
