import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createWorkCalendar, MessageSchema, NewMessageSchema, type Board, type DeadlineOptions, type HolidayCalendar, type StaffRole } from '@liuyan/core'
import { afterEach, describe, expect, it } from 'vitest'
import { isServiceError, type ServiceError } from './errors.js'
import { createBoardService, sha256Hex, TrackingKeyMismatchError, type BoardService, type BoardServiceOptions } from './service.js'
import { TrackingKeyError } from './tracking-key.js'
import { createMemoryStore } from './store/memory.js'
import { createSqliteStore } from './store/sqlite.js'
import type { Store } from './store/types.js'

const BOARD: Board = {
  id: '220104-cgj', name: '朝阳区城市管理局', kind: 'agency', level: 'unit', parentId: null, region: '220104', acceptsMessages: true,
}

/**
 * TEST DATA, not a State Council notice: a made-up 2031 whose last two days of December are off, so
 * a deadline counted with it differs from one counted on weekends only.
 */
const MADE_UP_2031: HolidayCalendar = { year: 2031, holidays: ['2031-12-30/2031-12-31'], workdays: [] }

async function newService(options: Omit<BoardServiceOptions, 'store'> = {}): Promise<{ service: BoardService; clock: { at: Date } }> {
  const clock = { at: new Date('2026-03-02T09:00:00+08:00') }
  const service = createBoardService({ store: createMemoryStore(), now: () => clock.at, ...options })
  await service.putBoards([BOARD])
  return { service, clock }
}

/** Submits an enquiry (5 working days) and accepts it at `iso` as a reviewer. */
async function acceptAt(service: BoardService, clock: { at: Date }, iso: string) {
  clock.at = new Date(iso)
  const { id } = await service.submit(
    NewMessageSchema.parse({
      boardId: BOARD.id, type: 'consult', domain: 'urban', title: '路灯什么时候修', content: '小区门口的路灯坏了，请问什么时候能修好？',
      author: { nickname: '市民' }, publish: true,
    }),
  )
  const { token } = await service.createToken({ label: 'reviewer', roles: ['reviewer'], boardIds: [BOARD.id] })
  const staff = (await service.authenticate(token))!
  return service.act(staff, id, { action: 'accept' })
}

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(isServiceError(error), String(error)).toBe(true)
  return error as ServiceError
}

describe('deadlines across a year without a calendar', () => {
  it.each<[string, DeadlineOptions | undefined, string, string]>([
    // Mon 2026-12-28: Dec 29, 30, 31, then 2027 on weekends only: Fri Jan 1, Mon Jan 4.
    ['no calendar option', undefined, '2026-12-28T10:00:00+08:00', '2027-01-04T23:59:59.999+08:00'],
    ['only a calendar set', { calendar: createWorkCalendar() }, '2026-12-28T10:00:00+08:00', '2027-01-04T23:59:59.999+08:00'],
    ['only outsideCalendar', { outsideCalendar: 'weekends' }, '2026-12-28T10:00:00+08:00', '2027-01-04T23:59:59.999+08:00'],
    // Mon 2031-12-29 with the made-up 2031: Dec 30–31 off, then 2032 on weekends only: Jan 1, 2, 5, 6, 7.
    ['a calendar set of its own', { calendar: createWorkCalendar([MADE_UP_2031]) }, '2031-12-29T10:00:00+08:00', '2032-01-07T23:59:59.999+08:00'],
  ])('counts weekends only past the known years with %s', async (_, calendar, acceptedAt, due) => {
    const { service, clock } = await newService(calendar ? { calendar } : {})
    const message = await acceptAt(service, clock, acceptedAt)
    expect(message.status).toBe('accepted')
    expect(message.dueAt).toBe(due)
  })

  it("refuses such a deadline when outsideCalendar is 'throw', and keeps the message as it was", async () => {
    const { service, clock } = await newService({ calendar: { calendar: createWorkCalendar(), outsideCalendar: 'throw' } })
    const error = await rejection(acceptAt(service, clock, '2026-12-28T10:00:00+08:00'))
    expect(error).toMatchObject({ status: 500, code: 'deadline_unavailable' })
    const [stored] = (await service.store.read.listMessages({ limit: 10 })).items
    expect(stored?.status).toBe('pending')
  })
})

