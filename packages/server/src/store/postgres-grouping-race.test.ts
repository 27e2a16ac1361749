// Hot-spot groups under concurrent submissions on a real PostgreSQL server: 8 workers, each on a
// connection of the store's pool, submit similar and identical messages one transaction after
// another, so that transactions decide their groups on snapshots that others' commits overtake
// (the race that made merges of groups fail with `duplicate key … hot_scope_pkey`, and can leave a
// message listed in two groups). Every submission must succeed, and the group rows must stay one
// consistent picture: each member listed once under every board above its own, in its group, with
// its group's span, and the groups' counts those of their members. Which groups form depends on
// the interleaving, which the assertions do not look at.
import { SIMILAR_GROUP_COUNT_CAP } from '@liuyan/core'
import type { Board, Message } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { adminQuery, freshDatabase } from '../../test/postgres-database.js'
import { hashOf, makeMessage } from '../../test/store-fixtures.js'
import { createPostgresStore } from './postgres.js'
import type { Store } from './types.js'

const board = (id: string, parentId: string | null, region: string): Board => ({ id, name: `Board ${id}`, kind: 'agency', level: 'city', parentId, region, acceptsMessages: true })
/** province p → city c → units u1, u2: each message is listed under three boards. */
const TREE = [board('p', null, '220000'), board('c', 'p', '220100'), board('u1', 'c', '220104'), board('u2', 'c', '220105')]
/** Two families of texts, each as sent (identical) and with small changes (still similar). */
const FAMILIES = [
  ['小区门口路灯坏了', '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。'],
  ['老旧小区加装电梯', '我们小区是九十年代的老旧小区，老人上下楼很困难，希望尽快加装电梯。'],
] as const
const WORKERS = 8
const PER_WORKER = 20
const RUNS = 12
const START = Date.parse('2026-03-02T01:00:00Z')

/** Message n: family n % 2, one in three changed, one minute apart with a little disorder (so later ones are candidates too). */
function message(run: number, n: number): Message {
  const [title, content] = FAMILIES[n % 2]!
  const createdAt = new Date(START + n * 60_000 - (n % 5) * 150_000).toISOString()
  const id = `r${run}-${String(n).padStart(4, '0')}`
  return makeMessage({
    id,
    boardId: n % 3 === 0 ? 'u2' : 'u1',
    title,
    content: n % 3 === 1 ? `${content}已经反映过${n % 4}次。` : content,
    createdAt,
  })
}


const open: Store[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()))
})

/**
 * Rows that break the groups' consistency, by what they break (each list empty when all is well).
 * `hot_members` is the truth: a member's group is its root, and a root is a member of its own group.
 */
const CHECKS = {
  'root not in its own group': `SELECT h.seq, h.root FROM hot_members h LEFT JOIN hot_members r ON r.seq = h.root WHERE r.root IS DISTINCT FROM h.root`,
  'listed in another group than its own, or not a member': `SELECT s.ancestor, s.seq, s.root FROM hot_scope s LEFT JOIN hot_members h ON h.seq = s.seq WHERE h.root IS DISTINCT FROM s.root`,
  'listed twice under one board': `SELECT ancestor, seq, count(*)::integer AS n FROM hot_scope GROUP BY 1, 2 HAVING count(*) > 1`,
  'member not listed under a board above it': `SELECT t.ancestor, h.seq FROM hot_members h JOIN messages m ON m.seq = h.seq JOIN board_tree t ON t.descendant = m.board_id
    WHERE NOT EXISTS (SELECT 1 FROM hot_scope s WHERE s.ancestor = t.ancestor AND s.seq = h.seq AND s.root = h.root AND s.created_ms = m.created_ms)`,
  'listed under a board not above it': `SELECT s.ancestor, s.seq FROM hot_scope s JOIN messages m ON m.seq = s.seq
    WHERE NOT EXISTS (SELECT 1 FROM board_tree t WHERE t.ancestor = s.ancestor AND t.descendant = m.board_id)`,
  // A group's span is the widest of its base row and its deltas (postgres/hot-deltas.ts).
  'span not that of its members': `SELECT coalesce(x.ancestor, y.ancestor) AS ancestor, coalesce(x.root, y.root) AS root
    FROM (SELECT ancestor, root, min(first_ms) AS first_ms, max(last_ms) AS last_ms FROM (SELECT * FROM hot_spans UNION ALL SELECT * FROM hot_spans_delta) s GROUP BY 1, 2) x
    FULL JOIN (SELECT ancestor, root, min(created_ms) AS first_ms, max(created_ms) AS last_ms FROM hot_scope GROUP BY 1, 2) y ON y.ancestor = x.ancestor AND y.root = x.root
    WHERE x.first_ms IS DISTINCT FROM y.first_ms OR x.last_ms IS DISTINCT FROM y.last_ms`,
}

async function inconsistencies(database: string): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {}
  for (const [name, sql] of Object.entries(CHECKS)) found[name] = (await adminQuery(sql, [], database)).rows
  return found
}

describe('postgres store: hot-spot groups under concurrent similar submissions', () => {
  it(`keeps every submission and consistent groups: ${RUNS} runs of ${WORKERS} connections × ${PER_WORKER} similar and identical messages`, async () => {
    for (let run = 1; run <= RUNS; run++) {
      const url = await freshDatabase()
      const database = new URL(url).pathname.slice(1)
      // Every other run folds the deltas of spans now and then, while merges run (postgres/hot-deltas.ts).
      const store = await createPostgresStore({ connectionString: url, max: WORKERS }, { foldAfter: run % 2 === 0 ? 5 : 1_000_000 })
      open.push(store)
      await store.transaction(async (tx) => {
        for (const b of TREE) await tx.putBoard(b)
      })
      let next = 0
      const failures: string[] = []
      // Each worker takes the next message as soon as its last transaction committed.
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          for (let n = next++; n < WORKERS * PER_WORKER; n = next++) {
            const m = message(run, n)
            await store.transaction((tx) => tx.insertMessage(m, hashOf(m))).catch((error: Error) => failures.push(`${m.id}: ${error.message}`))
          }
        }),
      )
      expect(failures, `run ${run}`).toEqual([])
      expect(await store.read.countMessages()).toBe(WORKERS * PER_WORKER)
      expect(await inconsistencies(database), `run ${run}`).toEqual(Object.fromEntries(Object.keys(CHECKS).map((name) => [name, []])))
      // What the store answers: under each board, each group's count is that of its members there (the memberships).
      for (const boardId of ['p', 'c', 'u1']) {
        const groups = await store.read.similarGroups({ boardId, limit: 50, regionDigits: boardId === 'p' ? 4 : 6 })
        expect(groups.length, `run ${run}, board ${boardId}`).toBeGreaterThan(0)
        for (const group of groups) {
          const [{ n }] = (
            await adminQuery(
              `SELECT count(*)::integer AS n FROM hot_members h JOIN messages m ON m.seq = h.seq JOIN board_tree t ON t.descendant = m.board_id AND t.ancestor = $2
               WHERE h.root = (SELECT h.root FROM hot_members h JOIN messages m ON m.seq = h.seq WHERE m.id = $1)`,
              [group.id, boardId],
              database,
            )
          ).rows
          expect(group.count, `run ${run}: the group of ${group.id} under ${boardId}`).toBe(Math.min(n, SIMILAR_GROUP_COUNT_CAP))
        }
      }
      await store.close()
    }
  }, 120_000)
})
