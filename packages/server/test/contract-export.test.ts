/**
 * The staff exports over HTTP (督查 reports), on every store: the messages and statistics of a
 * board subtree as CSV and XLSX, public fields unless `private=true`, formulas opened as text, the
 * token's scope, localized errors, and the same rows the CLI writes (both go through one plan).
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { workbookStream } from '../src/node.js'
import { parseCsv } from './csv.js'
import {
  ADMIN_TOKEN,
  CITY,
  CLOSED_BOARD,
  conformanceTest,
  COUNTY,
  expectProblem,
  inNode,
  MINISTRY,
  OTHER_UNIT,
  PRIVATE,
  STORES,
  tokenOf,
  UNIT,
  UNIT_HANDLER_TOKEN,
  useBoard,
  type TestBoard,
} from './harness.js'

const DAY = 86_400_000
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The rows of a CSV answer (fetch's text() has dropped the byte-order mark): heading, then one row per message. */
function rowsOf(text: string): string[][] {
  return parseCsv(text)
}

describe.each(STORES)('staff exports (%s store)', (kind) => {
  const board = useBoard(kind, { handler: { exportWorkbook: workbookStream } })
  let arranged = false

  /** Three messages in the city (one assigned to the unit), a day apart, and one of the ministry. */
  async function arrange(b: TestBoard) {
    if (arranged) return
    arranged = true
    await b.arrange('accepted', { title: '=HYPERLINK("x")路灯', content: '@SUM(A1) 小区门口的路灯坏了两个星期，晚上出行很不方便。' })
    b.clock.advance(DAY)
    const assigned = await b.arrange('accepted', { title: '老旧小区加装电梯', content: '-1 老旧小区加装电梯什么时候开始，"急"，谢谢。' })
    await b.act(assigned.id, { action: 'assign', boardId: UNIT })
    b.clock.advance(DAY)
    await b.arrange('pending', { title: '公交站牌看不清', content: '公交站牌上的字已经褪色，老人看不清楚，请更换。' })
    await b.arrange('pending', { boardId: MINISTRY, title: '部里的留言', content: '这条留言属于交通运输部，不在长春市的范围里。' })
  }

  it('streams the messages of a subtree as CSV: public fields, formulas as text, a download name, no-store', async () => {
    const b = board()
    await arrange(b)
    const reply = await b.get(`/boards/${CITY}/export/messages`, { token: ADMIN_TOKEN, headers: { Origin: 'https://www.jl.gov.cn' } })
    expect(reply.status, reply.text).toBe(200)
    expect(reply.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(reply.headers.get('Content-Disposition')).toBe(`attachment; filename="liuyan-messages-${CITY}.csv"; filename*=UTF-8''liuyan-messages-${CITY}.csv`)
    expect(reply.headers.get('Cache-Control')).toBe('no-store')
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('https://www.jl.gov.cn')
    expect(reply.headers.get('Access-Control-Expose-Headers')).toContain('Content-Disposition')
    const [head, ...rows] = rowsOf(reply.text)
    expect(head!.slice(0, 8)).toEqual(['编号', '留言对象', '承办单位', '类型', '领域', '状态', '标题', '内容'])
    expect(head).not.toContain('姓名')
    expect(rows.map((r) => r[6]).sort()).toEqual(["'=HYPERLINK(\"x\")路灯", '公交站牌看不清', '老旧小区加装电梯'])
    expect(rows.find((r) => r[6] === '老旧小区加装电梯')!.slice(2, 8)).toEqual(['南关区住房和城乡建设局', '投诉', '城建', '已交办', '老旧小区加装电梯', `'-1 老旧小区加装电梯什么时候开始，"急"，谢谢。`])
    for (const value of Object.values(PRIVATE)) expect(reply.text).not.toContain(value)
    expect(reply.text).not.toContain('部里的留言')
    for (const entry of b.logs) for (const value of Object.values(PRIVATE)) expect(JSON.stringify(entry)).not.toContain(value)
    // The bytes start with a UTF-8 byte-order mark, so spreadsheet programs read the Chinese right.
    const bytes = new Uint8Array(await (await fetch(`${b.base}/boards/${CITY}/export/messages`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it('adds the private fields with private=true, and keeps to a range of days', async () => {
    const b = board()
    await arrange(b)
    const all = rowsOf((await b.get(`/boards/${CITY}/export/messages?private=true`, { token: tokenOf('supervisor') })).text)
    expect(all[0]!.slice(-4)).toEqual(['姓名', '电话', '昵称', '备注'])
    expect(all.slice(1).map((r) => r.slice(-4))).toEqual(Array(3).fill([PRIVATE.realName, PRIVATE.phone, '市民', PRIVATE.remark]))
    // The second message was submitted on 2026-03-03 (China time): from and to that day is it alone.
    const day = await b.get(`/boards/${CITY}/export/messages?from=2026-03-03&to=2026-03-03`, { token: ADMIN_TOKEN })
    expect(day.headers.get('Content-Disposition')).toContain(`liuyan-messages-${CITY}-2026-03-03-2026-03-03.csv`)
    expect(rowsOf(day.text).slice(1).map((r) => r[6])).toEqual(['老旧小区加装电梯'])
    const since = rowsOf((await b.get(`/boards/${CITY}/export/messages?from=2026-03-03T12:00:00%2B08:00`, { token: ADMIN_TOKEN })).text)
    expect(since.slice(1).map((r) => r[6])).toEqual(['公交站牌看不清'])
  })

  // Workbooks need Node (exceljs); a worker answers 501, as the block below checks.
  it.skipIf(!inNode(kind))('writes an XLSX workbook whose text cells are strings, never formulas, headed in the language asked', async () => {
    const b = board()
    await arrange(b)
    const response = await fetch(`${b.base}/boards/${CITY}/export/messages?format=xlsx&locale=en`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe(XLSX)
    expect(response.headers.get('Content-Disposition')).toContain('.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.getWorksheet('Messages')!
    expect(sheet.getRow(1).getCell(7).value).toBe('Title')
    expect(sheet.rowCount).toBe(4)
    const types = new Set<number>()
    sheet.eachRow((row) => row.eachCell((cell) => types.add(cell.type)))
    expect(types.has(ExcelJS.ValueType.Formula)).toBe(false)
    const titles = [2, 3, 4].map((n) => sheet.getRow(n).getCell(7).value)
    expect(titles).toContain("'=HYPERLINK(\"x\")路灯")
  })

  it('exports statistics: one row for the board, then one per board below it', async () => {
    const b = board()
    await arrange(b)
    const reply = await b.get(`/boards/${COUNTY}/export/stats`, { token: ADMIN_TOKEN, lang: 'en' })
    expect(reply.status, reply.text).toBe(200)
    const [head, ...rows] = rowsOf(reply.text)
    expect(head!.slice(0, 3)).toEqual(['Board ID', 'Board', 'Received'])
    expect(rows.map((r) => r[0])).toEqual([COUNTY, OTHER_UNIT, CLOSED_BOARD, UNIT])
    expect(rows.find((r) => r[0] === UNIT)![2]).toBe('1')
    expect(rows.find((r) => r[0] === OTHER_UNIT)![2]).toBe('0')
  })

  it('keeps to the token’s boards: another scope answers 404, no token 401, a unit’s handler only its unit', async () => {
    const b = board()
    await arrange(b)
    expectProblem(await b.get(`/boards/${CITY}/export/messages`, { token: tokenOf('reviewer', 'ministry') }), 404, 'not_found')
    expectProblem(await b.get(`/boards/${CITY}/export/stats`, { token: tokenOf('reviewer', 'ministry') }), 404, 'not_found')
    expectProblem(await b.get(`/boards/${CITY}/export/messages`), 401, 'unauthorized')
    expectProblem(await b.get(`/boards/${CITY}/export/messages`, { token: UNIT_HANDLER_TOKEN }), 404, 'not_found')
    expectProblem(await b.get('/boards/no-such-board/export/messages', { token: ADMIN_TOKEN }), 404, 'not_found')
    const unit = await b.get(`/boards/${UNIT}/export/messages?private=true`, { token: UNIT_HANDLER_TOKEN })
    expect(rowsOf(unit.text).slice(1).map((r) => r[6])).toEqual(['老旧小区加装电梯'])
    const ministry = await b.get(`/boards/${MINISTRY}/export/messages`, { token: tokenOf('reviewer', 'ministry') })
    expect(rowsOf(ministry.text).slice(1).map((r) => r[6])).toEqual(['部里的留言'])
  })

  it('answers a bad format, day or flag with localized 422s', async () => {
    const b = board()
    const bad = await b.get(`/boards/${CITY}/export/messages?format=pdf&from=2026-02-30&private=maybe`, { token: ADMIN_TOKEN, lang: 'en' })
    expectProblem(bad, 422, 'validation_failed')
    expect(bad.body.issues.map((i: { path: string[] }) => i.path.join('.')).sort()).toEqual(['format', 'from', 'private'])
    const zh = await b.get(`/boards/${CITY}/export/stats?format=pdf`, { token: ADMIN_TOKEN })
    expectProblem(zh, 422, 'validation_failed')
    expect(zh.body.issues[0].message).toMatch(/[\u4e00-\u9fff]/)
  })

  conformanceTest()
})

describe('staff exports where workbooks cannot be written', () => {
  // A handler without exportWorkbook, as in a worker: in workerd itself in the server-workerd project.
  const board = useBoard(STORES[0] === 'workerd' ? 'workerd' : 'memory')

  it('answers format=xlsx with a localized 501 and still streams CSV', async () => {
    const b = board()
    const reply = await b.get(`/boards/${CITY}/export/stats?format=xlsx`, { token: ADMIN_TOKEN, lang: 'en' })
    expectProblem(reply, 501, 'workbook_unavailable')
    expect(reply.body.title).toBe('This server does not write XLSX exports; ask for CSV')
    expect((await b.get(`/boards/${CITY}/export/stats`, { token: ADMIN_TOKEN })).status).toBe(200)
  })

  conformanceTest()
})
