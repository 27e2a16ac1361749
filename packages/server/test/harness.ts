/**
 * The contract suite's harness: a real Board API on loopback over either store, a board tree,
 * staff tokens per role and scope, a controllable clock, and a recorder that keeps every response
 * so each test file can finally check them against the served OpenAPI document.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {
  createOpenAPIDocument,
  NewMessageSchema,
  type Board,
  type MessageStatus,
  type NewMessageInput,
  type StaffAction,
  type StaffRole,
  type SubmissionResult,
} from '@liuyan/core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { createFetchHandler, type FetchHandlerOptions, type RequestLogEntry } from '../src/http.js'
import { serve, type RunningServer, type ServeOptions } from '../src/node.js'
import { createBoardService, type BoardService, type BoardServiceOptions } from '../src/service.js'
import { createMemoryStore } from '../src/store/memory.js'
import { createPostgresStore } from '../src/store/postgres.js'
import { createSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/types.js'
import { freshDatabase } from './postgres-database.js'
import { startWorkerdBoard } from './workerd-board.js'

/** A response body: each test asserts the shape it relies on; the OpenAPI check validates them all. */
export type Json = any

/**
 * Where a board runs: in this process over one of the stores, or (`workerd`) as the fetch handler
 * over the memory store inside workerd, reached over loopback (test/workerd-board.ts).
 */
export type StoreKind = 'memory' | 'sqlite' | 'postgres' | 'workerd'
/**
 * The kinds the contract suite runs on: the three stores, or only `workerd` when
 * `LIUYAN_CONTRACT_TARGET=workerd` (the `server-workerd` vitest project). There the tests of what
 * only the Node adapter or a SQL store does are skipped unless {@link inNode}.
 */
export const STORES: readonly StoreKind[] = process.env['LIUYAN_CONTRACT_TARGET'] === 'workerd' ? ['workerd'] : ['memory', 'sqlite', 'postgres']

/**
 * Whether the board runs in this process, behind the Node adapter: what only Node does (its HTTP
 * parser's limits, XLSX workbooks) is tested there only.
 */
export const inNode = (kind: StoreKind): boolean => kind !== 'workerd'

/** Handler options every test board has unless a test says otherwise. */
export const HANDLER_DEFAULTS = { corsOrigins: ['https://www.jl.gov.cn'] } as const satisfies FetchHandlerOptions

export const BASE_PATH = '/api/v1'

// ── The board tree: province → city → county → units, and a ministry apart ──────────────────

export const PROVINCE = '220000-gov'
export const CITY = '220100-gov'
export const COUNTY = '220102-gov'
/** 南关区住房和城乡建设局: where messages are assigned. */
export const UNIT = '220102-zjj'
/** 南关区交通运输局: where messages are transferred. */
export const OTHER_UNIT = '220102-jtj'
/** A board that no longer takes messages. */
export const CLOSED_BOARD = '220102-old'
export const MINISTRY = 'mot'
/** 长春市市长: a leader's board that reviews publication as a separate step. */
export const MAYOR = '220100-mayor'

export const BOARDS: readonly Board[] = [
  { id: PROVINCE, name: '吉林省人民政府', kind: 'agency', level: 'province', parentId: null, region: '220000', acceptsMessages: true },
  { id: CITY, name: '长春市人民政府', kind: 'agency', level: 'city', parentId: PROVINCE, region: '220100', acceptsMessages: true },
  { id: COUNTY, name: '长春市南关区人民政府', kind: 'agency', level: 'county', parentId: CITY, region: '220102', acceptsMessages: true },
  { id: UNIT, name: '南关区住房和城乡建设局', kind: 'agency', level: 'unit', parentId: COUNTY, region: '220102', acceptsMessages: true },
  { id: OTHER_UNIT, name: '南关区交通运输局', kind: 'agency', level: 'unit', parentId: COUNTY, region: '220102', acceptsMessages: true },
  { id: CLOSED_BOARD, name: '南关区原市容办', kind: 'agency', level: 'unit', parentId: COUNTY, region: '220102', acceptsMessages: false },
  { id: MAYOR, name: '长春市市长', kind: 'leader', level: 'city', parentId: CITY, region: '220100', acceptsMessages: true, publication: 'review' },
  { id: MINISTRY, name: '交通运输部', kind: 'agency', level: 'ministry', parentId: null, region: '100000', acceptsMessages: true },
]

