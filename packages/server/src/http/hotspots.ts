import { groupMessages, heatTable, markDuplicate, similarGroups } from '../hotspots/service.js'
import type { BoardService } from '../service.js'
import type { Operations } from './operations.js'

/** The hot-spot routes (源头治理): see hotspots/service.ts. */
export function hotspotOperations(service: BoardService) {
  return {
    getHeatTable: { run: (r) => heatTable(service, r.staff, r.params.id, r.query) },
    listSimilarGroups: { run: (r) => similarGroups(service, r.staff, r.params.id, r.query) },
    listGroupMessages: { run: (r) => groupMessages(service, r.staff, r.params.id, r.params.groupId, r.query) },
    linkDuplicate: {
      run: (r, hook) => markDuplicate(service, r.staff, r.params.id, r.body, hook),
      labels: (locale) => ({ of: locale === 'en' ? 'duplicate of' : locale === 'zh-TW' ? '重複的留言' : '重复的留言', note: locale === 'en' ? 'note' : '说明' }),
    },
  } satisfies Pick<Operations, 'getHeatTable' | 'listSimilarGroups' | 'listGroupMessages' | 'linkDuplicate'>
}
