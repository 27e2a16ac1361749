/**
 * The OpenAPI document the server serves: valid OpenAPI 3.1 by a maintained validator, in step
 * with the routes the server answers, and strict enough that the conformance check run at the end
 * of every contract file means something.
 */
import { request } from 'node:http'
import { Validator } from '@seriousme/openapi-schema-validator'
import { createOpenAPIDocument } from '@liuyan/core'
import { describe, expect, it } from 'vitest'
import { BASE_PATH, conformanceTest, createConformance, submission, useBoard, type Json } from './harness.js'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

describe('GET /openapi.json', () => {
  const board = useBoard('memory')
  let document: Json

  it('serves the document of core with this server’s URL', async () => {
    const reply = await board().get('/openapi.json')
    expect(reply.status).toBe(200)
    expect(reply.type).toBe('application/json')
    document = reply.body
    expect(document).toEqual(createOpenAPIDocument({ serverUrl: board().base }))
    expect(document.servers).toEqual([{ url: board().base }])
  })

  it('is valid OpenAPI 3.1 according to @seriousme/openapi-schema-validator', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(document))
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    expect(() => validator.resolveRefs()).not.toThrow()
  })

  it('names every operation once and answers every error as a problem document', () => {
    const operationIds: string[] = []
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const operation = item[method]
        operationIds.push(operation.operationId)
        expect(Object.keys(operation.responses).some((s) => s.startsWith('2')), `${method} ${path}`).toBe(true)
        for (const [status, response] of Object.entries<Json>(operation.responses)) {
          if (Number(status) < 400) continue
          expect(Object.keys(response.content), `${method} ${path} ${status}`).toEqual(['application/problem+json'])
          expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' })
        }
        for (const parameter of (path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1))) {
          expect(operation.parameters.some((p: Json) => p.in === 'path' && p.name === parameter && p.required), `${path} declares {${parameter}}`).toBe(true)
        }
      }
    }
    expect(operationIds.every(Boolean)).toBe(true)
    expect(new Set(operationIds).size).toBe(operationIds.length)
  })

  it('declares exactly the methods the server answers on each path', async () => {
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      const concrete = path.replace(/\{[^}]+\}/g, 'x')
      // A method no route of the API has (PUT and DELETE answer the reply templates).
      const reply = await board().call('PATCH', concrete)
      expect(reply.status, path).toBe(405)
      const declared = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase())
      expect(reply.headers.get('Allow')?.split(', ').sort(), path).toEqual(declared.sort())
    }
  })

  it('has request schemas that agree with what the server accepts', async () => {
    const { validator } = createConformance(document)
    const newMessage = validator(document.paths['/messages'].post.requestBody.content['application/json'].schema)
    const good = submission()
    expect(newMessage(good), JSON.stringify(newMessage.errors)).toBe(true)
    expect((await board().post('/messages', good)).status).toBe(201)
    const bad = submission({ title: '关于小区门口路灯长期损坏一直无人维修的问题反映' })
    expect(newMessage(bad)).toBe(false)
    expect((await board().post('/messages', bad)).status).toBe(422)
    const action = validator(document.paths['/messages/{id}/actions'].post.requestBody.content['application/json'].schema)
    expect(action({ action: 'transfer', boardId: 'b', reason: '属地管理' })).toBe(true)
    expect(action({ action: 'transfer', boardId: 'b' })).toBe(false)
  })
})

describe('the served document’s server URL', () => {
  const board = useBoard('memory')

  it('follows each request, so one request’s Host header cannot change what later callers are told', async () => {
    const spoofed = await new Promise<Json>((resolve, reject) => {
      const url = new URL(`${board().base}/openapi.json`)
      request(url, { headers: { Host: 'evil.example' } }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve(JSON.parse(text)))
      })
        .on('error', reject)
        .end()
    })
    expect(spoofed.servers).toEqual([{ url: `http://evil.example${BASE_PATH}` }])
    expect((await board().get('/openapi.json')).body.servers).toEqual([{ url: board().base }])
  })
})

describe('the conformance check', () => {
  const { check } = createConformance()
  const result = { id: 'm1', status: 'pending', trackingCode: 'K7mPq2xR9tWz', createdAt: '2026-03-02T01:00:00.000Z' }
  const problem = { type: 'urn:liuyan:problem:not_found', title: 'Not found', status: 404, code: 'not_found', requestId: 'r1' }
  const at = (status: number, body: unknown, type = 'application/json', method = 'POST', url = `${BASE_PATH}/messages`) => check({ method, url, status, type, body })

  it('accepts a response that matches its declared schema', () => {
    expect(at(201, result)).toEqual([])
    expect(at(404, problem, 'application/problem+json', 'GET', `${BASE_PATH}/messages/m1`)).toEqual([])
  })

  it('flags a wrong body, an undeclared status and an undeclared content type', () => {
    expect(at(201, { ...result, trackingCode: undefined })).toEqual([expect.stringContaining('trackingCode')])
    expect(at(201, { ...result, createdAt: 'yesterday' })).toEqual([expect.stringContaining('does not match')])
    expect(at(200, result)).toEqual([expect.stringContaining('not declared')])
    expect(at(201, result, 'text/html')).toEqual([expect.stringContaining('content type')])
    expect(at(404, { title: 'no code' }, 'application/problem+json', 'GET', `${BASE_PATH}/nowhere`)).toEqual([expect.stringContaining('does not match')])
    expect(at(405, problem, 'text/plain', 'DELETE', `${BASE_PATH}/messages`)).toEqual([expect.stringContaining('problem document')])
  })
})

conformanceTest()