// ── Staff tokens ──────────────────────────────────────────────────────────────────────────────

export const ROLES = ['reviewer', 'handler', 'supervisor'] as const satisfies readonly StaffRole[]
export type Scope = 'province' | 'ministry'

/** The bearer token of `role` covering the province (every local board) or only the ministry. */
export function tokenOf(role: StaffRole, scope: Scope = 'province'): string {
  return `lyt_${role}_${scope}_Qm9hcmQtdG9rZW4tZm9yLXRlc3Rz`
}
/** Every role on every board: arranges state through HTTP where a test needs it. */
export const ADMIN_TOKEN = 'lyt_admin_all_WnJ4c2VjcmV0LWFkbWluLXRva2Vu'
/** A handler of one unit only. */
export const UNIT_HANDLER_TOKEN = 'lyt_handler_unit_VW5pdC1oYW5kbGVyLXRva2Vu'

/** The staff tokens of every test board: each role on each scope, the admin, a unit's handler. */
export function boardTokens(): Array<{ label: string; roles: StaffRole[]; boardIds: string[]; token: string }> {
  const tokens = ROLES.flatMap((role) =>
    (['province', 'ministry'] as const).map((scope) => ({ label: `${role}@${scope}`, roles: [role], boardIds: [scope === 'province' ? PROVINCE : MINISTRY], token: tokenOf(role, scope) })),
  )
  tokens.push({ label: 'admin', roles: [...ROLES], boardIds: [PROVINCE, MINISTRY], token: ADMIN_TOKEN })
  tokens.push({ label: 'zjj-handler', roles: ['handler'], boardIds: [UNIT], token: UNIT_HANDLER_TOKEN })
  return tokens
}

/** 2026-03-02 09:00 China time, a Monday with no holiday near. */
export const START = Date.parse('2026-03-02T09:00:00+08:00')

/** A clock the test moves: the service reads it for every timestamp and deadline. */
export interface Clock {
  ms: number
  now(): Date
  advance(ms: number): void
}

export function createClock(start = START): Clock {
  const clock: Clock = {
    ms: start,
    now: () => new Date(clock.ms),
    advance: (ms) => {
      clock.ms += ms
    },
  }
  return clock
}

// ── A realistic submission (the wire shape, docs/architecture.md §2) ───────────────────────────

/** Private data a submission carries; none of it may ever reach a public body or the log. */
export const PRIVATE = {
  realName: '王小明',
  phone: '13812345678',
  remark: '住3栋2单元，白天不在家，请晚上联系',
  place: '朝阳区桂林路18号院3栋',
} as const

export function submission(overrides: Partial<NewMessageInput> = {}): NewMessageInput {
  return {
    boardId: CITY,
    type: 'complain',
    domain: 'urban',
    title: '小区门口路灯坏了',
    content: '小区门口的路灯已经坏了两个星期，晚上出行很不方便，老人孩子容易摔倒，希望尽快修复。',
    place: { text: PRIVATE.place, public: false },
    author: { nickname: '市民', realName: PRIVATE.realName, phone: PRIVATE.phone },
    remark: PRIVATE.remark,
    publish: true,
    ...overrides,
  }
}

/** The body of each staff action, as the matrix and the loop send them. */
export function actionBody(name: StaffAction['action']): StaffAction {
  switch (name) {
    case 'reject':
      return { action: 'reject', code: 'out_of_scope', reason: '不属于本平台受理范围' }
    case 'unpublish':
      return { action: 'unpublish', reason: '留言含有未隐去的个人信息' }
    case 'redact':
      return { action: 'redact', content: '小区门口的路灯坏了两个星期，晚上出行很不方便。' }
    case 'reissue-code':
      return { action: 'reissue-code', reason: '留言人来电称查询码遗失，已核实身份' }
    case 'assign':
      return { action: 'assign', boardId: UNIT }
    case 'transfer':
      return { action: 'transfer', boardId: OTHER_UNIT, reason: '路灯归交通部门管理' }
    case 'reply':
      return { action: 'reply', content: '您好，路灯已于本周更换，感谢您的监督。' }
    case 'extend':
      return { action: 'extend', days: 5, reason: '需要协调供电公司' }
    case 'reopen':
      return { action: 'reopen', reason: '答复未说明修复时间' }
    default:
      return { action: name } as StaffAction
  }
}

