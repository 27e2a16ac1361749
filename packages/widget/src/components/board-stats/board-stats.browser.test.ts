import { satisfactionLabel, type BoardStats } from '@liuyan/core'
import type { MswBoard } from '@liuyan/server/msw'
import { beforeAll, describe, expect, it } from 'vitest'
import { page } from 'vitest/browser'
import '../../define.js'
import { API, breakApi, expectAccessible, mount, startBoard, until } from '../../test-utils.js'
import type { LiuyanBoardStats } from './board-stats.js'

const BOARD = '220100-gov'
let board: MswBoard

beforeAll(async () => {
  board = await startBoard()
  document.documentElement.lang = 'zh-CN'
})

async function mountStats(attrs = ''): Promise<LiuyanBoardStats> {
  const el = mount<LiuyanBoardStats>(`<liuyan-board-stats api="${API}" board="${BOARD}" ${attrs}></liuyan-board-stats>`)
  await el.updateComplete
  await until(() => el.shadowRoot!.querySelector('[part=figures], [role=alert]'), 10_000, 'the figures')
  await el.updateComplete // and their chart, a frame later
  return el
}
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)]
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
/** The figures as label → value. */
const figures = (el: Element) => Object.fromEntries($$(el, '[part=figures] > div').map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]))

describe('<liuyan-board-stats>', () => {
  it('shows the same figures as the server, through Intl', async () => {
    const el = await mountStats()
    const s: BoardStats = await board.service.stats(BOARD)
    expect(s.received).toBeGreaterThan(0)
    expect(s.medianReplyWorkingDays).not.toBeNull()
    expect(s.satisfaction.average).not.toBeNull()
    const pct = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(s.replyRate)
    const avg = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(s.satisfaction.average!)
    expect(figures(el)).toEqual({
      受理留言: String(s.received),
      已答复: String(s.replied),
      答复率: pct,
      '答复用时（中位数）': `${new Intl.NumberFormat('zh-CN').format(s.medianReplyWorkingDays!)} 个工作日`,
      超期未答复: String(s.overdue),
      满意度: `${avg} · ${satisfactionLabel(s.satisfaction.average!)} ${s.satisfaction.count} 条评价`,
    })
    expect(figures(el)['答复用时（中位数）']).toMatch(/^\d+(\.5)? 个工作日$/)
    await expectAccessible(el)
  })

  it('draws the satisfaction distribution as an image with a summary, and a table of the numbers, without style attributes', async () => {
    const el = await mountStats()
    const d = (await board.service.stats(BOARD)).satisfaction
    const chart = $(el, 'svg[role=img]')!
    expect(chart.getAttribute('aria-label')).toContain(`共 ${d.count} 条评价`)
    const bars = $$(el, 'rect.bar').map((r) => Number(r.getAttribute('width')))
    const counts = [5, 4, 3, 2, 1].map((n) => d.distribution[n as 1 | 2 | 3 | 4 | 5])
    const max = Math.max(...counts)
    expect(bars).toEqual(counts.map((c) => (150 * c) / max))
    const rows = $$(el, 'table tbody tr').map((tr) => [text(tr.querySelector('th')), text(tr.querySelector('td'))])
    expect(rows).toEqual([5, 4, 3, 2, 1].map((n, i) => [`${n} 分（${satisfactionLabel(n)}）`, String(counts[i])]))
    expect(el.shadowRoot!.querySelectorAll('[style]')).toHaveLength(0)
    await expectAccessible(el)
  })

  it('speaks English', async () => {
    const el = await mountStats('lang="en"')
    const s = await board.service.stats(BOARD)
    expect(text($(el, '#title'))).toBe('Handling statistics')
    expect(figures(el)['Reply rate']).toBe(new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(s.replyRate))
    expect(figures(el)['Median time to reply']).toMatch(/^\d+(\.5)? working days$/)
    expect($(el, 'svg')!.getAttribute('aria-label')).toMatch(/^Chart of satisfaction ratings/)
    await expectAccessible(el)
  })

  it('says what to do when the API is down, and retries', async () => {
    const restore = await breakApi()
    const el = await mountStats()
    expect(text($(el, '[role=alert]'))).toContain('无法连接留言板')
    await expectAccessible(el)
    restore()
    await page.getByRole('button', { name: '重试' }).click()
    await until(() => $(el, '[part=figures]'), 8000, 'the figures after retrying')
    // Focus moves once the figures and their chart are drawn.
    await until(() => el.shadowRoot!.activeElement?.id === 'title', 2000, 'focus on the title')
  })

  it('is large in elder mode and passes axe in both themes', async () => {
    const el = await mountStats('size="large"')
    for (const node of $$(el, 'dt, dd, dd span, figcaption')) expect(parseFloat(getComputedStyle(node).fontSize)).toBeGreaterThanOrEqual(18)
    for (const theme of ['dark', 'light']) {
      el.setAttribute('theme', theme)
      await el.updateComplete
      await expectAccessible(el)
    }
  })
})
