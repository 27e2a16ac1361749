/**
 * Every resource and method of the SDK against the real Board API (the server's fetch handler on
 * Node's HTTP server, SQLite in a temp folder), through the whole closed loop with staff of each
 * role: 受理 → 交办 → 转办 → 办理 → 延期 → 督办 → 催办 → 回复 → 追问 → 回复 → 退回 → 回复 → 办结 → 评价.
 */
import { describe, expect, it } from 'vitest'
import { isNotFoundError, NotFoundError, type PublicMessage } from '../src/index.js'
import { BOARDS, caught, CITY, MINISTRY, OTHER_UNIT, PRIVATE, PROVINCE, submission, UNIT, useBoard } from './board.js'

describe('the SDK against the real Board API (SQLite, loopback)', () => {
  const board = useBoard()

  describe('boards', () => {
    it('list() gives the whole tree as one page; for await walks it', async () => {
      const client = board().client()
      const page = await client.boards.list()
      expect(page.nextCursor).toBeNull()
      expect(page.items.map((b) => b.id).sort()).toEqual(BOARDS.map((b) => b.id).sort())
      const walked: string[] = []
      for await (const b of client.boards.list()) walked.push(b.id)
      expect(walked).toEqual(page.items.map((b) => b.id))
    })

    it('get() answers one board', async () => {
      const city = await board().client().boards.get(CITY)
      expect(city).toEqual(BOARDS.find((b) => b.id === CITY))
    })

    it('stats() counts the board with its descendants', async () => {
      const client = board().client()
      const before = await client.boards.stats(MINISTRY)
      expect(before).toMatchObject({ boardId: MINISTRY, received: 0, replied: 0, replyRate: 0, overdue: 0 })
      expect(before.satisfaction).toMatchObject({ average: null, count: 0 })
    })
  })

  describe('the closed loop, one role per client', () => {
    let id: string
    let code: string

    it('a citizen submits; the public cannot see it yet; the author tracks it', async () => {
      const citizen = board().client()
      const result = await citizen.messages.submit(submission({ title: '桂林路路灯坏了两周' }))
      expect(result).toEqual({ id: expect.any(String), status: 'pending', trackingCode: expect.stringMatching(/^\w{12}$/), createdAt: expect.any(String) })
      id = result.id
      code = result.trackingCode

      const error = await caught(() => citizen.messages.get(id))
      expect(error).toBeInstanceOf(NotFoundError)

      const mine = await citizen.tracking.get(code)
      expect(mine).toMatchObject({ id, status: 'pending', trackingCode: code, publish: true, canFollowUp: false, canEvaluate: false })
      expect(JSON.stringify(mine)).not.toContain(PRIVATE.phone)
    })

    it('staff see it in the inbox with the private fields; me() tells who they are', async () => {
      const reviewer = board().client({ as: 'reviewer' })
      expect(await reviewer.inbox.me()).toEqual({ label: 'reviewer', roles: ['reviewer'], boardIds: expect.arrayContaining([PROVINCE, CITY, UNIT]) })
      const page = await reviewer.inbox.list({ status: 'pending', boardId: CITY })
      const listed = page.items.find((m) => m.id === id)
      expect(listed?.author).toMatchObject({ realName: PRIVATE.realName, phone: PRIVATE.phone })
      const one = await reviewer.inbox.get(id)
      expect(one).toMatchObject({ id, remark: PRIVATE.remark, place: { text: PRIVATE.place, public: false }, status: 'pending' })
    })

    it('accept (受理) publishes it without private fields and sets a deadline', async () => {
      const reviewer = board().client({ as: 'reviewer' })
      const accepted = await reviewer.messages.accept(id, '属于受理范围')
      expect(accepted).toMatchObject({ status: 'accepted', reviewedAt: expect.any(String), dueAt: expect.any(String) })

      const visible = await board().client().messages.get(id)
      expect(visible.status).toBe('accepted')
      expect(visible.author).toEqual({ nickname: '市民' })
      const text = JSON.stringify(visible)
      for (const secret of Object.values(PRIVATE)) expect(text).not.toContain(secret)
    })

    it('assign (交办) and transfer (转办) hand it to units', async () => {
      const assigned = await board().client({ as: 'reviewer' }).messages.assign(id, UNIT, '请住建局办理')
      expect(assigned).toMatchObject({ status: 'assigned', assigneeBoardId: UNIT })
      const transferred = await board().client({ as: 'handler' }).messages.transfer(id, OTHER_UNIT, '路灯归交通部门管理')
      expect(transferred).toMatchObject({ status: 'assigned', assigneeBoardId: OTHER_UNIT })
    })

    it('start, extend (延期), supervise (督办) and remind (催办)', async () => {
      const handler = board().client({ as: 'handler' })
      const supervisor = board().client({ as: 'supervisor' })
      const started = await handler.messages.start(id, '已派人查看')
      expect(started.status).toBe('processing')
      const extended = await handler.messages.extend(id, 3, '需要协调供电公司')
      expect(Date.parse(extended.dueAt!)).toBeGreaterThan(Date.parse(started.dueAt!))
      expect((await supervisor.messages.supervise(id, '群众反映强烈')).supervised).toBe(true)
      const reminded = await supervisor.messages.remind(id)
      expect(reminded.reminders).toBe(1)
      expect(reminded.timeline.map((e) => e.type)).toEqual(['submit', 'accept', 'assign', 'transfer', 'start', 'extend', 'supervise', 'remind'])
    })

    it('reply (回复), the author follows up (追问), reply again, reopen (退回), reply, close (办结)', async () => {
      const handler = board().client({ as: 'handler' })
      const replied = await handler.messages.reply(id, '您好，已安排维修，预计本周内修复。', '长春市交通运输局')
      expect(replied).toMatchObject({ status: 'replied', repliedAt: expect.any(String) })
      expect(replied.posts).toEqual([expect.objectContaining({ kind: 'reply', organization: '长春市交通运输局' })])

      const citizen = board().client()
      const tracked = await citizen.tracking.followUp(code, { content: '请问具体哪天能修好？' })
      expect(tracked).toMatchObject({ status: 'processing', canFollowUp: true })
      expect(tracked.posts.map((p) => p.kind)).toEqual(['reply', 'follow-up'])

      expect((await handler.messages.reply(id, '您好，已于周四修复。')).status).toBe('replied')
      expect((await board().client({ as: 'supervisor' }).messages.reopen(id, '答复未说明修复时间')).status).toBe('processing')
      // act() takes any action shape directly.
      expect((await handler.messages.act(id, { action: 'reply', content: '您好，已于周四晚八点修复，并加装了一盏路灯。' })).status).toBe('replied')
      const closed = await board().client({ as: 'reviewer' }).messages.close(id, '群众满意')
      expect(closed).toMatchObject({ status: 'closed', closedAt: expect.any(String) })
    })

    it('the author rates the handling once (评价); stats and the public list show it', async () => {
      const citizen = board().client()
      const rated = await citizen.tracking.evaluate(code, { overall: 5, resolution: 5, attitude: 4, speed: 4, comment: '修得很快' })
      expect(rated).toMatchObject({ status: 'closed', canEvaluate: false, evaluation: { overall: 5, resolution: 5, attitude: 4, speed: 4 } })

      const stats = await citizen.boards.stats(CITY)
      expect(stats).toMatchObject({ boardId: CITY, received: 1, replied: 1, replyRate: 1 })
      expect(stats.satisfaction).toMatchObject({ average: 5, count: 1 })
      expect((await citizen.boards.stats(PROVINCE)).received).toBe(1) // the province counts its city

      const closed = await citizen.messages.list({ boardId: PROVINCE, status: ['replied', 'closed'], type: 'complain', domain: 'urban', keyword: '路灯' })
      expect(closed.items.map((m) => m.id)).toEqual([id])
      const thread: PublicMessage = await citizen.messages.get(id)
      expect(thread.posts.map((p) => p.kind)).toEqual(['reply', 'follow-up', 'reply', 'reply'])
      expect(thread.timeline.map((e) => e.type)).toEqual([
        'submit', 'accept', 'assign', 'transfer', 'start', 'extend', 'supervise', 'remind',
        'reply', 'follow-up', 'reply', 'reopen', 'reply', 'close', 'evaluate',
      ])
      expect(thread.timeline.some((e) => 'note' in e)).toBe(false) // staff notes stay private
      expect(await citizen.messages.list({ status: 'pending' })).toEqual({ items: [], nextCursor: null })
    })

    it('reject (不予受理) ends a message; it never becomes public', async () => {
      const { id: other } = await board().store({ title: '咨询个人贷款利率问题' })
      const rejected = await board().client({ as: 'reviewer' }).messages.reject(other, '不属于本平台受理范围')
      expect(rejected).toMatchObject({ status: 'rejected', reviewedAt: expect.any(String) })
      const error = await caught(() => board().client().messages.get(other))
      expect(isNotFoundError(error)).toBe(true)
    })

    it('inbox filters: overdue, status, board scope', async () => {
      const admin = board().client({ as: 'admin' })
      expect((await admin.inbox.list({ overdue: true })).items).toEqual([]) // nothing is late yet
      const rejected = await admin.inbox.list({ status: 'rejected' })
      expect(rejected.items.map((m) => m.title)).toEqual(['咨询个人贷款利率问题'])
      expect((await board().client({ as: 'ministry' }).inbox.list()).items).toEqual([]) // another scope
    })
  })

  describe('trust: publication, redaction, refusals and reissued codes', () => {
    it('reject with a standard reason reaches the author; the bare string means other', async () => {
      const { id, trackingCode } = await board().store({ title: '电费咨询问题' })
      const reviewer = board().client({ as: 'reviewer' })
      await reviewer.messages.reject(id, { code: 'out_of_scope', reason: '请拨打95598咨询供电公司' })
      expect((await board().client().tracking.get(trackingCode)).rejection).toMatchObject({ code: 'out_of_scope', reason: '请拨打95598咨询供电公司', label: '不属于受理范围' })
      const other = await board().store({ title: '另一条咨询' })
      await reviewer.messages.reject(other.id, '其他原因')
      expect((await board().client().tracking.get(other.trackingCode)).rejection?.code).toBe('other')
    })

    it('redact, unpublish and publish; the public reads the public copy', async () => {
      const { id } = await board().store({ title: '桂林路井盖丢失', content: '我叫刘建国，桂林路18号门前的井盖丢了，晚上很危险。' })
      const reviewer = board().client({ as: 'reviewer' })
      await reviewer.messages.accept(id)
      const redacted = await reviewer.messages.redact(id, { content: '桂林路18号门前的井盖丢了，晚上很危险。' }, '隐去姓名')
      expect(redacted.publicCopy).toEqual({ content: '桂林路18号门前的井盖丢了，晚上很危险。' })
      const view = await board().client().messages.get(id)
      expect(view).toMatchObject({ redacted: true, content: '桂林路18号门前的井盖丢了，晚上很危险。' })
      await board().client({ as: 'supervisor' }).messages.unpublish(id, '待核实')
      expect(isNotFoundError(await caught(() => board().client().messages.get(id)))).toBe(true)
      await reviewer.messages.publish(id)
      expect((await board().client().messages.get(id)).id).toBe(id)
    })

    it('reissueTrackingCode answers the new code once; the old one is void', async () => {
      const { id, trackingCode } = await board().store({ title: '查询码遗失测试' })
      const { trackingCode: fresh, message } = await board().client({ as: 'supervisor' }).messages.reissueTrackingCode(id, '留言人来电，已核实身份')
      expect(fresh).not.toBe(trackingCode)
      expect(message.id).toBe(id)
      expect(message.timeline.at(-1)).toMatchObject({ type: 'reissue-code', note: '留言人来电，已核实身份' })
      expect(isNotFoundError(await caught(() => board().client().tracking.get(trackingCode)))).toBe(true)
      expect((await board().client().tracking.get(fresh)).id).toBe(id)
    })
  })
})