describe.each<[string, () => Store]>([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'liuyan-service-')), 'board.db'))],
])('staff tokens on a %s store', (_, create) => {
  const stores: Store[] = []
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()))
  })
  const CHILD: Board = { ...BOARD, id: '220104-cgj-hw', name: '环卫处', parentId: BOARD.id }

  async function newTokenService(): Promise<BoardService> {
    const store = create()
    stores.push(store)
    const service = createBoardService({ store })
    await service.putBoards([BOARD, CHILD])
    return service
  }

  it('refuses board ids that are not boards of the store, naming each, and stores no token', async () => {
    const service = await newTokenService()
    const token = 'secret-token-must-not-leak-7c1d'
    const error = await rejection(
      service.createToken({ label: '办理', roles: ['handler'], boardIds: [BOARD.id, '220104-cgjj', 'nope'], token }),
    )
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
    expect(error.issues).toEqual([
      { path: ['boardIds', 1], code: 'unknown_board', message: expect.stringContaining('220104-cgjj') },
      { path: ['boardIds', 2], code: 'unknown_board', message: expect.stringContaining('nope') },
    ])
    expect(error.detail).toContain('220104-cgjj')
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(token)
    expect(await service.store.read.findToken(await sha256Hex(token))).toBeUndefined()
    expect(await service.authenticate(token)).toBeUndefined()
  })

  it('refuses roles that are not staff roles, naming each with the unknown boards, and stores no token', async () => {
    const service = await newTokenService()
    const token = 'secret-token-must-not-leak-4b2e'
    // Cast: JavaScript callers and command lines hand in whatever was typed.
    const roles = ['handler', 'admin', 'Reviewer'] as unknown as StaffRole[]
    const error = await rejection(service.createToken({ label: '办理', roles, boardIds: [BOARD.id, 'nope'], token }))
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
    expect(error.issues).toEqual([
      { path: ['roles', 1], code: 'unknown_role', message: expect.stringContaining('admin') },
      { path: ['roles', 2], code: 'unknown_role', message: expect.stringContaining('Reviewer') },
      { path: ['boardIds', 1], code: 'unknown_board', message: expect.stringContaining('nope') },
    ])
    expect(error.detail).toMatch(/admin[\s\S]*Reviewer[\s\S]*nope/)
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(token)
    expect(await service.store.read.findToken(await sha256Hex(token))).toBeUndefined()
    expect(await service.authenticate(token)).toBeUndefined()
  })

  it('refuses an empty role list and stores no token', async () => {
    const service = await newTokenService()
    const token = 'secret-token-without-roles-91ac'
    const error = await rejection(service.createToken({ label: '办理', roles: [], boardIds: [BOARD.id], token }))
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
    expect(error.issues).toEqual([{ path: ['roles'], code: 'too_small', message: expect.any(String) }])
    expect(await service.authenticate(token)).toBeUndefined()
  })

  it('checks the label by the rule of a timeline actor’s name, which it becomes, and stores it trimmed', async () => {
    const service = await newTokenService()
    // undefined and null: JavaScript callers may leave the label out.
    for (const label of ['', '   ', '办'.repeat(101), undefined as unknown as string, null as unknown as string]) {
      const token = `secret-token-label-${String(label?.length)}-e4f0`
      const error = await rejection(service.createToken({ label, roles: ['handler'], boardIds: [BOARD.id], token }))
      expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
      expect(error.issues, JSON.stringify(label)).toEqual([{ path: ['label'], code: expect.stringMatching(/^(required|too_big)$/), message: expect.any(String) }])
      expect(await service.authenticate(token)).toBeUndefined()
    }
    const { token, record } = await service.createToken({ label: ` ${'办'.repeat(100)}\n`, roles: ['reviewer'], boardIds: [BOARD.id] })
    expect(record.label).toBe('办'.repeat(100))
    // An action by the token writes a timeline event that the message schema accepts.
    const { id } = await service.submit(
      NewMessageSchema.parse({
        boardId: BOARD.id, type: 'consult', domain: 'urban', title: '路灯什么时候修', content: '小区门口的路灯坏了，请问什么时候能修好？',
        author: { nickname: '市民' }, publish: true,
      }),
    )
    const staff = (await service.authenticate(token))!
    expect(await service.act(staff, id, { action: 'accept' })).toMatchObject({ status: 'accepted' })
    expect(MessageSchema.safeParse(await service.getForStaff(staff, id)).success).toBe(true)
  })

  it('creates a token for boards of the store, seen in the store at once, below the cached tree', async () => {
    const service = await newTokenService()
    expect((await service.listBoards()).map((b) => b.id)).not.toContain('220104-new')
    // Written past the service, as another process would: the check reads the store, not the cache.
    await service.store.transaction(async (tx) => tx.putBoard({ ...BOARD, id: '220104-new' }))
    const { token, record } = await service.createToken({ label: '办理', roles: ['handler'], boardIds: [BOARD.id, '220104-new'] })
    expect(record.boardIds).toEqual([BOARD.id, '220104-new'])
    expect((await service.authenticate(token))?.boardIds.has(CHILD.id)).toBe(true)
  })

  it('keeps accepting a token that covers no board', async () => {
    const service = await newTokenService()
    const { token } = await service.createToken({ label: '尚未分配', roles: ['reviewer'], boardIds: [] })
    expect((await service.authenticate(token))?.boardIds.size).toBe(0)
  })

  it('lists the tokens oldest first by their hashes, with label, roles and boards, never the tokens', async () => {
    const clock = { at: new Date('2026-03-02T09:00:00+08:00') }
    const store = create()
    stores.push(store)
    const service = createBoardService({ store, now: () => clock.at })
    await service.putBoards([BOARD, CHILD])
    const first = await service.createToken({ label: '环卫处 办理', roles: ['handler'], boardIds: [CHILD.id] })
    clock.at = new Date('2026-03-02T10:00:00+08:00')
    const second = await service.createToken({ label: '城管局 审核', roles: ['reviewer', 'supervisor'], boardIds: [BOARD.id] })

    const listed = await service.listTokens()
    expect(listed).toEqual([
      { hash: await sha256Hex(first.token), label: '环卫处 办理', roles: ['handler'], boardIds: [CHILD.id], createdAt: '2026-03-02T01:00:00.000Z' },
      { hash: await sha256Hex(second.token), label: '城管局 审核', roles: ['reviewer', 'supervisor'], boardIds: [BOARD.id], createdAt: '2026-03-02T02:00:00.000Z' },
    ])
    const text = JSON.stringify(listed)
    expect(text).not.toContain(first.token)
    expect(text).not.toContain(second.token)

    await service.revokeToken({ token: first.token })
    expect((await service.listTokens()).map((t) => t.label)).toEqual(['城管局 审核'])
  })

  it('revokes a token by the token or by its hash, at once, and says whether there was one', async () => {
    const service = await newTokenService()
    const first = await service.createToken({ label: 'a', roles: ['handler'], boardIds: [BOARD.id] })
    const second = await service.createToken({ label: 'b', roles: ['reviewer'], boardIds: [BOARD.id] })
    expect(await service.authenticate(first.token)).toBeDefined()

    expect(await service.revokeToken({ token: first.token })).toBe(true)
    expect(await service.authenticate(first.token)).toBeUndefined()
    expect(await service.authenticate(second.token)).toBeDefined()
    expect(await service.revokeToken({ token: first.token })).toBe(false)

    // The hash as an operator copies it from sha256sum or the database, in either case.
    expect(await service.revokeToken({ hash: second.record.hash.toUpperCase() })).toBe(true)
    expect(await service.authenticate(second.token)).toBeUndefined()
    expect(await service.store.read.findToken(second.record.hash)).toBeUndefined()
  })
})

