// Hot spots in the memory store (docs/architecture.md §6 "Hot spots"): the groups are made by
// replaying store/hotspots.ts's grouping over the messages in the order they were inserted (the
// order in which the SQL stores group them as they come in), once per message, on first read; the
// heat table counts the rows, as the memory store's statistics do.
import { SIMILARITY } from '@liuyan/core'
import type { Board, HeatRow, Message, Page, SimilarGroup } from '@liuyan/core'
import {
  chinaMonth,
  groupNewMessage,
  heatRows,
  inPage,
  readGroupPage,
  readGroups,
  rollUp,
  WINDOW_MS,
  type Candidate,
  type GroupMessagesStoreQuery,
  type GroupReader,
  type GroupsStoreQuery,
  type HeatStoreQuery,
  type Member,
} from './hotspots.js'
import { subtreeIds } from './shared.js'

/** What the memory store keeps of each message that hot spots read. */
export interface HotspotRow {
  message: Message
  seq: number
  createdMs: number
  searchText: string
}

/** The memory store's tables as hot spots read them. */
export interface HotspotTables {
  boards: { get(id: string): Board | undefined; values(): Iterable<Board> }
  messages: { get(id: string): HotspotRow | undefined; values(): Iterable<HotspotRow> }
}

/** The heat table, counted over the rows of the subtree. */
export function memoryHeat(tables: HotspotTables, query: HeatStoreQuery): HeatRow[] {
  const boards = subtreeIds([query.boardId], tables.boards.values())
  const counts = { keys: [] as string[], months: [] as string[], n: [] as number[] }
  for (const { message, createdMs } of tables.messages.values()) {
    if (message.status === 'rejected' || !boards.has(message.boardId)) continue
    const board = tables.boards.get(message.boardId)
    if (!board) continue
    counts.keys.push(`${rollUp(board.region, query.regionDigits)} ${message.domain}`)
    counts.months.push(chinaMonth(createdMs))
    counts.n.push(1)
  }
  return heatRows(counts, query)
}

interface Entry {
  ms: number
  seq: number
}

/** The groups of one table of messages, brought up to date with every row on each read. */
class Replay {
  readonly #bands = new Map<number, Entry[]>()
  readonly #rows = new Map<number, HotspotRow>()
  readonly #root = new Map<number, number>()
  readonly #members = new Map<number, Set<number>>()
  #done = 0

