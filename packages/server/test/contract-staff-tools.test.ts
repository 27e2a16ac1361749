/**
 * The staff's tools over HTTP, on every store: reply templates (标准模板化) per board with the
 * templates of the boards above, managed by supervisors within their boards; bulk accept and assign
 * with a result per message, replayed by Idempotency-Key; the inbox's counts per status and the
 * `dueWithin` filter, each checked against figures computed here from the messages themselves.
 */
import { OPEN_STATUSES, STATUSES, type Message } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import {
  ADMIN_TOKEN,
  CITY,
  CLOSED_BOARD,
  conformanceTest,
  COUNTY,
  expectProblem,
  listAll,
  MINISTRY,
  PROVINCE,
  STORES,
  tokenOf,
  UNIT,
  UNIT_HANDLER_TOKEN,
  useBoard,
} from './harness.js'

const DAY = 86_400_000
const SUPERVISOR = tokenOf('supervisor')
const REVIEWER = tokenOf('reviewer')

describe.each(STORES)('staff tools (%s store)', (kind) => {
  describe('reply templates', () => {
    const board = useBoard(kind)

    it('a supervisor writes templates of a board; a board lists its own and its ancestors’, nearest first', async () => {
      const b = board()
      const made = []
      for (const [at, name] of [[PROVINCE, '省通用'], [CITY, '市已办结'], [UNIT, '局已办理'], [CITY, '市转办'], [MINISTRY, '部通用']] as const) {
        const reply = await b.post(`/boards/${at}/reply-templates`, { name, text: `您好，您反映的“{title}”已由{unit}办理。` }, { token: ADMIN_TOKEN })
        expect(reply.status, reply.text).toBe(201)
        expect(reply.body).toMatchObject({ boardId: at, name, updatedBy: 'admin', createdAt: new Date(b.clock.ms).toISOString() })
        made.push(reply.body)
        b.clock.advance(1000)
      }
      const unit = await b.get(`/boards/${UNIT}/reply-templates`, { token: UNIT_HANDLER_TOKEN })
      expect(unit.status, unit.text).toBe(200)
      expect(unit.body.items.map((t: { name: string }) => t.name)).toEqual(['局已办理', '市已办结', '市转办', '省通用'])
      expect(unit.body.nextCursor).toBeNull()
      const county = await b.get(`/boards/${COUNTY}/reply-templates`, { token: REVIEWER })
      expect(county.body.items.map((t: { name: string }) => t.name)).toEqual(['市已办结', '市转办', '省通用'])
      const ministry = await b.get(`/boards/${MINISTRY}/reply-templates`, { token: tokenOf('handler', 'ministry') })
      expect(ministry.body.items.map((t: { name: string }) => t.name)).toEqual(['部通用'])
    })

    it('a board or template outside the token’s boards is 404; another role than supervisor is 403', async () => {
      const b = board()
      const created = await b.post(`/boards/${CITY}/reply-templates`, { name: '范围', text: '您好。' }, { token: SUPERVISOR })
      expect(created.status, created.text).toBe(201)
      const outside = tokenOf('supervisor', 'ministry')
      expectProblem(await b.get(`/boards/${CITY}/reply-templates`, { token: outside }), 404, 'not_found')
      expectProblem(await b.get(`/boards/${CITY}/reply-templates`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
      expectProblem(await b.post(`/boards/${CITY}/reply-templates`, { name: '越权', text: '您好。' }, { token: outside }), 404, 'not_found')
      expectProblem(await b.call('PUT', `/reply-templates/${created.body.id}`, { json: { name: '越权', text: '您好。' }, token: outside }), 404, 'not_found')
      expectProblem(await b.call('DELETE', `/reply-templates/${created.body.id}`, { token: outside }), 404, 'not_found')
      expectProblem(await b.get('/boards/nowhere/reply-templates', { token: ADMIN_TOKEN }), 404, 'not_found')
      for (const role of ['reviewer', 'handler'] as const) {
        expectProblem(await b.post(`/boards/${CITY}/reply-templates`, { name: '越权', text: '您好。' }, { token: tokenOf(role) }), 403, 'forbidden_role')
        expectProblem(await b.call('PUT', `/reply-templates/${created.body.id}`, { json: { name: '越权', text: '您好。' }, token: tokenOf(role) }), 403, 'forbidden_role')
        expectProblem(await b.call('DELETE', `/reply-templates/${created.body.id}`, { token: tokenOf(role) }), 403, 'forbidden_role')
      }
      expectProblem(await b.get(`/boards/${CITY}/reply-templates`, { token: 'not-a-token' }), 401, 'unauthorized')
      const still = await b.get(`/boards/${CITY}/reply-templates`, { token: SUPERVISOR })
      expect(still.body.items.find((t: { id: string }) => t.id === created.body.id)).toMatchObject({ name: '范围', text: '您好。' })
    })

    it('refuses an unknown placeholder and a bad body with localized issues', async () => {
      const b = board()
      const reply = await b.post(`/boards/${CITY}/reply-templates`, { name: '有误', text: '{realName}您好' }, { token: SUPERVISOR, lang: 'en' })
      expectProblem(reply, 422, 'validation_failed')
      expect(reply.body.issues).toEqual([{ path: ['text'], code: 'unknown_placeholder', message: 'The template text has a placeholder that is not supported.' }])
      const empty = await b.post(`/boards/${CITY}/reply-templates`, { name: '', text: '您好' }, { token: SUPERVISOR })
      expectProblem(empty, 422, 'validation_failed')
      expect(empty.body.issues[0]).toMatchObject({ path: ['name'], code: 'required' })
      expect(empty.body.issues[0].message).toContain('模板名称')
    })

    it('replaces and removes a template; a create is replayed by its Idempotency-Key', async () => {
      const b = board()
      const headers = { 'Idempotency-Key': `tpl-${kind}` }
      const first = await b.post(`/boards/${COUNTY}/reply-templates`, { name: '初稿', text: '您好，{nickname}。' }, { token: SUPERVISOR, headers })
      const again = await b.post(`/boards/${COUNTY}/reply-templates`, { name: '初稿', text: '您好，{nickname}。' }, { token: SUPERVISOR, headers })
      expect(again.status).toBe(201)
      expect(again.body).toEqual(first.body)
      expectProblem(await b.post(`/boards/${COUNTY}/reply-templates`, { name: '别的', text: '您好。' }, { token: SUPERVISOR, headers }), 422, 'idempotency_key_reused')
      const own = async () => (await b.get(`/boards/${COUNTY}/reply-templates`, { token: SUPERVISOR })).body.items.filter((t: { boardId: string }) => t.boardId === COUNTY)
      expect((await own()).map((t: { id: string }) => t.id)).toEqual([first.body.id])
      b.clock.advance(DAY)
      const put = await b.call('PUT', `/reply-templates/${first.body.id}`, { json: { name: '定稿', text: '您好，{nickname}：{date}已办结。' }, token: ADMIN_TOKEN })
      expect(put.status, put.text).toBe(200)
      expect(put.body).toEqual({ ...first.body, name: '定稿', text: '您好，{nickname}：{date}已办结。', updatedAt: new Date(b.clock.ms).toISOString(), updatedBy: 'admin' })
      expect(await own()).toEqual([put.body])
      const removed = await b.call('DELETE', `/reply-templates/${first.body.id}`, { token: SUPERVISOR })
      expect(removed.status, removed.text).toBe(200)
      expect(removed.body).toEqual(put.body)
      expect(await own()).toEqual([])
      expectProblem(await b.call('DELETE', `/reply-templates/${first.body.id}`, { token: SUPERVISOR }), 404, 'not_found')
      expectProblem(await b.call('PUT', `/reply-templates/${first.body.id}`, { json: { name: 'x', text: 'y' }, token: SUPERVISOR }), 404, 'not_found')
    })
  })

  describe('bulk actions', () => {
    const board = useBoard(kind)

    it('accepts several messages, one result each in the order sent, and replays the answer by Idempotency-Key', async () => {
      const b = board()
      const a = await b.arrange('pending')
      const c = await b.arrange('pending')
      const done = await b.arrange('accepted')
      const ministry = await b.arrange('pending', { boardId: MINISTRY })
      const ids = [a.id, ministry.id, done.id, 'no-such-message', c.id]
      const headers = { 'Idempotency-Key': `bulk-${kind}` }
      const reply = await b.post('/inbox/bulk-actions', { ids, action: { action: 'accept', note: '批量受理' } }, { token: REVIEWER, headers, lang: 'en' })
      expect(reply.status, reply.text).toBe(200)
      expect(reply.body.results).toEqual([
        { id: a.id, ok: true, status: 'accepted' },
        { id: ministry.id, ok: false, problem: { status: 404, code: 'not_found', title: 'Not found' } },
        { id: done.id, ok: false, problem: { status: 409, code: 'invalid_status', title: 'The message’s status does not allow this' } },
        { id: 'no-such-message', ok: false, problem: { status: 404, code: 'not_found', title: 'Not found' } },
        { id: c.id, ok: true, status: 'accepted' },
      ])
      const message = (await b.get(`/inbox/${a.id}`, { token: ADMIN_TOKEN })).body as Message
      expect(message.timeline.at(-1)).toMatchObject({ type: 'accept', note: '批量受理', actor: { role: 'reviewer', name: 'reviewer@province' } })
      const replay = await b.post('/inbox/bulk-actions', { ids, action: { action: 'accept', note: '批量受理' } }, { token: REVIEWER, headers, lang: 'en' })
      expect(replay.body).toEqual(reply.body)
      expect(((await b.get(`/inbox/${a.id}`, { token: ADMIN_TOKEN })).body as Message).timeline).toHaveLength(message.timeline.length)
      expect(((await b.get(`/inbox/${ministry.id}`, { token: ADMIN_TOKEN })).body as Message).status).toBe('pending')
    })

    it('assigns several messages to a unit; the role, the unit and the size of the request are checked for the whole request', async () => {
      const b = board()
      const a = await b.arrange('accepted')
      const c = await b.arrange('accepted')
      const pending = await b.arrange('pending')
      expectProblem(await b.post('/inbox/bulk-actions', { ids: [a.id], action: { action: 'assign', boardId: UNIT } }, { token: tokenOf('handler') }), 403, 'forbidden_role')
      expectProblem(await b.post('/inbox/bulk-actions', { ids: [a.id], action: { action: 'accept' } }, { token: SUPERVISOR }), 403, 'forbidden_role')
      const closed = await b.post('/inbox/bulk-actions', { ids: [a.id], action: { action: 'assign', boardId: CLOSED_BOARD } }, { token: REVIEWER })
      expectProblem(closed, 422, 'validation_failed')
      expect(closed.body.issues).toEqual([expect.objectContaining({ path: ['action', 'boardId'], code: 'unknown_unit' })])
      expectProblem(await b.post('/inbox/bulk-actions', { ids: Array.from({ length: 51 }, (_, i) => `m${i}`), action: { action: 'accept' } }, { token: REVIEWER }), 422, 'validation_failed')
      expectProblem(await b.post('/inbox/bulk-actions', { ids: [a.id], action: { action: 'reply', content: '您好' } }, { token: REVIEWER }), 422, 'validation_failed')
      const reply = await b.post('/inbox/bulk-actions', { ids: [a.id, pending.id, c.id], action: { action: 'assign', boardId: UNIT } }, { token: REVIEWER })
      expect(reply.status, reply.text).toBe(200)
      expect(reply.body.results.map((r: { ok: boolean; status?: string; problem?: { code: string } }) => r.status ?? r.problem?.code)).toEqual(['assigned', 'invalid_status', 'assigned'])
      for (const id of [a.id, c.id]) {
        const message = (await b.get(`/inbox/${id}`, { token: UNIT_HANDLER_TOKEN })).body as Message
        expect(message).toMatchObject({ status: 'assigned', assigneeBoardId: UNIT })
      }
    })
  })

  describe('inbox counts and due within', () => {
    const board = useBoard(kind)

    /** What the counts must be, computed from the whole inbox list of the token. */
    async function expected(b: ReturnType<typeof board>, token: string, boardId?: string) {
      const items: Message[] = await listAll(b, boardId ? `/inbox?boardId=${boardId}` : '/inbox', { token })
      const statuses = Object.fromEntries(STATUSES.map((s) => [s, items.filter((m) => m.status === s).length]))
      const overdue = items.filter((m) => (OPEN_STATUSES as readonly string[]).includes(m.status) && m.dueAt && Date.parse(m.dueAt) < b.clock.ms).length
      return { statuses, overdue, total: items.length }
    }

    it('counts each status of the scope, each message once, equal to the inbox list; outside the scope is 404', async () => {
      const b = board()
      for (const status of ['pending', 'pending', 'accepted', 'assigned', 'processing', 'replied', 'closed', 'rejected'] as const) await b.arrange(status)
      await b.arrange('assigned', { boardId: COUNTY })
      await b.arrange('processing', { boardId: MINISTRY })
      await b.arrange('pending', { boardId: MINISTRY })
      for (const [token, boardId] of [[ADMIN_TOKEN, undefined], [ADMIN_TOKEN, CITY], [ADMIN_TOKEN, UNIT], [REVIEWER, undefined], [tokenOf('reviewer', 'ministry'), undefined], [UNIT_HANDLER_TOKEN, undefined]] as const) {
        const reply = await b.get(boardId ? `/inbox/counts?boardId=${boardId}` : '/inbox/counts', { token })
        expect(reply.status, reply.text).toBe(200)
        expect(reply.body, `${token} ${boardId}`).toEqual(await expected(b, token, boardId))
      }
      const admin = (await b.get('/inbox/counts', { token: ADMIN_TOKEN })).body
      expect(admin.total).toBe(11)
      expect(admin.statuses.pending).toBe(3)
      expectProblem(await b.get(`/inbox/counts?boardId=${CITY}`, { token: tokenOf('reviewer', 'ministry') }), 404, 'not_found')
      expectProblem(await b.get(`/inbox/counts?boardId=${CITY}`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
    })

    it('counts the overdue on the service’s clock, and lists what is due within n working days', async () => {
      const b = board()
      // Advance past every deadline of the messages arranged before, then two fresh ones.
      b.clock.advance(40 * DAY)
      const fresh = await b.arrange('accepted', { type: 'consult' })
      await b.arrange('processing', { type: 'suggest' })
      b.clock.advance(2 * DAY)
      const counts = (await b.get('/inbox/counts', { token: ADMIN_TOKEN })).body
      expect(counts).toEqual(await expected(b, ADMIN_TOKEN))
      expect(counts.overdue).toBeGreaterThan(0)
      const open: Message[] = (await listAll(b, '/inbox', { token: ADMIN_TOKEN })).filter((m: Message) => (OPEN_STATUSES as readonly string[]).includes(m.status))
      for (const n of [0, 1, 3, 20]) {
        const due: Message[] = await listAll(b, `/inbox?dueWithin=${n}`, { token: ADMIN_TOKEN })
        // The bound, independently: end of the nth working day from today (these weeks have no holiday).
        let day = new Date(b.clock.ms + 8 * 3600_000)
        for (let left = n; left > 0; ) {
          day = new Date(day.getTime() + DAY)
          if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left--
        }
        const bound = Date.parse(`${day.toISOString().slice(0, 10)}T23:59:59.999+08:00`)
        expect(due.map((m) => m.id).sort(), `dueWithin=${n}`).toEqual(open.filter((m) => m.dueAt && Date.parse(m.dueAt) <= bound).map((m) => m.id).sort())
      }
      expect((await listAll(b, '/inbox?dueWithin=60', { token: ADMIN_TOKEN })).map((m: Message) => m.id)).toContain(fresh.id)
      expectProblem(await b.get('/inbox?dueWithin=61', { token: ADMIN_TOKEN }), 422, 'validation_failed')
    })

    it('lists the supervised messages only with supervised=true', async () => {
      const b = board()
      const watched = await b.arrange('processing')
      await b.act(watched.id, 'supervise')
      const ministry = await b.arrange('accepted', { boardId: MINISTRY })
      await b.act(ministry.id, 'supervise')
      const all: Message[] = await listAll(b, '/inbox', { token: ADMIN_TOKEN })
      const supervised: Message[] = await listAll(b, '/inbox?supervised=true', { token: ADMIN_TOKEN })
      expect(supervised.map((m) => m.id)).toEqual(all.filter((m) => m.supervised).map((m) => m.id))
      expect(supervised.map((m) => m.id)).toEqual(expect.arrayContaining([watched.id, ministry.id]))
      const city: Message[] = await listAll(b, `/inbox?supervised=1&boardId=${CITY}&status=processing`, { token: REVIEWER })
      expect(city.map((m) => m.id)).toContain(watched.id)
      expect(city.every((m) => m.supervised && m.status === 'processing')).toBe(true)
      expect(city.map((m) => m.id)).not.toContain(ministry.id)
    })
  })

  describe('the inbox by deadline', () => {
    const board = useBoard(kind)

    it('sort=due lists the earliest running deadline first, the rest last, a page at a time; another sort is refused', async () => {
      const b = board()
      const made: { id: string }[] = []
      for (const status of ['accepted', 'pending', 'processing', 'assigned', 'replied', 'pending', 'accepted'] as const) {
        made.push(await b.arrange(status))
        b.clock.advance(3 * 3600_000)
      }
      // One deadline moved later than the others: the order is by deadline, not by arrival.
      const extended = made[0]!
      const reply = await b.act(extended.id, { action: 'extend', days: 20, reason: '需要现场核查' })
      expect(reply.status, reply.text).toBe(200)
      const all: Message[] = await listAll(b, '/inbox', { token: ADMIN_TOKEN })
      // The deadline that runs: an open message's; the others have none to sort by.
      const due = (m: Message) => (m.dueAt && (OPEN_STATUSES as readonly string[]).includes(m.status) ? Date.parse(m.dueAt) : Infinity)
      // Ties by arrival: the default list is newest first, so its reverse is the order of arrival.
      const expected = [...all].reverse().map((m, order) => ({ m, order })).sort((x, y) => due(x.m) - due(y.m) || x.order - y.order).map(({ m }) => m.id)
      for (const limit of [1, 2, 50]) {
        const byDue: Message[] = await listAll(b, `/inbox?sort=due&limit=${limit}`, { token: ADMIN_TOKEN })
        expect(byDue.map((m) => m.id), `limit=${limit}`).toEqual(expected)
      }
      expect(expected.at(-1)).not.toBe(extended.id)
      expect(expected.indexOf(extended.id)).toBeGreaterThan(expected.indexOf(made[2]!.id))
      expect(all.filter((m) => !m.dueAt).length).toBeGreaterThan(0)
      expect((await b.get('/inbox?sort=created', { token: ADMIN_TOKEN })).body.items.map((m: Message) => m.id)).toEqual(all.slice(0, 20).map((m) => m.id))
      expectProblem(await b.get('/inbox?sort=title', { token: ADMIN_TOKEN }), 422, 'validation_failed')
      const first = (await b.get('/inbox?sort=due&limit=1', { token: ADMIN_TOKEN })).body
      expectProblem(await b.get(`/inbox?limit=1&cursor=${first.nextCursor}`, { token: ADMIN_TOKEN }), 422, 'validation_failed')
    })
  })

  conformanceTest()
})
