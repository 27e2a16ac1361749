import { ROUTES, type RouteDefinition } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { createBoardService } from '../service.js'
import { createMemoryStore } from '../store/memory.js'
import { createIdempotency } from './idempotency.js'
import { createPathRedactor, createRouter, decodeParams } from './router.js'

const route = (method: 'GET' | 'POST', path: string, isPrivate = false): RouteDefinition => ({
  operationId: `${method} ${path}`, method, path, summary: '', auth: 'public', limits: { rate: [] }, idempotency: 'none', private: isPrivate, responses: {},
})

describe('the router compiled from path templates', () => {
  const router = createRouter([
    route('GET', '/boards/{id}'),
    route('GET', '/boards/tree'),
    route('GET', '/boards/{id}/messages/{messageId}'),
    route('POST', '/boards/{id}/messages/{messageId}', true),
    route('GET', '/secret/{code}', true),
  ])

  it('gives parameters by name, a literal segment before a parameter, and decodes once matched', () => {
    const found = router.route('GET', '/boards/b%2F1/messages/m%E4%BA%95')
    expect(found.kind === 'found' && decodeParams(found.match.rawParams)).toEqual({ id: 'b/1', messageId: 'm井' })
    const tree = router.route('GET', '/boards/tree')
    expect(tree.kind === 'found' && tree.match.route.path).toBe('/boards/tree')
    expect(() => decodeParams({ id: '%E0' })).toThrow(expect.objectContaining({ status: 400 }))
  })

  it('answers HEAD as GET, a known path with another method with Allow, and nothing else', () => {
    expect(router.route('HEAD', '/boards/x').kind).toBe('found')
    expect(router.route('PUT', '/boards/x/messages/y')).toEqual({ kind: 'method', allow: 'GET, POST', private: false })
    expect(router.route('PUT', '/secret/x')).toEqual({ kind: 'method', allow: 'GET', private: true })
    for (const path of ['/', '/boards', '/boards/', '/boards/x/', '/boards//messages/y', '/nowhere']) expect(router.route('GET', path).kind, path).toBe('unknown')
    // An unknown path under a first segment that only leads to private routes is private too.
    expect(router.route('GET', '/secret/x/y')).toEqual({ kind: 'unknown', private: true })
    expect(router.route('GET', '/secrets')).toEqual({ kind: 'unknown', private: false })
  })

  it('refuses a table that names one method of a path twice', () => {
    expect(() => createRouter([route('GET', '/a/{id}'), route('GET', '/a/{id}')])).toThrow(/twice/)
  })

  it('keeps tracking codes out of logged paths, whether or not a route matched', () => {
    const redact = createPathRedactor(ROUTES)
    expect(redact('/api/v1/tracking/K7mPq2xR9tWz/follow-ups')).toBe('/api/v1/tracking/***/follow-ups')
    expect(redact('/api/v1/tracking/K7mPq2xR9tWz/nowhere')).toBe('/api/v1/tracking/***/nowhere')
    expect(redact('/api/v1/messages/m1')).toBe('/api/v1/messages/m1')
  })
})

describe('a route that requires an Idempotency-Key', () => {
  it('answers 400 without one and runs nothing', async () => {
    const service = createBoardService({ store: createMemoryStore() })
    const idempotent = createIdempotency(service, 60_000)
    let ran = false
    const request = { key: null, required: true, scope: 'public', fingerprint: 'POST /x\n{}', status: 201, run: async () => (ran = true) }
    await expect(idempotent(request)).rejects.toMatchObject({ status: 400, issues: [{ path: ['Idempotency-Key'], code: 'idempotency_key_required' }] })
    expect(ran).toBe(false)
    expect((await idempotent({ ...request, required: false })).status).toBe(201)
    expect(ran).toBe(true)
  })
})
