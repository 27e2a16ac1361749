import type * as z from 'zod/mini'
import { STAFF_ROLES, type StaffRole } from './enums.js'
import { StaffActionSchema } from './schemas/action.js'
import { NewEvaluationSchema, NewFollowUpSchema, NewMessageSchema } from './schemas/message.js'
import { DUPLICATE_ROLES, DuplicateLinkSchema, GroupMessagesQuerySchema, HeatQuerySchema, SimilarGroupsQuerySchema } from './schemas/hotspots.js'
import { BulkActionSchema, InboxCountsQuerySchema, NewReplyTemplateSchema } from './schemas/staff-tools.js'
import { NewWebhookSchema, WebhookAttemptsQuerySchema, WebhookReplaySchema } from './schemas/webhook.js'
import { BoardStatsQuerySchema, EXPORT_MEDIA_TYPES, ExportQuerySchema, InboxQuerySchema, MessageListQuerySchema, StatsExportQuerySchema, UnitStatsQuerySchema } from './schemas/query.js'

/**
 * Every route of the Board API, once, as data: the server builds its router from this table and
 * `createOpenAPIDocument` its `paths` (docs/architecture.md §5). Plain objects and core's zod/mini
 * schemas only, so a bundle that does not import `ROUTES` leaves it out.
 */

/**
 * The HTTP methods of the Board API (HEAD is answered as GET, OPTIONS as a CORS preflight). PUT
 * replaces and DELETE removes a resource; both are idempotent by nature and take no key.
 */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * Who may call a route: anyone (`public`), a staff token sent as `Authorization: Bearer`
 * (`staff`), or whoever holds the author's tracking code, which travels as the path parameter
 * `{code}` (`tracking-code`).
 */
export type RouteAuth = 'public' | 'staff' | 'tracking-code'

/**
 * The rate budgets a route draws on, each counted at its own moment: `tracking` per client on
 * every request, before anything is looked at (a wrong code costs what a right one does); `search`
 * per client on a list request with a `keyword`, before its query is read; `submission` per client
 * when a write runs (a replayed idempotent request costs nothing); `staff` per token once the token
 * is known.
 */
export type RateLimitClass = 'tracking' | 'search' | 'submission' | 'staff'

/** Whether a POST takes an `Idempotency-Key` header, must send one, or has no use for it. */
export type RouteIdempotency = 'required' | 'optional' | 'none'

/** The component schemas of the OpenAPI document a response body can be. */
export type ResponseSchemaName =
  | 'Board'
  | 'BoardStats'
  | 'Message'
  | 'PublicMessage'
  | 'TrackedMessage'
  | 'SubmissionResult'
  | 'StaffActionResult'
  | 'StaffPrincipal'
  | 'HeatTable'
  | 'SimilarGroups'
  | 'ReplyTemplate'
  | 'BulkActionResult'
  | 'InboxCounts'
  | 'Webhook'
  | 'CreatedWebhook'
  | 'DeliveryAttempt'
  | 'UnitStats'

/** One declared answer of a route. */
export interface RouteResponse {
  readonly description: string
  /** The body's component; `'object'` for any JSON object. Errors are always `Problem`. */
  readonly schema?: ResponseSchemaName | 'object'
  /** The body is a page `{ items: [schema], nextCursor }`. */
  readonly page?: boolean
  /** Response headers the answer carries: name → description. */
  readonly headers?: Readonly<Record<string, string>>
  /** The media types of a body that is a file rather than JSON (an export). */
  readonly files?: readonly string[]
}

/** One route of the Board API. */
export interface RouteDefinition {
  readonly operationId: string
  readonly method: RouteMethod
  /** Relative to the base path, with named parameters: `/boards/{id}/stats`. */
  readonly path: string
  readonly summary: string
  /** Each `{name}` of the path: name → description. */
  readonly params?: Readonly<Record<string, string>>
  readonly auth: RouteAuth
  /** For `staff` routes: the roles of which a token needs one (actions check theirs in `LIFECYCLE`). */
  readonly roles?: readonly StaffRole[]
  readonly limits: {
    readonly rate: readonly RateLimitClass[]
    /** Largest request body in bytes (routes with a body); a server may be configured otherwise. */
    readonly bodyBytes?: number
  }
  readonly idempotency: RouteIdempotency
  /** No cache may keep the answer, errors included (`Cache-Control: no-store`). */
  readonly private: boolean
  /** The query string's schema (zod, validated with localized issues). */
  readonly query?: z.core.$ZodType
  /** The JSON body's schema (zod, validated with localized issues). */
  readonly body?: z.core.$ZodType
  /**
   * The answers particular to this route. Those that follow from its other properties (a body's
   * 413, 415 and 422, a staff route's 401, a rate budget's 429 …) are added by {@link responsesOf}.
   */
  readonly responses: Readonly<Record<number, RouteResponse | string>>
}

