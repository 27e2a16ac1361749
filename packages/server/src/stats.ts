import { OPEN_STATUSES, type BoardStats, type Domain, type MessageType } from '@liuyan/core'
import type { StatsRow } from './store/types.js'

const OPEN = new Set<string>(OPEN_STATUSES)

/**
 * Board statistics from the stored rows of a board and its descendants. Messages awaiting review
 * or refused are not "received" (the public never saw them).
 */
export function computeStats(boardId: string, rows: readonly StatsRow[], now: Date): BoardStats {
  const nowMs = now.getTime()
  const received = rows.filter((r) => r.status !== 'pending' && r.status !== 'rejected')
  const replied = received.filter((r) => r.repliedAt)
  const durations = replied
    .filter((r) => r.reviewedAt)
    .map((r) => Math.max(0, (Date.parse(r.repliedAt!) - Date.parse(r.reviewedAt!)) / 1000))
    .sort((a, b) => a - b)
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
  let sum = 0
  let rated = 0
  const byType: Partial<Record<MessageType, number>> = {}
  const byDomain: Partial<Record<Domain, number>> = {}
  let overdue = 0
  for (const row of received) {
    byType[row.type] = (byType[row.type] ?? 0) + 1
    byDomain[row.domain] = (byDomain[row.domain] ?? 0) + 1
    if (OPEN.has(row.status) && row.dueAt && Date.parse(row.dueAt) < nowMs) overdue++
    if (row.overall) {
      const score = Math.min(5, Math.max(1, Math.round(row.overall))) as 1 | 2 | 3 | 4 | 5
      distribution[score]++
      sum += row.overall
      rated++
    }
  }
  return {
    boardId,
    received: received.length,
    replied: replied.length,
    replyRate: received.length ? replied.length / received.length : 0,
    medianReplySeconds: median(durations),
    overdue,
    satisfaction: { average: rated ? Math.round((sum / rated) * 100) / 100 : null, count: rated, distribution },
    byType,
    byDomain,
  }
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