/** The staff actions that take a message from pending to each status. */
export const ROUTE: Record<MessageStatus, readonly StaffAction['action'][]> = {
  pending: [],
  rejected: ['reject'],
  accepted: ['accept'],
  assigned: ['accept', 'assign'],
  processing: ['accept', 'assign', 'start'],
  replied: ['accept', 'assign', 'start', 'reply'],
  closed: ['accept', 'assign', 'start', 'reply', 'close'],
}

// ── Responses, as seen by the suite ───────────────────────────────────────────────────────────

export interface ApiReply {
  status: number
  headers: Headers
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: Json
  text: string
  /** Media type without parameters, e.g. `application/problem+json`. */
  type: string
}

export interface CallOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown
  /** A raw body (string, stream); set the content type yourself. */
  body?: BodyInit
  token?: string
  lang?: string
  headers?: Record<string, string>
  /**
   * Keep the response for the OpenAPI check.
   * @default true
   */
  record?: boolean
}

/** One response the suite received, for the OpenAPI conformance check. */
export interface Seen {
  method: string
  /** The path as requested, relative to the origin, with the query. */
  url: string
  status: number
  type: string
  body: Json
}

const seen: Seen[] = []

/**
 * fetch that records the response. `url` is absolute; the body is read whole.
 */
export async function call(method: string, url: string, options: CallOptions = {}): Promise<ApiReply> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.lang) headers['Accept-Language'] = options.lang
  let body = options.body
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    headers['Content-Type'] ??= 'application/json'
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (body !== undefined) init.body = body
  if (body instanceof ReadableStream) init.duplex = 'half'
  const response = await fetch(url, init)
  const text = await response.text()
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  let parsed: unknown
  if (text && type.endsWith('json')) parsed = JSON.parse(text)
  const u = new URL(url)
  if (options.record !== false) seen.push({ method, url: u.pathname + u.search, status: response.status, type, body: parsed })
  return { status: response.status, headers: response.headers, body: parsed, text, type }
}

// ── A running board ───────────────────────────────────────────────────────────────────────────

export interface TestBoardOptions {
  handler?: FetchHandlerOptions
  /** Options of the Node adapter (the port is always a free one). */
  serve?: Omit<ServeOptions, 'port' | 'host'>
  service?: Omit<BoardServiceOptions, 'store' | 'now'>
  /** PostgreSQL: open this database instead of a fresh one (another instance on a board's database). */
  databaseUrl?: string
  /** Puts something between the service and the store (e.g. to take the database away mid-request). */
  wrapStore?: (store: Store) => Store
}

export interface TestBoard {
  kind: StoreKind
  /** The PostgreSQL store's database (on the test file's cluster, see postgres-database.ts). */
  databaseUrl?: string
  /** The SQLite store's file. */
  sqlitePath?: string
  service: BoardService
  clock: Clock
  /** e.g. `http://127.0.0.1:41234` */
  origin: string
  /** origin + `/api/v1` */
  base: string
  /** Entries of the handler's request log. */
  logs: RequestLogEntry[]
  /** A request to `base + path`. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiReply>
  get(path: string, options?: CallOptions): Promise<ApiReply>
  post(path: string, json: unknown, options?: CallOptions): Promise<ApiReply>
  /** POST /messages over HTTP, expecting 201. */
  submit(overrides?: Partial<NewMessageInput>): Promise<SubmissionResult>
  /** POST /messages/{id}/actions over HTTP. */
  act(id: string, action: StaffAction | StaffAction['action'], token?: string): Promise<ApiReply>
  /**
   * Stores a message through the service (no HTTP, no rate limit) and moves it to `status` with
   * admin actions: fast arrangement for tests about something else.
   */
  arrange(status: MessageStatus, overrides?: Partial<NewMessageInput>): Promise<SubmissionResult>
  close(): Promise<void>
}

