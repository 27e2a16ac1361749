import type { NewEvaluation, NewFollowUp, TrackedMessage } from '@liuyan/core'
import type { RequestOptions, Transport } from '../internal/transport.js'
import { check } from '../internal/validate.js'

/** The author's side, by tracking code (查询码): no account needed. */
export class Tracking {
  constructor(readonly transport: Transport) {}

  /**
   * The author's view of their message: status, replies, and whether they may follow up or rate.
   *
   * @example
   * ```ts
   * const mine = await client.tracking.get('K7mPq2xR9tWz')
   * if (mine.canEvaluate) …
   * ```
   */
  get(code: string, options?: RequestOptions): Promise<TrackedMessage> {
    return this.transport.request({ method: 'GET', path: `/tracking/${encodeURIComponent(code)}`, schema: 'tracked', options })
  }

  /**
   * A follow-up question (追问). On an answered message it sends the matter back to the unit.
   *
   * @example
   * ```ts
   * await client.tracking.followUp(code, { content: '请问什么时候能修好？' })
   * ```
   */
  async followUp(code: string, followUp: NewFollowUp, options?: RequestOptions): Promise<TrackedMessage> {
    const body = await check('followUp', followUp, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: `/tracking/${encodeURIComponent(code)}/follow-ups`, body, schema: 'tracked', options })
  }

  /**
   * Rates the handling once, after a reply: overall plus resolution, attitude and speed, 1–5.
   *
   * @example
   * ```ts
   * await client.tracking.evaluate(code, { overall: 5, resolution: 5, attitude: 5, speed: 4 })
   * ```
   */
  async evaluate(code: string, evaluation: NewEvaluation, options?: RequestOptions): Promise<TrackedMessage> {
    const body = await check('evaluation', evaluation, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: `/tracking/${encodeURIComponent(code)}/evaluation`, body, schema: 'tracked', options })
  }
}
