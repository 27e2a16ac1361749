import * as z from 'zod/mini'
import { INPUT_SCHEMAS, toJSONSchema, type JSONSchemaDocument, type SchemaName } from './json-schema.js'
import { pathParamNames, responsesOf, ROUTES, type RouteDefinition, type RouteResponse } from './routes.js'

/** Options of {@link createOpenAPIDocument}. */
export interface OpenAPIOptions {
  /**
   * The API's base URL as clients reach it.
   * @default '/api/v1'
   */
  serverUrl?: string
  /** @default '0.0.0' */
  version?: string
}

const COMPONENTS: Record<string, SchemaName> = {
  NewMessage: 'new-message',
  NewFollowUp: 'new-follow-up',
  NewEvaluation: 'new-evaluation',
  StaffAction: 'staff-action',
  Message: 'message',
  PublicMessage: 'public-message',
  TrackedMessage: 'tracked-message',
  SubmissionResult: 'submission-result',
  StaffActionResult: 'staff-action-result',
  Board: 'board',
  BoardStats: 'board-stats',
  UnitStats: 'unit-stats',
  Problem: 'problem',
  DuplicateLink: 'duplicate-link',
  HeatTable: 'heat-table',
  SimilarGroups: 'similar-groups',
  NewReplyTemplate: 'new-reply-template',
  ReplyTemplate: 'reply-template',
  BulkAction: 'bulk-action',
  BulkActionResult: 'bulk-action-result',
  InboxCounts: 'inbox-counts',
  NewWebhook: 'new-webhook',
  WebhookReplay: 'webhook-replay',
  Webhook: 'webhook',
  CreatedWebhook: 'created-webhook',
  DeliveryAttempt: 'delivery-attempt',
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const page = (schema: object) => ({
  type: 'object',
  properties: { items: { type: 'array', items: schema }, nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
  required: ['items', 'nextCursor'],
})
const idempotencyKey = (required: boolean) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required,
  description: 'Makes a retried POST safe: the same key and body replay the first response; the same key with another body answers 422; a request still running with the key answers 409. Keys expire after 24 hours.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
})

/** The `paths` of the document, generated from the route table (`ROUTES`). */
function paths(): Record<string, Record<string, unknown>> {
  const components = new Map<unknown, string>()
  for (const [name, file] of Object.entries(COMPONENTS)) components.set(INPUT_SCHEMAS[file as keyof typeof INPUT_SCHEMAS], name)
  const result: Record<string, Record<string, unknown>> = {}
  for (const route of ROUTES as readonly RouteDefinition[]) {
    const parameters: object[] = pathParamNames(route.path).map((name) => ({
      name, in: 'path', required: true, description: route.params?.[name] ?? name, schema: { type: 'string', minLength: 1 },
    }))
    if (route.query) parameters.push(...queryParameters(route.query))
    if (route.idempotency !== 'none') parameters.push(idempotencyKey(route.idempotency === 'required'))
    const responses: Record<string, unknown> = {}
    for (const [status, response] of Object.entries(responsesOf(route))) responses[status] = responseObject(Number(status), response)
    const bodyComponent = route.body && components.get(route.body)
    if (route.body && !bodyComponent) throw new Error(`The body of ${route.operationId} is no component of the document`)
    result[route.path] ??= {}
    result[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.auth === 'staff' ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(bodyComponent ? { requestBody: { required: true, content: { 'application/json': { schema: ref(bodyComponent) } } } } : {}),
      responses,
    }
  }
  return result
}

function responseObject(status: number, response: RouteResponse): object {
  if (status >= 400) return { description: response.description, content: { 'application/problem+json': { schema: ref('Problem') } } }
  const schema = response.schema === 'object' ? { type: 'object' } : response.schema ? ref(response.schema) : undefined
  return {
    description: response.description,
    ...(response.headers
      ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) }
      : {}),
    ...(schema ? { content: { 'application/json': { schema: response.page ? page(schema) : schema } } } : {}),
    ...(response.files ? { content: Object.fromEntries(response.files.map((type) => [type.split(';')[0], { schema: { type: 'string', contentMediaType: type.split(';')[0] } }])) } : {}),
  }
}

function queryParameters(schema: z.core.$ZodType) {
  const document = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, Record<string, unknown>> }
  return Object.entries(document.properties).map(([name, property]) => {
    const { description, ...rest } = property
    const isArrayOrEnum = name === 'status'
    return {
      name,
      in: 'query',
      required: false,
      ...(description ? { description } : {}),
      // Several statuses travel comma-separated in one parameter.
      ...(isArrayOrEnum ? { style: 'form', explode: false } : {}),
      schema: isArrayOrEnum ? { type: 'array', items: (rest.anyOf as object[] | undefined)?.[0] ?? {} } : rest,
    }
  })
}

/**
 * The Board API as an OpenAPI 3.1 document, generated from the same zod schemas the packages
 * validate with. Serve it, feed it to a code generator, or check responses against it.
 *
 * @example
 * ```ts
 * const doc = createOpenAPIDocument({ serverUrl: 'https://board.example.gov.cn/api/v1' })
 * doc.paths['/messages'].post.operationId // 'submitMessage'
 * ```
 */
export function createOpenAPIDocument(options: OpenAPIOptions = {}): JSONSchemaDocument {
  const schemas: Record<string, unknown> = {}
  for (const [name, file] of Object.entries(COMPONENTS)) {
    const { $schema: _s, $id: _i, ...schema } = toJSONSchema(file)
    schemas[name] = schema
  }
  schemas.StaffPrincipal = {
    type: 'object',
    properties: {
      label: { type: 'string' },
      roles: { type: 'array', items: { type: 'string', enum: ['reviewer', 'handler', 'supervisor'] } },
      boardIds: { type: 'array', items: { type: 'string' } },
    },
    required: ['label', 'roles', 'boardIds'],
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Liuyan Board API',
      version: options.version ?? '0.0.0',
      description: 'The Board API of a Liuyan government message board (留言板): public reads, citizen submissions and tracking, and staff actions of the closed loop. Errors are RFC 9457 problem documents.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: options.serverUrl ?? '/api/v1' }],
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A staff token scoped to boards and roles.' } },
    },
    paths: paths(),
  }
}
