import { ServiceError } from '../errors.js'
import { sha256Hex, type BoardService } from '../service.js'
import type { StoredResponse, StoreTransaction } from '../store/types.js'
import { isSealed } from '../tracking-key.js'
import { isStoreUnavailable } from './problems.js'
import { json, replay, type Reply } from './reply.js'

/** The work of an idempotent request: given a hook, it stores the answer in the transaction of the change. */
export type IdempotentRun<T> = (hook: ((tx: StoreTransaction, result: T) => Promise<void>) | undefined) => Promise<T>

/** What {@link createIdempotency} runs: one POST, with the facts its key is checked against. */
export interface IdempotentRequest<T> {
  /** `Idempotency-Key` as sent, or null. */
  key: string | null
  required: boolean
  /** Whose keys these are: `public`, or a staff token's hash. */
  scope: string
  /** Method, path and body: a key sent again with another request answers 422. */
  fingerprint: string
  run: IdempotentRun<T>
  status: number
  headers?: (result: T) => Record<string, string>
  /** Runs before the work (not before a replay): a retry of a stored request costs no rate budget. */
  beforeRun?: () => void | Promise<void>
}

/**
 * `Idempotency-Key` on POSTs (docs/architecture.md §5): the same key and body replay the first
 * answer, another body answers 422, a request still running answers 409. A stored answer is
 * sealed under the tracking key (it may hold a tracking code).
 */
export function createIdempotency(service: BoardService, ttlMs: number) {
  let lastExpiry = 0
  /** Claims whose request failed while the database was away, released once it is back. */
  const unreleased = new Map<string, [scope: string, key: string]>()

  /**
   * Releases a claim still running. One already done stays: a COMMIT whose answer was lost with
   * the connection may have stored the work and its answer, which a retry must then replay.
   */
  async function releaseClaim(scope: string, key: string): Promise<void> {
    await service.store.transaction(async (tx) => {
      if ((await tx.getIdempotency(scope, key))?.state === 'running') await tx.releaseIdempotency(scope, key)
    })
  }

  async function sealResponse(scope: string, key: string, response: StoredResponse): Promise<StoredResponse> {
    const sealed = await service.seal(`${scope}\n${key}`, JSON.stringify({ headers: response.headers, body: response.body }))
    return { status: response.status, headers: {}, body: sealed }
  }

  async function unsealResponse(scope: string, key: string, stored: StoredResponse): Promise<StoredResponse> {
    if (!isSealed(stored.body)) return stored
    const { headers, body } = JSON.parse(await service.unseal(`${scope}\n${key}`, stored.body)) as Pick<StoredResponse, 'headers' | 'body'>
    return { status: stored.status, headers, body }
  }

  return async function idempotent<T>(r: IdempotentRequest<T>): Promise<Reply> {
    const { key, scope, status, headers } = r
    if (key === null) {
      if (r.required) throw new ServiceError(400, 'bad_request', '', [{ path: ['Idempotency-Key'], code: 'idempotency_key_required', message: '' }])
      await r.beforeRun?.()
      const result = await r.run(undefined)
      return json(status, result, headers?.(result))
    }
    if (key.length === 0 || key.length > 255) {
      throw new ServiceError(400, 'bad_request', '', [{ path: ['Idempotency-Key'], code: 'invalid_idempotency_key', message: '' }])
    }
    if (unreleased.size > 0) {
      for (const [id, [s, k]] of unreleased) if (await releaseClaim(s, k).then(() => true, () => false)) unreleased.delete(id)
    }
    const now = service.now()
    if (now.getTime() - lastExpiry > 60_000) {
      lastExpiry = now.getTime()
      await service.store.transaction((tx) => tx.expireIdempotency(new Date(now.getTime() - ttlMs).toISOString()))
    }
    const fingerprint = await sha256Hex(r.fingerprint)
    const existing = await service.store.transaction((tx) =>
      tx.beginIdempotency({ scope, key, fingerprint, state: 'running', createdAt: now.toISOString() }),
    )
    if (existing) {
      if (existing.fingerprint !== fingerprint) throw new ServiceError(422, 'idempotency_key_reused', '')
      if (existing.state === 'running' || !existing.response) throw new ServiceError(409, 'idempotency_in_progress', '', undefined, { 'Retry-After': '1' })
      return replay(await unsealResponse(scope, key, existing.response))
    }
    try {
      await r.beforeRun?.()
      let answer: StoredResponse | undefined
      await r.run(async (tx, result) => {
        answer = { status, headers: { ...headers?.(result) }, body: JSON.stringify(result) }
        // Written in the transaction of the change: a crash can never store one without the other.
        await tx.completeIdempotency(scope, key, await sealResponse(scope, key, answer))
      })
      return replay(answer!)
    } catch (error) {
      // Nothing was written: forget the claim so a corrected retry with the same key may run. With
      // the database away, this instance releases it once it is back (else the key would answer
      // 409 until it expires).
      await releaseClaim(scope, key).catch((releaseError: unknown) => {
        if (!isStoreUnavailable(releaseError)) throw releaseError
        unreleased.set(`${scope}\n${key}`, [scope, key])
      })
      throw error
    }
  }
}
