import { describe, expectTypeOf, it } from 'vitest'
import type * as z from 'zod/mini'
import {
  HolidayCalendarSchema,
  transition,
  type HolidayCalendar,
  type Message,
  type MessageAction,
  type NewMessage,
  type NewMessageInput,
  type Post,
  type PublicMessage,
  type StaffAction,
  type StaffActionName,
} from './index.js'

describe('inferred types', () => {
  it('types a submission with exact unions and optional defaults on input', () => {
    expectTypeOf<NewMessage['type']>().toEqualTypeOf<'consult' | 'suggest' | 'complain' | 'help' | 'thank'>()
    expectTypeOf<NewMessage['publish']>().toEqualTypeOf<boolean>()
    expectTypeOf<NewMessageInput['publish']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<NewMessage['author']['phone']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<NewMessage['domain']>().toExtend<string>()
  })

  it('keeps private fields out of the public type', () => {
    expectTypeOf<Message['author']>().toHaveProperty('realName')
    expectTypeOf<Message>().toHaveProperty('remark')
    expectTypeOf<PublicMessage['author']>().toEqualTypeOf<{ nickname: string }>()
    expectTypeOf<PublicMessage>().not.toHaveProperty('remark')
    expectTypeOf<PublicMessage>().not.toHaveProperty('trackingCode')
  })

  it('narrows posts by kind', () => {
    const post = {} as Post
    if (post.kind === 'reply') expectTypeOf(post.organization).toEqualTypeOf<string>()
    else expectTypeOf(post).not.toHaveProperty('organization')
  })
})

describe('the action union', () => {
  it('names every staff action', () => {
    expectTypeOf<StaffActionName>().toEqualTypeOf<
      | 'accept' | 'reject' | 'assign' | 'transfer' | 'start' | 'reply' | 'extend' | 'close' | 'supervise' | 'remind' | 'reopen'
      | 'publish' | 'unpublish' | 'redact' | 'reissue-code'
    >()
  })

  it('requires the fields of each action and narrows on `action`', () => {
    expectTypeOf<{ action: 'accept' }>().toExtend<StaffAction>()
    expectTypeOf<{ action: 'reject'; reason: string }>().toExtend<StaffAction>()
    expectTypeOf<{ action: 'reject' }>().not.toExtend<StaffAction>()
    expectTypeOf<{ action: 'reject'; code: 'duplicate'; reason: string }>().toExtend<StaffAction>()
    expectTypeOf<{ action: 'reject'; code: 'no-such-reason'; reason: string }>().not.toExtend<StaffAction>()
    expectTypeOf<{ action: 'unpublish' }>().not.toExtend<StaffAction>()
    expectTypeOf<{ action: 'reissue-code' }>().not.toExtend<StaffAction>()
    expectTypeOf<{ action: 'transfer'; boardId: string }>().not.toExtend<StaffAction>()
    expectTypeOf<{ action: 'extend'; days: number; reason: string }>().toExtend<StaffAction>()
    expectTypeOf<{ action: 'reply' }>().not.toExtend<StaffAction>()
    expectTypeOf<{ action: 'delete' }>().not.toExtend<MessageAction>()
    const action = {} as StaffAction
    if (action.action === 'transfer') expectTypeOf(action.reason).toEqualTypeOf<string>()
  })

  it('transition takes a message and an action and returns a discriminated result', () => {
    const result = transition({} as Message, { action: 'accept' }, { actor: { role: 'reviewer' } })
    if (result.ok) expectTypeOf(result.message).toEqualTypeOf<Message>()
    else expectTypeOf(result.error.code).toExtend<string>()
    // @ts-expect-error a reason is required
    transition({} as Message, { action: 'reject' }, { actor: { role: 'reviewer' } })
  })
})

describe('the holiday calendar file', () => {
  it('parses to what registerCalendar takes', () => {
    expectTypeOf<z.output<typeof HolidayCalendarSchema>>().toExtend<HolidayCalendar>()
    expectTypeOf<z.output<typeof HolidayCalendarSchema>>().toEqualTypeOf<{ year: number; holidays: string[]; workdays: string[] }>()
  })
})
