import * as z from 'zod/mini'
import {
  checked,
  ChannelSchema,
  CoordinatesSchema,
  DateTimeSchema,
  DomainSchema,
  IdSchema,
  ImageRefSchema,
  MessageStatusSchema,
  MessageTypeSchema,
  MobilePhoneSchema,
  RoleSchema,
  text,
  TrackingCodeSchema,
} from './common.js'
import { REJECT_REASONS } from '../rejection.js'

/** Limits of what the public views carry: wider than a submission, for records imported from other boards. */
export const PUBLIC_LIMITS = {
  titleMax: 200,
  contentMax: 20_000,
} as const

/** Limits of a submission, as on the reference board's form. */
export const LIMITS = {
  titleMin: 4,
  titleMax: 22,
  contentMin: 10,
  contentMax: 1000,
  nicknameMax: 20,
  realNameMax: 30,
  placeMax: 100,
  remarkMax: 500,
  imagesMax: 5,
  followUpMax: 1000,
  replyMax: 5000,
  commentMax: 500,
  reasonMax: 500,
} as const

/** Where the matter is: free text, whether it may be shown publicly, optional coordinates. */
const placeShape = {
  text: text(1, LIMITS.placeMax),
  /** Whether the place may be shown publicly. */
  public: z._default(z.boolean(), false),
  coordinates: z.optional(CoordinatesSchema),
}
export const PlaceSchema = z.object(placeShape)
export type Place = z.infer<typeof PlaceSchema>

/** Who wrote the message. Only `nickname` is ever public; `realName` and `phone` are for the handling unit. */
const authorShape = {
  nickname: text(1, LIMITS.nicknameMax),
  realName: z.optional(text(1, LIMITS.realNameMax)),
  phone: z.optional(MobilePhoneSchema),
  /** Show the nickname masked (`陈***`) in public. */
  maskNickname: z._default(z.boolean(), false),
}
export const AuthorSchema = z.object(authorShape)
export type Author = z.infer<typeof AuthorSchema>

/**
 * What a citizen submits (`POST /messages`). Unknown keys are rejected. Text is trimmed; lengths are
 * counted in Unicode code points.
 *
 * @example
 * ```ts
 * const input: NewMessage = {
 *   boardId: '220100-gov', type: 'complain', domain: 'urban',
 *   title: '小区门口路灯坏了', content: '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便。',
 *   place: { text: '朝阳区某小区', public: false },
 *   author: { nickname: '市民', realName: '王小明', phone: '13812345678' },
 *   publish: true,
 * }
 * NewMessageSchema.parse(input)
 * ```
 */
export const NewMessageSchema = z.strictObject({
  boardId: IdSchema,
  type: MessageTypeSchema,
  domain: DomainSchema,
  title: text(LIMITS.titleMin, LIMITS.titleMax),
  content: text(LIMITS.contentMin, LIMITS.contentMax),
  place: z.optional(z.strictObject(placeShape)),
  images: z.optional(checked(z.array(ImageRefSchema), z.maxLength(LIMITS.imagesMax))),
  /** Whether the images may be shown publicly. */
  imagesPublic: z.optional(z.boolean()),
  author: z.strictObject(authorShape),
  /** A note only staff see. */
  remark: z.optional(text(1, LIMITS.remarkMax)),
  /** The author's consent to public listing (PIPL art. 25). Absent means no consent. */
  publish: z._default(z.boolean(), false),
  channel: z.optional(ChannelSchema),
})
/** A submission as parsed (defaults applied, text trimmed). */
export type NewMessage = z.infer<typeof NewMessageSchema>
/** A submission as written by the caller (defaults optional). */
export type NewMessageInput = z.input<typeof NewMessageSchema>

/** An official reply from the handling unit. */
export const ReplySchema = z.object({
  kind: z.literal('reply'),
  id: IdSchema,
  /** The replying organization as it signs the reply, e.g. `长春市住房和城乡建设局`. */
  organization: text(1, 100),
  /** The board (unit) that replied, when known. */
  boardId: z.optional(IdSchema),
  content: text(1, LIMITS.replyMax),
  createdAt: DateTimeSchema,
})
export type Reply = z.infer<typeof ReplySchema>

/** A follow-up question (追问) from the author. */
export const FollowUpSchema = z.object({
  kind: z.literal('follow-up'),
  id: IdSchema,
  content: text(1, LIMITS.followUpMax),
  createdAt: DateTimeSchema,
})
export type FollowUp = z.infer<typeof FollowUpSchema>