/** Starts a Board API over a fresh store of `kind` on 127.0.0.1 with a free port. */
export async function startBoard(kind: StoreKind, options: TestBoardOptions = {}): Promise<TestBoard> {
  if (kind === 'workerd') return startWorkerdBoard(options)
  let dir: string | undefined
  let databaseUrl: string | undefined
  let sqlitePath: string | undefined
  let store: Store
  if (kind === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'liuyan-contract-'))
    sqlitePath = join(dir, 'board.db')
    store = createSqliteStore(sqlitePath)
  } else if (kind === 'postgres') {
    // A database of its own on the test file's throw-away cluster.
    databaseUrl = options.databaseUrl ?? (await freshDatabase())
    store = await createPostgresStore(databaseUrl)
  } else {
    store = createMemoryStore()
  }
  if (options.wrapStore) store = options.wrapStore(store)
  const clock = createClock()
  const service = createBoardService({ ...options.service, store, now: clock.now })
  await service.putBoards(BOARDS)
  for (const token of boardTokens()) await service.createToken(token)
  const admin = (await service.authenticate(ADMIN_TOKEN))!

  const logs: RequestLogEntry[] = []
  const running: RunningServer = await serve(
    createFetchHandler(service, {
      ...HANDLER_DEFAULTS,
      ...options.handler,
      log: (entry) => {
        logs.push(entry)
        options.handler?.log?.(entry)
      },
    }),
    { ...options.serve, port: 0 },
  )
  const base = `${running.url}${BASE_PATH}`

  const board: TestBoard = {
    kind,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(sqlitePath ? { sqlitePath } : {}),
    service,
    clock,
    origin: running.url,
    base,
    logs,
    call: (method, path, opts) => call(method, base + path, opts),
    get: (path, opts) => call('GET', base + path, opts),
    post: (path, json, opts) => call('POST', base + path, { ...opts, json }),
    async submit(overrides) {
      const reply = await board.post('/messages', submission(overrides))
      expect(reply.status, reply.text).toBe(201)
      return reply.body as SubmissionResult
    },
    act: (id, action, token = ADMIN_TOKEN) =>
      board.post(`/messages/${encodeURIComponent(id)}/actions`, typeof action === 'string' ? actionBody(action) : action, { token }),
    async arrange(status, overrides) {
      const result = await service.submit(z.parse(NewMessageSchema, submission(overrides)))
      for (const name of ROUTE[status]) await service.act(admin, result.id, actionBody(name))
      return { ...result, status }
    },
    async close() {
      await running.close()
      await store.close()
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
  }
  return board
}

/**
 * A fresh board for the enclosing describe block: started before its tests, closed after them.
 * Returns a getter, since the board exists only once `beforeAll` ran.
 */
export function useBoard(kind: StoreKind, options?: TestBoardOptions): () => TestBoard {
  let board: TestBoard | undefined
  beforeAll(async () => {
    board = await startBoard(kind, options)
  })
  afterAll(async () => {
    await board?.close()
  })
  return () => {
    if (!board) throw new Error('The board starts in beforeAll; use it inside a test')
    return board
  }
}

/** Follows `nextCursor` from `path` (which has a query string or not) and returns every item. */
export async function listAll(board: TestBoard, path: string, options: CallOptions = {}): Promise<Json[]> {
  const items: Json[] = []
  let cursor: string | null = null
  do {
    const sep = path.includes('?') ? '&' : '?'
    const reply: ApiReply = await board.get(cursor ? `${path}${sep}limit=100&cursor=${encodeURIComponent(cursor)}` : `${path}${sep}limit=100`, options)
    expect(reply.status, reply.text).toBe(200)
    items.push(...reply.body.items)
    cursor = reply.body.nextCursor
  } while (cursor)
  return items
}

// ── OpenAPI conformance ───────────────────────────────────────────────────────────────────────

