// Where a new message's side rows go (docs/architecture.md §6 "Writes"): the boards of its scope
// (its board and assigned unit, each with every board above it, as migration 4's `scopeOf` has
// them) and the heat cells of its board (each board above it, with the region the message counts
// under there, as migration 8's heat trigger had them). Read from `board_tree` and `boards` once
// per board and transaction: the write lock keeps the tree still meanwhile, and a board written in
// the transaction clears them (SqliteTransaction.putBoard).
import type { Connection } from './connection.js'
import { ROLLED_SQL } from './hotspots.js'

const ANCESTORS = 'SELECT ancestor FROM board_tree WHERE descendant = ?'
const HEAT_CELLS = `SELECT t.ancestor, ${ROLLED_SQL} FROM boards b JOIN board_tree t ON t.descendant = b.id JOIN boards a ON a.id = t.ancestor WHERE b.id = ?`

export class BoardPaths {
  readonly #ancestors = new Map<string, string[]>()
  readonly #heat = new Map<string, Array<[string, string]>>()

  /** Forgets what was read (the transaction ended, or a board changed). */
  clear(): void {
    this.#ancestors.clear()
    this.#heat.clear()
  }

  /**
   * The boards whose subtree holds `boardId` or `assigneeId`: each with every board above it, each
   * once; a board the store does not hold stands for itself only.
   */
  scope(connection: Connection, boardId: string, assigneeId: string | null | undefined): string[] {
    const out = new Set<string>([boardId, ...this.#above(connection, boardId)])
    if (assigneeId != null) for (const id of [assigneeId, ...this.#above(connection, assigneeId)]) out.add(id)
    return [...out]
  }

  /** The heat cells of a message sent to `boardId`: each board above it (itself included) and the region counted there. */
  heatCells(connection: Connection, boardId: string): ReadonlyArray<readonly [string, string]> {
    let cells = this.#heat.get(boardId)
    if (!cells) {
      cells = connection.statement(HEAT_CELLS, 'raw').all(boardId) as Array<[string, string]>
      this.#heat.set(boardId, cells)
    }
    return cells
  }

  /** The boards whose subtree holds `boardId` (itself included), as `board_tree` has them: none for a board the store does not hold. */
  above(connection: Connection, boardId: string): readonly string[] {
    return this.#above(connection, boardId)
  }

  #above(connection: Connection, boardId: string): string[] {
    let ancestors = this.#ancestors.get(boardId)
    if (!ancestors) {
      ancestors = connection.statement(ANCESTORS, 'pluck').all(boardId) as string[]
      this.#ancestors.set(boardId, ancestors)
    }
    return ancestors
  }
}

/** The China-time month `YYYY-MM` of an instant, as SQLite's `strftime('%Y-%m', (ms + 28800000) / 1000, 'unixepoch')` gives it. */
export function heatMonth(ms: number): string {
  return new Date(Math.trunc((ms + 28_800_000) / 1000) * 1000).toISOString().slice(0, 7)
}