/**
 * One post of a thread after the message itself: an official reply or the author's follow-up.
 *
 * @example
 * ```ts
 * const post = PostSchema.parse(json)
 * if (post.kind === 'reply') console.log(post.organization)
 * ```
 */
export const PostSchema = z.discriminatedUnion('kind', [ReplySchema, FollowUpSchema])
export type Post = z.infer<typeof PostSchema>

/* @__NO_SIDE_EFFECTS__ */
function score() {
  return checked(z.int(), z.gte(1), z.lte(5))
}

/** What the author sends to rate the handling: overall plus three 1–5 scores and a comment. */
export const newEvaluationShape = {
  overall: score(),
  /** 解决程度 */
  resolution: score(),
  /** 办理态度 */
  attitude: score(),
  /** 办理速度 */
  speed: score(),
  comment: z.optional(text(1, LIMITS.commentMax)),
}
export const NewEvaluationSchema = z.strictObject(newEvaluationShape)
export type NewEvaluation = z.infer<typeof NewEvaluationSchema>

/**
 * The author's rating of the handling, given once after a reply.
 *
 * @example
 * ```ts
 * satisfactionLabel(message.evaluation.overall) // '很满意'
 * ```
 */
export const EvaluationSchema = z.object({
  overall: score(),
  resolution: score(),
  attitude: score(),
  speed: score(),
  comment: z.optional(text(1, LIMITS.commentMax)),
  /** When the rating was given; unknown for some imported records. */
  createdAt: z.optional(DateTimeSchema),
})
export type Evaluation = z.infer<typeof EvaluationSchema>

/** The author's follow-up, as sent to `POST /tracking/{code}/follow-ups`. */
export const newFollowUpShape = {
  content: text(1, LIMITS.followUpMax),
}
export const NewFollowUpSchema = z.strictObject(newFollowUpShape)
export type NewFollowUp = z.infer<typeof NewFollowUpSchema>

/** Every kind of event on a message's timeline: the submission plus each action. */
export const TIMELINE_EVENT_TYPES = [
  'submit',
  'accept',
  'reject',
  'assign',
  'transfer',
  'start',
  'reply',
  'extend',
  'close',
  'supervise',
  'remind',
  'reopen',
  'follow-up',
  'evaluate',
  'publish',
  'unpublish',
  'redact',
  'reissue-code',
  'duplicate',
] as const
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number]

/** Who did something: a role, and for staff an optional id and display name. */
export const ActorSchema = z.object({
  role: RoleSchema,
  id: z.optional(IdSchema),
  name: z.optional(text(1, 100)),
})
export type Actor = z.infer<typeof ActorSchema>

/**
 * One entry of a message's timeline. `note` (a reason or a remark) is staff-only; the public view
 * of an event keeps the type, time, role and status change.
 *
 * @example
 * ```ts
 * { id: 'e1', type: 'accept', at: '2026-02-13T09:00:00+08:00', actor: { role: 'reviewer' },
 *   from: 'pending', to: 'accepted' }
 * ```
 */
export const TimelineEventSchema = z.object({
  id: IdSchema,
  type: z.enum(TIMELINE_EVENT_TYPES),
  at: DateTimeSchema,
  actor: ActorSchema,
  from: z.optional(MessageStatusSchema),
  to: z.optional(MessageStatusSchema),
  /** Target board of `assign` and `transfer`. */
  boardId: z.optional(IdSchema),
  /** Working days added by `extend`. */
  days: z.optional(checked(z.int(), z.gte(1), z.lte(60))),
  /** New deadline after `accept` or `extend`. */
  dueAt: z.optional(DateTimeSchema),
  /** The standard reason of a `reject`. */
  reasonCode: z.optional(z.enum(REJECT_REASONS)),
  /** A reason or remark; staff-only. */
  note: z.optional(text(1, LIMITS.reasonMax)),
  /** The message a `duplicate` event points to (与…重复). */
  duplicateOf: z.optional(IdSchema),
})
export type TimelineEvent = z.infer<typeof TimelineEventSchema>

/**
 * The timeline events the public never sees: how the public copy was redacted and when a tracking
 * code was reissued are the staff's business (the public view says only that text was withheld).
 */
export const STAFF_ONLY_EVENT_TYPES = ['redact', 'reissue-code'] as const satisfies readonly TimelineEventType[]

