/**
 * The SDK's staff tools against the real Board API (SQLite, loopback): reply templates, bulk
 * accept and assign with a result per message, the inbox's counts, and their errors as the SDK's
 * error classes.
 */
import { fillReplyTemplate, replyTemplateValues } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { NotFoundError, PermissionDeniedError, UnprocessableEntityError, ValidationError } from '../src/index.js'
import { caught, CITY, CLOSED_BOARD, MINISTRY, UNIT, useBoard } from './board.js'

describe('staff tools (real Board API)', () => {
  const board = useBoard()

  it('templates: a supervisor writes, any staff lists the board’s and its ancestors’, and a reply is filled from one', async () => {
    const b = board()
    const supervisor = b.client({ as: 'supervisor' })
    const city = await supervisor.templates.create(CITY, { name: '已办理', text: '{nickname}您好，您反映的“{title}”已由{unit}办理。' })
    const unit = await supervisor.templates.create(UNIT, { name: '局内', text: '您好。' })
    const { items } = await b.client({ as: 'handler' }).templates.list(UNIT)
    expect(items.map((t) => t.id)).toEqual([unit.id, city.id])
    const updated = await supervisor.templates.update(unit.id, { name: '局内答复', text: '您好，{date}。' })
    expect(updated).toMatchObject({ id: unit.id, name: '局内答复', updatedBy: 'supervisor' })
    expect(await supervisor.templates.delete(unit.id)).toEqual(updated)
    expect(await caught(() => supervisor.templates.delete(unit.id))).toBeInstanceOf(NotFoundError)
    expect(await caught(() => b.client({ as: 'handler' }).templates.create(CITY, { name: 'x', text: 'y' }))).toBeInstanceOf(PermissionDeniedError)
    expect(await caught(() => b.client({ as: 'ministry' }).templates.list(CITY))).toBeInstanceOf(NotFoundError)
    // Checked with core's rules before anything is sent.
    const invalid = await caught(() => supervisor.templates.create(CITY, { name: '有误', text: '{phone}' }))
    expect(invalid).toBeInstanceOf(ValidationError)
    expect((invalid as ValidationError).issues[0]).toMatchObject({ path: ['text'], code: 'unknown_placeholder' })

    const { id } = await b.store({ title: '桂林路路灯坏了', author: { nickname: '市民', realName: '王小明' } })
    const message = await b.client({ as: 'admin' }).inbox.get(id)
    const text = fillReplyTemplate(city.text, replyTemplateValues(message, { unit: '长春市住房和城乡建设局', now: new Date() }))
    expect(text).toBe('市民您好，您反映的“桂林路路灯坏了”已由长春市住房和城乡建设局办理。')
  })

  it('bulk: accepts and assigns with a result per message; counts follow', async () => {
    const b = board()
    const a = await b.store()
    const c = await b.store()
    const ministry = await b.store({ boardId: MINISTRY })
    const reviewer = b.client({ as: 'reviewer' })
    const before = await reviewer.inbox.counts({ boardId: CITY })
    const accepted = await reviewer.inbox.bulkAccept([a.id, ministry.id, c.id], '批量受理')
    expect(accepted.results).toEqual([
      { id: a.id, ok: true, status: 'accepted' },
      { id: ministry.id, ok: false, problem: { status: 404, code: 'not_found', title: '找不到请求的内容' } },
      { id: c.id, ok: true, status: 'accepted' },
    ])
    const assigned = await reviewer.inbox.bulkAssign([a.id, c.id], UNIT)
    expect(assigned.results.map((r) => r.ok && r.status)).toEqual(['assigned', 'assigned'])
    const after = await reviewer.inbox.counts({ boardId: CITY })
    expect(after.statuses.pending).toBe(before.statuses.pending - 2)
    expect(after.statuses.assigned).toBe(before.statuses.assigned + 2)
    expect(after.total).toBe(before.total)
    expect(await caught(() => b.client({ as: 'handler' }).inbox.bulkAccept([a.id]))).toBeInstanceOf(PermissionDeniedError)
    expect(await caught(() => reviewer.inbox.bulkAssign([a.id], CLOSED_BOARD))).toBeInstanceOf(UnprocessableEntityError)
    expect(await caught(() => reviewer.inbox.bulkAccept([]))).toBeInstanceOf(ValidationError)
    expect(await caught(() => b.client({ as: 'ministry' }).inbox.counts({ boardId: CITY }))).toBeInstanceOf(NotFoundError)
  })
})
