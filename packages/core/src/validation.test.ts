import { describe, expect, it } from 'vitest'
import { newMessage } from '../test/fixtures.js'
import { NewEvaluationSchema, StaffActionSchema, validate, validateNewMessage } from './index.js'

const cjk = (n: number) => '路'.repeat(n)
// U+20000 (𠀀) is a CJK Extension B character: two UTF-16 units, one character.
const extB = (n: number) => '𠀀'.repeat(n)
const emoji = (n: number) => '😀'.repeat(n)

function issuesOf(input: unknown, locale?: 'zh-CN' | 'zh-TW' | 'en') {
  const result = validateNewMessage(input, { locale })
  return result.success ? [] : result.issues
}

describe('validateNewMessage', () => {
  it('accepts the wire shape of a submission and applies defaults', () => {
    const result = validateNewMessage(newMessage({ publish: undefined }))
    expect(result.success).toBe(true)
    if (result.success) {
      expect(result.data.publish).toBe(false)
      expect(result.data.author.maskNickname).toBe(false)
    }
  })

  it.each([
    ['CJK', cjk],
    ['CJK extension B', extB],
    ['emoji', emoji],
  ])('counts %s characters as one each: title 21/22 pass, 23 fails; 3 fails, 4 passes', (_, make) => {
    expect(issuesOf(newMessage({ title: make(21) }))).toEqual([])
    expect(issuesOf(newMessage({ title: make(22) }))).toEqual([])
    expect(issuesOf(newMessage({ title: make(23) }))).toEqual([
      { path: ['title'], code: 'too_big', message: '标题不能超过22个字' },
    ])
    expect(issuesOf(newMessage({ title: make(3) }))).toEqual([
      { path: ['title'], code: 'too_small', message: '标题不能少于4个字' },
    ])
    expect(issuesOf(newMessage({ title: make(4) }))).toEqual([])
  })

  it('limits content to 10–1,000 characters after trimming', () => {
    expect(issuesOf(newMessage({ content: cjk(1000) }))).toEqual([])
    expect(issuesOf(newMessage({ content: `  ${emoji(1000)}\n` }))).toEqual([])
    expect(issuesOf(newMessage({ content: cjk(1001) }))[0]).toMatchObject({ code: 'too_big', message: '内容不能超过1000个字' })
    expect(issuesOf(newMessage({ content: cjk(9) }))[0]).toMatchObject({ code: 'too_small' })
    expect(issuesOf(newMessage({ content: `   ${cjk(9)}   ` }))[0]).toMatchObject({ code: 'too_small' })
    expect(issuesOf(newMessage({ content: cjk(10) }))).toEqual([])
  })

  it('trims text and treats whitespace-only as empty', () => {
    const result = validateNewMessage(newMessage({ title: '   小区路灯坏了\u3000 ' }))
    expect(result.success && result.data.title).toBe('小区路灯坏了')
    expect(issuesOf(newMessage({ title: ' \n\t ' }))).toEqual([{ path: ['title'], code: 'required', message: '请填写标题' }])
  })

  it('limits the nickname to 20 characters and checks the mobile number', () => {
    const author = (a: object) => newMessage({ author: { nickname: '市民', ...a } as never })
    expect(issuesOf(author({ nickname: cjk(20) }))).toEqual([])
    expect(issuesOf(author({ nickname: cjk(21) }))[0]).toMatchObject({ path: ['author', 'nickname'], message: '昵称不能超过20个字' })
    for (const phone of ['13812345678', '19912345678']) expect(issuesOf(author({ phone }))).toEqual([])
    for (const phone of ['12812345678', '1381234567', '138123456789', '+8613812345678', '1381234567a']) {
      expect(issuesOf(author({ phone }))).toEqual([
        { path: ['author', 'phone'], code: 'invalid_phone', message: '请填写正确的11位手机号码' },
      ])
    }
  })

  it('allows at most 5 image references', () => {
    const images = (n: number) => Array.from({ length: n }, (_, i) => `https://img.example/${i}.jpg`)
    expect(issuesOf(newMessage({ images: images(5) }))).toEqual([])
    expect(issuesOf(newMessage({ images: images(6) }))).toEqual([{ path: ['images'], code: 'too_big', message: '图片最多5项' }])
  })

  it('rejects unknown keys on input, at every level', () => {
    expect(issuesOf({ ...newMessage(), isAdmin: true })).toEqual([
      { path: ['isAdmin'], code: 'unknown_field', message: '不支持的字段“isAdmin”' },
    ])
    expect(issuesOf(newMessage({ author: { nickname: '市民', idCard: 'x' } as never }))[0]).toMatchObject({
      path: ['author', 'idCard'],
      code: 'unknown_field',
    })
  })

  it('names missing and invalid choices in words a citizen understands', () => {
    const { type: _, ...noType } = newMessage()
    expect(issuesOf(noType)).toEqual([{ path: ['type'], code: 'required', message: '请选择留言类型' }])
    expect(issuesOf(newMessage({ domain: 'sports' as never }))).toEqual([
      { path: ['domain'], code: 'invalid_option', message: '请选择有效的留言领域' },
    ])
    expect(issuesOf(null)).toEqual([{ path: [], code: 'invalid_type', message: '提交的内容格式不正确' }])
    expect(issuesOf(newMessage({ title: 42 as never }))[0]).toMatchObject({ code: 'invalid_type', message: '标题的格式不正确' })
  })

  it('speaks zh-TW and en', () => {
    const long = newMessage({ title: cjk(23), author: { nickname: '市民', phone: '123' } })
    expect(issuesOf(long, 'zh-TW').map((i) => i.message)).toEqual(['標題不能超過22個字', '請填寫正確的11位手機號碼'])
    expect(issuesOf(long, 'en').map((i) => i.message)).toEqual([
      'The title must be at most 22 characters.',
      'Please enter a valid 11-digit mainland mobile number.',
    ])
  })

  it('never repeats the private values it rejects', () => {
    const issues = issuesOf(newMessage({ author: { nickname: '市民', realName: cjk(31), phone: '1381234567' } }), 'en')
    expect(JSON.stringify(issues)).not.toMatch(/1381234567|路{31}/)
  })
})

describe('validate (any schema)', () => {
  it('localizes evaluations and staff actions', () => {
    const evaluation = validate(NewEvaluationSchema, { overall: 6, resolution: 4.5, attitude: 3 }, { locale: 'zh-CN' })
    expect(evaluation.success ? [] : evaluation.issues).toEqual([
      { path: ['overall'], code: 'too_big', message: '总体评价不能大于5' },
      { path: ['resolution'], code: 'not_integer', message: '解决程度必须是整数' },
      { path: ['speed'], code: 'required', message: '请选择办理速度' },
    ])
    const transfer = validate(StaffActionSchema, { action: 'transfer', boardId: 'b2' }, { locale: 'en' })
    expect(transfer.success ? [] : transfer.issues).toEqual([{ path: ['reason'], code: 'required', message: 'Please enter the reason.' }])
    const unknown = validate(StaffActionSchema, { action: 'delete' })
    expect(unknown.success ? [] : unknown.issues).toEqual([{ path: ['action'], code: 'invalid_option', message: '请选择有效的操作' }])
  })

  it('lets callers rename a field', () => {
    const result = validate(NewEvaluationSchema, { overall: 5, resolution: 5, attitude: 5, speed: 5, comment: ' ' }, {
      labels: { comment: '您的意见' },
    })
    expect(result.success ? [] : result.issues).toEqual([{ path: ['comment'], code: 'required', message: '请填写您的意见' }])
  })
})