/** What the public sees of a message where a reviewer changed it (redaction). */
export const publicCopyShape = {
  title: z.optional(text(1, PUBLIC_LIMITS.titleMax)),
  content: z.optional(text(1, PUBLIC_LIMITS.contentMax)),
  /** The place as shown, when the place is public. */
  place: z.optional(text(1, LIMITS.placeMax)),
  nickname: z.optional(text(1, LIMITS.nicknameMax)),
}
/**
 * The public copy of a message (redaction, 隐去): the fields a reviewer rewrote for the public,
 * each replacing the author's text in every public view. Staff keep seeing the original; an
 * absent field shows the original (masked as always).
 *
 * @example
 * ```ts
 * PublicCopySchema.parse({ content: '我家门口的路灯坏了两周，请尽快修复。' })
 * ```
 */
export const PublicCopySchema = z.strictObject(publicCopyShape)
export type PublicCopy = z.infer<typeof PublicCopySchema>

/** Why a message was refused: the standard reason and the reviewer's words to the author. */
export const RejectionSchema = z.object({
  /** The standard reason: core's `REJECT_REASON_TEXTS` words it for the author. */
  code: z.enum(REJECT_REASONS),
  /** The reviewer's explanation to the author (masked like all public text). */
  reason: text(1, LIMITS.reasonMax),
})
export type Rejection = z.infer<typeof RejectionSchema>

/**
 * A refusal as its author reads it (`TrackedMessage.rejection`): the stored reason with the
 * standard reason worded in the request's language (from core's `REJECT_REASON_TEXTS`), so a
 * page shows it without carrying every language's texts.
 */
export const TrackedRejectionSchema = z.extend(RejectionSchema, {
  /** The standard reason's short label, e.g. `不属于受理范围`. */
  label: text(1, 100),
  /** What the standard reason means, for the author. */
  explanation: text(1, 500),
  /** Where the author can take the matter instead, when there is such a place. */
  whereToTurn: z.optional(text(1, 500)),
})
export type TrackedRejection = z.infer<typeof TrackedRejectionSchema>

/** The public part of a timeline event. */
export const PublicTimelineEventSchema = z.object({
  id: IdSchema,
  type: z.enum(TIMELINE_EVENT_TYPES),
  at: DateTimeSchema,
  actor: z.object({ role: RoleSchema }),
  from: z.optional(MessageStatusSchema),
  to: z.optional(MessageStatusSchema),
  boardId: z.optional(IdSchema),
  days: z.optional(checked(z.int(), z.gte(1), z.lte(60))),
  dueAt: z.optional(DateTimeSchema),
})
export type PublicTimelineEvent = z.infer<typeof PublicTimelineEventSchema>

/**
 * A stored message with every private field: what staff of the handling unit see (`GET /inbox`).
 * Output parsing tolerates unknown keys, so older clients keep working when fields are added.
 *
 * It has no tracking code: the code is the author's secret, the store keeps only a keyed hash of
 * it, and staff can only reissue one (`reissue-code`), never read it.
 *
 * @example
 * ```ts
 * const message: Message = MessageSchema.parse(row)
 * message.author.phone // staff only
 * ```
 */
const messageShape = {
  id: IdSchema,
  boardId: IdSchema,
  /** The unit the message is assigned to, once assigned. */
  assigneeBoardId: z.optional(IdSchema),
  type: MessageTypeSchema,
  domain: DomainSchema,
  // As wide as the public view: records imported from other boards (\`liuyan-server import\`) may
  // be longer than a submission allows.
  title: text(1, PUBLIC_LIMITS.titleMax),
  content: text(1, PUBLIC_LIMITS.contentMax),
  place: z.optional(PlaceSchema),
  images: checked(z.array(ImageRefSchema), z.maxLength(LIMITS.imagesMax)),
  imagesPublic: z.boolean(),
  author: AuthorSchema,
  remark: z.optional(text(1, LIMITS.remarkMax)),
  publish: z.boolean(),
  channel: ChannelSchema,
  status: MessageStatusSchema,
  createdAt: DateTimeSchema,
  /** When review passed (受理) or refused. */
  reviewedAt: z.optional(DateTimeSchema),
  /**
   * When the message was first published (at acceptance with the author's consent, or by the
   * `publish` action on boards that publish as a separate step). Unpublishing keeps it.
   */
  publishedAt: z.optional(DateTimeSchema),
  /** Since when the message is hidden from the public (`unpublish`); absent while published. */
  hiddenAt: z.optional(DateTimeSchema),
  /** The public copy a reviewer set (redaction); the fields above stay the author's original. */
  publicCopy: z.optional(PublicCopySchema),
  /** Why the message was refused, once it was. */
  rejection: z.optional(RejectionSchema),
  /** Time of the first official reply. */
  repliedAt: z.optional(DateTimeSchema),
  closedAt: z.optional(DateTimeSchema),
  /** The handling deadline, set on acceptance and moved by extensions. */
  dueAt: z.optional(DateTimeSchema),
  supervised: z.boolean(),
  reminders: checked(z.int(), z.gte(0)),
  posts: z.array(PostSchema),
  timeline: z.array(TimelineEventSchema),
  evaluation: z.optional(EvaluationSchema),
  /** The message this one repeats (与…重复), set by a staff member's duplicate link. */
  duplicateOf: z.optional(IdSchema),
}
export const MessageSchema = z.object(messageShape)
export type Message = z.infer<typeof MessageSchema>

