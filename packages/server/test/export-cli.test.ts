import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NewMessageSchema, type Board } from '@liuyan/core'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoardService } from '../src/service.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import { randomTrackingKey } from '../src/tracking-key.js'
import { CLI, ensureBuilt } from './built.js'
import { parseCsv } from './csv.js'

// `liuyan-server export` as a child process from the built CLI, on a SQLite file made here.
const CITY: Board = { id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city', parentId: null, region: '220100', acceptsMessages: true }
const UNIT: Board = { id: '220102-zjj', name: '南关区住房和城乡建设局', kind: 'agency', level: 'unit', parentId: CITY.id, region: '220102', acceptsMessages: true }
const OTHER: Board = { id: 'mot', name: '交通运输部', kind: 'agency', level: 'ministry', parentId: null, region: '100000', acceptsMessages: true }

let dir: string
let db: string
const env = { ...process.env, LIUYAN_TRACKING_KEY: randomTrackingKey() }

beforeAll(async () => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'liuyan-export-'))
  db = join(dir, 'board.db')
  const clock = { at: new Date('2026-10-01T09:00:00+08:00') }
  const service = createBoardService({ store: createSqliteStore(db), now: () => clock.at, trackingKey: env.LIUYAN_TRACKING_KEY })
  await service.ready()
  await service.putBoards([CITY, UNIT, OTHER])
  const { token } = await service.createToken({ label: 'staff', roles: ['reviewer', 'handler'], boardIds: [CITY.id, OTHER.id] })
  const staff = (await service.authenticate(token))!
  const submit = async (at: string, boardId: string, title: string, content: string) => {
    clock.at = new Date(at)
    const { id } = await service.submit(NewMessageSchema.parse({
      boardId, type: 'complain', domain: 'urban', title, content, place: { text: '朝阳路12号3单元', public: false },
      author: { nickname: '市民', realName: '王小明', phone: '13812345678' }, remark: '白天不在家', publish: true,
    }))
    await service.act(staff, id, { action: 'accept' })
    return id
  }
  const first = await submit('2026-10-01T09:00:00+08:00', CITY.id, '=HYPERLINK("x")路灯', '@SUM(A1) 路灯坏了两周，联系电话13812345678。')
  await service.act(staff, first, { action: 'assign', boardId: UNIT.id })
  await submit('2026-10-20T09:00:00+08:00', UNIT.id, '电梯何时加装', '-1 老旧小区加装电梯什么时候开始，"急"，谢谢。')
  await submit('2026-10-21T09:00:00+08:00', OTHER.id, '部里的留言', '这条留言不在长春市的范围里面。')
  await service.store.close()
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'export', ...args], { env, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('liuyan-server export', () => {
  it('writes the messages of a board subtree as CSV, public fields only, formulas as text', () => {
    const result = cli('messages', '--board', CITY.id, '--db', db)
    expect(result).toMatchObject({ code: 0, stderr: 'liuyan-server export: 2 messages\n' })
    expect(result.stdout.startsWith('\uFEFF编号,留言对象,承办单位,类型,领域,状态,标题,内容,地点,')).toBe(true)
    const [head, ...rows] = parseCsv(result.stdout.slice(1))
    expect(head).not.toContain('姓名')
    const byTitle = (t: string) => rows.find((r) => r[6]!.includes(t))!
    const first = byTitle('HYPERLINK')
    expect(first.slice(1, 9)).toEqual(['长春市人民政府', '南关区住房和城乡建设局', '投诉', '城建', '已交办', `'=HYPERLINK("x")路灯`, "'@SUM(A1) 路灯坏了两周，联系电话138****5678。", ''])
    expect(byTitle('电梯')[7]).toBe(`'-1 老旧小区加装电梯什么时候开始，"急"，谢谢。`)
    expect(result.stdout).not.toMatch(/王小明|13812345678|白天不在家|朝阳路12号3单元|部里的留言/)
  })

  it('adds the private fields only with --private, and keeps to the date range', () => {
    const result = cli('messages', '--board', CITY.id, '--db', db, '--private', '--from', '2026-10-10', '--to', '2026-10-31', '--locale', 'en')
    expect(result.code).toBe(0)
    const [head, ...rows] = parseCsv(result.stdout.slice(1))
    expect(head!.slice(-4)).toEqual(['Name', 'Phone', 'Nickname', 'Remark'])
    expect(rows).toHaveLength(1)
    expect(rows[0]!.slice(-4)).toEqual(['王小明', '13812345678', '市民', '白天不在家'])
    expect(rows[0]![8]).toBe('朝阳路12号3单元')
    expect(rows[0]![5]).toBe('Accepted')
  })

  it('writes an XLSX workbook whose cells are text, never formulas', async () => {
    const out = join(dir, 'messages.xlsx')
    expect(cli('messages', '--board', CITY.id, '--db', db, '--format', 'xlsx', '--out', out).code).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const sheet = workbook.getWorksheet('留言')!
    expect(sheet.rowCount).toBe(3)
    const titles = [2, 3].map((r) => sheet.getRow(r).getCell(7))
    expect(titles.map((c) => c.type)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.String])
    expect(titles.map((c) => c.value).sort()).toEqual([`'=HYPERLINK("x")路灯`, '电梯何时加装'])
    const types = new Set<number>()
    sheet.eachRow((row) => row.eachCell((cell) => types.add(cell.type)))
    expect(types.has(ExcelJS.ValueType.Formula)).toBe(false)
  }, 60_000)

  it('writes statistics per board of the subtree', () => {
    const result = cli('stats', '--board', CITY.id, '--db', db)
    expect(result.code).toBe(0)
    const [head, ...rows] = parseCsv(result.stdout.slice(1))
    expect(head!.slice(0, 5)).toEqual(['单位编号', '单位', '受理', '按时受理', '已答复'])
    expect(rows.map((r) => r.slice(0, 3))).toEqual([[CITY.id, CITY.name, '2'], [UNIT.id, UNIT.name, '2']])
  })

  it('exits 2 on bad usage or an unknown board', () => {
    expect(cli('everything', '--board', CITY.id, '--db', db)).toMatchObject({ code: 2, stderr: expect.stringContaining('say what to export: messages or stats') })
    expect(cli('messages', '--db', db)).toMatchObject({ code: 2, stderr: expect.stringContaining('--board ID is required') })
    expect(cli('messages', '--board', CITY.id, '--db', db, '--from', 'yesterday')).toMatchObject({ code: 2, stderr: expect.stringContaining('--from must be a day') })
    expect(cli('stats', '--board', CITY.id, '--db', db, '--private')).toMatchObject({ code: 2 })
    expect(cli('messages', '--board', 'nowhere', '--db', db)).toMatchObject({ code: 2, stderr: expect.stringContaining('there is no board "nowhere"') })
  }, 60_000)
})
