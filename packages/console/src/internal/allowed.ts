import { allowedActions, LIFECYCLE, type LifecycleFacts, type StaffActionName } from '@liuyan/core'
import type { StaffPrincipal } from '@liuyan/client'

/**
 * The staff actions a token may take on a message now: core's `allowedActions` over each of the
 * token's roles, in the order of core's LIFECYCLE table (the server applies the same union:
 * BoardService.allowedFor).
 */
export function allowedFor(message: LifecycleFacts, roles: StaffPrincipal['roles']): StaffActionName[] {
  const names = new Set<string>()
  for (const role of roles) for (const name of allowedActions(message, role)) names.add(name)
  return (Object.keys(LIFECYCLE) as StaffActionName[]).filter((name) => names.has(name))
}