  async update(rows: Iterable<HotspotRow>): Promise<void> {
    const fresh = [...rows].filter((row) => row.seq > this.#done).sort((a, b) => a.seq - b.seq)
    for (const row of fresh) {
      this.#rows.set(row.seq, row)
      await groupNewMessage(this.#writer(), row.message, row.seq)
      this.#done = row.seq
    }
  }

  #writer() {
    return {
      candidates: async (seq: number, bands: readonly number[], t: number): Promise<Candidate[]> => {
        const seen = new Map<number, Candidate>()
        for (const band of bands) {
          const list = this.#bands.get(band) ?? []
          // The list is sorted by (ms, seq): those at or before t, nearest first, then those after.
          const split = upperBound(list, t)
          for (let i = split - 1, n = 0; i >= 0 && n < SIMILARITY.perBand && list[i]!.ms >= t - WINDOW_MS; i--, n++) this.#add(seen, list[i]!.seq)
          for (let i = split, n = 0; i < list.length && n < SIMILARITY.perBand && list[i]!.ms <= t + WINDOW_MS; i++, n++) this.#add(seen, list[i]!.seq)
        }
        for (const band of bands) {
          const list = this.#bands.get(band) ?? []
          const at = lowerBound(list, t, seq)
          if (list[at]?.seq !== seq) list.splice(at, 0, { ms: t, seq })
          this.#bands.set(band, list)
        }
        return [...seen.values()]
      },
      merge: async (from: number, to: number) => {
        const moving = this.#members.get(from) ?? new Set<number>()
        const target = this.#members.get(to) ?? new Set<number>()
        for (const seq of moving) {
          this.#root.set(seq, to)
          target.add(seq)
        }
        this.#members.set(to, target)
        this.#members.delete(from)
      },
      join: async (root: number, seqs: readonly number[]) => {
        const target = this.#members.get(root) ?? new Set<number>()
        for (const seq of seqs) {
          this.#root.set(seq, root)
          target.add(seq)
        }
        this.#members.set(root, target)
      },
    }
  }

  #add(seen: Map<number, Candidate>, seq: number): void {
    if (seen.has(seq)) return
    const row = this.#rows.get(seq)!
    seen.set(seq, { seq, createdMs: row.createdMs, text: row.searchText, root: this.#root.get(seq) })
  }

  /** The members of a group whose board is in `boards`, newest first (ties by higher seq). */
  members(root: number, boards: ReadonlySet<string>): HotspotRow[] {
    const rows = [...(this.#members.get(root) ?? [])].map((seq) => this.#rows.get(seq)!).filter((row) => boards.has(row.message.boardId))
    return rows.sort((a, b) => b.createdMs - a.createdMs || b.seq - a.seq)
  }

  roots(): Iterable<number> {
    return this.#members.keys()
  }

  rootOf(seq: number): number | undefined {
    return this.#root.get(seq)
  }
}

const replays = new WeakMap<object, Replay>()

async function replayOf(tables: HotspotTables): Promise<Replay> {
  let replay = replays.get(tables.messages)
  if (!replay) replays.set(tables.messages, (replay = new Replay()))
  await replay.update(tables.messages.values())
  return replay
}

const regionOf = (tables: HotspotTables, row: HotspotRow) => tables.boards.get(row.message.boardId)?.region ?? '000000'

export async function memoryGroups(tables: HotspotTables, query: GroupsStoreQuery): Promise<SimilarGroup[]> {
  const replay = await replayOf(tables)
  const boards = subtreeIds([query.boardId], tables.boards.values())
  const reader: GroupReader = {
    spans: async (_board, range, limit, after) => {
      const spans: Array<{ root: number; lastMs: number }> = []
      for (const root of replay.roots()) {
        const members = replay.members(root, boards)
        if (members.length === 0) continue
        const last = members[0]!.createdMs
        const first = members[members.length - 1]!.createdMs
        if (last < range.fromMs || first >= range.toMs) continue
        if (after && !(last < after[0] || (last === after[0] && root < after[1]))) continue
        spans.push({ root, lastMs: last })
      }
      return spans.sort((a, b) => b.lastMs - a.lastMs || b.root - a.root).slice(0, limit)
    },
    members: async (_board, root, range, limit) =>
      replay
        .members(root, boards)
        .filter((row) => row.createdMs >= range.fromMs && row.createdMs < range.toMs)
        .slice(0, limit)
        .map((row): Member => ({ seq: row.seq, id: row.message.id, createdMs: row.createdMs, region: regionOf(tables, row) })),
    messages: async (seqs) => messagesOf(tables, seqs),
  }
  return readGroups(reader, query)
}

export async function memoryGroupMessages(tables: HotspotTables, query: GroupMessagesStoreQuery): Promise<Page<Message> | undefined> {
  const row = tables.messages.get(query.memberId)
  const boards = subtreeIds([query.boardId], tables.boards.values())
  if (!row || !boards.has(row.message.boardId)) return undefined
  const replay = await replayOf(tables)
  const root = replay.rootOf(row.seq)
  const page = async (_root: number, range: { fromMs: number; toMs: number }, after: readonly [number, number] | undefined, limit: number) =>
    (root === undefined ? [row] : replay.members(root, boards))
      .filter((r) => inPage(r.createdMs, r.seq, range, after))
      .slice(0, limit)
      .map((r) => ({ seq: r.seq, createdMs: r.createdMs }))
  return readGroupPage(page, async (seqs) => messagesOf(tables, seqs), root ?? row.seq, query)
}

function messagesOf(tables: HotspotTables, seqs: readonly number[]): Map<number, Message> {
  const wanted = new Set(seqs)
  const out = new Map<number, Message>()
  for (const row of tables.messages.values()) if (wanted.has(row.seq)) out.set(row.seq, structuredClone(row.message))
  return out
}

/** The first index whose entry is after `ms` (any seq). */
function upperBound(list: readonly Entry[], ms: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]!.ms <= ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Where (ms, seq) goes in a list sorted by (ms, seq). */
function lowerBound(list: readonly Entry[], ms: number, seq: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const e = list[mid]!
    if (e.ms < ms || (e.ms === ms && e.seq < seq)) lo = mid + 1
    else hi = mid
  }
  return lo
}