/**
 * What anyone may see of a message (`GET /messages`, `GET /messages/{id}`): no real name, phone,
 * remark, non-public place or images; free text masked by {@link maskPII}. Build it only with
 * {@link toPublicMessage}.
 *
 * @example
 * ```ts
 * const page = PageSchema(PublicMessageSchema).parse(await res.json())
 * ```
 */
const publicMessageShape = {
  id: IdSchema,
  boardId: IdSchema,
  assigneeBoardId: z.optional(IdSchema),
  type: MessageTypeSchema,
  domain: DomainSchema,
  // Wider than a submission allows: records imported from other boards may be longer.
  title: text(1, PUBLIC_LIMITS.titleMax),
  content: text(1, PUBLIC_LIMITS.contentMax),
  /** Present when a reviewer withheld part of the text (部分内容已隐去); what was withheld is not shown. */
  redacted: z.optional(z.literal(true)),
  place: z.optional(z.object({ text: text(1, LIMITS.placeMax), coordinates: z.optional(CoordinatesSchema) })),
  images: checked(z.array(ImageRefSchema), z.maxLength(LIMITS.imagesMax)),
  author: z.object({ nickname: text(1, LIMITS.nicknameMax) }),
  status: MessageStatusSchema,
  channel: ChannelSchema,
  createdAt: DateTimeSchema,
  publishedAt: z.optional(DateTimeSchema),
  repliedAt: z.optional(DateTimeSchema),
  closedAt: z.optional(DateTimeSchema),
  dueAt: z.optional(DateTimeSchema),
  supervised: z.boolean(),
  posts: z.array(PostSchema),
  timeline: z.array(PublicTimelineEventSchema),
  evaluation: z.optional(EvaluationSchema),
  /** The message this one repeats (与…重复): its id only. */
  duplicateOf: z.optional(IdSchema),
}
export const PublicMessageSchema = z.object(publicMessageShape)
export type PublicMessage = z.infer<typeof PublicMessageSchema>

/**
 * The author's view of their own message (`GET /tracking/{code}`): the public view (whether or not
 * it is listed), whether it is listed, and what the author may do now.
 */
export const TrackedMessageSchema = z.extend(PublicMessageSchema, {
  trackingCode: TrackingCodeSchema,
  publish: z.boolean(),
  /** Whether the public can see the message now (reviewed, consented, published and not hidden). */
  listed: z.boolean(),
  /** Why the message was refused, worded in the request's language: shown to its author only. */
  rejection: z.optional(TrackedRejectionSchema),
  canFollowUp: z.boolean(),
  canEvaluate: z.boolean(),
})
export type TrackedMessage = z.infer<typeof TrackedMessageSchema>

/** The answer to a submission (201): keep the `trackingCode` to follow the message. */
export const SubmissionResultSchema = z.object({
  id: IdSchema,
  status: MessageStatusSchema,
  trackingCode: TrackingCodeSchema,
  createdAt: DateTimeSchema,
})
export type SubmissionResult = z.infer<typeof SubmissionResultSchema>

/**
 * The answer to a staff action (`POST /messages/{id}/actions`): the message after it, and after
 * `reissue-code` the new tracking code, given this once (the server keeps only its hash).
 */
export const StaffActionResultSchema = z.extend(MessageSchema, {
  trackingCode: z.optional(TrackingCodeSchema),
})
export type StaffActionResult = z.infer<typeof StaffActionResultSchema>
