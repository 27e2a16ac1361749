/**
 * Hot spots over HTTP (源头治理), on every store: the heat table by domain × region × month, the
 * groups of similar messages of a subtree, a group's messages page by page, the duplicate link
 * (与…重复) on the timeline and the public thread, and two tokens of different scopes each seeing
 * only their own boards.
 */
import { describe, expect, it } from 'vitest'
import {
  ADMIN_TOKEN,
  CITY,
  conformanceTest,
  COUNTY,
  expectProblem,
  MINISTRY,
  PROVINCE,
  PRIVATE,
  STORES,
  tokenOf,
  UNIT,
  UNIT_HANDLER_TOKEN,
  useBoard,
  type Json,
  type TestBoard,
} from './harness.js'
import type { MessageStatus, NewMessageInput } from '@liuyan/core'

const DAY = 86_400_000

const LIGHTS = [
  { title: '朝阳路路灯不亮', content: '朝阳路与建设街交汇处的路灯已经一个星期不亮了，晚上出行很不安全。' },
  { title: '朝阳路路灯坏了', content: '朝阳路与建设街交汇处的路灯坏了一个星期，晚上出行很不安全，请尽快修。' },
  { title: '朝阳路的路灯不亮', content: '朝阳路建设街交汇处路灯一个多星期不亮了，晚上出行很不安全。' },
]
const LIFTS = [
  { title: '老旧小区加装电梯', content: '我们小区是九十年代的老旧小区，老人上下楼很困难，希望尽快加装电梯。' },
  { title: '老旧小区加装电梯难', content: '我们小区是九十年代的老旧小区，老人上下楼很困难，加装电梯一直没有进展。' },
]
const HOSPITAL = { title: '医院挂号太难', content: '市医院挂号太难了，凌晨排队也挂不上专家号，希望增加号源。' }