/** Largest request body the server accepts unless configured otherwise: 64 KB. */
export const DEFAULT_BODY_BYTES = 65_536

const body = { rate: ['submission'], bodyBytes: DEFAULT_BODY_BYTES } as const
const tracking = { rate: ['tracking', 'submission'], bodyBytes: DEFAULT_BODY_BYTES } as const
const staff = { auth: 'staff', roles: STAFF_ROLES, private: true } as const
const none = { rate: [] } as const
const exportFiles = Object.values(EXPORT_MEDIA_TYPES)
const supervisors = { ...staff, roles: ['supervisor'] } as const
const staffBody = { rate: ['staff'], bodyBytes: DEFAULT_BODY_BYTES } as const
const workbookUnavailable = 'This server cannot write workbooks (a handler outside Node); CSV works everywhere'

/**
 * The routes of the Board API, in the order the OpenAPI document lists them.
 *
 * @example
 * ```ts
 * const submit = ROUTES.find((r) => r.operationId === 'submitMessage')
 * submit?.idempotency // 'optional'
 * ```
 */
export const ROUTES = [
  {
    operationId: 'listBoards', method: 'GET', path: '/boards', summary: 'All boards (a tree through parentId)',
    auth: 'public', limits: none, idempotency: 'none', private: false,
    responses: { 200: { description: 'The boards', schema: 'Board', page: true } },
  },
  {
    operationId: 'getBoard', method: 'GET', path: '/boards/{id}', summary: 'One board', params: { id: 'Board id' },
    auth: 'public', limits: none, idempotency: 'none', private: false,
    responses: { 200: { description: 'The board', schema: 'Board' }, 404: 'No such board' },
  },
  {
    operationId: 'getBoardStats', method: 'GET', path: '/boards/{id}/stats', summary: 'Figures of a board and the boards below it', params: { id: 'Board id' },
    auth: 'public', limits: none, idempotency: 'none', private: false, query: BoardStatsQuerySchema,
    responses: { 200: { description: 'Figures of the board and its descendants', schema: 'BoardStats' }, 404: 'No such board' },
  },
  {
    operationId: 'getUnitStats', method: 'GET', path: '/boards/{id}/stats/units', params: { id: 'Board id (its row first, then one per unit below it)' },
    summary: 'The supervision table of a board subtree: figures per unit and the monthly trend (督查)',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: UnitStatsQuerySchema,
    responses: { 200: { description: 'Figures of the board, of each unit below it, and per month', schema: 'UnitStats' }, 404: 'No such board in the token’s boards' },
  },
  {
    operationId: 'listMessages', method: 'GET', path: '/messages', summary: 'Public messages, newest first, cursor-paginated',
    auth: 'public', limits: { rate: ['search'] }, idempotency: 'none', private: false, query: MessageListQuerySchema,
    responses: { 200: { description: 'A page of public messages', schema: 'PublicMessage', page: true }, 404: 'No such board' },
  },
  {
    operationId: 'submitMessage', method: 'POST', path: '/messages', summary: 'Submit a message; keep the tracking code',
    // The answer holds the new tracking code.
    auth: 'public', limits: body, idempotency: 'optional', private: true, body: NewMessageSchema,
    responses: {
      201: { description: 'Stored, awaiting review', schema: 'SubmissionResult', headers: { Location: 'The author’s view of the message (GET /tracking/{code})' } },
    },
  },
  {
    operationId: 'getMessage', method: 'GET', path: '/messages/{id}', summary: 'A public message and its thread', params: { id: 'Message id' },
    auth: 'public', limits: none, idempotency: 'none', private: false,
    responses: { 200: { description: 'The public thread', schema: 'PublicMessage' }, 404: 'No such public message' },
  },
  {
    operationId: 'actOnMessage', method: 'POST', path: '/messages/{id}/actions', summary: 'One staff action of the lifecycle', params: { id: 'Message id' },
    ...staff, limits: { rate: ['staff'], bodyBytes: DEFAULT_BODY_BYTES }, idempotency: 'optional', body: StaffActionSchema,
    responses: {
      200: { description: 'The message after the action; after reissue-code also the new tracking code, given this once', schema: 'StaffActionResult' },
      403: 'The token lacks the role',
      404: 'No such message in the token’s boards',
      409: 'The status does not allow the action, or a request with this Idempotency-Key is still running',
    },
  },
  {
    operationId: 'trackMessage', method: 'GET', path: '/tracking/{code}', summary: 'The author’s view of a message', params: { code: 'Tracking code (查询码)' },
    auth: 'tracking-code', limits: { rate: ['tracking'] }, idempotency: 'none', private: true,
    responses: { 200: { description: 'The author’s view', schema: 'TrackedMessage' } },
  },
  {
    operationId: 'followUp', method: 'POST', path: '/tracking/{code}/follow-ups', summary: 'The author’s follow-up question (追问)', params: { code: 'Tracking code' },
    auth: 'tracking-code', limits: tracking, idempotency: 'optional', private: true, body: NewFollowUpSchema,
    responses: {
      201: { description: 'Follow-up stored', schema: 'TrackedMessage' },
      409: 'Not allowed now, or a request with this Idempotency-Key is still running',
    },
  },
  {
    operationId: 'evaluate', method: 'POST', path: '/tracking/{code}/evaluation', summary: 'The author’s rating (评价), once, after a reply', params: { code: 'Tracking code' },
    auth: 'tracking-code', limits: tracking, idempotency: 'optional', private: true, body: NewEvaluationSchema,
    responses: {
      201: { description: 'Rating stored', schema: 'TrackedMessage' },
      409: 'Not replied yet, or rated already, or a request with this Idempotency-Key is still running',
    },
  },
  {
    operationId: 'listInbox', method: 'GET', path: '/inbox', summary: 'Messages of the token’s boards with private fields',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: InboxQuerySchema,
    responses: { 200: { description: 'A page of messages', schema: 'Message', page: true }, 404: 'No such board in the token’s boards' },
  },
  {
    operationId: 'getInboxCounts', method: 'GET', path: '/inbox/counts', summary: 'How many messages of the token’s boards are in each status, and how many are overdue',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: InboxCountsQuerySchema,
    responses: { 200: { description: 'Counts per status of the scope', schema: 'InboxCounts' }, 404: 'No such board in the token’s boards' },
  },
  {
    operationId: 'bulkAct', method: 'POST', path: '/inbox/bulk-actions', summary: 'Accept or assign several messages at once, each by the lifecycle’s rules',
    ...staff, limits: staffBody, idempotency: 'optional', body: BulkActionSchema,
    responses: {
      200: { description: 'One result per message, in the order sent: its new status, or the problem the single action would answer (a message outside the token’s boards is not_found)', schema: 'BulkActionResult' },
      403: 'The token lacks the role of the action',
      422: 'The unit to assign to is not valid, or the body is not',
    },
  },
  {
    operationId: 'getInboxMessage', method: 'GET', path: '/inbox/{id}', summary: 'One message of the token’s boards with private fields', params: { id: 'Message id' },
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none',
    responses: { 200: { description: 'The message with private fields', schema: 'Message' }, 404: 'No such message in the token’s boards' },
  },
  {
    operationId: 'getStaffPrincipal', method: 'GET', path: '/me', summary: 'Roles and boards of the token',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none',
    responses: { 200: { description: 'Roles and boards of the token', schema: 'StaffPrincipal' } },
  },
  {
    operationId: 'exportMessages', method: 'GET', path: '/boards/{id}/export/messages', params: { id: 'Board id (its subtree is exported)' },
    summary: 'The messages of a board subtree as CSV or XLSX, streamed (督查 reports)',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: ExportQuerySchema,
    responses: { 200: { description: 'The file', files: exportFiles, headers: { 'Content-Disposition': 'attachment; filename=…' } }, 404: 'No such board in the token’s boards', 501: workbookUnavailable },
  },
  {
    operationId: 'exportStats', method: 'GET', path: '/boards/{id}/export/stats', params: { id: 'Board id (one row for it, then one per board below it)' },
    summary: 'The statistics of a board and each board below it as CSV or XLSX',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: StatsExportQuerySchema,
    responses: { 200: { description: 'The file', files: exportFiles, headers: { 'Content-Disposition': 'attachment; filename=…' } }, 404: 'No such board in the token’s boards', 501: workbookUnavailable },
  },
  {
    operationId: 'getHeatTable', method: 'GET', path: '/boards/{id}/hotspots/heat', params: { id: 'Board id (its subtree is counted)' },
    summary: 'Messages by domain × region × month of a board subtree (源头治理 heat table)',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: HeatQuerySchema,
    responses: { 200: { description: 'The heat table', schema: 'HeatTable' }, 404: 'No such board in the token’s boards' },
  },
  {
    operationId: 'listSimilarGroups', method: 'GET', path: '/boards/{id}/hotspots/groups', params: { id: 'Board id (its subtree is searched)' },
    summary: 'Groups of similar messages of a board subtree, most recently active first',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: SimilarGroupsQuerySchema,
    responses: { 200: { description: 'The groups', schema: 'SimilarGroups' }, 404: 'No such board in the token’s boards' },
  },
  {
    operationId: 'listGroupMessages', method: 'GET', path: '/boards/{id}/hotspots/groups/{groupId}',
    params: { id: 'Board id (members in its subtree)', groupId: 'The group’s id, or the id of any of its messages' },
    summary: 'The messages of one group of similar messages, newest first',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: GroupMessagesQuerySchema,
    responses: { 200: { description: 'A page of the group’s messages', schema: 'Message', page: true }, 404: 'No such board or message in the token’s boards' },
  },
  {
    operationId: 'linkDuplicate', method: 'POST', path: '/messages/{id}/duplicate', params: { id: 'Message id' },
    summary: 'Mark a message as a duplicate of another (与…重复), on the timeline and the public thread',
    auth: 'staff', roles: DUPLICATE_ROLES, private: true, limits: { rate: ['staff'], bodyBytes: DEFAULT_BODY_BYTES }, idempotency: 'optional', body: DuplicateLinkSchema,
    responses: {
      200: { description: 'The message after the link', schema: 'Message' },
      403: 'The token lacks the role',
      404: 'No such message, or no such other message, in the token’s boards',
      409: 'Already marked as a duplicate of that message, or a request with this Idempotency-Key is still running',
    },
  },
  {
    operationId: 'listReplyTemplates', method: 'GET', path: '/boards/{id}/reply-templates', params: { id: 'Board id' },
    summary: 'The reply templates that apply to a board: its own and those of the boards above it, nearest first (标准模板化)',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none',
    responses: { 200: { description: 'The templates', schema: 'ReplyTemplate', page: true }, 404: 'No such board in the token’s boards' },
  },
  {
    operationId: 'createReplyTemplate', method: 'POST', path: '/boards/{id}/reply-templates', params: { id: 'Board id' },
    summary: 'A new reply template of a board (supervisors)',
    ...supervisors, limits: staffBody, idempotency: 'optional', body: NewReplyTemplateSchema,
    responses: {
      201: { description: 'The template', schema: 'ReplyTemplate' },
      404: 'No such board in the token’s boards',
      409: 'The board has as many templates as it may keep, or a request with this Idempotency-Key is still running',
    },
  },
  {
    operationId: 'updateReplyTemplate', method: 'PUT', path: '/reply-templates/{id}', params: { id: 'Template id' },
    summary: 'Replaces the name and text of a reply template (supervisors)',
    ...supervisors, limits: staffBody, idempotency: 'none', body: NewReplyTemplateSchema,
    responses: { 200: { description: 'The template', schema: 'ReplyTemplate' }, 404: 'No such template on the token’s boards' },
  },
  {
    operationId: 'deleteReplyTemplate', method: 'DELETE', path: '/reply-templates/{id}', params: { id: 'Template id' },
    summary: 'Removes a reply template (supervisors)',
    ...supervisors, limits: { rate: ['staff'] }, idempotency: 'none',
    responses: { 200: { description: 'The template removed', schema: 'ReplyTemplate' }, 404: 'No such template on the token’s boards' },
  },
  {
    operationId: 'createWebhook', method: 'POST', path: '/webhooks', summary: 'Subscribe a receiver to events of a board subtree; the signing secret is shown once',
    ...staff, limits: { rate: ['staff'], bodyBytes: DEFAULT_BODY_BYTES }, idempotency: 'optional', body: NewWebhookSchema,
    responses: {
      201: { description: 'The subscription and its secret (whsec_…), given this once', schema: 'CreatedWebhook', headers: { Location: 'The subscription (GET /webhooks/{id})' } },
      403: 'A private subscription needs the supervisor role',
      404: 'No such board in the token’s boards',
    },
  },
  {
    operationId: 'listWebhooks', method: 'GET', path: '/webhooks', summary: 'The subscriptions of the token’s boards',
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none',
    responses: { 200: { description: 'The subscriptions, oldest first', schema: 'Webhook', page: true } },
  },
  {
    operationId: 'getWebhook', method: 'GET', path: '/webhooks/{id}', summary: 'One subscription', params: { id: 'Subscription id' },
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none',
    responses: { 200: { description: 'The subscription (without its secret)', schema: 'Webhook' }, 404: 'No such subscription in the token’s boards' },
  },
  {
    operationId: 'deleteWebhook', method: 'DELETE', path: '/webhooks/{id}', summary: 'Remove a subscription, its pending deliveries and its attempt log', params: { id: 'Subscription id' },
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none',
    responses: { 204: 'Removed', 404: 'No such subscription in the token’s boards' },
  },
  {
    operationId: 'listWebhookAttempts', method: 'GET', path: '/webhooks/{id}/attempts', summary: 'The delivery attempts of a subscription, newest first', params: { id: 'Subscription id' },
    ...staff, limits: { rate: ['staff'] }, idempotency: 'none', query: WebhookAttemptsQuerySchema,
    responses: { 200: { description: 'A page of attempts', schema: 'DeliveryAttempt', page: true }, 404: 'No such subscription in the token’s boards' },
  },
  {
    operationId: 'replayWebhookEvent', method: 'POST', path: '/webhooks/{id}/replays', summary: 'Deliver a past event to the subscription again (same webhook-id)', params: { id: 'Subscription id' },
    ...staff, limits: { rate: ['staff'], bodyBytes: DEFAULT_BODY_BYTES }, idempotency: 'optional', body: WebhookReplaySchema,
    responses: {
      202: { description: 'Queued for delivery', schema: 'object' },
      404: 'No such subscription in the token’s boards, or no such event for it',
    },
  },
  {
    operationId: 'getOpenAPIDocument', method: 'GET', path: '/openapi.json', summary: 'This document',
    auth: 'public', limits: none, idempotency: 'none', private: false,
    responses: { 200: { description: 'The OpenAPI 3.1 document', schema: 'object' } },
  },
] as const satisfies readonly RouteDefinition[]