describe('a token revoked by another process', () => {
  it('no longer authenticates at the next request of a server on the same SQLite file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'liuyan-service-')), 'board.db')
    const serverStore = createSqliteStore(file)
    const scriptStore = createSqliteStore(file)
    try {
      const server = createBoardService({ store: serverStore })
      await server.putBoards([BOARD])
      const { token, record } = await server.createToken({ label: '办理', roles: ['handler'], boardIds: [BOARD.id] })
      expect(await server.authenticate(token)).toBeDefined()
      // An operator's script, with only the hash found in the database.
      expect(await createBoardService({ store: scriptStore }).revokeToken({ hash: `${record.hash}\n` })).toBe(true)
      expect(await server.authenticate(token)).toBeUndefined()
    } finally {
      await scriptStore.close()
      await serverStore.close()
    }
  })
})

describe('the tracking key', () => {
  const KEY = 'the-first-tracking-key-0123456789abcdef'
  const submitOne = (service: BoardService) =>
    service.submit(
      NewMessageSchema.parse({
        boardId: BOARD.id, type: 'consult', domain: 'urban', title: '路灯什么时候修', content: '小区门口的路灯坏了，请问什么时候能修好？',
        author: { nickname: '市民' }, publish: true,
      }),
    )

  it('finds a code under the same key after a restart, and refuses another key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'liuyan-key-')), 'board.db')
    const store = createSqliteStore(file)
    const first = createBoardService({ store, trackingKey: KEY })
    await first.putBoards([BOARD])
    const { trackingCode } = await submitOne(first)
    await store.close()

    const again = createSqliteStore(file)
    try {
      const other = createBoardService({ store: again, trackingKey: 'a-different-tracking-key-0123456789abcdef' })
      await expect(other.ready()).rejects.toThrow(TrackingKeyMismatchError)
      await expect(other.track(trackingCode)).rejects.toThrow(TrackingKeyMismatchError)
      const same = createBoardService({ store: again, trackingKey: KEY })
      expect((await same.track(trackingCode)).trackingCode).toBe(trackingCode)
    } finally {
      await again.close()
    }
  })

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => createBoardService({ store: createMemoryStore(), trackingKey: 'short' })).toThrow(TrackingKeyError)
  })
})
