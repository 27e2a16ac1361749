/**
 * The SDK's hot spots against the real Board API (SQLite, loopback): the heat table, the groups
 * of similar messages, a group's members page by page, the duplicate link, and a token of another
 * scope answered with NotFoundError.
 */
import { describe, expect, it } from 'vitest'
import { NotFoundError, PermissionDeniedError, UnprocessableEntityError, ValidationError } from '../src/index.js'
import { caught, CITY, MINISTRY, PROVINCE, useBoard } from './board.js'

describe('hot spots (staff, real Board API)', () => {
  const board = useBoard()
  const ids: string[] = []

  async function arrange() {
    if (ids.length > 0) return
    const b = board()
    for (const [title, content] of [
      ['朝阳路路灯不亮', '朝阳路与建设街交汇处的路灯已经一个星期不亮了，晚上出行很不安全。'],
      ['朝阳路路灯坏了', '朝阳路与建设街交汇处的路灯坏了一个星期，晚上出行很不安全，请尽快修。'],
      ['医院挂号太难', '市医院挂号太难了，凌晨排队也挂不上专家号，希望增加号源。'],
    ] as const) {
      ids.push((await b.store({ title, content })).id)
    }
  }

  it('heat() counts by domain × region × month; groups() finds the two similar messages', async () => {
    await arrange()
    const staff = board().client({ as: 'supervisor' })
    const heat = await staff.hotspots.heat(PROVINCE)
    expect(heat.boardId).toBe(PROVINCE)
    // The twelve months up to the current one, in which the three were sent.
    expect(heat.months).toHaveLength(12)
    expect(heat.rows).toEqual([{ region: '220100', domain: 'urban', counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3] }])
    const { items } = await staff.hotspots.groups(CITY)
    expect(items).toEqual([expect.objectContaining({ id: ids[0], count: 2, more: false, places: [{ region: '220100', count: 2 }] })])
    expect(items[0]!.latest).toMatchObject({ id: ids[1], title: '朝阳路路灯坏了' })
  })

  it('groupMessages() pages through the members newest first', async () => {
    await arrange()
    const staff = board().client({ as: 'reviewer' })
    const seen: string[] = []
    for await (const message of staff.hotspots.groupMessages(CITY, ids[1]!, { limit: 1 })) seen.push(message.id)
    expect(seen).toEqual([ids[1], ids[0]])
  })

  it('linkDuplicate() marks the duplicate, shown on the public thread; other scopes and roles are refused', async () => {
    await arrange()
    const b = board()
    const linked = await b.client({ as: 'reviewer' }).hotspots.linkDuplicate(ids[1]!, { of: ids[0]!, note: '同一路口' })
    expect(linked.duplicateOf).toBe(ids[0])
    expect(linked.timeline.at(-1)).toMatchObject({ type: 'duplicate', duplicateOf: ids[0], note: '同一路口' })
    expect(await caught(() => b.client({ as: 'handler' }).hotspots.linkDuplicate(ids[2]!, { of: ids[0]! }))).toBeInstanceOf(PermissionDeniedError)
    expect(await caught(() => b.client({ as: 'ministry' }).hotspots.groups(CITY))).toBeInstanceOf(NotFoundError)
    expect(await caught(() => b.client({ as: 'ministry' }).hotspots.heat(MINISTRY, { from: '2026-13' }))).toBeInstanceOf(UnprocessableEntityError)
    expect(await caught(() => b.client({ as: 'reviewer' }).hotspots.linkDuplicate(ids[2]!, { of: '' }))).toBeInstanceOf(ValidationError)
  })
})
