import { createWorkCalendar, NewMessageSchema, type Board, type DeadlineOptions, type HolidayCalendar } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { isServiceError, type ServiceError } from './errors.js'
import { createBoardService, type BoardService, type BoardServiceOptions } from './service.js'
import { createMemoryStore } from './store/memory.js'

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
