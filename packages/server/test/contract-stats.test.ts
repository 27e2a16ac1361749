/**
 * Statistics over HTTP, on every store: `GET /boards/{id}/stats` with a range of China-time days
 * (checked, localized), and the supervision table `GET /boards/{id}/stats/units` (督查): one row per
 * unit, scoped to the token's boards, the same figures as the board figures and the statistics
 * export (one computation), and the monthly trend.
 */
import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv.js'
import {
  ADMIN_TOKEN,
  CITY,
  conformanceTest,
  COUNTY,
  expectProblem,
  MAYOR,
  MINISTRY,
  PROVINCE,
  STORES,
  tokenOf,
  UNIT,
  UNIT_HANDLER_TOKEN,
  useBoard,
  type TestBoard,
} from './harness.js'

const DAY = 86_400_000

describe.each(STORES)('statistics (%s store)', (kind) => {
  const board = useBoard(kind)
  let arranged = false

  /**
   * From Monday 2 March 2026: a reply to the unit on the 2nd (accepted and replied the same day),
   * one accepted on the 3rd, one supervised, a rating of 5, and one pending on the 4th.
   */
  async function arrange(b: TestBoard) {
    if (arranged) return
    arranged = true
    const replied = await b.arrange('replied')
    b.clock.advance(DAY)
    const accepted = await b.arrange('accepted', { type: 'consult', boardId: COUNTY })
    expect((await b.act(accepted.id, 'supervise', tokenOf('supervisor'))).status).toBe(200)
    b.clock.advance(DAY)
    await b.arrange('pending')
    const rated = await b.post(`/tracking/${replied.trackingCode}/evaluation`, { overall: 5, resolution: 5, attitude: 4, speed: 4 })
    expect(rated.status, rated.text).toBe(201)
  }

  it('counts the days asked for, both ends inclusive, and refuses a range that ends before it starts', async () => {
    const b = board()
    await arrange(b)
    const stats = async (query: string) => (await b.get(`/boards/${CITY}/stats${query}`)).body
    expect(await stats('')).toMatchObject({ received: 2, replied: 1, medianReplyWorkingDays: 0, byType: { complain: 1, consult: 1 } })
    expect(await stats('?from=2026-03-02&to=2026-03-02')).toMatchObject({ received: 1, replied: 1, byType: { complain: 1 } })
    expect(await stats('?from=2026-03-03')).toMatchObject({ received: 1, replied: 0, medianReplyWorkingDays: null })
    expect(await stats('?to=2026-03-01')).toMatchObject({ received: 0 })
    const reversed = await b.get(`/boards/${CITY}/stats?from=2026-03-03&to=2026-03-02`, { lang: 'en' })
    expectProblem(reversed, 422)
    expect(reversed.body.issues).toEqual([{ path: ['to'], code: 'invalid_range', message: 'The end date must not be before the start date.' }])
    const zh = await b.get(`/boards/${CITY}/stats/units?from=2026-03-03&to=2026-03-02`, { token: ADMIN_TOKEN })
    expect(zh.body.issues).toEqual([{ path: ['to'], code: 'invalid_range', message: '结束日期不能早于开始日期' }])
    expectProblem(await b.get(`/boards/${CITY}/stats?from=2026-02-30`), 422)
  })

  it('answers the supervision table: the board, its units, the same figures as each unit’s stats, and the trend', async () => {
    const b = board()
    await arrange(b)
    const reply = await b.get(`/boards/${CITY}/stats/units`, { token: tokenOf('supervisor') })
    expect(reply.status, reply.text).toBe(200)
    expect(reply.headers.get('Cache-Control')).toBe('no-store')
    const table = reply.body
    expect(table).toMatchObject({ boardId: CITY, from: null, to: null, now: b.clock.now().toISOString() })
    // The city, then the boards directly below it in id order.
    expect(table.units.map((u: { boardId: string; depth: number }) => [u.boardId, u.depth])).toEqual([[CITY, 0], [MAYOR, 1], [COUNTY, 1]])
    expect(table.units[0]).toEqual({
      boardId: CITY,
      name: '长春市人民政府',
      parentId: PROVINCE,
      depth: 0,
      received: 2,
      acceptedOnTime: 2,
      replied: 1,
      replyRate: 0.5,
      medianReplyWorkingDays: 0,
      overdue: 0,
      supervised: 1,
      satisfaction: { count: 1, average: 5, satisfied: 1, satisfiedShare: 1 },
    })
    // The assigned unit counts its message; the county counts both (one is its own, one its unit's).
    expect(table.units[2]).toMatchObject({ boardId: COUNTY, received: 2, replied: 1, supervised: 1 })
    expect(table.units[1]).toMatchObject({ boardId: MAYOR, received: 0, replyRate: 0, medianReplyWorkingDays: null, satisfaction: { average: null, satisfiedShare: null } })
    for (const unit of table.units) {
      const stats = (await b.get(`/boards/${unit.boardId}/stats`)).body
      expect([unit.received, unit.replied, unit.replyRate, unit.medianReplyWorkingDays, unit.overdue, unit.satisfaction.count, unit.satisfaction.average]).toEqual([
        stats.received, stats.replied, stats.replyRate, stats.medianReplyWorkingDays, stats.overdue, stats.satisfaction.count, stats.satisfaction.average,
      ])
    }
    expect(table.trend).toEqual([{ month: '2026-03', received: 2, replied: 1 }])

    const subtree = (await b.get(`/boards/${CITY}/stats/units?units=subtree&from=2026-03-03`, { token: ADMIN_TOKEN })).body
    expect(subtree).toMatchObject({ from: '2026-03-03', to: null })
    expect(subtree.units.map((u: { boardId: string }) => u.boardId)).toEqual([CITY, MAYOR, COUNTY, '220102-jtj', '220102-old', UNIT])
    expect(subtree.units.find((u: { boardId: string }) => u.boardId === UNIT)).toMatchObject({ received: 0 })
    expect(subtree.units[0]).toMatchObject({ received: 1, replied: 0, supervised: 1 })
  })

  it('keeps to the token’s boards and takes a staff token', async () => {
    const b = board()
    await arrange(b)
    expectProblem(await b.get(`/boards/${CITY}/stats/units`), 401)
    expectProblem(await b.get(`/boards/${CITY}/stats/units`, { token: tokenOf('supervisor', 'ministry') }), 404, 'not_found')
    expectProblem(await b.get(`/boards/${COUNTY}/stats/units`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
    expectProblem(await b.get('/boards/no-such-board/stats/units', { token: ADMIN_TOKEN }), 404, 'not_found')
    const own = await b.get(`/boards/${UNIT}/stats/units`, { token: UNIT_HANDLER_TOKEN })
    expect(own.status, own.text).toBe(200)
    expect(own.body.units).toEqual([expect.objectContaining({ boardId: UNIT, received: 1, replied: 1 })])
    const ministry = await b.get(`/boards/${MINISTRY}/stats/units`, { token: tokenOf('reviewer', 'ministry') })
    expect(ministry.body).toMatchObject({ units: [{ boardId: MINISTRY, received: 0 }], trend: [] })
  })

  it('exports the same figures per unit as the table', async () => {
    const b = board()
    await arrange(b)
    const table = (await b.get(`/boards/${CITY}/stats/units?units=subtree`, { token: ADMIN_TOKEN })).body
    const csv = await b.get(`/boards/${CITY}/export/stats?locale=en`, { token: ADMIN_TOKEN })
    expect(csv.status, csv.text).toBe(200)
    const [head, ...rows] = parseCsv(csv.text)
    expect(head).toEqual(['Board ID', 'Board', 'Received', 'Accepted on time', 'Replied', 'Reply rate', 'Median working days to reply', 'Overdue now', 'Supervised', 'Ratings', 'Average rating', 'Share rated 4 or 5'])
    expect(rows.map((r) => [r[0], Number(r[2]), Number(r[3]), Number(r[4]), Number(r[7]), Number(r[8])])).toEqual(
      table.units.map((u: { boardId: string; received: number; acceptedOnTime: number; replied: number; overdue: number; supervised: number }) => [u.boardId, u.received, u.acceptedOnTime, u.replied, u.overdue, u.supervised]),
    )
  })

  it('counts overdue messages at the instant asked for, from their deadline', async () => {
    const b = board()
    await arrange(b)
    // The complaint accepted on 3 March is due at the end of 24 March (15 working days); the consult
    // one at the end of 10 March (5 working days).
    b.clock.advance(Date.parse('2026-03-10T23:59:59.999+08:00') - b.clock.now().getTime())
    expect((await b.get(`/boards/${CITY}/stats`)).body.overdue).toBe(0)
    b.clock.advance(1)
    expect((await b.get(`/boards/${CITY}/stats`)).body.overdue).toBe(1)
    expect((await b.get(`/boards/${CITY}/stats/units`, { token: ADMIN_TOKEN })).body.units.map((u: { overdue: number }) => u.overdue)).toEqual([1, 0, 1])
    b.clock.advance(DAY)
    expect((await b.get(`/boards/${CITY}/stats?from=2026-03-03`)).body.overdue).toBe(1)
    expect((await b.get(`/boards/${CITY}/stats?to=2026-03-02`)).body.overdue).toBe(0)
  })

  conformanceTest()
})
