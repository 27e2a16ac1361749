/**
 * The SDK's statistics against the real Board API (SQLite, loopback): a board's figures for a range
 * of days, the supervision table with a staff token, its scope, and ranges checked before sending.
 */
import { describe, expect, it } from 'vitest'
import { NotFoundError, UnprocessableEntityError, ValidationError } from '../src/index.js'
import { caught, CITY, useBoard } from './board.js'

describe('statistics (real Board API)', () => {
  const board = useBoard()

  it('stats() takes a range of China days; unitStats() answers the table of the board and its units', async () => {
    const b = board()
    await b.store()
    const all = await b.client().boards.stats(CITY)
    expect(all).toMatchObject({ boardId: CITY, medianReplyWorkingDays: null })
    expect(await b.client().boards.stats(CITY, { to: '2000-01-01' })).toMatchObject({ received: 0 })
    const table = await b.client({ as: 'supervisor' }).boards.unitStats(CITY, { from: '2026-01-01', units: 'subtree' })
    expect(table).toMatchObject({ boardId: CITY, from: '2026-01-01', to: null })
    expect(table.units[0]).toMatchObject({ boardId: CITY, depth: 0, received: all.received })
    expect(table.units.length).toBeGreaterThan(1)
  })

  it('answers a board outside the token with NotFoundError, and a reversed range before sending or from the server', async () => {
    const b = board()
    expect(await caught(() => b.client({ as: 'ministry' }).boards.unitStats(CITY))).toBeInstanceOf(NotFoundError)
    const local = await caught(() => b.client({ as: 'supervisor' }).boards.unitStats(CITY, { from: '2026-03-02', to: '2026-03-01' }))
    expect(local).toBeInstanceOf(ValidationError)
    expect((local as ValidationError).issues[0]).toMatchObject({ path: ['to'], code: 'invalid_range' })
    const remote = await caught(() => b.client({ validateQueries: false }).boards.stats(CITY, { from: '2026-03-02', to: '2026-03-01' }))
    expect(remote).toBeInstanceOf(UnprocessableEntityError)
    expect((remote as UnprocessableEntityError).problem?.issues?.[0]).toMatchObject({ path: ['to'], code: 'invalid_range' })
  })
})
