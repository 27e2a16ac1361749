import type { CreatedWebhook } from '@liuyan/core'
import type { BoardService } from '../service.js'
import { WebhookSubscriptions } from '../service/subscriptions.js'
import type { Operations } from './operations.js'

/**
 * The staff routes of webhook subscriptions (docs/architecture.md §7): each scoped to the token's
 * boards (another board's subscription answers 404), private ones for supervisors.
 */
export function webhookOperations(service: BoardService, basePath: string, kinds?: Iterable<string>) {
  const subscriptions = new WebhookSubscriptions(service, kinds)
  return {
    createWebhook: {
      run: (r, hook) => subscriptions.create(r.staff, r.body, hook),
      headers: (created: CreatedWebhook) => ({ Location: `${basePath}/webhooks/${created.id}` }),
    },
    listWebhooks: { run: (r) => subscriptions.list(r.staff) },
    getWebhook: { run: (r) => subscriptions.get(r.staff, r.params.id) },
    deleteWebhook: { run: async (r) => subscriptions.remove(r.staff, r.params.id).then(() => null) },
    listWebhookAttempts: { run: (r) => subscriptions.attempts(r.staff, r.params.id, r.query) },
    replayWebhookEvent: { run: (r, hook) => subscriptions.replay(r.staff, r.params.id, r.body.eventId, hook) },
  } satisfies Pick<Operations, 'createWebhook' | 'listWebhooks' | 'getWebhook' | 'deleteWebhook' | 'listWebhookAttempts' | 'replayWebhookEvent'>
}
