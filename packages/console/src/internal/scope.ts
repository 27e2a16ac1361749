import type { Board } from '@liuyan/core'

/** A board of the token's scope, with its depth in the scope's tree and the names above it. */
export interface ScopedBoard {
  board: Board
  depth: number
  /** Names of the boards above it inside the scope, top first. */
  path: string[]
}

/**
 * The boards of a token's scope (GET /me lists every board it covers, descendants included) as a
 * tree in depth-first order: a board whose parent is outside the scope is a root. Siblings keep
 * the order the API lists them in.
 */
export function scopeTree(boards: readonly Board[], boardIds: readonly string[]): ScopedBoard[] {
  const inScope = new Set(boardIds)
  const scoped = boards.filter((b) => inScope.has(b.id))
  const children = new Map<string | null, Board[]>()
  for (const board of scoped) {
    const parent = board.parentId && inScope.has(board.parentId) ? board.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), board])
  }
  const out: ScopedBoard[] = []
  const walk = (parent: string | null, depth: number, path: string[]) => {
    for (const board of children.get(parent) ?? []) {
      out.push({ board, depth, path })
      walk(board.id, depth + 1, [...path, board.name])
    }
  }
  walk(null, 0, [])
  return out
}
