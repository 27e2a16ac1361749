/**
 * The Board API contract over real HTTP, against both stores: every public and staff endpoint,
 * visibility, the closed loop, pagination under writes and privacy of public bodies and the log.
 * Errors, robustness and idempotency: contract-errors.test.ts. Roles and scopes:
 * contract-auth.test.ts.
 */
import { TIMELINE_EVENT_TYPES } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import {
  ADMIN_TOKEN,
  BOARDS,
  CITY,
  conformanceTest,
  COUNTY,
  expectProblem,
  listAll,
  MINISTRY,
  PRIVATE,
  PROVINCE,
  STORES,
  submission,
  tokenOf,
  UNIT,
  UNIT_HANDLER_TOKEN,
  useBoard,
  type ApiReply,
} from './harness.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const ids = (reply: ApiReply): string[] => reply.body.items.map((m: { id: string }) => m.id)

describe.each(STORES)('Board API over HTTP (%s store)', (kind) => {
  describe('boards', () => {
    const board = useBoard(kind)

    it('GET /boards lists the whole tree as one page', async () => {
      const reply = await board().get('/boards')
      expect(reply.status).toBe(200)
      expect(reply.type).toBe('application/json')
      expect(reply.body.nextCursor).toBeNull()
      expect(reply.body.items).toHaveLength(BOARDS.length)
      const byId = new Map(reply.body.items.map((b: { id: string }) => [b.id, b]))
      expect(byId.get(UNIT)).toMatchObject({ name: '南关区住房和城乡建设局', level: 'unit', parentId: COUNTY })
      expect(byId.get(MINISTRY)).toMatchObject({ level: 'ministry', parentId: null })
    })

    it('GET /boards/{id} answers the board, or 404 for an unknown id', async () => {
      const reply = await board().get(`/boards/${CITY}`)
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual(BOARDS.find((b) => b.id === CITY))
      expectProblem(await board().get('/boards/no-such-board'), 404, 'not_found')
      expectProblem(await board().get('/boards/no-such-board/stats'), 404, 'not_found')
    })

    it('GET /boards/{id}/stats starts empty and counts the board with its descendants', async () => {
      const empty = await board().get(`/boards/${MINISTRY}/stats`)
      expect(empty.status).toBe(200)
      expect(empty.body).toMatchObject({
        boardId: MINISTRY, received: 0, replied: 0, replyRate: 0, medianReplyWorkingDays: null, overdue: 0,
        satisfaction: { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
      })
      await board().arrange('accepted', { boardId: UNIT })
      await board().arrange('pending', { boardId: UNIT }) // not received until reviewed
      for (const id of [PROVINCE, CITY, COUNTY, UNIT]) {
        expect((await board().get(`/boards/${id}/stats`)).body.received, id).toBe(1)
      }
      expect((await board().get(`/boards/${MINISTRY}/stats`)).body.received).toBe(0)
    })
  })

  describe('public messages', () => {
    const board = useBoard(kind)
    let lamp: string, school: string, rail: string, clinic: string

    it('POST /messages answers 201 with id, pending status, tracking code and Location', async () => {
      const reply = await board().post('/messages', submission())
      expect(reply.status).toBe(201)
      expect(reply.body).toEqual({
        id: expect.any(String), status: 'pending', trackingCode: expect.stringMatching(/^[2-9A-HJ-NP-Za-km-z]{12}$/),
        createdAt: board().clock.now().toISOString(),
      })
      expect(reply.headers.get('Location')).toBe(`/api/v1/tracking/${reply.body.trackingCode}`)
      lamp = reply.body.id
      expect((await board().act(lamp, 'accept')).status).toBe(200)
    })

    it('GET /messages filters by board (with descendants), status, type, domain, keyword and time', async () => {
      const b = board()
      b.clock.advance(HOUR)
      const since = b.clock.now().toISOString()
      school = (await b.arrange('accepted', { boardId: UNIT, type: 'consult', domain: 'education', title: '孩子入学报名咨询', content: '今年小学入学报名需要准备哪些材料？户口不在本区可以报名吗？' })).id
      b.clock.advance(HOUR)
      rail = (await b.arrange('accepted', { boardId: MINISTRY, type: 'suggest', domain: 'transport', title: '建议增开高铁班次', content: '长春到北京的高铁班次周末经常售罄，建议增开周五晚间班次。' })).id
      b.clock.advance(HOUR)
      const until = b.clock.now().toISOString()
      clinic = (await b.arrange('replied', { boardId: COUNTY, type: 'help', domain: 'health', title: '社区医院排队时间长', content: '社区医院上午挂号排队要两个小时，老人身体吃不消，希望增加窗口。' })).id

      expect(ids(await b.get('/messages'))).toEqual([clinic, rail, school, lamp])
      expect(ids(await b.get(`/messages?boardId=${CITY}`))).toEqual([clinic, school, lamp])
      expect(ids(await b.get(`/messages?boardId=${UNIT}`))).toEqual([clinic, school]) // clinic is assigned to the unit
      expect(ids(await b.get(`/messages?boardId=${MINISTRY}`))).toEqual([rail])
      expect(ids(await b.get('/messages?status=replied'))).toEqual([clinic])
      expect(ids(await b.get('/messages?status=accepted,replied&type=consult'))).toEqual([school])
      expect(ids(await b.get('/messages?domain=transport'))).toEqual([rail])
      expect(ids(await b.get(`/messages?keyword=${encodeURIComponent('路灯')}`))).toEqual([lamp])
      expect(ids(await b.get(`/messages?from=${encodeURIComponent(since)}&to=${encodeURIComponent(until)}`))).toEqual([rail, school])
      expectProblem(await b.get('/messages?boardId=nowhere'), 404, 'not_found')
    })

    it('GET /messages/{id} answers the public thread with its posts and public timeline', async () => {
      const reply = await board().get(`/messages/${clinic}`)
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ id: clinic, status: 'replied', assigneeBoardId: UNIT, author: { nickname: '市民' } })
      expect(reply.body.posts).toEqual([expect.objectContaining({ kind: 'reply', organization: '南关区住房和城乡建设局' })])
      expect(reply.body.timeline.map((e: { type: string }) => e.type)).toEqual(['submit', 'accept', 'assign', 'start', 'reply'])
      for (const event of reply.body.timeline) {
        expect(Object.keys(event.actor)).toEqual(['role']) // no staff id or name in public
        expect(event).not.toHaveProperty('note')
      }
      expectProblem(await board().get('/messages/no-such-message'), 404, 'not_found')
    })

    it('GET /tracking/{code} is the author’s view; separators in the code are ignored', async () => {
      const mine = await board().submit({ publish: false })
      const reply = await board().get(`/tracking/${mine.trackingCode}`)
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ id: mine.id, trackingCode: mine.trackingCode, status: 'pending', publish: false, canFollowUp: false, canEvaluate: false })
      const spaced = mine.trackingCode.replace(/(.{4})(.{4})(.{4})/, '$1-$2 $3')
      expect((await board().get(`/tracking/${encodeURIComponent(spaced)}`)).body.id).toBe(mine.id)
      expectProblem(await board().get('/tracking/ABCDEFGHJKLM'), 404, 'not_found')
      expectProblem(await board().get('/tracking/not-a-code'), 404, 'not_found')
    })

    it('POST /tracking/{code}/follow-ups sends a replied message back to the unit', async () => {
      const b = board()
      const early = await b.arrange('pending')
      expectProblem(await b.post(`/tracking/${early.trackingCode}/follow-ups`, { content: '请问什么时候能处理？' }), 409, 'invalid_status')
      const replied = await b.arrange('replied')
      const reply = await b.post(`/tracking/${replied.trackingCode}/follow-ups`, { content: '答复说已修好，但今晚路灯还是不亮。' })
      expect(reply.status).toBe(201)
      expect(reply.body).toMatchObject({ status: 'processing', canFollowUp: true, canEvaluate: false })
      expect(reply.body.posts.map((p: { kind: string }) => p.kind)).toEqual(['reply', 'follow-up'])
      expectProblem(await b.post('/tracking/ABCDEFGHJKLM/follow-ups', { content: '还在吗？' }), 404, 'not_found')
    })

    it('POST /tracking/{code}/evaluation needs a reply first', async () => {
      const b = board()
      const open = await b.arrange('processing')
      const scores = { overall: 4, resolution: 4, attitude: 5, speed: 3 }
      expectProblem(await b.post(`/tracking/${open.trackingCode}/evaluation`, scores), 409, 'invalid_status')
      const replied = await b.arrange('replied')
      const reply = await b.post(`/tracking/${replied.trackingCode}/evaluation`, { ...scores, comment: '处理及时' })
      expect(reply.status).toBe(201)
      expect(reply.body).toMatchObject({ evaluation: { ...scores, comment: '处理及时' }, canEvaluate: false })
    })
  })

  describe('staff reads', () => {
    const board = useBoard(kind)

    it('GET /me answers the label, roles and every board the token covers', async () => {
      const reply = await board().get('/me', { token: tokenOf('handler') })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ label: 'handler@province', roles: ['handler'] })
      expect([...reply.body.boardIds].sort()).toEqual(BOARDS.filter((b) => b.id !== MINISTRY).map((b) => b.id).sort())
      expect((await board().get('/me', { token: UNIT_HANDLER_TOKEN })).body.boardIds).toEqual([UNIT])
    })

    it('GET /inbox lists the token’s messages with private fields, filtered', async () => {
      const b = board()
      const lamp = await b.arrange('pending')
      const rail = await b.arrange('accepted', { boardId: MINISTRY, domain: 'transport', type: 'suggest', title: '建议增开高铁班次', content: '长春到北京的高铁班次周末经常售罄，建议增开周五晚间班次。' })
      const hidden = await b.arrange('assigned', { publish: false })
      const token = tokenOf('reviewer')
      const all = await b.get('/inbox', { token })
      expect(all.status).toBe(200)
      expect(ids(all).sort()).toEqual([lamp.id, hidden.id].sort()) // pending and unpublished included, ministry not
      const first = all.body.items.find((m: { id: string }) => m.id === lamp.id)
      expect(first).toMatchObject({ author: { realName: PRIVATE.realName, phone: PRIVATE.phone }, remark: PRIVATE.remark, place: { text: PRIVATE.place } })
      // The tracking code is the author's secret: not even staff can read it.
      expect(first.trackingCode).toBeUndefined()
      expect(all.text).not.toContain(lamp.trackingCode)
      expect(ids(await b.get('/inbox?status=pending', { token }))).toEqual([lamp.id])
      expect(ids(await b.get(`/inbox?boardId=${UNIT}`, { token }))).toEqual([hidden.id])
      expect(ids(await b.get('/inbox?domain=transport', { token: tokenOf('reviewer', 'ministry') }))).toEqual([rail.id])
      expect(ids(await b.get('/inbox?type=suggest', { token }))).toEqual([])
      expect(ids(await b.get(`/inbox?keyword=${encodeURIComponent('路灯')}&limit=1`, { token }))).toHaveLength(1)
      expect(ids(await b.get('/inbox', { token: UNIT_HANDLER_TOKEN }))).toEqual([hidden.id])
      expectProblem(await b.get(`/inbox?boardId=${MINISTRY}`, { token }), 404, 'not_found')
    })

    it('GET /inbox/{id} answers a message of the token’s boards, 404 otherwise', async () => {
      const b = board()
      const lamp = await b.arrange('pending')
      const reply = await b.get(`/inbox/${lamp.id}`, { token: tokenOf('supervisor') })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ id: lamp.id, remark: PRIVATE.remark, author: { phone: PRIVATE.phone } })
      expectProblem(await b.get(`/inbox/${lamp.id}`, { token: tokenOf('supervisor', 'ministry') }), 404, 'not_found')
      expectProblem(await b.get(`/inbox/${lamp.id}`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
      expectProblem(await b.get('/inbox/no-such-message', { token: tokenOf('supervisor') }), 404, 'not_found')
    })
  })

  describe('visibility', () => {
    const board = useBoard(kind)
    const publicIds = async () => (await listAll(board(), '/messages')).map((m) => m.id)

    it('a pending message does not exist publicly until it is accepted', async () => {
      const { id } = await board().submit()
      expectProblem(await board().get(`/messages/${id}`), 404, 'not_found')
      expect(await publicIds()).not.toContain(id)
      expect((await board().act(id, 'accept', tokenOf('reviewer'))).status).toBe(200)
      expect((await board().get(`/messages/${id}`)).status).toBe(200)
      expect(await publicIds()).toContain(id)
    })

    it('a message without the author’s consent is handled and tracked but never public', async () => {
      const { id, trackingCode } = await board().submit({ publish: false })
      for (const action of ['accept', 'assign', 'start', 'reply'] as const) expect((await board().act(id, action)).status).toBe(200)
      expectProblem(await board().get(`/messages/${id}`), 404, 'not_found')
      expect(await publicIds()).not.toContain(id)
      const tracked = await board().get(`/tracking/${trackingCode}`)
      expect(tracked.body).toMatchObject({ id, status: 'replied', publish: false, canEvaluate: true })
      expect((await board().get(`/inbox/${id}`, { token: ADMIN_TOKEN })).status).toBe(200)
    })

    it('a submission without `publish` means no consent', async () => {
      const { publish: _, ...withoutConsent } = submission()
      const { id, trackingCode } = (await board().post('/messages', withoutConsent)).body
      expect((await board().act(id, 'accept')).body.publish).toBe(false)
      expectProblem(await board().get(`/messages/${id}`), 404, 'not_found')
      expect((await board().get(`/tracking/${trackingCode}`)).body.publish).toBe(false)
    })

    it('a rejected message never appears; its author sees the refusal', async () => {
      const { id, trackingCode } = await board().submit()
      expect((await board().act(id, 'reject')).body.status).toBe('rejected')
      expectProblem(await board().get(`/messages/${id}`), 404, 'not_found')
      expect(await publicIds()).not.toContain(id)
      expect((await board().get('/messages?status=rejected')).body.items).toEqual([])
      expect((await board().get(`/tracking/${trackingCode}`)).body.status).toBe('rejected')
    })
  })

  describe('the closed loop', () => {
    const board = useBoard(kind)

    it('submit → accept → assign → start → reply → evaluate → close, with stats along the way', async () => {
      const b = board()
      const stats = async () => (await b.get(`/boards/${CITY}/stats`)).body
      expect(await stats()).toMatchObject({ received: 0, replied: 0, replyRate: 0 })

      const { id, trackingCode } = await b.submit()
      expect((await stats()).received).toBe(0)

      const accepted = await b.act(id, 'accept', tokenOf('reviewer'))
      expect(accepted.body).toMatchObject({ status: 'accepted', reviewedAt: b.clock.now().toISOString() })
      // A complaint gets 15 working days from Monday 2 March 2026: the end of Monday 23 March.
      expect(Date.parse(accepted.body.dueAt)).toBe(Date.parse('2026-03-23T23:59:59.999+08:00'))
      expect(await stats()).toMatchObject({ received: 1, replied: 0, replyRate: 0, overdue: 0 })

      b.clock.advance(DAY)
      expect((await b.act(id, 'assign', tokenOf('reviewer'))).body).toMatchObject({ status: 'assigned', assigneeBoardId: UNIT })
      expect((await b.act(id, 'start', UNIT_HANDLER_TOKEN)).body.status).toBe('processing')
      b.clock.advance(2 * HOUR)
      const replied = await b.act(id, 'reply', UNIT_HANDLER_TOKEN)
      expect(replied.body.status).toBe('replied')
      expect(replied.body.posts).toEqual([expect.objectContaining({ kind: 'reply', organization: '南关区住房和城乡建设局', content: '您好，路灯已于本周更换，感谢您的监督。' })])
      expect(await stats()).toMatchObject({ received: 1, replied: 1, replyRate: 1, medianReplyWorkingDays: 1 }) // Monday to Tuesday
      expect((await b.get(`/boards/${UNIT}/stats`)).body).toMatchObject({ received: 1, replied: 1 })

      const tracked = await b.get(`/tracking/${trackingCode}`)
      expect(tracked.body).toMatchObject({ status: 'replied', canEvaluate: true, canFollowUp: true })
      const rating = { overall: 5, resolution: 5, attitude: 4, speed: 4, comment: '修得很快，谢谢！' }
      const evaluated = await b.post(`/tracking/${trackingCode}/evaluation`, rating)
      expect(evaluated.status).toBe(201)
      expect(evaluated.body).toMatchObject({ evaluation: rating, canEvaluate: false })
      expect((await stats()).satisfaction).toEqual({ average: 5, count: 1, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } })
      expectProblem(await b.post(`/tracking/${trackingCode}/evaluation`, { ...rating, overall: 1 }), 409, 'already_evaluated')

      const closed = await b.act(id, 'close', tokenOf('supervisor'))
      expect(closed.body).toMatchObject({ status: 'closed', closedAt: b.clock.now().toISOString() })

      const thread = await b.get(`/messages/${id}`)
      expect(thread.body.status).toBe('closed')
      const types = thread.body.timeline.map((e: { type: string }) => e.type)
      expect(types).toEqual(['submit', 'accept', 'assign', 'start', 'reply', 'evaluate', 'close'])
      expect(types.every((t: string) => (TIMELINE_EVENT_TYPES as readonly string[]).includes(t))).toBe(true)
      expect(thread.body.timeline.map((e: { to?: string }) => e.to)).toEqual(['pending', 'accepted', 'assigned', 'processing', 'replied', 'replied', 'closed'])
      expect(thread.body.timeline.map((e: { actor: { role: string } }) => e.actor.role)).toEqual(['citizen', 'reviewer', 'reviewer', 'handler', 'handler', 'citizen', 'supervisor'])
      expect(await stats()).toMatchObject({ received: 1, replied: 1, replyRate: 1, satisfaction: { average: 5, count: 1 } })
    })
  })

  describe('pagination while messages arrive', () => {
    const board = useBoard(kind)

    it('pages of 7 neither repeat nor skip, newest first, while new messages are accepted between pages', async () => {
      const b = board()
      const original: string[] = []
      for (let i = 0; i < 60; i++) {
        if (i % 3 === 0) b.clock.advance(1000) // every third message shares its publication instant
        original.push((await b.arrange('accepted', { title: `第${i + 1}号留言：路灯坏了` })).id)
      }
      const arrivals: string[] = []
      const seen: Array<{ id: string; publishedAt: string }> = []
      let cursor: string | null = null
      let pages = 0
      do {
        const reply: ApiReply = await b.get(`/messages?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        expect(reply.status, reply.text).toBe(200)
        pages++
        seen.push(...reply.body.items)
        cursor = reply.body.nextCursor
        if (cursor) expect(reply.body.items).toHaveLength(7)
        // New messages arrive while the reader pages: one accepted, one still pending.
        b.clock.advance(1000)
        const fresh = await b.submit({ title: `新留言${pages}` })
        expect((await b.act(fresh.id, 'accept', tokenOf('reviewer'))).status).toBe(200)
        arrivals.push(fresh.id)
        await b.submit({ title: `待审核留言${pages}` })
      } while (cursor)

      expect(pages).toBe(Math.ceil(60 / 7))
      const got = seen.map((m) => m.id)
      expect(new Set(got).size).toBe(got.length)
      expect([...got].sort()).toEqual([...original].sort())
      expect(got.filter((id) => arrivals.includes(id))).toEqual([])
      for (let i = 1; i < seen.length; i++) expect(Date.parse(seen[i - 1]!.publishedAt)).toBeGreaterThanOrEqual(Date.parse(seen[i]!.publishedAt))
      expect(original.slice(-3)).toContain(got[0]) // the last three share the newest instant

      // A new reader starts with the arrivals, newest first.
      expect(ids(await b.get(`/messages?limit=${arrivals.length}`))).toEqual([...arrivals].reverse())

      // The inbox pages the same way (by submission time), pending messages included.
      const inbox: Array<{ id: string; createdAt: string }> = []
      cursor = null
      do {
        const reply: ApiReply = await b.get(`/inbox?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: ADMIN_TOKEN })
        inbox.push(...reply.body.items)
        cursor = reply.body.nextCursor
      } while (cursor)
      expect(new Set(inbox.map((m) => m.id)).size).toBe(await b.service.store.read.countMessages())
      expect(inbox).toHaveLength(60 + 2 * pages)
      for (let i = 1; i < inbox.length; i++) expect(Date.parse(inbox[i - 1]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(inbox[i]!.createdAt))
    })

    it('an invalid cursor answers a problem, never a 500', async () => {
      for (const cursor of ['not-a-cursor', 'WzEsIngiXQ', 'eyJhIjoxfQ', '!!!', 'x'.repeat(512)]) {
        const reply = await board().get(`/messages?cursor=${encodeURIComponent(cursor)}`)
        expectProblem(reply, 422, 'validation_failed')
        expect(reply.body.issues).toEqual([{ path: ['cursor'], code: 'invalid_format', message: '翻页标记的格式不正确' }])
        const inbox = await board().get(`/inbox?cursor=${encodeURIComponent(cursor)}`, { token: ADMIN_TOKEN })
        expectProblem(inbox, 422, 'validation_failed')
      }
    })
  })

  describe('privacy', () => {
    const board = useBoard(kind)

    it('no public body and no log line holds the real name, phone, remark, hidden place, token or tracking code', async () => {
      const b = board()
      const contentPhone = '13912345678'
      const input = { content: `小区门口的路灯已经坏了两个星期，晚上出行很不方便，请联系我${contentPhone}。` }
      const listed = await b.submit(input)
      const unlisted = await b.submit({ ...input, publish: false })
      const waiting = await b.submit(input)
      for (const { id } of [listed, unlisted]) for (const action of ['accept', 'assign', 'start', 'reply'] as const) await b.act(id, action)

      const bodies: ApiReply[] = [
        await b.post('/messages', submission(input)), // the 201 answer itself
        await b.get('/messages'),
        await b.get(`/messages?keyword=${contentPhone}`),
        await b.get(`/messages/${listed.id}`),
        await b.get(`/messages/${unlisted.id}`),
        await b.get(`/messages/${waiting.id}`),
        await b.get(`/tracking/${listed.trackingCode}`),
        await b.get(`/tracking/${unlisted.trackingCode}`),
        await b.get(`/tracking/${waiting.trackingCode}`),
        await b.post(`/tracking/${listed.trackingCode}/follow-ups`, { content: `还是不亮，我的电话${contentPhone}` }),
        await b.post(`/tracking/${unlisted.trackingCode}/evaluation`, { overall: 3, resolution: 3, attitude: 3, speed: 3, comment: `请打${contentPhone}` }),
        await b.post('/messages', submission({ ...input, title: '关于小区门口路灯长期损坏一直无人维修的问题反映' })),
        await b.post('/messages', submission({ author: { nickname: '市民', realName: PRIVATE.realName, phone: '1381234567x' } })),
        await b.post('/messages', { ...submission(), remark: PRIVATE.remark.repeat(30) }),
        await b.post(`/tracking/${waiting.trackingCode}/evaluation`, { overall: 5, resolution: 5, attitude: 5, speed: 5 }),
      ]
      expect(bodies.map((r) => r.status)).toEqual([201, 200, 200, 200, 404, 404, 200, 200, 200, 201, 201, 422, 422, 422, 409])
      expect((await b.get(`/messages/${listed.id}`)).body.content).toContain('139****5678')
      // Search reads the masked title and text only.
      for (const word of [contentPhone, PRIVATE.realName, PRIVATE.remark.slice(0, 6)]) {
        expect((await b.get(`/messages?keyword=${encodeURIComponent(word)}`)).body.items, word).toEqual([])
      }
      const secrets = [PRIVATE.realName, PRIVATE.phone, PRIVATE.remark, PRIVATE.place, contentPhone, '1381234567x']
      for (const reply of bodies) for (const secret of secrets) expect(reply.text, `${reply.status} ${reply.text.slice(0, 80)}`).not.toContain(secret)

      // Staff traffic too, so the log has seen tokens; then the log must hold none of it.
      expect((await b.get('/inbox', { token: ADMIN_TOKEN })).text).toContain(PRIVATE.phone)
      await b.get('/me', { token: tokenOf('reviewer') })
      const log = JSON.stringify(b.logs)
      expect(b.logs.length).toBeGreaterThan(bodies.length)
      expect(b.logs.some((e) => e.path.includes('/tracking/***'))).toBe(true)
      const codes = [listed, unlisted, waiting].map((m) => m.trackingCode)
      for (const secret of [...secrets, ...codes, ADMIN_TOKEN, tokenOf('reviewer')]) expect(log).not.toContain(secret)
    })
  })
})

conformanceTest()
