/**
 * Staff authorization over HTTP, against both stores: bearer tokens (401), scope (another board's
 * message is 404), role (403) and the lifecycle (409), for every role × every staff action, plus
 * the overdue inbox on a clock the test moves.
 */
import { LIFECYCLE, STAFF_ACTIONS, STATUSES } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import {
  ADMIN_TOKEN,
  CITY,
  CLOSED_BOARD,
  conformanceTest,
  expectProblem,
  OTHER_UNIT,
  ROLES,
  STORES,
  submission,
  tokenOf,
  UNIT,
  UNIT_HANDLER_TOKEN,
  useBoard,
  type ApiReply,
} from './harness.js'

const DAY = 86_400_000
const ids = (reply: ApiReply): string[] => reply.body.items.map((m: { id: string }) => m.id).sort()

describe.each(STORES)('staff authorization (%s store)', (kind) => {
  describe('caches', () => {
    const board = useBoard(kind, { handler: { trackingPerMinute: false } })

    it('every staff and tracking answer, errors included, says Cache-Control: no-store', async () => {
      const b = board()
      const { id, trackingCode } = await b.arrange('replied')
      const other = await b.arrange('pending')
      const replies: [string, ApiReply][] = []
      const add = async (what: string, reply: Promise<ApiReply>) => replies.push([what, await reply])
      for (const [who, token] of [['admin', ADMIN_TOKEN], ['nobody', undefined], ['unknown', 'not-a-token'], ['ministry', tokenOf('reviewer', 'ministry')]] as const) {
        const as = token ? { token } : {}
        await add(`me ${who}`, b.get('/me', as))
        await add(`inbox ${who}`, b.get('/inbox', as))
        await add(`inbox 422 ${who}`, b.get('/inbox?limit=0', as))
        await add(`inbox/id ${who}`, b.get(`/inbox/${id}`, as))
        await add(`inbox/missing ${who}`, b.get('/inbox/no-such-message', as))
        await add(`action ${who}`, b.post(`/messages/${other.id}/actions`, { action: 'accept' }, as))
        await add(`action 422 ${who}`, b.post(`/messages/${other.id}/actions`, { action: 'nonsense' }, as))
        await add(`action 405 ${who}`, b.call('DELETE', `/messages/${other.id}/actions`, as))
      }
      await add('tracking', b.get(`/tracking/${trackingCode}`))
      await add('tracking HEAD', b.call('HEAD', `/tracking/${trackingCode}`, { record: false }))
      await add('tracking 404', b.get('/tracking/ABCDEFGHJKLM'))
      await add('follow-up', b.post(`/tracking/${trackingCode}/follow-ups`, { content: '路灯修好以后又坏了，请再看看。' }))
      await add('follow-up 422', b.post(`/tracking/${trackingCode}/follow-ups`, {}))
      await add('evaluation', b.post(`/tracking/${trackingCode}/evaluation`, { overall: 5, resolution: 5, attitude: 5, speed: 5 }))
      await add('evaluation 409', b.post(`/tracking/${trackingCode}/evaluation`, { overall: 5, resolution: 5, attitude: 5, speed: 5 }))
      // The submission's answer holds the new tracking code.
      await add('submission', b.post('/messages', submission()))
      const statuses = new Set(replies.map(([, reply]) => reply.status))
      for (const status of [200, 201, 401, 404, 405, 409, 422]) expect(statuses, String(status)).toContain(status)
      for (const [what, reply] of replies) expect(reply.headers.get('Cache-Control'), `${what} → ${reply.status}`).toBe('no-store')
      // Public answers keep what they had.
      for (const path of ['/boards', '/messages', `/messages/${id}`]) expect((await b.get(path)).headers.get('Cache-Control'), path).toBeNull()
    })
  })

  describe('bearer tokens', () => {
    const board = useBoard(kind)

    it('staff calls without a known token answer 401 with WWW-Authenticate', async () => {
      const { id } = await board().arrange('pending')
      const headers: Array<Record<string, string>> = [
        {},
        { Authorization: 'Bearer not-a-token' },
        { Authorization: `Basic ${btoa('admin:admin')}` },
        { Authorization: 'Bearer' },
        { Authorization: `Bearer ${'x'.repeat(600)}` },
        { Authorization: `Bearer ${ADMIN_TOKEN}x` },
      ]
      for (const h of headers) {
        for (const reply of [
          await board().get('/me', { headers: h }),
          await board().get('/inbox', { headers: h }),
          await board().get(`/inbox/${id}`, { headers: h }),
          await board().post(`/messages/${id}/actions`, { action: 'accept' }, { headers: h }),
          await board().post(`/messages/${id}/actions`, { action: 'nonsense' }, { headers: h }), // 401 before the body is judged
        ]) {
          expectProblem(reply, 401, 'unauthorized')
          expect(reply.headers.get('WWW-Authenticate')).toBe('Bearer')
        }
      }
      expect((await board().get(`/inbox/${id}`, { token: ADMIN_TOKEN })).body.status).toBe('pending')
    })
  })

  describe('every role × every staff action × scope', () => {
    const board = useBoard(kind)

    describe.each(ROLES)('%s', (role) => {
      // Expectations come from core's LIFECYCLE table, not from a second copy of it.
      it.each(STAFF_ACTIONS)('%s', async (action) => {
        const b = board()
        const rule = LIFECYCLE[action]
        const from = rule.from[0]!
        const { id } = await b.arrange(from)
        // A reviewed message of a board that publishes on acceptance is public: hide it first.
        if (action === 'publish') expect((await b.act(id, 'unpublish', ADMIN_TOKEN)).status).toBe(200)
        const before = (await b.get(`/inbox/${id}`, { token: ADMIN_TOKEN })).body.timeline.length
        const mayAct = (rule.roles as readonly string[]).includes(role)

        // Out of scope: the ministry's token of the same role cannot see the city's message.
        expectProblem(await b.act(id, action, tokenOf(role, 'ministry')), 404, 'not_found')

        const reply = await b.act(id, action, tokenOf(role))
        if (!mayAct) {
          expectProblem(reply, 403, 'forbidden')
          expect((await b.get(`/inbox/${id}`, { token: ADMIN_TOKEN })).body.timeline).toHaveLength(before) // unchanged
          return
        }
        expect(reply.status, reply.text).toBe(200)
        expect(reply.body.status).toBe(rule.to ?? from)
        expect(reply.body.timeline.at(-1)).toMatchObject({ type: action, from, to: rule.to ?? from, actor: { role, name: `${role}@province` } })

        // Only a reissue answers with a tracking code, the new one.
        if (action === 'reissue-code') expect(reply.body.trackingCode).toMatch(/^[2-9A-HJ-NP-Za-km-z]{12}$/)
        else expect(reply.body.trackingCode).toBeUndefined()

        // With the role but in a status the rule does not start from, the lifecycle refuses.
        const wrong = STATUSES.find((s) => !(rule.from as readonly string[]).includes(s))
        if (wrong === undefined) return // reissue-code: any status
        const other = await b.arrange(wrong)
        expectProblem(await b.act(other.id, action, tokenOf(role)), 409, 'invalid_status')
      })
    })

    it('a few cases spelled out', async () => {
      const b = board()
      const pending = await b.arrange('pending')
      const forbidden = await b.act(pending.id, 'accept', tokenOf('handler'))
      expectProblem(forbidden, 403, 'forbidden')
      expect(forbidden.body.detail).toBe('此操作需要审核权限')
      expectProblem(await b.act(pending.id, 'reply', tokenOf('supervisor')), 403, 'forbidden')
      expectProblem(await b.act(pending.id, 'reply', tokenOf('handler')), 409, 'invalid_status')
      expectProblem(await b.act(pending.id, 'accept', tokenOf('reviewer', 'ministry')), 404, 'not_found')
      expectProblem(await b.act('no-such-message', 'accept', tokenOf('reviewer')), 404, 'not_found')
      const accepted = await b.act(pending.id, 'accept', tokenOf('reviewer'))
      expect(accepted.body).toMatchObject({ status: 'accepted', dueAt: expect.any(String) })
      expectProblem(await b.act(pending.id, 'accept', tokenOf('reviewer')), 409, 'invalid_status')

      const extended = await b.act(pending.id, { action: 'extend', days: 5, reason: '需要协调供电公司' }, tokenOf('supervisor'))
      expect(Date.parse(extended.body.dueAt)).toBeGreaterThan(Date.parse(accepted.body.dueAt))
      expectProblem(await b.act(pending.id, { action: 'extend', days: 5 } as never, tokenOf('supervisor')), 422, 'validation_failed')
      expect((await b.act(pending.id, 'supervise', tokenOf('supervisor'))).body.supervised).toBe(true)
      expectProblem(await b.act(pending.id, 'supervise', tokenOf('supervisor')), 409, 'already_supervised')
      expect((await b.act(pending.id, 'remind', tokenOf('supervisor'))).body.reminders).toBe(1)
      expectProblem(await b.act(pending.id, { action: 'assign', boardId: CLOSED_BOARD }, tokenOf('reviewer')), 422, 'validation_failed')
      expectProblem(await b.act(pending.id, { action: 'teleport' } as never, tokenOf('reviewer')), 422, 'validation_failed')
    })

    it('a unit’s handler sees and acts on what is assigned to the unit, and loses it on transfer', async () => {
      const b = board()
      const mine = await b.arrange('assigned') // assigned to UNIT
      const cityOnly = await b.arrange('accepted')
      expectProblem(await b.get(`/inbox/${cityOnly.id}`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
      expectProblem(await b.act(cityOnly.id, 'extend', UNIT_HANDLER_TOKEN), 404, 'not_found')
      expectProblem(await b.act(mine.id, { action: 'transfer', boardId: UNIT, reason: '转回本单位' }, UNIT_HANDLER_TOKEN), 422, 'same_board')
      expectProblem(await b.act(mine.id, { action: 'transfer', boardId: OTHER_UNIT } as never, UNIT_HANDLER_TOKEN), 422, 'validation_failed')
      const moved = await b.act(mine.id, 'transfer', UNIT_HANDLER_TOKEN)
      expect(moved.body).toMatchObject({ status: 'assigned', assigneeBoardId: OTHER_UNIT })
      expectProblem(await b.act(mine.id, 'start', UNIT_HANDLER_TOKEN), 404, 'not_found')
      expect((await b.act(mine.id, 'start', tokenOf('handler'))).body.status).toBe('processing')
      const replied = await b.act(mine.id, 'reply', tokenOf('handler'))
      expect(replied.body.posts.at(-1)).toMatchObject({ kind: 'reply', organization: '南关区交通运输局' })
    })
  })

  describe('overdue inbox', () => {
    const board = useBoard(kind)

    it('overdue=true lists open messages past their deadline as the clock moves', async () => {
      const b = board()
      const token = tokenOf('supervisor')
      const complaint = await b.arrange('accepted') // 15 working days: due 23 March
      const question = await b.arrange('accepted', { type: 'consult', title: '公积金提取需要什么材料' }) // 5: due 9 March
      await b.arrange('replied', { type: 'consult' }) // answered: never overdue
      await b.arrange('pending') // not accepted: no deadline yet
      const overdue = async (query = '') => ids(await b.get(`/inbox?overdue=true${query}`, { token }))
      const stats = async () => (await b.get(`/boards/${CITY}/stats`)).body.overdue

      expect(await overdue()).toEqual([])
      expect(await stats()).toBe(0)
      b.clock.advance(8 * DAY) // Tuesday 10 March
      expect(await overdue()).toEqual([question.id])
      expect(await stats()).toBe(1)
      b.clock.advance(15 * DAY) // Wednesday 25 March
      expect(await overdue()).toEqual([complaint.id, question.id].sort())
      expect(await overdue('&type=consult')).toEqual([question.id])
      expect(await overdue(`&boardId=${UNIT}`)).toEqual([])
      expect(ids(await b.get('/inbox?overdue=false', { token }))).toHaveLength(4)
      expect(await stats()).toBe(2)

      // An extension of 5 working days moves the complaint's deadline to 30 March.
      expect((await b.act(complaint.id, 'extend', token)).status).toBe(200)
      expect(await overdue()).toEqual([question.id])
    })
  })
})

conformanceTest()
