/**
 * The Open311 GeoReport v2 endpoint over real HTTP on loopback, its documents checked against the
 * GeoReport v2 swagger file of the fixtures (fixtures/open311/spec-examples/georeport_v2-1.swagger.yaml,
 * CC BY 3.0, Open311 community), in JSON and XML, with a pinned clock.
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { XMLParser } from 'fast-xml-parser'
import { NewMessageSchema, type Board } from '@liuyan/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { serve, type RunningServer } from '../src/node.js'
import { createOpen311Handler } from '../src/open311/handler.js'
import { createBoardService, type BoardService, type StaffPrincipal } from '../src/service.js'
import { createMemoryStore } from '../src/store/memory.js'

const SWAGGER = parseYaml(readFileSync(new URL('fixtures/open311/spec-examples/georeport_v2-1.swagger.yaml', import.meta.url), 'utf8')) as { definitions: Record<string, object> }
const ajv = new Ajv({ strict: false, allErrors: true })
for (const format of ['uid', 'double', 'uint', 'date-time', 'uri']) ajv.addFormat(format, true)
ajv.addSchema({ $id: 'georeport', definitions: SWAGGER.definitions })
const schema = (name: string): ValidateFunction => ajv.compile({ $ref: `georeport#/definitions/${name}` })
const arrayOf = (name: string): ValidateFunction => ajv.compile({ type: 'array', items: { $ref: `georeport#/definitions/${name}` } })

function expectValid(validate: ValidateFunction, value: unknown) {
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true)
}

const CITY: Board = { id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city', parentId: null, region: '220100', acceptsMessages: true }
const UNIT: Board = { id: '220102-zjj', name: '南关区住房和城乡建设局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220102', acceptsMessages: true }
const OTHER: Board = { id: 'mot', name: '交通运输部', kind: 'agency', level: 'ministry', parentId: null, region: '100000', acceptsMessages: true }

const clock = { at: new Date('2026-11-02T09:00:00+08:00') }
let service: BoardService
let staff: StaffPrincipal
let server: RunningServer
let base: string
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name) })

async function publicMessage(at: string, board: Board, extra: { type?: 'complain' | 'consult'; title: string }) {
  clock.at = new Date(at)
  const { id } = await service.submit(NewMessageSchema.parse({
    boardId: board.id, type: extra.type ?? 'complain', domain: 'urban', title: extra.title,
    content: '朝阳路12号小区门口的路灯已经坏了两个星期，联系人王小明，电话13812345678。',
    place: { text: '朝阳路12号', public: true, coordinates: { lat: 43.88, lng: 125.32 } },
    author: { nickname: '市民', realName: '王小明', phone: '13812345678' }, remark: '白天不在家', publish: true,
  }))
  await service.act(staff, id, { action: 'accept' })
  return id
}

beforeAll(async () => {
  service = createBoardService({ store: createMemoryStore(), now: () => clock.at })
  await service.putBoards([CITY, UNIT, OTHER])
  const { token } = await service.createToken({ label: 'reviewer', roles: ['reviewer', 'handler'], boardIds: [CITY.id, OTHER.id] })
  staff = (await service.authenticate(token))!
  await publicMessage('2026-10-01T09:00:00+08:00', CITY, { title: '路灯坏了两周' })
  const replied = await publicMessage('2026-10-20T09:00:00+08:00', CITY, { type: 'consult', title: '电梯何时加装' })
  await service.act(staff, replied, { action: 'assign', boardId: UNIT.id })
  await service.act(staff, replied, { action: 'start' })
  await service.act(staff, replied, { action: 'reply', organization: '南关区住房和城乡建设局', content: '您好，加装电梯工作将于明年春季启动。' })
  await publicMessage('2026-10-25T09:00:00+08:00', OTHER, { title: '部里的留言' })
  clock.at = new Date('2026-11-02T09:00:00+08:00')
  const open311 = createOpen311Handler(service, { jurisdictions: { 'changchun.gov.cn': CITY.id }, contact: '长春市12345 api@example.gov.cn', tokensPerMinute: 3 })
  server = await serve(open311, { port: 0, host: '127.0.0.1' })
  base = `${server.url}/open311/v2`
})
afterAll(() => server?.close())

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}/${path}`, { headers })
const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${base}/${path}`, { method: 'POST', body: new URLSearchParams(form), headers })

describe('Open311 GeoReport v2', () => {
  it('serves discovery in JSON and XML', async () => {
    const json = await (await get('discovery.json')).json()
    expect(json).toEqual({
      changeset: expect.any(String), contact: '长春市12345 api@example.gov.cn',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: expect.any(String), type: 'production', formats: ['text/xml', 'application/json'] }],
    })
    const res = await get('discovery.xml')
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8')
    const doc = xml.parse(await res.text())
    expect(doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json'])
    expect(doc.discovery.endpoints.endpoint[0].url).toBe(base)
  })

  it('lists every message type × domain as a service, valid against the spec, the same in XML', async () => {
    const services = await (await get('services.json?jurisdiction_id=changchun.gov.cn')).json()
    // The spec's schemas are in force: a service without its required fields does not pass.
    expect(arrayOf('Service')([{ service_name: 'x' }])).toBe(false)
    expectValid(arrayOf('Service'), services)
    expect(services).toHaveLength(5 * 14)
    expect(services[0]).toEqual({ service_code: 'consult.urban', service_name: '咨询 · 城建', description: '城建领域的咨询留言', metadata: false, type: 'realtime', keywords: 'consult, urban, 咨询, 城建', group: '城建' })
    const english = await (await get('services.json', { 'Accept-Language': 'en' })).json()
    expect(english.find((s: { service_code: string }) => s.service_code === 'complain.transport').service_name).toBe('Complaint · Transport')
    const fromXml = xml.parse(await (await get('services.xml')).text()).services.service
    expect(fromXml.map((s: { service_code: string; metadata: string }) => [s.service_code, s.metadata])).toEqual(services.map((s: { service_code: string }) => [s.service_code, 'false']))
    const definition = await (await get('services/complain.urban.json')).json()
    expectValid(schema('ServiceDefinition'), definition)
    expect(definition).toEqual({ service_code: 'complain.urban', attributes: [] })
    expect(xml.parse(await (await get('services/complain.urban.xml')).text()).service_definition.service_code).toBe('complain.urban')
  })

  it('answers the public requests of the jurisdiction newest first, valid against the spec, with public fields only', async () => {
    const res = await get('requests.json')
    const requests = await res.json()
    expectValid(arrayOf('Request'), requests)
    expect(requests.map((r: { description: string }) => r.description.split('\n')[0])).toEqual(['电梯何时加装', '路灯坏了两周'])
    expect(requests[0]).toMatchObject({
      status: 'closed', status_notes: '您好，加装电梯工作将于明年春季启动。', service_code: 'consult.urban', service_name: '咨询 · 城建',
      agency_responsible: '南关区住房和城乡建设局', requested_datetime: '2026-10-20T01:00:00.000Z', address: '朝阳路12号', lat: 43.88, long: 125.32,
    })
    expect(requests[1]).toMatchObject({ status: 'open', service_code: 'complain.urban', agency_responsible: '长春市人民政府', expected_datetime: expect.any(String) })
    const text = JSON.stringify(requests)
    expect(text).not.toMatch(/王小明|13812345678|白天不在家/)
    expect(text).toContain('138****5678')

    const fromXml = xml.parse(await (await get('requests.xml')).text()).service_requests.request
    expect(fromXml.map((r: { service_request_id: string; status: string }) => [r.service_request_id, r.status])).toEqual(requests.map((r: { service_request_id: string; status: string }) => [r.service_request_id, r.status]))
    const one = await (await get(`requests/${requests[1].service_request_id}.json`)).json()
    expect(one).toEqual([requests[1]])
  })

  it('filters by service_code, status, dates and ids, and keeps other jurisdictions out', async () => {
    const ids = async (query: string) => (await (await get(`requests.json?${query}`)).json()).map((r: { description: string }) => r.description.split('\n')[0])
    expect(await ids('service_code=complain.urban')).toEqual(['路灯坏了两周'])
    expect(await ids('status=closed')).toEqual(['电梯何时加装'])
    expect(await ids('status=open,closed')).toEqual(['电梯何时加装', '路灯坏了两周'])
    expect(await ids('start_date=2026-10-10T00:00:00%2B08:00&end_date=2026-11-01T00:00:00Z')).toEqual(['电梯何时加装'])
    const all = await (await get('requests.json')).json()
    const other = await service.listPublic({ boardId: OTHER.id, limit: 10 })
    expect(await ids(`service_request_id=${all[1].service_request_id},${other.items[0]!.id},nope`)).toEqual(['路灯坏了两周'])
    expect((await get(`requests/${other.items[0]!.id}.json`)).status).toBe(404)
  })

  it('takes a new request by POST, answers its id and token, and the token finds it', async () => {
    clock.at = new Date('2026-11-02T10:00:00+08:00')
    const res = await post('requests.json', {
      jurisdiction_id: 'changchun.gov.cn', service_code: 'complain.transport', lat: '43.9', long: '125.3', address_string: '人民大街100号',
      first_name: 'Xiaoming', last_name: 'Wang', email: 'wang@example.com', phone: '13812345678',
      description: '公交站台缺少遮雨棚\n人民大街100号的公交站台没有遮雨棚，下雨天候车很不方便。',
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const [created] = await res.json()
    expectValid(arrayOf('RequestResponse'), [created])
    expect(created).toEqual({ service_request_id: expect.any(String), token: expect.any(String), service_notice: expect.stringContaining('审核') })

    const stored = await service.getForStaff(staff, created.service_request_id)
    expect(stored).toMatchObject({ title: '公交站台缺少遮雨棚', type: 'complain', domain: 'transport', author: { nickname: '网友', realName: 'Xiaoming Wang', phone: '13812345678' }, remark: '邮箱 e-mail: wang@example.com', publish: true, status: 'pending' })
    // Not public before review.
    expect((await get(`requests/${created.service_request_id}.json`)).status).toBe(404)
    const token = await (await get(`tokens/${created.token}.json`)).json()
    expectValid(arrayOf('TokenResponse'), token)
    expect(token).toEqual([{ service_request_id: created.service_request_id, token: created.token }])
    await service.act(staff, created.service_request_id, { action: 'accept' })
    const shown = await (await get(`requests/${created.service_request_id}.json`)).json()
    expect(shown[0]).toMatchObject({ description: '公交站台缺少遮雨棚\n人民大街100号的公交站台没有遮雨棚，下雨天候车很不方便。', address: '人民大街100号' })
    expect(JSON.stringify(shown)).not.toMatch(/Xiaoming|wang@example|13812345678/)

    const viaXml = await post('requests.xml', { service_code: 'consult.urban', description: '请问小区加装电梯的补贴标准是什么，需要哪些材料？' })
    expect(viaXml.status).toBe(201)
    expect(xml.parse(await viaXml.text()).service_requests.request[0].service_request_id).toMatch(/\S/)
  })

  it('takes the spec’s own POST example: its service code is none of ours, and with one of ours it is a submission', async () => {
    // spec-examples/post-request-example-http.txt: a request line, headers, a blank line, the form.
    const example = readFileSync(new URL('fixtures/open311/spec-examples/post-request-example-http.txt', import.meta.url), 'utf8')
    const form = new URLSearchParams(example.split(/\r?\n\r?\n/)[1]!.trim())
    const elsewhere = await fetch(`${base}/requests.json`, { method: 'POST', body: form, headers: { 'Accept-Language': 'en' } })
    expect([elsewhere.status, await elsewhere.json()]).toEqual([404, [{ code: 404, description: 'There is no jurisdiction with jurisdiction_id "city.gov"' }]])
    form.set('jurisdiction_id', 'changchun.gov.cn')
    const refused = await fetch(`${base}/requests.json`, { method: 'POST', body: form, headers: { 'Accept-Language': 'en' } })
    expect([refused.status, await refused.json()]).toEqual([400, [{ code: 400, description: 'There is no service with service_code "001"; see services.json' }]])
    form.set('service_code', 'complain.transport')
    form.set('description', 'A large sinkhole is destroying the street, please fix it soon.')
    const res = await fetch(`${base}/requests.json`, { method: 'POST', body: form })
    expect(res.status).toBe(201)
    const [{ service_request_id: id }] = await res.json()
    expect(await service.getForStaff(staff, id)).toMatchObject({
      title: 'A large sinkhole is', content: 'A large sinkhole is destroying the street, please fix it soon.',
      place: { text: '1234 5th street', public: true, coordinates: { lat: 37.76524078, lng: -122.4212043 } },
      images: ['http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg'], imagesPublic: false,
      author: { nickname: '网友', realName: 'john smith' }, remark: '电话 phone: 111111111\n邮箱 e-mail: smit333@sfgov.edu',
    })
  })

  it('answers errors as GeoReport error documents, in the reader’s language, in JSON and XML', async () => {
    const errors = async (res: Response) => ({ status: res.status, body: await res.json() })
    expect(await errors(await get('requests.json?jurisdiction_id=nowhere'))).toEqual({ status: 404, body: [{ code: 404, description: '没有 jurisdiction_id 为“nowhere”的辖区' }] })
    expect(await errors(await get('requests.json?service_code=x.y', { 'Accept-Language': 'en' }))).toEqual({ status: 400, body: [{ code: 400, description: 'There is no service with service_code "x.y"; see services.json' }] })
    expect((await errors(await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z'))).status).toBe(400)
    expect((await errors(await get('requests.json?start_date=yesterday'))).body[0].description).toBe('start_date 应为带时区的 ISO 8601 时间')
    expect((await errors(await get('requests.json?status=fixed'))).status).toBe(400)
    expect((await errors(await get('nothing.json'))).status).toBe(404)
    const put = await fetch(`${base}/services.json`, { method: 'POST' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, HEAD')
    const invalid = await post('requests.json', { service_code: 'complain.urban', description: '太短' }, { 'Accept-Language': 'en' })
    expect(invalid.status).toBe(400)
    expect((await invalid.json())[0].description).toMatch(/^The request is not valid: description: /)
    expect((await errors(await post('requests.json', { service_code: 'complain.urban' }))).body).toEqual([{ code: 400, description: '缺少 description' }])
    const inXml = await get('requests/nope.xml')
    expect(inXml.status).toBe(404)
    expect(xml.parse(await inXml.text()).errors.error).toEqual([{ code: '404', description: '没有这条公开的请求' }])
  })

  it('limits token lookups per client, as tracking codes are', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await get('tokens/ABCD-EFGH-JKMN.json')).status)
    // 3 a minute in this test (one was used above); wrong and right tokens count alike.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2)
    const limited = await get('tokens/ABCD-EFGH-JKMN.json')
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})
