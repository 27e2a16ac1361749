import { describe, expect, it } from 'vitest'
import { createOpenAPIDocument } from './openapi.js'
import { pathParamNames, responsesOf, ROUTES, type RouteDefinition } from './routes.js'

const routes: readonly RouteDefinition[] = ROUTES

describe('ROUTES', () => {
  it('names each operation once and each method of a path once', () => {
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length)
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length)
  })

  it('describes exactly the parameters of each path template', () => {
    for (const route of routes) expect(Object.keys(route.params ?? {}).sort(), route.path).toEqual(pathParamNames(route.path).sort())
  })

  it('keeps what a tracking code or a staff token opens out of caches, and the submission with its new code', () => {
    for (const route of routes) {
      if (route.auth !== 'public') expect(route.private, route.operationId).toBe(true)
      if (route.auth === 'tracking-code') expect(pathParamNames(route.path), route.operationId).toContain('code')
    }
    expect(routes.find((r) => r.operationId === 'submitMessage')?.private).toBe(true)
  })

  it('implies the answers of its properties, and a route’s own description wins', () => {
    const act = responsesOf(routes.find((r) => r.operationId === 'actOnMessage')!)
    expect(Object.keys(act).map(Number)).toEqual([200, 400, 401, 403, 404, 409, 413, 415, 422, 429, 503])
    expect(act[409]!.description).toMatch(/^The status does not allow the action/)
    expect(act[413]!.description).toBe('Body larger than 64 KB.')
    const boards = responsesOf(routes.find((r) => r.operationId === 'listBoards')!)
    // Any route that reads the database may find it away; the document itself never does.
    expect(Object.keys(boards)).toEqual(['200', '503'])
    expect(Object.keys(responsesOf(routes.find((r) => r.operationId === 'getOpenAPIDocument')!))).toEqual(['200'])
  })

  it('is the source of the OpenAPI document’s paths', () => {
    const document = createOpenAPIDocument() as { paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[] }>> }
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`))
    expect(operations).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.operationId}`))
    const submit = document.paths['/messages']!.post!
    expect(submit.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })])
  })
})
