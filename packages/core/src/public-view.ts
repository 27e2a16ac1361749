import { allowedActions } from './lifecycle.js'
import { maskNickname, maskPII } from './privacy.js'
import type {
  Message,
  Post,
  PublicMessage,
  PublicTimelineEvent,
  TimelineEvent,
  TrackedMessage,
} from './schemas/message.js'

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
  const view: PublicMessage = {
    id: message.id,
    boardId: message.boardId,
    type: message.type,
    domain: message.domain,
    title: maskPII(message.title),
    content: maskPII(message.content),
    images: message.imagesPublic ? [...message.images] : [],
    author: { nickname: message.author.maskNickname ? maskNickname(message.author.nickname) : maskPII(message.author.nickname) },
    status: message.status,
    channel: message.channel,
    createdAt: message.createdAt,
    supervised: message.supervised,
    posts: message.posts.map(publicPost),
    timeline: message.timeline.map(publicEvent),
  }
  if (message.assigneeBoardId) view.assigneeBoardId = message.assigneeBoardId
  if (message.place?.public) {
    view.place = { text: maskPII(message.place.text) }
    if (message.place.coordinates) view.place.coordinates = { ...message.place.coordinates }
  }
  if (message.publishedAt) view.publishedAt = message.publishedAt
  if (message.repliedAt) view.repliedAt = message.repliedAt
  if (message.closedAt) view.closedAt = message.closedAt
  if (message.dueAt) view.dueAt = message.dueAt
  if (message.evaluation) {
    const { comment, ...scores } = message.evaluation
    view.evaluation = comment ? { ...scores, comment: maskPII(comment) } : { ...scores }
  }
  return view
}

/**
 * The author's view by tracking code: the public view plus whether the message is listed and what
 * the author may do now. It never carries the real name, phone or remark either, because a
 * tracking code can be overheard.
 *
 * @example
 * ```ts
 * const view = toTrackedMessage(message)
 * if (view.canEvaluate) showRatingForm()
 * ```
 */
export function toTrackedMessage(message: Message): TrackedMessage {
  const citizen = allowedActions(message, 'citizen')
  return {
    ...toPublicMessage(message),
    trackingCode: message.trackingCode,
    publish: message.publish,
    canFollowUp: citizen.includes('follow-up'),
    canEvaluate: citizen.includes('evaluate'),
  }
}

/**
 * Whether anyone may see the message: it passed review and its author consented to publication.
 *
 * @example
 * ```ts
 * if (!isPubliclyVisible(message)) return notFound()
 * ```
 */
export function isPubliclyVisible(message: Pick<Message, 'status' | 'publish' | 'reviewedAt'>): boolean {
  return message.publish && message.status !== 'pending' && message.status !== 'rejected'
}

function publicPost(post: Post): Post {
  return post.kind === 'reply'
    ? { ...post, content: maskPII(post.content) }
    : { kind: 'follow-up', id: post.id, content: maskPII(post.content), createdAt: post.createdAt }
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
