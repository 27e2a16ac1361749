import type { BoardService } from '../service.js'
import { bulkAct, createReplyTemplate, deleteReplyTemplate, inboxCounts, listReplyTemplates, updateReplyTemplate } from '../staff-tools.js'
import type { Operations } from './operations.js'

/** The operations of the staff's tools: reply templates, bulk actions, the inbox's counts. */
export function staffToolOperations(service: BoardService) {
  return {
    getInboxCounts: { run: (r) => inboxCounts(service, r.staff, r.query.boardId) },
    bulkAct: { run: (r, hook) => bulkAct(service, r.staff, r.body, r.locale, hook) },
    listReplyTemplates: { run: (r) => listReplyTemplates(service, r.staff, r.params.id) },
    createReplyTemplate: { run: (r, hook) => createReplyTemplate(service, r.staff, r.params.id, r.body, hook) },
    updateReplyTemplate: { run: (r) => updateReplyTemplate(service, r.staff, r.params.id, r.body) },
    deleteReplyTemplate: { run: (r) => deleteReplyTemplate(service, r.staff, r.params.id) },
  } satisfies Pick<Operations, 'getInboxCounts' | 'bulkAct' | 'listReplyTemplates' | 'createReplyTemplate' | 'updateReplyTemplate' | 'deleteReplyTemplate'>
}