/** One of the routes of {@link ROUTES}. */
export type Route = (typeof ROUTES)[number]
/** The `operationId` of one of the routes of {@link ROUTES}. */
export type OperationId = Route['operationId']

/** The names of the `{parameters}` of a path template: `PathParamNames<'/a/{id}/b/{x}'>` is `'id' | 'x'`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParamNames<Rest> : never
/** The parameters of a path template by name. */
export type PathParams<P extends string> = { [K in PathParamNames<P>]: string }

/** The path parameter that carries the tracking code on a `tracking-code` route. */
export const TRACKING_CODE_PARAM = 'code'

/** The names of the `{parameters}` of a path template, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
}

/**
 * Every answer a route declares: its own (which win), then those its properties imply: a body's
 * 400, 413, 415 and 422, a query's 422, a path parameter's 400 (a segment that is not UTF-8), an
 * idempotency key's 400, 409 and 422, a staff route's 401 (and 403 when it admits some roles only),
 * a tracking code's 404, a rate budget's 429.
 */
export function responsesOf(route: RouteDefinition): Record<number, RouteResponse> {
  const implied: Record<number, string> = {}
  const params = pathParamNames(route.path).length > 0
  if (route.body !== undefined) implied[400] = 'Malformed request (e.g. invalid JSON).'
  else if (params || route.query !== undefined) implied[400] = 'Malformed request (e.g. a path or query that is not UTF-8).'
  if (route.idempotency !== 'none') implied[409] = 'A request with this Idempotency-Key is still running'
  if (route.auth === 'staff') implied[401] = 'No or unknown token'
  if (route.auth === 'staff' && route.roles && route.roles.length < STAFF_ROLES.length) implied[403] = 'The token lacks the role'
  if (route.auth === 'tracking-code') implied[404] = 'Unknown code'
  if (route.body !== undefined) {
    implied[413] = `Body larger than ${Math.round((route.limits.bodyBytes ?? DEFAULT_BODY_BYTES) / 1024)} KB.`
    implied[415] = 'Body is not application/json.'
  }
  if (route.body !== undefined || route.query !== undefined) {
    implied[422] = 'Validation failed; `issues` lists each problem in the language of Accept-Language.'
  }
  if (route.limits.rate.length > 0) implied[429] = 'Too many requests; see Retry-After.'
  // Any operation that reads or writes the database may find it away (a networked store): 503
  // with Retry-After until it is back. The document itself is built without one.
  if (route.operationId !== 'getOpenAPIDocument') {
    implied[503] = 'The database is unavailable for the moment; nothing was stored. Retry after Retry-After (with the same Idempotency-Key for a POST).'
  }
  const all: Record<number, RouteResponse> = {}
  for (const [status, description] of Object.entries(implied)) all[Number(status)] = { description }
  for (const [status, response] of Object.entries(route.responses)) {
    all[Number(status)] = typeof response === 'string' ? { description: response } : response
  }
  return all
}
