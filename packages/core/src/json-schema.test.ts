import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { newMessage, storedMessage } from '../test/fixtures.js'
import { SCHEMA_NAMES, toJSONSchema, toPublicMessage, validateNewMessage } from './index.js'

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

  it('agrees with the TypeScript validator on submissions', () => {
    const validate = ajv().compile(toJSONSchema('new-message'))
    const cases: unknown[] = [
      newMessage(),
      newMessage({ title: '😀'.repeat(22) }),
      newMessage({ title: '😀'.repeat(23) }),
      newMessage({ title: '路灯' }),
      newMessage({ images: Array.from({ length: 6 }, () => 'x') }),
      newMessage({ author: { nickname: '市民', phone: '12345678901' } }),
      { ...newMessage(), extra: 1 },
      newMessage({ type: 'praise' as never }),
      newMessage({ publish: undefined }),
    ]
    for (const input of cases) {
      expect(validate(input), JSON.stringify(input).slice(0, 80)).toBe(validateNewMessage(input).success)
    }
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
