import { ActorSchema, STAFF_ROLES, validate, type StaffRole, type ValidationIssue } from '@liuyan/core'
import { ServiceError } from './errors.js'
import { nodeCrypto } from './node-crypto.js'
import type { StaffPrincipal } from './service/types.js'
import type { StaffToken, Store, StoreReader } from './store/types.js'

/** What a new staff token is made of; see `BoardService.createToken`. */
export interface NewStaffToken {
  label: string
  roles: readonly StaffRole[]
  boardIds: readonly string[]
  /** Sets the token instead of a random one (demos, tests). */
  token?: string
}

/**
 * Checks and stores a staff token (only its SHA-256): the rules of `BoardService.createToken`,
 * which documents them. Every problem is found at once; nothing is stored when there is one.
 */
export async function createStaffToken(store: Store, createdAt: string, input: NewStaffToken): Promise<{ token: string; record: StaffToken }> {
  const token = input.token ?? randomToken()
  const roleIssues: ValidationIssue[] = []
  const roleProblems: string[] = []
  if (input.roles.length === 0) {
    roleIssues.push({ path: ['roles'], code: 'too_small', message: '至少需要一个角色：reviewer、handler 或 supervisor' })
    roleProblems.push('没有指定角色')
  }
  const unknownRoles: string[] = []
  for (const [index, role] of input.roles.entries()) {
    if (STAFF_ROLES.includes(role)) continue
    // String(), not a template: JavaScript callers may pass anything, a symbol included.
    const shown = String(role)
    unknownRoles.push(shown)
    roleIssues.push({ path: ['roles', index], code: 'unknown_role', message: `未知角色 ${shown}，可用 reviewer、handler、supervisor` })
  }
  if (unknownRoles.length) roleProblems.push(`未知角色 ${unknownRoles.join('、')}`)
  // The label is the actor's name on every timeline event the token writes, so it is checked by
  // that rule (trimmed, 1 to 100 characters): a longer one would store events no reader accepts.
  // A missing label (JavaScript callers may leave it out) is refused like an empty one.
  const actor = validate(ActorSchema, { role: 'reviewer', name: input.label ?? '' })
  if (!actor.success) {
    roleIssues.push(...actor.issues.map((issue) => ({ ...issue, path: ['label', ...issue.path.slice(1)] })))
    roleProblems.push('名称应为 1 到 100 个字')
  }
  const record: StaffToken = {
    hash: await sha256Hex(token),
    label: actor.success ? actor.data.name! : String(input.label),
    roles: [...new Set(input.roles)],
    boardIds: [...input.boardIds],
    createdAt: createdAt,
  }
  await store.transaction(async (tx) => {
    // Checked in the transaction of the write, against the store rather than the cached tree.
    const issues = [...roleIssues]
    const problems = [...roleProblems]
    const unknownBoards: string[] = []
    for (const [index, id] of record.boardIds.entries()) {
      if (await tx.getBoard(id)) continue
      unknownBoards.push(id)
      issues.push({ path: ['boardIds', index], code: 'unknown_board', message: `找不到留言对象 ${id}` })
    }
    if (unknownBoards.length) problems.push(`找不到留言对象 ${unknownBoards.join('、')}`)
    if (issues.length) throw new ServiceError(422, 'validation_failed', `令牌未创建：${problems.join('；')}`, issues)
    await tx.putToken(record)
  })
  return { token, record }
}

/** Hex SHA-256 of a text's UTF-8: with `node:crypto` where the runtime has it, else Web Crypto (browsers, workers). */
export async function sha256Hex(text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text).digest('hex')
  return webCryptoSha256Hex(text)
}

/** {@link sha256Hex} through Web Crypto. @internal */
export async function webCryptoSha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * The staff member a bearer token belongs to, or undefined for an unknown token: the token's
 * boards, each expanded by `descendants` to its subtree.
 */
export async function findPrincipal(reader: StoreReader, token: string, descendants: (id: string) => Promise<string[]>): Promise<StaffPrincipal | undefined> {
  if (!token || token.length > 512) return undefined
  const hash = await sha256Hex(token)
  const record = await reader.findToken(hash)
  if (!record) return undefined
  const boardIds = new Set<string>()
  for (const id of record.boardIds) for (const d of await descendants(id)) boardIds.add(d)
  return { tokenHash: hash, label: record.label, roles: record.roles, boardIds, rootBoardIds: [...record.boardIds] }
}
