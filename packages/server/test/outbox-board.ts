// A board service over a fresh store of each kind, for the outbox and webhook tests: the harness's
// board tree, an admin principal with every role, and a pinned clock.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createBoardService, type BoardService, type StaffPrincipal } from '../src/service.js'
import { createMemoryStore } from '../src/store/memory.js'
import { createPostgresStore } from '../src/store/postgres.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/types.js'
import { BOARDS, createClock, MINISTRY, PROVINCE, type Clock, type StoreKind } from './harness.js'
import { freshDatabase } from './postgres-database.js'

export interface OutboxBoard {
  store: Store
  service: BoardService
  admin: StaffPrincipal
  clock: Clock
}

const open: Store[] = []

/** Closes the stores of the test that ran. Call once per test file. */
export function closeStoresAfterEach(): void {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()))
  })
}

/** How to open another instance on a store's database (none for the memory store). */
const twins = new WeakMap<Store, () => Promise<Store>>()

export async function storeOf(kind: StoreKind): Promise<Store> {
  let store: Store
  if (kind === 'memory') {
    store = createMemoryStore()
  } else if (kind === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'liuyan-outbox-')), 'board.db')
    store = createSqliteStore(file)
    twins.set(store, async () => createSqliteStore(file))
  } else {
    const url = await freshDatabase()
    store = await createPostgresStore(url)
    twins.set(store, () => createPostgresStore(url))
  }
  open.push(store)
  return store
}

/** A second instance on the database of `store`, as a second server would open it; closed after the test. */
export async function secondInstance(store: Store): Promise<Store | undefined> {
  const twin = await twins.get(store)?.()
  if (twin) open.push(twin)
  return twin
}

export async function outboxBoard(kind: StoreKind): Promise<OutboxBoard> {
  const store = await storeOf(kind)
  const clock = createClock()
  const service = createBoardService({ store, now: clock.now })
  await service.putBoards(BOARDS)
  const token = 'lyt_outbox_admin_token_0123456789'
  await service.createToken({ label: 'admin', roles: ['reviewer', 'handler', 'supervisor'], boardIds: [PROVINCE, MINISTRY], token })
  return { store, service, admin: (await service.authenticate(token))!, clock }
}

/** Waits until `condition` holds, looking every 10 ms (the test's own timeout bounds it). */
export async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10))
}
