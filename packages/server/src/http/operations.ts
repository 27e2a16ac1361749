import { createOpenAPIDocument, type Locale, type OperationId, type PathParams, type Route, type SubmissionResult } from '@liuyan/core'
import type * as z from 'zod/mini'
import type { BoardService, CommitHook, StaffPrincipal } from '../service.js'
import { FileBody, JsonText } from './reply.js'
import { exportOperations, type WorkbookStreamer } from './exports.js'
import { hotspotOperations } from './hotspots.js'
import { listFilters } from './request.js'
import { staffToolOperations } from './staff-tools.js'
import { webhookOperations } from './webhooks.js'
import { ServiceError } from '../errors.js'
import { unitStats } from '../unit-stats.js'

type RouteOf<K extends OperationId> = Extract<Route, { operationId: K }>
type Parsed<R, F extends 'query' | 'body'> = R extends { readonly [P in F]: infer S extends z.core.$ZodType } ? z.output<S> : undefined

/** A request as an operation sees it: checked against its route's declaration before it runs. */
export interface OperationRequest<R extends Route = Route> {
  request: Request
  url: URL
  locale: Locale
  /** The path's parameters by name, percent-decoded. */
  params: PathParams<R['path']>
  /** The query, validated with the route's query schema. */
  query: Parsed<R, 'query'>
  /** The body, validated with the route's body schema. */
  body: Parsed<R, 'body'>
  /** The token's principal on a staff route. */
  staff: R['auth'] extends 'staff' ? StaffPrincipal : undefined
}

/** What the server does for one route of the table, once its declared checks have passed. */
export interface Operation<R extends Route = Route, T = any> {
  /** The work. `hook` is given on an idempotent route: it stores the answer in the change's transaction. */
  run(r: OperationRequest<R>, hook: CommitHook<T> | undefined): Promise<T | JsonText | FileBody>
  /** Headers of a successful answer. */
  headers?(result: T): Record<string, string>
  /** Names of the body's fields in the request's language, for validation messages. */
  labels?(locale: Locale): Record<string, string>
}

/** One operation for each route of `ROUTES`: a route without its operation does not compile. */
export type Operations = { [K in OperationId]: Operation<RouteOf<K>> }

/** The Board API's operations over a board service, grouped as the routes are. */
export function createOperations(service: BoardService, basePath: string, workbook?: WorkbookStreamer): Operations {
  return {
    ...boards(service), ...messages(service, basePath), ...tracking(service), ...staff(service), ...exportOperations(service, workbook),
    ...hotspotOperations(service), ...webhookOperations(service, basePath), ...staffToolOperations(service), ...documents(basePath),
  }
}

function boards(service: BoardService) {
  return {
    listBoards: { run: async () => ({ items: await service.listBoards(), nextCursor: null }) },
    getBoard: { run: (r) => service.getBoard(r.params.id) },
    getBoardStats: { run: (r) => service.stats(r.params.id, days(r.query)) },
  } satisfies Pick<Operations, 'listBoards' | 'getBoard' | 'getBoardStats'>
}

function messages(service: BoardService, basePath: string) {
  return {
    listMessages: { run: async (r) => new JsonText(await service.listPublicJson(listFilters(r.query))) },
    submitMessage: {
      run: (r, hook) => service.submit(r.body, hook),
      headers: (result: SubmissionResult) => ({ Location: `${basePath}/tracking/${result.trackingCode}` }),
    },
    getMessage: { run: async (r) => new JsonText(await service.getPublicJson(r.params.id)) },
  } satisfies Pick<Operations, 'listMessages' | 'submitMessage' | 'getMessage'>
}

function tracking(service: BoardService) {
  return {
    trackMessage: { run: (r) => service.track(r.params.code, r.locale) },
    followUp: {
      run: (r, hook) => service.followUp(r.params.code, r.body, hook, r.locale),
      labels: (locale) => ({ content: locale === 'en' ? 'follow-up' : '追问内容' }),
    },
    evaluate: { run: (r, hook) => service.evaluate(r.params.code, r.body, hook, r.locale) },
  } satisfies Pick<Operations, 'trackMessage' | 'followUp' | 'evaluate'>
}

function staff(service: BoardService) {
  return {
    actOnMessage: { run: (r, hook) => service.act(r.staff, r.params.id, r.body, hook) },
    listInbox: { run: (r) => service.inbox(r.staff, listFilters(r.query)) },
    getInboxMessage: { run: (r) => service.getForStaff(r.staff, r.params.id) },
    getStaffPrincipal: { run: async ({ staff }) => ({ label: staff.label, roles: staff.roles, boardIds: [...staff.boardIds] }) },
    getUnitStats: {
      // A board outside the token's boards answers 404, as the inbox and the exports do.
      run: async (r) => {
        if (!r.staff.boardIds.has(r.params.id)) throw new ServiceError(404, 'not_found', '')
        return unitStats(service, r.params.id, { ...days(r.query), ...(r.query.units ? { units: r.query.units } : {}) })
      },
    },
  } satisfies Pick<Operations, 'actOnMessage' | 'listInbox' | 'getInboxMessage' | 'getStaffPrincipal' | 'getUnitStats'>
}

/** The days of a statistics query, without the ones left out. */
function days(query: { from?: string | undefined; to?: string | undefined }): { from?: string; to?: string } {
  return { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) }
}

function documents(basePath: string) {
  let openapi: ReturnType<typeof createOpenAPIDocument> | undefined
  return {
    getOpenAPIDocument: {
      run: async (r) => {
        // Built once, but the server URL follows each request: caching it would let the first
        // request's Host header decide what every later caller is told.
        openapi ??= createOpenAPIDocument({ serverUrl: basePath })
        return { ...openapi, servers: [{ url: `${r.url.origin}${basePath}` }] }
      },
    },
  } satisfies Pick<Operations, 'getOpenAPIDocument'>
}
