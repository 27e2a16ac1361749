import { LIMITS, maskPII, type Domain, type Message, type MessageStatus, type MessageType, type Post, type TimelineEvent } from '@liuyan/core'
import { parseServiceCode } from '../open311/services.js'
import { toForeignRequest, type ForeignRequest } from '../open311/read.js'
import type { Store } from '../store/types.js'
import { checkBoards, importMessages, type ImportOptions, type ImportReport, type Mapped } from './batch.js'
import type { ReadRecord } from './records.js'

export interface Open311ImportOptions extends ImportOptions {
  /** The board the requests go to. */
  board: string
  /** Prefix of the imported messages' ids, before the service_request_id. @default 'open311-' */
  idPrefix?: string
  /** The type and domain (`<type>.<domain>`) of each foreign service_code; codes of Liuyan's own form need none. */
  serviceMap?: Readonly<Record<string, string>>
  /** The offset of times that a server wrote without one, e.g. `+08:00`. @default 'Z' */
  defaultOffset?: string
  /** Signs the replies made of closed requests' notes when the request names no agency. @default the board's name */
  agency?: string
}

/**
 * Imports the service requests of a GeoReport v2 requests document (items, one per record; see
 * `readOpen311Document`) as published messages of a board (see {@link importMessages}). A request
 * becomes a message with the id `open311-<service_request_id>`: its service code names the type and
 * domain when it is one of Liuyan's (`complain.urban`) or in `serviceMap` (otherwise 求助 · 其他);
 * the description's first line is the title when it is short enough, as this server writes them;
 * the address and coordinates are the public place; a closed request's notes are its reply.
 */
export async function importOpen311(store: Store, records: AsyncIterable<ReadRecord>, options: Open311ImportOptions): Promise<ImportReport> {
  await checkBoards(store, [options.board])
  const agency = options.agency ?? (await store.read.getBoard(options.board))!.name
  return importMessages(store, records, (value) => toMessage(value, options, agency), options)
}

const STATUSES: Record<string, MessageStatus> = {
  open: 'accepted', action_scheduled: 'assigned', investigating: 'assigned', in_progress: 'processing',
  closed: 'closed', fixed: 'closed', duplicate: 'closed', not_councils_responsibility: 'closed',
  no_further_action: 'closed', internal_referral: 'closed', unable_to_fix: 'closed',
}

function toMessage(value: unknown, options: Open311ImportOptions, agency: string): Mapped {
  const request = typeof value === 'object' && value !== null ? toForeignRequest(value as Record<string, unknown>, options.defaultOffset) : undefined
  if (!request) return { reason: 'the request has no service_request_id' }
  const createdAt = request.requested_datetime
  if (!createdAt || Number.isNaN(Date.parse(createdAt))) return { reason: `request ${request.service_request_id} has no valid requested_datetime`, kind: 'a request has no valid requested_datetime' }
  const status = STATUSES[request.status ?? 'open']
  if (!status) return { reason: `request ${request.service_request_id} has the status "${request.status}", which is not GeoReport's`, kind: `the status "${request.status}" is not GeoReport's` }
  const service = serviceOf(request, options.serviceMap)
  const { title, content } = text(request)
  const updatedAt = request.updated_datetime && !Number.isNaN(Date.parse(request.updated_datetime)) ? request.updated_datetime : createdAt
  const id = `${options.idPrefix ?? 'open311-'}${request.service_request_id}`

  const timeline: TimelineEvent[] = [
    { id: `${id}-submit`, type: 'submit', at: createdAt, actor: { role: 'citizen' }, to: 'pending' },
    { id: `${id}-accept`, type: 'accept', at: createdAt, actor: { role: 'reviewer' }, from: 'pending', to: 'accepted' },
  ]
  const posts: Post[] = []
  const closed = status === 'closed'
  if (closed && request.status_notes) {
    posts.push({ kind: 'reply', id: `${id}-reply`, organization: (request.agency_responsible ?? agency).slice(0, 100), content: maskPII(request.status_notes).slice(0, LIMITS.replyMax), createdAt: updatedAt })
    timeline.push({ id: `${id}-reply`, type: 'reply', at: updatedAt, actor: { role: 'handler' }, to: 'replied' })
  }
  if (closed) timeline.push({ id: `${id}-close`, type: 'close', at: updatedAt, actor: { role: 'reviewer' }, from: posts.length ? 'replied' : 'accepted', to: 'closed' })
  else if (status !== 'accepted') timeline.push({ id: `${id}-status`, type: status === 'assigned' ? 'assign' : 'start', at: updatedAt, actor: { role: status === 'assigned' ? 'reviewer' : 'handler' }, to: status })

  const place = request.address ?? (request.lat !== undefined ? `${request.lat}, ${request.long}` : undefined)
  const message: Message = {
    id,
    boardId: options.board,
    type: service.type,
    domain: service.domain,
    title,
    content,
    ...(place ? { place: { text: [...place].slice(0, LIMITS.placeMax).join(''), public: true, ...(request.lat !== undefined ? { coordinates: { lat: request.lat, lng: request.long! } } : {}) } } : {}),
    images: request.media_url && /^https?:\/\//.test(request.media_url) ? [request.media_url] : [],
    imagesPublic: true,
    author: { nickname: '网友', maskNickname: false },
    publish: true,
    channel: 'import',
    status,
    createdAt,
    reviewedAt: createdAt,
    publishedAt: createdAt,
    supervised: false,
    reminders: 0,
    posts,
    timeline,
    ...(posts.length ? { repliedAt: updatedAt } : {}),
    ...(closed ? { closedAt: updatedAt } : {}),
    ...(request.expected_datetime && !Number.isNaN(Date.parse(request.expected_datetime)) ? { dueAt: request.expected_datetime } : {}),
  }
  return message
}

function serviceOf(request: ForeignRequest, map: Readonly<Record<string, string>> | undefined): { type: MessageType; domain: Domain } {
  const code = request.service_code ?? ''
  return parseServiceCode(code) ?? (map?.[code] ? parseServiceCode(map[code]) : undefined) ?? { type: 'help', domain: 'other' }
}

/** Title and content: this server's own form (title on the first line), or a title of the service and the address. */
function text(request: ForeignRequest): { title: string; content: string } {
  const description = maskPII(request.description ?? '')
  const [first = '', ...rest] = description.split(/\r?\n/)
  const length = [...first.trim()].length
  if (rest.length && length >= LIMITS.titleMin && length <= LIMITS.titleMax && rest.join('').trim()) return { title: first.trim(), content: rest.join('\n').trim() }
  const about = [request.service_name, request.address].filter(Boolean).join(' · ') || `Open311 ${request.service_request_id}`
  return { title: [...about].slice(0, 200).join('').trim(), content: description || about }
}
