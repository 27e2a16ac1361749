import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { newMessage, storedMessage } from '../test/fixtures.js'
import {
  NewEvaluationSchema,
  NewFollowUpSchema,
  NewMessageSchema,
  SCHEMA_NAMES,
  toJSONSchema,
  toPublicMessage,
  validate,
} from './index.js'

function ajv() {
  const instance = new Ajv2020({ strict: true, allErrors: true })
  ;(addFormats as unknown as (a: Ajv2020) => void)(instance)
  return instance
}

describe('JSON Schema export', () => {
  it.each(SCHEMA_NAMES.map((n) => [n]))('schema/%s.json is in sync with the zod schema', (name) => {
    const file = new URL(`../schema/${name}.json`, import.meta.url)
    const committed = JSON.parse(readFileSync(file, 'utf8'))
    expect(committed, `run "npm run schemas -w @liuyan/core" to regenerate ${name}.json`).toEqual(toJSONSchema(name))
  })

  it.each(SCHEMA_NAMES.map((n) => [n]))('%s compiles under Ajv strict mode (draft 2020-12)', (name) => {
    expect(() => ajv().compile(toJSONSchema(name))).not.toThrow()
  })

  // Every input is fed to both validators; each case also says what the server does with it, so a
  // case where the two agree by both being wrong fails too.
  const submissions: [label: string, input: unknown, accepted: boolean][] = [
    ['a realistic submission', newMessage(), true],
    ['22 emoji in the title (code points, not UTF-16 units)', newMessage({ title: '😀'.repeat(22) }), true],
    ['23 emoji in the title', newMessage({ title: '😀'.repeat(23) }), false],
    ['a title of 2 characters', newMessage({ title: '路灯' }), false],
    ['a title of exactly 4 characters', newMessage({ title: '路灯坏了' }), true],
    ['a title of spaces only', newMessage({ title: '        ' }), false],
    ['a title of full-width spaces only', newMessage({ title: '\u3000\u3000\u3000\u3000\u3000' }), false],
    ['a title of tabs and newlines only', newMessage({ title: '\t\n\r\n\t' }), false],
    ['a title of no-break spaces and a BOM', newMessage({ title: '\u00a0\u00a0\ufeff\u2003\u2003' }), false],
    ['a title of 2 characters padded to 8', newMessage({ title: '   路灯   ' }), false],
    ['a title padded around 4 characters', newMessage({ title: '  路灯坏了  ' }), true],
    ['a 22-character title padded past 22', newMessage({ title: ` ${'灯'.repeat(22)}\n` }), true],
    ['a 23-character title', newMessage({ title: '灯'.repeat(23) }), false],
    ['a title with inner spaces', newMessage({ title: '路 灯 坏 了' }), true],
    ['a title with 2 characters and inner spaces', newMessage({ title: '路    灯' }), true],
    ['content of spaces only', newMessage({ content: ' '.repeat(40) }), false],
    ['content of newlines only', newMessage({ content: '\n'.repeat(40) }), false],
    ['content of 9 characters padded', newMessage({ content: `\n\n${'字'.repeat(9)}\n\n` }), false],
    ['content of exactly 10 characters', newMessage({ content: '字'.repeat(10) }), true],
    ['content of 1000 characters and a trailing newline', newMessage({ content: `${'字'.repeat(1000)}\n` }), true],
    ['content of 1001 characters', newMessage({ content: '字'.repeat(1001) }), false],
    ['a nickname of spaces', newMessage({ author: { nickname: '   ' } }), false],
    ['a nickname of one character', newMessage({ author: { nickname: '王' } }), true],
    ['a real name of spaces', newMessage({ author: { nickname: '市民', realName: ' \t ' } }), false],
    ['a place of spaces', newMessage({ place: { text: '   ', public: true } }), false],
    ['a remark of spaces', newMessage({ remark: '\u3000' }), false],
    ['a remark of 500 characters', newMessage({ remark: '备'.repeat(500) }), true],
    ['a remark of 501 characters', newMessage({ remark: '备'.repeat(501) }), false],
    ['an image reference of spaces', newMessage({ images: ['  '] }), false],
    ['six images', newMessage({ images: Array.from({ length: 6 }, () => 'x') }), false],
    ['a phone that is no mobile number', newMessage({ author: { nickname: '市民', phone: '12345678901' } }), false],
    ['a landline as the phone', newMessage({ author: { nickname: '市民', phone: '043188881234' } }), false],
    ['a phone of spaces', newMessage({ author: { nickname: '市民', phone: '   ' } }), false],
    ['an unknown key', { ...newMessage(), extra: 1 }, false],
    ['an unknown key in the author', newMessage({ author: { nickname: '市民', age: 3 } as never }), false],
    ['an unknown message type', newMessage({ type: 'praise' as never }), false],
    ['publish left out', newMessage({ publish: undefined }), true],
    ['a title that is not a string', newMessage({ title: 1234 as never }), false],
    ['no content', (({ content: _, ...rest }) => rest)(newMessage()), false],
  ]

  it.each(submissions)('agrees with the TypeScript validator on %s', (_label, input, accepted) => {
    const ajvValidate = ajv().compile(toJSONSchema('new-message'))
    expect(validate(NewMessageSchema, input).success, 'zod').toBe(accepted)
    expect(ajvValidate(input), 'JSON Schema').toBe(accepted)
  })

  it('refuses whitespace-only text in every input schema that trims', () => {
    const followUp = ajv().compile(toJSONSchema('new-follow-up'))
    const evaluation = ajv().compile(toJSONSchema('new-evaluation'))
    const scores = { overall: 5, resolution: 5, attitude: 5, speed: 5 }
    const cases: [ValidateFunction, typeof NewFollowUpSchema | typeof NewEvaluationSchema, unknown][] = [
      [followUp, NewFollowUpSchema, { content: ' \n ' }],
      [followUp, NewFollowUpSchema, { content: ' 还没修好 ' }],
      [evaluation, NewEvaluationSchema, { ...scores, comment: '\u3000' }],
      [evaluation, NewEvaluationSchema, { ...scores, comment: '满意' }],
    ]
    const verdicts = cases.map(([jsonSchema, zodSchema, input]) => [jsonSchema(input), validate(zodSchema, input).success])
    expect(verdicts).toEqual([[false, false], [true, true], [false, false], [true, true]])
  })

  it('measures trimmed text with a pattern wherever zod trims', () => {
    const title = (toJSONSchema('new-message').properties as Record<string, Record<string, unknown>>).title
    expect(title).toEqual({ type: 'string', minLength: 4, pattern: '^\\s*(?:\\S[\\s\\S]{2,20}\\S)\\s*$' })
    // An identifier is not trimmed by the server, so it keeps plain lengths.
    const boardId = (toJSONSchema('new-message').properties as Record<string, Record<string, unknown>>).boardId
    expect(boardId).toEqual({ type: 'string', minLength: 1, maxLength: 64 })
  })

  it('validates what a server sends, tolerating fields added later', () => {
    const validate = ajv().compile(toJSONSchema('public-message'))
    const view = toPublicMessage(storedMessage({ status: 'accepted' }))
    expect(validate(view)).toBe(true)
    expect(validate({ ...view, likes: 3 })).toBe(true)
    const { author: _, ...missing } = view
    expect(validate(missing)).toBe(false)
  })
})
