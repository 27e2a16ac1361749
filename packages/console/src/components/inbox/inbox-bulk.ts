// The inbox's bulk actions and counts: one server request per 50 messages (POST
// /inbox/bulk-actions, the lifecycle's rules applied to each message by the server), a result per
// message, and the counts per status of the scope (GET /inbox/counts) as filter buttons.
import { BULK_ACTION_LIMIT, STATUS_LABELS, STATUSES, type InboxCounts, type Locale, type Message, type MessageStatus } from '@liuyan/core'
import type { LiuyanClient } from '@liuyan/client'
import { html, nothing, type TemplateResult } from 'lit'
import { format } from '../../i18n.js'
import { explain } from '../../internal/failure.js'
import type { SharedStrings } from '../../internal/labels.i18n.js'
import type { InboxStrings } from './inbox.i18n.js'

export type BulkOutcome = { id: string; title: string; outcome: 'ok' | 'skipped' | 'failed'; text: string; status?: MessageStatus }

/**
 * Runs one action over the chosen messages, 50 per request (each request with its own
 * Idempotency-Key, reused by the SDK's retries, so nothing is applied twice). A message whose
 * status does not allow the action is reported as skipped; any other problem as not done, with the
 * server's reason in the request's language. A request that fails as a whole fails its messages.
 */
export async function runBulk(
  sdk: LiuyanClient, chosen: readonly Message[], action: 'accept' | 'assign', unit: string,
  t: InboxStrings, shared: SharedStrings, progress: (done: number) => void, onError: (error: unknown) => void,
): Promise<BulkOutcome[]> {
  const name = shared.actions[action]
  const out: BulkOutcome[] = []
  for (let start = 0; start < chosen.length; start += BULK_ACTION_LIMIT) {
    const batch = chosen.slice(start, start + BULK_ACTION_LIMIT)
    progress(start)
    try {
      const { results } = await sdk.inbox.bulk(batch.map((m) => m.id), action === 'accept' ? { action } : { action, boardId: unit })
      for (const [i, result] of results.entries()) {
        const title = batch[i]?.title ?? result.id
        if (result.ok) out.push({ id: result.id, title, outcome: 'ok', text: format(t.ok, { action: name }), status: result.status })
        else if (result.problem.code === 'invalid_status') out.push({ id: result.id, title, outcome: 'skipped', text: format(t.skipped, { action: name }) })
        else out.push({ id: result.id, title, outcome: 'failed', text: format(t.failedItem, { reason: result.problem.title }) })
      }
    } catch (error) {
      onError(error)
      const reason = format(t.failedItem, { reason: explain(error, shared) })
      for (const m of batch) out.push({ id: m.id, title: m.title, outcome: 'failed', text: reason })
    }
  }
  return out
}

/** The counts per status of the scope, each a button that filters the list by it. */
export function countsView(counts: InboxCounts | undefined, locale: Locale, t: InboxStrings, active: string, filter: (status: string, overdue: boolean) => void): TemplateResult | typeof nothing {
  if (!counts) return nothing
  const item = (label: string, count: number, pressed: boolean, onClick: () => void) =>
    html`<li><button type="button" class="count" aria-pressed=${pressed ? 'true' : 'false'} @click=${onClick}>${label}<strong>${count}</strong></button></li>`
  return html`<section class="counts" aria-labelledby="counts-title">
    <h3 id="counts-title">${t.counts} <span class="muted">${format(t.countsTotal, { count: counts.total })}</span></h3>
    <ul>
      ${STATUSES.map((status) => item(STATUS_LABELS[locale][status], counts.statuses[status], active === status, () => filter(status, false)))}
      ${item(t.countsOverdue, counts.overdue, active === 'overdue', () => filter('', true))}
    </ul>
  </section>`
}
