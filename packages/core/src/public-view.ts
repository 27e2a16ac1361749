import { allowedActions } from './lifecycle.js'
import { maskNickname, maskPII } from './privacy.js'
import { DEFAULT_LOCALE, type Locale } from './enums.js'
import { REJECT_REASON_TEXTS } from './rejection.js'
import { STAFF_ONLY_EVENT_TYPES } from './schemas/message.js'
import type {
  Message,
  Post,
  PublicMessage,
  PublicTimelineEvent,
  TimelineEvent,
  TrackedMessage,
} from './schemas/message.js'

/**
 * The title and content as the public reads them: the reviewer's public copy where one was set
 * (redaction), else the author's text, with personal data masked. What keyword search indexes too,
 * so a search never finds a message by what was withheld.
 *
 * @example
 * ```ts
 * publicText(message).content // '…请联系 138****5678…'
 * ```
 */
export function publicText(message: Pick<Message, 'title' | 'content' | 'publicCopy' | 'author'>): { title: string; content: string } {
  return maskedText(message, maskerOf(message))
}

function maskedText(message: Pick<Message, 'title' | 'content' | 'publicCopy'>, mask: (text: string) => string): { title: string; content: string } {
  return { title: mask(message.publicCopy?.title ?? message.title), content: mask(message.publicCopy?.content ?? message.content) }
}

/** Masks personal data in free text, the author's own name and phone included wherever they occur. */
function maskerOf(message: Pick<Message, 'author'>): (text: string) => string {
  const { realName, phone } = message.author
  const options = { names: realName ? [realName] : [], phones: phone ? [phone] : [] }
  return (text) => maskPII(text, options)
}

/**
 * The public view of a message, and the only way core produces one: drops the real name, phone,
 * staff remark, staff notes on the timeline, a non-public place and non-public images; masks phone
 * numbers, ID numbers, e-mail addresses and bank cards in every piece of free text; masks the
 * nickname when the author asked for it.
 *
 * It does not decide whether the message may be listed at all (that needs acceptance and the
 * author's consent, see {@link isPubliclyVisible}).
 *
 * @example
 * ```ts
 * const view = toPublicMessage(message)
 * view.author // { nickname: '陈***' } when maskNickname was asked for
 * ```
 */
export function toPublicMessage(message: Message): PublicMessage {
  const mask = maskerOf(message)
  const copy = message.publicCopy
  const nickname = copy?.nickname ?? message.author.nickname
  const view: PublicMessage = {
    id: message.id,
    boardId: message.boardId,
    type: message.type,
    domain: message.domain,
    ...maskedText(message, mask),
    images: message.imagesPublic ? [...message.images] : [],
    author: { nickname: message.author.maskNickname ? maskNickname(nickname) : mask(nickname) },
    status: message.status,
    channel: message.channel,
    createdAt: message.createdAt,
    supervised: message.supervised,
    posts: message.posts.map((post) => publicPost(post, mask)),
    timeline: message.timeline.filter(isPublicEvent).map(publicEvent),
  }
  if (copy && Object.keys(copy).length > 0) view.redacted = true
  if (message.assigneeBoardId) view.assigneeBoardId = message.assigneeBoardId
  if (message.place?.public) {
    view.place = { text: mask(copy?.place ?? message.place.text) }
    if (message.place.coordinates) view.place.coordinates = { ...message.place.coordinates }
  }
  if (message.publishedAt) view.publishedAt = message.publishedAt
  if (message.repliedAt) view.repliedAt = message.repliedAt
  if (message.closedAt) view.closedAt = message.closedAt
  if (message.dueAt) view.dueAt = message.dueAt
  if (message.duplicateOf) view.duplicateOf = message.duplicateOf
  if (message.evaluation) {
    const { comment, ...scores } = message.evaluation
    view.evaluation = comment ? { ...scores, comment: mask(comment) } : { ...scores }
  }
  return view
}

/**
 * The author's view by tracking code: the public view plus whether the message is listed, why it
 * was refused, and what the author may do now. It never carries the real name, phone or remark
 * either, because a tracking code can be overheard. `trackingCode` is the code the author gave
 * (the server keeps only a keyed hash of it). A refusal's standard reason is worded in `locale`.
 *
 * @example
 * ```ts
 * const view = toTrackedMessage(message, code)
 * if (view.canEvaluate) showRatingForm()
 * ```
 */
export function toTrackedMessage(message: Message, trackingCode: string, locale: Locale = DEFAULT_LOCALE): TrackedMessage {
  const citizen = allowedActions(message, 'citizen')
  const view: TrackedMessage = {
    ...toPublicMessage(message),
    trackingCode,
    publish: message.publish,
    listed: isPubliclyVisible(message),
    canFollowUp: citizen.includes('follow-up'),
    canEvaluate: citizen.includes('evaluate'),
  }
  if (message.rejection) {
    const { code, reason } = message.rejection
    view.rejection = { code, reason: maskerOf(message)(reason), ...REJECT_REASON_TEXTS[locale][code] }
  }
  return view
}

/**
 * Whether anyone may see the message: it passed review, its author consented to publication, it
 * was published (at acceptance, or by the `publish` action on boards that publish separately) and
 * not hidden since (`unpublish`).
 *
 * @example
 * ```ts
 * if (!isPubliclyVisible(message)) return notFound()
 * ```
 */
export function isPubliclyVisible(message: Pick<Message, 'status' | 'publish' | 'publishedAt' | 'hiddenAt'>): boolean {
  return (
    message.publish &&
    message.status !== 'pending' &&
    message.status !== 'rejected' &&
    message.publishedAt !== undefined &&
    message.hiddenAt === undefined
  )
}

function publicPost(post: Post, mask: (text: string) => string): Post {
  return post.kind === 'reply'
    ? { ...post, content: mask(post.content) }
    : { kind: 'follow-up', id: post.id, content: mask(post.content), createdAt: post.createdAt }
}

const STAFF_ONLY: ReadonlySet<string> = new Set(STAFF_ONLY_EVENT_TYPES)

function isPublicEvent(event: TimelineEvent): boolean {
  return !STAFF_ONLY.has(event.type)
}

function publicEvent(event: TimelineEvent): PublicTimelineEvent {
  const view: PublicTimelineEvent = { id: event.id, type: event.type, at: event.at, actor: { role: event.actor.role } }
  if (event.from) view.from = event.from
  if (event.to) view.to = event.to
  if (event.boardId) view.boardId = event.boardId
  if (event.days) view.days = event.days
  if (event.dueAt) view.dueAt = event.dueAt
  return view
}
