/**
 * The SDK's staff exports against the real Board API (SQLite, loopback): files with their names,
 * the token's scope, errors as the SDK's error classes, and fileNameOf's reading of headers.
 */
import { workbookStream } from '@liuyan/server/node'
import { describe, expect, it } from 'vitest'
import { NotFoundError, UnprocessableEntityError } from '../src/index.js'
import { fileNameOf } from '../src/internal/transport.js'
import { caught, CITY, MINISTRY, PRIVATE, useBoard } from './board.js'

describe('exports (staff, real Board API)', () => {
  const board = useBoard({ handler: { exportWorkbook: workbookStream } })

  it('messages() downloads the subtree as CSV with its file name; private fields only when asked', async () => {
    const b = board()
    await b.store({ title: '桂林路路灯坏了两周' })
    const staff = b.client({ as: 'supervisor' })
    const file = await staff.exports.messages(CITY)
    expect(file.fileName).toBe(`liuyan-messages-${CITY}.csv`)
    expect(file.type).toBe('text/csv; charset=utf-8')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.body)
    expect(text.startsWith('\uFEFF编号,')).toBe(true)
    expect(text).toContain('桂林路路灯坏了两周')
    expect(text).not.toContain(PRIVATE.phone)
    const full = new TextDecoder().decode((await staff.exports.messages(CITY, { private: true, from: '2026-01-01' })).body)
    expect(full).toContain(PRIVATE.phone)
  })

  it('stats() downloads a workbook (a ZIP container) when asked for XLSX', async () => {
    const file = await board().client({ as: 'reviewer' }).exports.stats(CITY, { format: 'xlsx', locale: 'en' })
    expect(file.fileName).toBe(`liuyan-stats-${CITY}.xlsx`)
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect([...new Uint8Array(file.body).slice(0, 2)]).toEqual([0x50, 0x4b]) // "PK"
  })

  it('answers a board outside the token with NotFoundError and bad options with ValidationError', async () => {
    const staff = board().client({ as: 'ministry' })
    expect(await caught(() => staff.exports.messages(CITY))).toBeInstanceOf(NotFoundError)
    const error = await caught(() => staff.exports.messages(MINISTRY, { format: 'pdf' as 'csv' }))
    expect(error).toBeInstanceOf(UnprocessableEntityError)
    expect((error as UnprocessableEntityError).problem?.issues?.[0]?.path).toEqual(["format"])
  })

  it('fileNameOf prefers the UTF-8 name and falls back to the plain one', () => {
    expect(fileNameOf(`attachment; filename="a_.csv"; filename*=UTF-8''%E7%95%99%E8%A8%80.csv`)).toBe('留言.csv')
    expect(fileNameOf('attachment; filename="plain.csv"')).toBe('plain.csv')
    expect(fileNameOf(`attachment; filename*=UTF-8''%E0%A4%A; filename=bad.csv`)).toBe('bad.csv')
    expect(fileNameOf(null)).toBe('export')
  })
})
