// Type tests: what the compiler accepts and refuses, checked by `vitest --typecheck` and tsc.
import { describe, expectTypeOf, it } from 'vitest'
import {
  createClient,
  isAPIError,
  isNotFoundError,
  isRateLimitError,
  isValidationError,
  PagePromise,
  type APIError,
  type Board,
  type BoardStats,
  type FetchLike,
  type Message,
  type Page,
  type PublicMessage,
  type RejectReason,
  type StaffActionResult,
  type SubmissionResult,
  type TrackedMessage,
  type ValidationIssue,
  type NotFoundError,
  type RateLimitError,
  type StaffPrincipal,
  type ValidationError,
} from './index.js'

const client = createClient({ baseUrl: 'https://board.example.gov.cn/api/v1', token: 't' })

describe('messages.act', () => {
  it('accepts only valid action shapes', () => {
    void client.messages.act('id', { action: 'accept' })
    void client.messages.act('id', { action: 'reject', reason: '不属于受理范围' })
    void client.messages.act('id', { action: 'reject', code: 'duplicate', reason: '重复留言' })
    void client.messages.reject('id', { code: 'out_of_scope', reason: '请拨打12345' })
    // @ts-expect-error not a standard reason
    void client.messages.reject('id', { code: 'whatever', reason: '请拨打12345' })
    void client.messages.reissueTrackingCode('id', '来电').then(({ trackingCode }) => trackingCode.toUpperCase())
    // @ts-expect-error a reissue needs a reason
    void client.messages.act('id', { action: 'reissue-code' })
    void client.messages.act('id', { action: 'transfer', boardId: '220102-jtj', reason: '属地管理' })
    void client.messages.act('id', { action: 'extend', days: 5, reason: '需要协调' })
    void client.messages.act('id', { action: 'reply', content: '已修复', organization: '住建局' })
    // @ts-expect-error a rejection needs a reason
    void client.messages.act('id', { action: 'reject' })
    // @ts-expect-error no such action
    void client.messages.act('id', { action: 'fly' })
    // @ts-expect-error a transfer needs the target board
    void client.messages.act('id', { action: 'transfer', reason: '属地管理' })
    // @ts-expect-error days is a number
    void client.messages.act('id', { action: 'extend', days: '5', reason: '需要协调' })
    // @ts-expect-error accept takes no content
    void client.messages.act('id', { action: 'accept', content: 'x' })
    expectTypeOf(client.messages.act('id', { action: 'start' })).resolves.toEqualTypeOf<StaffActionResult>()
  })

  it('helpers take their required fields as arguments', () => {
    expectTypeOf(client.messages.reject).parameter(1).toEqualTypeOf<string | { code: RejectReason; reason: string }>()
    expectTypeOf(client.messages.extend).parameter(1).toBeNumber()
    // @ts-expect-error the reason is required
    void client.messages.reopen('id')
    expectTypeOf(client.messages.accept('id')).resolves.toEqualTypeOf<Message>()
  })
})

describe('list filters', () => {
  it('are typed', () => {
    void client.messages.list({ status: 'replied' })
    void client.messages.list({ status: ['replied', 'closed'], type: 'complain', domain: 'urban', limit: 20 })
    void client.inbox.list({ overdue: true, boardId: '220100-gov' })
    // @ts-expect-error no such status
    void client.messages.list({ status: 'bogus' })
    // @ts-expect-error limit is a number
    void client.messages.list({ limit: '20' })
    // @ts-expect-error no such domain
    void client.messages.list({ domain: 'space' })
    // @ts-expect-error overdue is a staff filter
    void client.messages.list({ overdue: true })
  })
})

describe('pages', () => {
  it('await list() gives { items, nextCursor }', async () => {
    const page = await client.messages.list()
    expectTypeOf(page).toEqualTypeOf<Page<PublicMessage>>()
    expectTypeOf(page.items).toEqualTypeOf<PublicMessage[]>()
    expectTypeOf(page.nextCursor).toEqualTypeOf<string | null>()
    expectTypeOf(client.inbox.list()).toEqualTypeOf<PagePromise<Message>>()
    expectTypeOf(await client.boards.list()).toEqualTypeOf<Page<Board>>()
  })

  it('for await yields PublicMessage', async () => {
    for await (const message of client.messages.list({ keyword: '路灯' })) {
      expectTypeOf(message).toEqualTypeOf<PublicMessage>()
      // @ts-expect-error the public view has no phone
      void message.author.phone
    }
    for await (const message of client.inbox.list()) expectTypeOf(message.author.phone).toEqualTypeOf<string | undefined>()
  })
})

describe('results', () => {
  it('are the contract types of core', () => {
    expectTypeOf(client.messages.submit).returns.resolves.toEqualTypeOf<SubmissionResult>()
    expectTypeOf(client.tracking.get).returns.resolves.toEqualTypeOf<TrackedMessage>()
    expectTypeOf(client.boards.stats).returns.resolves.toEqualTypeOf<BoardStats>()
    expectTypeOf(client.inbox.me).returns.resolves.toEqualTypeOf<StaffPrincipal>()
    // @ts-expect-error a submission needs a board, type, domain, title, content and author
    void client.messages.submit({ title: '路灯坏了' })
  })
})

describe('errors', () => {
  it('narrow via guards', () => {
    const error: unknown = new Error('x')
    if (isAPIError(error)) {
      expectTypeOf(error).toEqualTypeOf<APIError>()
      expectTypeOf(error.status).toBeNumber()
      expectTypeOf(error.issues).toEqualTypeOf<ValidationIssue[]>()
    }
    if (isRateLimitError(error)) {
      expectTypeOf(error).toEqualTypeOf<RateLimitError>()
      expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>()
    }
    if (isNotFoundError(error)) expectTypeOf(error).toEqualTypeOf<NotFoundError>()
    if (isValidationError(error)) {
      expectTypeOf(error).toEqualTypeOf<ValidationError>()
      expectTypeOf(error.issues).toEqualTypeOf<ValidationIssue[]>()
    }
  })

  it('have literal names', () => {
    expectTypeOf<RateLimitError['name']>().toEqualTypeOf<'RateLimitError'>()
    expectTypeOf<ValidationError['name']>().toEqualTypeOf<'ValidationError'>()
  })
})

describe('options', () => {
  it('take the platform fetch, or a wrapper around it, without a cast', () => {
    createClient({ baseUrl: '/api/v1', fetch })
    createClient({ baseUrl: '/api/v1', fetch: (url, init) => fetch(url, init) })
    const fake: FetchLike = async () => new Response('{}')
    createClient({ baseUrl: '/api/v1', fetch: fake, locale: 'en', timeoutMs: 5000, maxRetries: 0 })
    // @ts-expect-error no such locale
    createClient({ baseUrl: '/api/v1', locale: 'fr' })
    void client.boards.get('x', { signal: new AbortController().signal, idempotencyKey: 'k' })
  })
})