const DOCUMENT_ID = 'urn:liuyan:openapi'

/**
 * Statuses the server answers on a documented operation that the document does not declare yet.
 * Each is a gap in core's `openapi.ts`, listed so the check stays strict about everything else.
 */
export const KNOWN_UNDECLARED: readonly string[] = []

/** Checks responses against the OpenAPI document the server serves. */
export function createConformance(document: Json = createOpenAPIDocument()) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components })
  const compiled = new Map<string, ValidateFunction>()
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }))

  function validator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema)
    let fn = compiled.get(key)
    if (!fn) {
      fn = ajv.compile(JSON.parse(key.replaceAll('"#/components/', `"${DOCUMENT_ID}#/components/`)))
      compiled.set(key, fn)
    }
    return fn
  }

  /** What is wrong with one response, or an empty list. */
  function check(response: Seen): string[] {
    const pathname = response.url.split('?')[0]!
    const where = `${response.method} ${response.url} → ${response.status}`
    const problems: string[] = []
    const validateAgainst = (schema: Json) => {
      const fn = validator(schema)
      if (!fn(response.body)) problems.push(`${where}: body does not match the schema: ${ajv.errorsText(fn.errors)}`)
    }
    if (!pathname.startsWith(`${BASE_PATH}/`)) {
      // Outside the API there is no operation; the server still answers with a problem.
      validateAgainst({ $ref: '#/components/schemas/Problem' })
      return problems
    }
    const path = pathname.slice(BASE_PATH.length)
    if (path === '/openapi.json') return problems // the document itself, checked by openapi.test.ts
    const found = templates.find((t) => t.pattern.test(path))
    const operation = found && document.paths[found.template][response.method.toLowerCase()]
    if (!operation) {
      // No operation: unknown routes (404), methods a path lacks (405), CORS preflights (204).
      if (response.method === 'OPTIONS' && response.status === 204) return problems
      if (response.type !== 'application/problem+json') problems.push(`${where}: expected a problem document, got ${response.type}`)
      validateAgainst({ $ref: '#/components/schemas/Problem' })
      return problems
    }
    const declared = operation.responses[String(response.status)]
    if (!declared) {
      const gap = `${response.method} ${found.template} ${response.status}`
      if (!KNOWN_UNDECLARED.includes(gap)) problems.push(`${where}: status ${response.status} is not declared for ${gap.replace(/ \d+$/, '')}`)
      if (response.type === 'application/problem+json') validateAgainst({ $ref: '#/components/schemas/Problem' })
      return problems
    }
    // An answer declared without content (204) must have none.
    if (!declared.content && !response.type && response.body === undefined) return problems
    const media = declared.content?.[response.type]
    if (!media) {
      problems.push(`${where}: content type ${response.type || '(none)'} is not declared (${Object.keys(declared.content ?? {}).join(', ')})`)
      return problems
    }
    // A file (an export) is declared by its media type; its content is the export tests' business.
    if (!media.schema?.contentMediaType) validateAgainst(media.schema)
    return problems
  }

  return { check, validator }
}

/**
 * Registers, at the point of the call, a test that checks every response the file's tests
 * received against the OpenAPI document. Call it last in a test file.
 */
export function conformanceTest(): void {
  it('every response above has a declared status and a body that matches the OpenAPI document', () => {
    const conformance = createConformance()
    expect(seen.length).toBeGreaterThan(0)
    const problems = seen.flatMap((response) => conformance.check(response))
    expect(problems).toEqual([])
  })
}

/** Asserts an RFC 9457 problem with a stable code and a request id. */
export function expectProblem(reply: ApiReply, status: number, code?: string): void {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.type).toBe('application/problem+json')
  expect(reply.body).toMatchObject({ status, type: expect.stringContaining(':') as unknown, title: expect.any(String) as unknown })
  if (code) expect(reply.body.code).toBe(code)
  else expect(reply.body.code).toEqual(expect.any(String))
  expect(reply.body.requestId).toEqual(expect.any(String))
  expect(reply.headers.get('X-Request-Id')).toBe(reply.body.requestId)
}
