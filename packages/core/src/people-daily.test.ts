import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fromPeopleDailyItem, PublicMessageSchema } from './index.js'

// Source: test/fixtures (a public scraper's record of the People's Daily board; see its README).
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), "utf8"))

describe('fromPeopleDailyItem', () => {
  it('maps the sample legacy list item to a public message', () => {
    const item = fixture('liuyan_legacy_queryThreadsList_item.json')
    const message = fromPeopleDailyItem(item)
    expect(PublicMessageSchema.safeParse(message).success).toBe(true)
    expect(message).toMatchObject({
      id: '9024562',
      boardId: 'rmw-3611',
      type: 'complain',
      domain: 'urban',
      title: '新兴路成为混凝土公司专用道路面损严重',
      author: { nickname: '陈***' },
      status: 'accepted',
      channel: 'web',
      createdAt: '2021-01-18T15:22:27.000Z',
      publishedAt: '2021-01-19T10:48:57.000Z',
      posts: [],
    })
    expect(message.content.startsWith('新兴路自2008年修建完成')).toBe(true)
    expect(message.evaluation).toBeUndefined()
    expect(message.timeline.map((e) => e.type)).toEqual(['submit', 'accept'])
    expect(JSON.stringify(message)).not.toContain('124.227.4')
  })

  it('maps an answered and rated record with its reply and scores', () => {
    const item = {
      ...fixture('liuyan_legacy_queryThreadsList_item.json'),
      stateInfo: '已办理',
      answerId: 77,
      answerContent: '您好，经核实，已责成相关企业限载通行并修复路面。如有疑问请致电13812345678。',
      answerDateline: 1612000000,
      answerOrganization: '灵山县交通运输局',
      grade: 5, gradeLevel: 4, gradeManner: 5, gradeSpeed: 3,
    }
    const message = fromPeopleDailyItem(item, { boardId: (fid, name) => `pd-${fid}-${name}` })
    expect(message.boardId).toBe('pd-3611-灵山县委书记')
    expect(message.status).toBe('replied')
    expect(message.posts).toEqual([
      {
        kind: 'reply', id: '77', organization: '灵山县交通运输局',
        content: '您好，经核实，已责成相关企业限载通行并修复路面。如有疑问请致电138****5678。',
        createdAt: '2021-01-30T09:46:40.000Z',
      },
    ])
    expect(message.evaluation).toEqual({ overall: 5, resolution: 4, attitude: 5, speed: 3 })
  })

  it('files unknown domains under other and refuses unknown types unless told how', () => {
    const base = fixture('liuyan_legacy_queryThreadsList_item.json')
    expect(fromPeopleDailyItem({ ...base, domainName: '体育' }).domain).toBe('other')
    expect(fromPeopleDailyItem({ ...base, typeName: '投诉/求助' }).type).toBe('complain')
    expect(() => fromPeopleDailyItem({ ...base, typeName: '两会' })).toThrow(/两会.*fallback type/)
    expect(fromPeopleDailyItem({ ...base, typeName: '两会' }, { fallbackType: 'suggest' }).type).toBe('suggest')
    expect(() => fromPeopleDailyItem({ tid: 1 })).toThrow(expect.objectContaining({ code: 'invalid_import' }))
  })

  it('reads the flattened records of crawls (the Zhejiang sample) like list items', () => {
    const message = fromPeopleDailyItem(fixture('liuyan_zhejiang_flattened_record.json'))
    expect(PublicMessageSchema.safeParse(message).success).toBe(true)
    expect(message).toMatchObject({
      id: '25275456',
      boardId: 'rmw-14',
      type: 'complain',
      domain: 'agriculture',
      title: '凤鸣山山林改变用途',
      author: { nickname: '网友' },
      status: 'replied',
      channel: 'import',
      // 2026-05-12, a day in China.
      createdAt: '2026-05-11T16:00:00.000Z',
      posts: [],
    })
    expect(message.content.startsWith('凤鸣山北侧')).toBe(true)
    // gManner and gSpeed alone are not a whole evaluation.
    expect(message.evaluation).toBeUndefined()
    expect(JSON.stringify(message)).not.toContain('39.174.40')
  })
})

it('refuses a record that makes no valid message with a core error, not a crash', () => {
  const base = JSON.parse(readFileSync(new URL('../test/fixtures/liuyan_legacy_queryThreadsList_item.json', import.meta.url), 'utf8'))
  expect(() => fromPeopleDailyItem({ ...base, nickName: '一个非常非常非常非常非常非常长的网名超过了二十个字' })).toThrow(
    expect.objectContaining({ code: 'invalid_import', message: 'Record 9024562 does not make a valid message: check author.nickname.' }),
  )
})
