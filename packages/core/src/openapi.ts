import * as z from 'zod/mini'
import { toJSONSchema, type JSONSchemaDocument, type SchemaName } from './json-schema.js'
import { InboxQuerySchema, MessageListQuerySchema } from './schemas/query.js'

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
  Problem: 'problem',
}

const ref = (name: keyof typeof COMPONENTS | 'StaffPrincipal') => ({ $ref: `#/components/schemas/${name}` })
const page = (name: keyof typeof COMPONENTS) => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(name) }, nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
  required: ['items', 'nextCursor'],
})
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } })
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string', minLength: 1 } })
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retried POST safe: the same key and body replay the first response; the same key with another body answers 422; a request still running with the key answers 409. Keys expire after 24 hours.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
}
const errors = {
  '400': problem('Malformed request (e.g. invalid JSON).'),
  '413': problem('Body larger than 64 KB.'),
  '415': problem('Body is not application/json.'),
  '422': problem('Validation failed; `issues` lists each problem in the language of Accept-Language.'),
  '429': problem('Too many requests; see Retry-After.'),
  '503': problem('The database is unavailable for the moment; nothing was stored. Retry after Retry-After (with the same Idempotency-Key for a POST).'),
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
  const bearer = [{ bearer: [] }]
  const document = {
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
    paths: {
      '/boards': {
        get: { operationId: 'listBoards', summary: 'All boards (a tree through parentId)', responses: { '200': json(page('Board'), 'The boards') } },
      },
      '/boards/{id}': {
        get: {
          operationId: 'getBoard', parameters: [pathParam('id', 'Board id')],
          responses: { '200': json(ref('Board'), 'The board'), '404': problem('No such board') },
        },
      },
      '/boards/{id}/stats': {
        get: {
          operationId: 'getBoardStats', parameters: [pathParam('id', 'Board id')],
          responses: { '200': json(ref('BoardStats'), 'Figures of the board and its descendants'), '404': problem('No such board') },
        },
      },
      '/messages': {
        get: {
          operationId: 'listMessages', summary: 'Public messages, newest first, cursor-paginated',
          parameters: queryParameters(MessageListQuerySchema),
          responses: { '200': json(page('PublicMessage'), 'A page of public messages'), '400': errors['400'], '404': problem('No such board'), '422': errors['422'], '429': errors['429'] },
        },
        post: {
          operationId: 'submitMessage', summary: 'Submit a message; keep the tracking code',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewMessage') } } },
          responses: { '201': json(ref('SubmissionResult'), 'Stored, awaiting review'), ...errors, '409': problem('A request with this Idempotency-Key is still running') },
        },
      },
      '/messages/{id}': {
        get: {
          operationId: 'getMessage', parameters: [pathParam('id', 'Message id')],
          responses: { '200': json(ref('PublicMessage'), 'The public thread'), '400': errors['400'], '404': problem('No such public message') },
        },
      },
      '/messages/{id}/actions': {
        post: {
          operationId: 'actOnMessage', summary: 'One staff action of the lifecycle', security: bearer,
          parameters: [pathParam('id', 'Message id'), idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('StaffAction') } } },
          responses: {
            '200': json(ref('StaffActionResult'), 'The message after the action; after reissue-code also the new tracking code, given this once'), ...errors,
            '401': problem('No or unknown token'), '403': problem('The token lacks the role'),
            '404': problem('No such message in the token’s boards'), '409': problem('The status does not allow the action'),
          },
        },
      },
      '/tracking/{code}': {
        get: {
          operationId: 'trackMessage', parameters: [pathParam('code', 'Tracking code (查询码)')],
          responses: { '200': json(ref('TrackedMessage'), 'The author’s view'), '400': errors['400'], '404': problem('Unknown code'), '429': errors['429'] },
        },
      },
      '/tracking/{code}/follow-ups': {
        post: {
          operationId: 'followUp', parameters: [pathParam('code', 'Tracking code'), idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewFollowUp') } } },
          responses: { '201': json(ref('TrackedMessage'), 'Follow-up stored'), ...errors, '404': problem('Unknown code'), '409': problem('Not allowed now') },
        },
      },
      '/tracking/{code}/evaluation': {
        post: {
          operationId: 'evaluate', parameters: [pathParam('code', 'Tracking code'), idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('NewEvaluation') } } },
          responses: { '201': json(ref('TrackedMessage'), 'Rating stored'), ...errors, '404': problem('Unknown code'), '409': problem('Not replied yet, or rated already') },
        },
      },
      '/inbox': {
        get: {
          operationId: 'listInbox', summary: 'Messages of the token’s boards with private fields', security: bearer,
          parameters: queryParameters(InboxQuerySchema),
          responses: { '200': json(page('Message'), 'A page of messages'), '401': problem('No or unknown token'), '404': problem('No such board in the token’s boards'), '422': errors['422'], '429': errors['429'] },
        },
      },
      '/inbox/{id}': {
        get: {
          operationId: 'getInboxMessage', security: bearer, parameters: [pathParam('id', 'Message id')],
          responses: { '200': json(ref('Message'), 'The message with private fields'), '400': errors['400'], '401': problem('No or unknown token'), '404': problem('No such message in the token’s boards'), '429': errors['429'] },
        },
      },
      '/me': {
        get: {
          operationId: 'getStaffPrincipal', security: bearer,
          responses: { '200': json(ref('StaffPrincipal'), 'Roles and boards of the token'), '401': problem('No or unknown token'), '429': errors['429'] },
        },
      },
      '/openapi.json': {
        get: { operationId: 'getOpenAPIDocument', summary: 'This document', responses: { '200': json({ type: 'object' }, 'The OpenAPI 3.1 document') } },
      },
    },
  }
  // Any operation that reads or writes the database may find it away (a networked store): 503 with
  // Retry-After until it is back. The document itself is built without one.
  for (const [path, operations] of Object.entries(document.paths)) {
    if (path === '/openapi.json') continue
    for (const operation of Object.values(operations) as { responses: Record<string, unknown> }[]) {
      operation.responses['503'] = errors['503']
    }
  }
  return document
}