describe.each(STORES)('hot spots (%s store)', (kind) => {
  const board = useBoard(kind)
  const ids: Record<string, string> = {}
  let arranged = false

  /**
   * March: light 0 (city), lifts 0 (city) and 1 (county), light 1 (county), the hospital (unit),
   * light 2 (unit) a day apart each, a refused light (city); two lights of the ministry. April
   * (45 days on): another light in the city, outside the 30-day window of the others.
   */
  async function arrange(b: TestBoard) {
    if (arranged) return
    arranged = true
    const add = async (key: string, status: MessageStatus, overrides: Partial<NewMessageInput>) => {
      ids[key] = (await b.arrange(status, overrides)).id
      b.clock.advance(DAY)
    }
    await add('light0', 'accepted', { ...LIGHTS[0], boardId: CITY })
    await add('lift0', 'accepted', { ...LIFTS[0], boardId: CITY })
    await add('lift1', 'pending', { ...LIFTS[1], boardId: COUNTY })
    await add('light1', 'accepted', { ...LIGHTS[1], boardId: COUNTY, domain: 'transport' })
    await add('hospital', 'accepted', { ...HOSPITAL, boardId: UNIT, domain: 'health' })
    await add('light2', 'assigned', { ...LIGHTS[2], boardId: UNIT })
    await add('refused', 'rejected', { ...LIGHTS[0], boardId: CITY })
    await add('ministry0', 'accepted', { ...LIGHTS[0], boardId: MINISTRY })
    await add('ministry1', 'accepted', { ...LIGHTS[1], boardId: MINISTRY })
    b.clock.advance(45 * DAY)
    await add('late', 'accepted', { ...LIGHTS[0], boardId: CITY })
  }

  it('counts a subtree by domain × region × month, regions one level below the root, refused ones left out', async () => {
    const b = board()
    await arrange(b)
    const province = await b.get(`/boards/${PROVINCE}/hotspots/heat?from=2026-03&to=2026-04`, { token: tokenOf('supervisor') })
    expect(province.status, province.text).toBe(200)
    expect(province.body).toEqual({
      boardId: PROVINCE,
      from: '2026-03',
      to: '2026-04',
      months: ['2026-03', '2026-04'],
      rows: [
        { region: '220100', domain: 'urban', counts: [4, 1] },
        { region: '220100', domain: 'transport', counts: [1, 0] },
        { region: '220100', domain: 'health', counts: [1, 0] },
      ],
    })
    // Under the city, counties are told apart (the unit's messages count for its county).
    const city = await b.get(`/boards/${CITY}/hotspots/heat?from=2026-03&to=2026-03`, { token: tokenOf('reviewer') })
    expect(city.body.months).toEqual(['2026-03'])
    expect(city.body.rows).toEqual([
      { region: '220100', domain: 'urban', counts: [2] },
      { region: '220102', domain: 'urban', counts: [2] },
      { region: '220102', domain: 'transport', counts: [1] },
      { region: '220102', domain: 'health', counts: [1] },
    ])
    // By default: the twelve months up to the current one.
    const recent = await b.get(`/boards/${CITY}/hotspots/heat`, { token: tokenOf('handler') })
    expect(recent.body).toMatchObject({ from: '2025-05', to: '2026-04' })
    expect(recent.body.months).toEqual([
      '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04',
    ])
    expect(recent.body.rows.every((row: Json) => row.counts.length === 12)).toBe(true)
    expect(recent.body.rows.reduce((sum: number, row: Json) => row.counts.reduce((a: number, b: number) => a + b, sum), 0)).toBe(7)
    expectProblem(await b.get(`/boards/${CITY}/hotspots/heat?from=2026-05&to=2026-03`, { token: ADMIN_TOKEN }), 422, 'validation_failed')
    expectProblem(await b.get(`/boards/${CITY}/hotspots/heat?from=2026-13`, { token: ADMIN_TOKEN }), 422, 'validation_failed')
  })

  it('groups similar messages of a subtree, most recently active first, with their counts and places', async () => {
    const b = board()
    await arrange(b)
    const reply = await b.get(`/boards/${PROVINCE}/hotspots/groups?from=2026-03-01&to=2026-03-31`, { token: tokenOf('supervisor') })
    expect(reply.status, reply.text).toBe(200)
    expect(reply.body.boardId).toBe(PROVINCE)
    // The lights: the refused one counts as a member too (staff see what came in).
    const [lights, lifts, ...rest] = reply.body.items
    expect(rest).toEqual([])
    expect(lights).toMatchObject({
      id: ids.light0,
      count: 4,
      more: false,
      latest: { id: ids.refused, title: LIGHTS[0]!.title, domain: 'urban', status: 'rejected' },
      places: [{ region: '220100', count: 4 }],
    })
    expect(Date.parse(lights.firstAt)).toBeLessThan(Date.parse(lights.lastAt))
    expect(lifts).toMatchObject({ id: ids.lift0, count: 2, more: false, places: [{ region: '220100', count: 2 }] })
    // Under the city, the county's messages are told apart; the late light (April) is left out
    // of March, and in a range of April alone the group has one member, so it is not listed.
    const city = await b.get(`/boards/${CITY}/hotspots/groups?to=2026-03-31`, { token: ADMIN_TOKEN })
    expect(city.body.items[0].places).toEqual([{ region: '220100', count: 2 }, { region: '220102', count: 2 }])
    const april = await b.get(`/boards/${PROVINCE}/hotspots/groups?from=2026-04-01`, { token: ADMIN_TOKEN })
    expect(april.body.items).toEqual([])
    const limited = await b.get(`/boards/${PROVINCE}/hotspots/groups?to=2026-03-31&limit=1`, { token: ADMIN_TOKEN })
    expect(limited.body.items.map((g: Json) => g.id)).toEqual([ids.light0])
  })

  it('pages through a group given by any member, newest first; a message in no group is a group of one', async () => {
    const b = board()
    await arrange(b)
    const first = await b.get(`/boards/${PROVINCE}/hotspots/groups/${ids.light2}?to=2026-03-31&limit=3`, { token: ADMIN_TOKEN })
    expect(first.status, first.text).toBe(200)
    expect(first.body.items.map((m: Json) => m.id)).toEqual([ids.refused, ids.light2, ids.light1])
    // Staff answers: the private fields are there.
    expect(first.body.items[0].author.realName).toBe(PRIVATE.realName)
    const second = await b.get(`/boards/${PROVINCE}/hotspots/groups/${ids.light2}?to=2026-03-31&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: ADMIN_TOKEN })
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids.light0 })], nextCursor: null })
    const alone = await b.get(`/boards/${PROVINCE}/hotspots/groups/${ids.hospital}`, { token: ADMIN_TOKEN })
    expect(alone.body.items.map((m: Json) => m.id)).toEqual([ids.hospital])
    const late = await b.get(`/boards/${PROVINCE}/hotspots/groups/${ids.late}`, { token: ADMIN_TOKEN })
    expect(late.body.items.map((m: Json) => m.id)).toEqual([ids.late])
    expectProblem(await b.get(`/boards/${PROVINCE}/hotspots/groups/${ids.light0}?cursor=nonsense`, { token: ADMIN_TOKEN }), 422)
  })

  it('shows each token only its own boards: another scope answers 404 and its groups never mix', async () => {
    const b = board()
    await arrange(b)
    const ministry = tokenOf('supervisor', 'ministry')
    for (const path of [`/boards/${PROVINCE}/hotspots/heat`, `/boards/${PROVINCE}/hotspots/groups`, `/boards/${PROVINCE}/hotspots/groups/${ids.light0}`]) {
      expectProblem(await b.get(path, { token: ministry }), 404, 'not_found')
    }
    const groups = await b.get(`/boards/${MINISTRY}/hotspots/groups`, { token: ministry })
    // The ministry's lights are similar to the province's, yet only its own two count.
    expect(groups.body.items).toEqual([expect.objectContaining({ id: ids.ministry0, count: 2, places: [{ region: '100000', count: 2 }] })])
    const members = await b.get(`/boards/${MINISTRY}/hotspots/groups/${ids.ministry1}`, { token: ministry })
    expect(members.body.items.map((m: Json) => m.id)).toEqual([ids.ministry1, ids.ministry0])
    // A province message through the ministry's board: not found.
    expectProblem(await b.get(`/boards/${MINISTRY}/hotspots/groups/${ids.light0}`, { token: ministry }), 404, 'not_found')
    const heat = await b.get(`/boards/${MINISTRY}/hotspots/heat?from=2026-03&to=2026-04`, { token: ministry })
    expect(heat.body.rows).toEqual([{ region: '100000', domain: 'urban', counts: [2, 0] }])
    // The province's supervisor sees none of the ministry's.
    const province = await b.get(`/boards/${PROVINCE}/hotspots/groups/${ids.light0}?limit=100`, { token: tokenOf('supervisor') })
    expect(province.body.items.map((m: Json) => m.id)).not.toContain(ids.ministry0)
    expectProblem(await b.get(`/boards/${MINISTRY}/hotspots/heat`, { token: tokenOf('supervisor') }), 404, 'not_found')
    expectProblem(await b.get(`/boards/${PROVINCE}/hotspots/heat`), 401)
  })

  it('links a duplicate (与…重复): reviewer or supervisor, both in scope, on the timeline and the public thread', async () => {
    const b = board()
    await arrange(b)
    const link = { of: ids.light0, note: '同一路口路灯，已并案办理' }
    expectProblem(await b.post(`/messages/${ids.light1}/duplicate`, link, { token: tokenOf('handler') }), 403)
    expectProblem(await b.post(`/messages/${ids.light1}/duplicate`, link, { token: UNIT_HANDLER_TOKEN }), 403)
    expectProblem(await b.post(`/messages/${ids.light1}/duplicate`, link, { token: tokenOf('supervisor', 'ministry') }), 404, 'not_found')
    expectProblem(await b.post(`/messages/${ids.ministry1}/duplicate`, { of: ids.ministry0 }, { token: tokenOf('supervisor') }), 404, 'not_found')
    expectProblem(await b.post(`/messages/${ids.light1}/duplicate`, { of: ids.ministry0 }, { token: tokenOf('supervisor') }), 404, 'not_found')
    expectProblem(await b.post(`/messages/${ids.light1}/duplicate`, { of: ids.light1 }, { token: tokenOf('reviewer') }), 422, 'same_message')
    expectProblem(await b.post(`/messages/${ids.light1}/duplicate`, { of: '' }, { token: tokenOf('reviewer') }), 422, 'validation_failed')

    const reply = await b.post(`/messages/${ids.light1}/duplicate`, link, { token: tokenOf('reviewer'), headers: { 'Idempotency-Key': 'dup-1' } })
    expect(reply.status, reply.text).toBe(200)
    expect(reply.headers.get('Cache-Control')).toBe('no-store')
    expect(reply.body.duplicateOf).toBe(ids.light0)
    expect(reply.body.status).toBe('accepted')
    expect(reply.body.timeline.at(-1)).toMatchObject({ type: 'duplicate', duplicateOf: ids.light0, note: link.note, actor: { role: 'reviewer', name: 'reviewer@province' } })
    // Replayed, not applied twice; sent again without the key, refused.
    const replay = await b.post(`/messages/${ids.light1}/duplicate`, link, { token: tokenOf('reviewer'), headers: { 'Idempotency-Key': 'dup-1' } })
    expect(replay.body.timeline).toHaveLength(reply.body.timeline.length)
    expectProblem(await b.post(`/messages/${ids.light1}/duplicate`, link, { token: tokenOf('supervisor') }), 409, 'already_linked')

    const staff = await b.get(`/inbox/${ids.light1}`, { token: ADMIN_TOKEN })
    expect(staff.body.duplicateOf).toBe(ids.light0)
    const thread = await b.get(`/messages/${ids.light1}`)
    expect(thread.status).toBe(200)
    expect(thread.body.duplicateOf).toBe(ids.light0)
    expect(thread.body.timeline.at(-1)).toEqual({ id: expect.any(String), type: 'duplicate', at: expect.any(String), actor: { role: 'reviewer' }, from: 'accepted', to: 'accepted' })
    expect(thread.text).not.toContain('并案')
    expect(thread.text).not.toContain('reviewer@province')
    expect(thread.text).not.toContain(PRIVATE.realName)

    // A supervisor points it at the group's other member instead.
    const again = await b.post(`/messages/${ids.light1}/duplicate`, { of: ids.light2 }, { token: tokenOf('supervisor') })
    expect(again.status, again.text).toBe(200)
    expect(again.body.duplicateOf).toBe(ids.light2)
  })

  conformanceTest()
})
