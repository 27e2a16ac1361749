import type { Board, BoardStats, Domain, MessageType, UnitFigures } from '@liuyan/core'
import { addCounts, contribution, dayOf, medianWorkingDays, overdueOf, type StatsCounts, type StatsRow } from './stats-counts.js'

/**
 * Board statistics from the stored rows of a board and its descendants: the sum of each row's
 * {@link contribution}, read as {@link boardStatsOf} reads a store's kept counters, so a figure
 * has one definition whichever way it is reached. Messages awaiting review or refused are not
 * "received" (the public never saw them).
 */
export function computeStats(boardId: string, rows: readonly StatsRow[], now: Date): BoardStats {
  const { counts, overdue } = countRows(rows, now)
  return boardStatsOf(boardId, counts, overdue)
}

/** The summed contributions of `rows`, and how many are overdue at `now`, as a store answers them. */
export function countRows(rows: readonly StatsRow[], now: Date): { counts: StatsCounts; overdue: number } {
  const counts: StatsCounts = {}
  const nowMs = now.getTime()
  let today = 0
  for (const row of rows) {
    const c = contribution(row)
    addCounts(counts, c)
    // Due today and already past: the part of `overdue` a store reads from its index.
    if (c[`due:${dayOf(nowMs)}`] && Date.parse(row.dueAt!) < nowMs) today++
  }
  return { counts, overdue: overdueOf(counts, nowMs, today) }
}

interface Satisfaction {
  count: number
  average: number | null
  distribution: { 1: number; 2: number; 3: number; 4: number; 5: number }
}

function satisfactionOf(counts: StatsCounts): Satisfaction {
  const distribution = { 1: counts.s1 ?? 0, 2: counts.s2 ?? 0, 3: counts.s3 ?? 0, 4: counts.s4 ?? 0, 5: counts.s5 ?? 0 }
  const count = distribution[1] + distribution[2] + distribution[3] + distribution[4] + distribution[5]
  const sum = distribution[1] + 2 * distribution[2] + 3 * distribution[3] + 4 * distribution[4] + 5 * distribution[5]
  return { count, average: count ? Math.round((sum / count) * 100) / 100 : null, distribution }
}

/** BoardStats from summed counters (see `stats-counts.ts`) and the overdue count. */
export function boardStatsOf(boardId: string, counts: StatsCounts, overdue: number): BoardStats {
  const received = counts.r ?? 0
  const replied = counts.p ?? 0
  const byType: Partial<Record<MessageType, number>> = {}
  const byDomain: Partial<Record<Domain, number>> = {}
  for (const key in counts) {
    if (!counts[key]) continue
    if (key.startsWith('t:')) byType[key.slice(2) as MessageType] = counts[key]
    else if (key.startsWith('d:')) byDomain[key.slice(2) as Domain] = counts[key]
  }
  return {
    boardId,
    received,
    replied,
    replyRate: received ? replied / received : 0,
    medianReplyWorkingDays: medianWorkingDays(counts),
    overdue,
    satisfaction: satisfactionOf(counts),
    byType,
    byDomain,
  }
}

/** One row of the supervision table from summed counters and the overdue count. */
export function unitFiguresOf(board: Board, depth: number, counts: StatsCounts, overdue: number): UnitFigures {
  const received = counts.r ?? 0
  const replied = counts.p ?? 0
  const { count, average, distribution } = satisfactionOf(counts)
  const satisfied = distribution[4] + distribution[5]
  return {
    boardId: board.id,
    name: board.name,
    parentId: board.parentId ?? null,
    depth,
    received,
    acceptedOnTime: counts.o ?? 0,
    replied,
    replyRate: received ? replied / received : 0,
    medianReplyWorkingDays: medianWorkingDays(counts),
    overdue,
    supervised: counts.v ?? 0,
    satisfaction: { count, average, satisfied, satisfiedShare: count ? satisfied / count : null },
  }
}
