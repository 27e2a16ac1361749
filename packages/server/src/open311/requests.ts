import { LIMITS, type Locale, type MessageStatus, type NewMessageInput, type PublicMessage } from '@liuyan/core'
import { parseServiceCode, serviceCode, serviceName } from './services.js'

/** A service request of GeoReport v2, as served: public fields only. */
export interface Open311Request {
  service_request_id: string
  status: string
  status_notes?: string
  service_name: string
  service_code: string
  description: string
  agency_responsible?: string
  requested_datetime: string
  updated_datetime?: string
  expected_datetime?: string
  address?: string
  lat?: number
  long?: number
  media_url?: string
}

/**
 * Liuyan's statuses in Open311: `open` until the unit replied, then `closed`. With mySociety's
 * extended statuses, the open ones say how far handling got. Pending and refused messages are
 * never public, so they have none.
 */
const STATUS: Record<'basic' | 'extended', Partial<Record<MessageStatus, string>>> = {
  basic: { accepted: 'open', assigned: 'open', processing: 'open', replied: 'closed', closed: 'closed' },
  extended: { accepted: 'open', assigned: 'action_scheduled', processing: 'in_progress', replied: 'closed', closed: 'closed' },
}

/** The Liuyan statuses an Open311 `status` filter names (`open`, `closed`, or an extended one). */
export function statusesFor(names: readonly string[], extended: boolean): MessageStatus[] | undefined {
  const table = STATUS[extended ? 'extended' : 'basic']
  const wanted = new Set(names)
  const statuses = (Object.keys(table) as MessageStatus[]).filter((s) => {
    const name = table[s]!
    return wanted.has(name) || (wanted.has('open') && name !== 'closed')
  })
  return statuses.length ? statuses : undefined
}

/** The Open311 view of a public message. `boardName` names the handling unit. */
export function toOpen311Request(message: PublicMessage, boardName: (id: string) => string | undefined, locale: Locale, extended: boolean): Open311Request {
  const replies = message.posts.filter((p) => p.kind === 'reply')
  const last = message.timeline.at(-1)
  const image = message.images.find((i) => /^https?:\/\//.test(i))
  const agency = boardName(message.assigneeBoardId ?? message.boardId)
  const request: Open311Request = {
    service_request_id: message.id,
    status: STATUS[extended ? 'extended' : 'basic'][message.status] ?? 'open',
    service_name: serviceName(message.type, message.domain, locale),
    service_code: serviceCode(message.type, message.domain),
    // GeoReport has no title: the first line carries it.
    description: `${message.title}\n${message.content}`,
    requested_datetime: message.createdAt,
  }
  const notes = replies.at(-1)?.content
  if (notes) request.status_notes = notes
  if (agency) request.agency_responsible = agency
  if (last) request.updated_datetime = last.at
  if (message.dueAt) request.expected_datetime = message.dueAt
  if (message.place) {
    request.address = message.place.text
    if (message.place.coordinates) {
      request.lat = message.place.coordinates.lat
      request.long = message.place.coordinates.lng
    }
  }
  if (image) request.media_url = image
  return request
}

/** Why a POST of a service request cannot become a submission (checked before core's validation). */
export type Open311PostError = { field: string; problem: 'missing' | 'unknown_service' | 'not_a_number' }

/**
 * A GeoReport v2 POST (form fields) as a Liuyan submission to `boardId`. Names, e-mail and phone
 * are private: the real name and a mainland mobile number go where the form keeps them, anything
 * else into the staff-only remark; the public nickname is 网友. GeoReport requests are public by
 * design, so the submission consents to publication; the place is public, the media are not.
 */
export function fromOpen311Post(form: URLSearchParams, boardId: string): NewMessageInput | Open311PostError {
  const code = form.get('service_code')?.trim()
  if (!code) return { field: 'service_code', problem: 'missing' }
  const service = parseServiceCode(code)
  if (!service) return { field: 'service_code', problem: 'unknown_service' }
  const description = form.get('description')?.trim() ?? ''
  if (!description) return { field: 'description', problem: 'missing' }
  const [first = '', ...rest] = description.split(/\r?\n/)
  // A first line short enough is the title (as this server's own requests are written); otherwise
  // the title is the description's beginning.
  const titled = rest.length > 0 && [...first.trim()].length >= LIMITS.titleMin && [...first.trim()].length <= LIMITS.titleMax
  const title = titled ? first.trim() : beginning(description, LIMITS.titleMax)
  const content = titled ? rest.join('\n').trim() : description

  const lat = number(form.get('lat'))
  const long = number(form.get('long'))
  if (lat === null) return { field: 'lat', problem: 'not_a_number' }
  if (long === null) return { field: 'long', problem: 'not_a_number' }
  const address = form.get('address_string')?.trim()
  const coordinates = lat !== undefined && long !== undefined ? { lat, lng: long } : undefined
  const name = [form.get('first_name')?.trim(), form.get('last_name')?.trim()].filter(Boolean).join(' ')
  const phone = form.get('phone')?.replace(/[\s-]/g, '')
  const mobile = phone && /^1[3-9]\d{9}$/.test(phone) ? phone : undefined
  const remark = [
    phone && !mobile ? `电话 phone: ${phone}` : '',
    form.get('email')?.trim() ? `邮箱 e-mail: ${form.get('email')!.trim()}` : '',
  ].filter(Boolean).join('\n')
  const media = form.get('media_url')?.trim()
  return {
    boardId,
    type: service.type,
    domain: service.domain,
    title,
    content,
    ...(address || coordinates ? { place: { text: address || `${lat}, ${long}`, public: true, ...(coordinates ? { coordinates } : {}) } } : {}),
    ...(media ? { images: [media], imagesPublic: false } : {}),
    author: { nickname: '网友', ...(name ? { realName: name } : {}), ...(mobile ? { phone: mobile } : {}) },
    ...(remark ? { remark } : {}),
    publish: true,
    channel: 'other',
  }
}

/** The beginning of a text in at most `max` characters, cut between words where it has spaces. */
function beginning(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  const cut = chars.slice(0, max).join('')
  if (chars.length <= max) return cut
  const words = cut.replace(/\s+\S*$/, '')
  return words.length >= LIMITS.titleMin ? words : cut
}

/** A form number: undefined when absent, null when not a finite number. */
function number(value: string | null): number | undefined | null {
  if (value === null || value.trim() === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}
