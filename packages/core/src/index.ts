/**
 * @liuyan/core: the contract of a Liuyan message board (schemas and types), the lifecycle state
 * machine, working-day deadlines, privacy masking and localized validation. Platform-neutral.
 *
 * @packageDocumentation
 */
export {
  CHANNELS,
  DEFAULT_LOCALE,
  DOMAINS,
  LOCALES,
  MESSAGE_TYPES,
  OPEN_STATUSES,
  resolveLocale,
  ROLES,
  satisfactionLevel,
  STAFF_ROLES,
  STATUSES,
} from './enums.js'
export { DOMAIN_LABELS, MESSAGE_TYPE_LABELS, PUBLIC_STATUS_LABELS, ROLE_LABELS, satisfactionLabel, STATUS_LABELS } from './labels.js'
export type { Channel, Domain, Labels, Locale, LocaleLabels, MessageStatus, MessageType, PublicLabels, Role, StaffRole } from './enums.js'
export { EN_LABELS, EN_PUBLIC_LABELS } from './locales/en.js'
export { ZH_CN_LABELS, ZH_CN_PUBLIC_LABELS } from './locales/zh-CN.js'
export { ZH_TW_LABELS, ZH_TW_PUBLIC_LABELS } from './locales/zh-TW.js'

export {
  ChannelSchema,
  CoordinatesSchema,
  DateTimeSchema,
  DomainSchema,
  IdSchema,
  ImageRefSchema,
  MessageStatusSchema,
  MessageTypeSchema,
  MobilePhoneSchema,
  RegionCodeSchema,
  RoleSchema,
  StaffRoleSchema,
  TRACKING_CODE_ALPHABET,
  TrackingCodeSchema,
} from './schemas/common.js'
export {
  ActorSchema,
  AuthorSchema,
  EvaluationSchema,
  FollowUpSchema,
  LIMITS,
  MessageSchema,
  NewEvaluationSchema,
  NewFollowUpSchema,
  NewMessageSchema,
  PlaceSchema,
  PostSchema,
  PUBLIC_LIMITS,
  PublicCopySchema,
  PublicMessageSchema,
  PublicTimelineEventSchema,
  RejectionSchema,
  ReplySchema,
  STAFF_ONLY_EVENT_TYPES,
  StaffActionResultSchema,
  TrackedRejectionSchema,
  SubmissionResultSchema,
  TIMELINE_EVENT_TYPES,
  TimelineEventSchema,
  TrackedMessageSchema,
} from './schemas/message.js'
export type {
  Actor,
  Author,
  Evaluation,
  FollowUp,
  Message,
  NewEvaluation,
  NewFollowUp,
  NewMessage,
  NewMessageInput,
  Place,
  Post,
  PublicCopy,
  PublicMessage,
  PublicTimelineEvent,
  Rejection,
  Reply,
  StaffActionResult,
  TrackedRejection,
  SubmissionResult,
  TimelineEvent,
  TimelineEventType,
  TrackedMessage,
} from './schemas/message.js'
export { BOARD_KINDS, BOARD_LEVELS, BOARD_PUBLICATION, BoardSchema, BoardStatsSchema, DeadlinePolicySchema, EscalationPolicySchema } from './schemas/board.js'
export type { Board, BoardKind, BoardLevel, BoardPublication, BoardStats, EscalationPolicy } from './schemas/board.js'
export { REJECT_REASON_TEXTS, REJECT_REASONS } from './rejection.js'
export type { RejectReason, RejectReasonText } from './rejection.js'
export {
  AcceptActionSchema,
  AssignActionSchema,
  CitizenActionSchema,
  CloseActionSchema,
  EvaluateActionSchema,
  ExtendActionSchema,
  FollowUpActionSchema,
  MessageActionSchema,
  PublishActionSchema,
  RedactActionSchema,
  ReissueCodeActionSchema,
  RejectActionSchema,
  RemindActionSchema,
  ReopenActionSchema,
  ReplyActionSchema,
  STAFF_ACTIONS,
  StaffActionSchema,
  StartActionSchema,
  SuperviseActionSchema,
  TransferActionSchema,
  UnpublishActionSchema,
} from './schemas/action.js'
export type { CitizenAction, MessageAction, MessageActionName, StaffAction, StaffActionName } from './schemas/action.js'
export {
  CreatedWebhookSchema,
  DELIVERY_STATES,
  DeliveryAttemptSchema,
  EventIdSchema,
  EVENT_TYPES,
  NewWebhookSchema,
  STAFF_ONLY_EVENTS,
  TIMELINE_EVENTS,
  WEBHOOK_KINDS,
  WebhookAttemptsQuerySchema,
  WebhookReplaySchema,
  WebhookSchema,
} from './schemas/webhook.js'
export type {
  CreatedWebhook,
  DeliveryAttempt,
  DeliveryState,
  EventType,
  NewWebhook,
  Webhook,
  WebhookAttemptsQuery,
  WebhookKind,
  WebhookReplay,
} from './schemas/webhook.js'
export { ProblemSchema, ValidationIssueSchema } from './schemas/problem.js'
export type { Problem, ValidationIssue } from './schemas/problem.js'
export { PageSchema } from './schemas/page.js'
export type { Page } from './schemas/page.js'

export { localizeIssues, validate, validateNewMessage } from './validation.js'
export type { ValidateOptions, ValidationResult } from './validation.js'
export { VALIDATION_MESSAGES } from './messages.js'
export { EN_PUBLIC_VALIDATION, EN_VALIDATION } from './locales/en.validation.js'
export { ZH_CN_PUBLIC_VALIDATION, ZH_CN_VALIDATION } from './locales/zh-CN.validation.js'
export { ZH_TW_PUBLIC_VALIDATION, ZH_TW_VALIDATION } from './locales/zh-TW.validation.js'
export type { ValidationMessages } from './messages.js'

export { allowedActions, LIFECYCLE, transition, TransitionError } from './lifecycle.js'
export type { LifecycleFacts, TransitionContext, TransitionErrorCode, TransitionResult } from './lifecycle.js'

export { isLiuyanCoreError, LiuyanCoreError } from './errors.js'
export { createId } from './ids.js'
export { isPubliclyVisible, publicText, toPublicMessage, toTrackedMessage } from './public-view.js'
export { INPUT_SCHEMAS, OUTPUT_SCHEMAS, SCHEMA_NAMES, toJSONSchema } from './json-schema.js'
export type { JSONSchemaDocument, SchemaName } from './json-schema.js'
export { fromPeopleDailyItem, PeopleDailyItemSchema } from './people-daily.js'
export type { PeopleDailyImportOptions, PeopleDailyItem } from './people-daily.js'

export {
  addWorkingDays,
  chinaDate,
  DEFAULT_DEADLINE_POLICY,
  dueAt,
  extendDeadline,
  isOverdue,
  isWorkingDay,
  resolvePolicy,
  REVIEW_WORKING_DAYS,
  reviewDueAt,
  toChinaISOString,
  workingDaysBetween,
} from './deadlines.js'
export type { AddWorkingDaysOptions, DeadlineOptions, DeadlinePolicy } from './deadlines.js'
export {
  BUILT_IN_CALENDARS,
  CALENDAR_2025,
  CALENDAR_2026,
  CalendarError,
  createWorkCalendar,
  defaultCalendar,
  defineCalendar,
  isCalendarError,
  knownYears,
  registerCalendar,
  WorkCalendar,
} from './calendar.js'
export type { CalendarErrorCode, HolidayCalendar, OutsideCalendar } from './calendar.js'
export { HolidayCalendarSchema } from './schemas/calendar.js'
export {
  findPII,
  isLuhnValid,
  isMobilePhone,
  isValidResidentId,
  looksLikeResidentId,
  maskNickname,
  maskPII,
  PII_KINDS,
} from './privacy.js'
export type { PIIKind, PIIMatch, PIIOptions } from './privacy.js'
export { createTrackingCode, normalizeTrackingCode, TRACKING_CODE_LENGTH } from './tracking-code.js'
export { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, ExportQuerySchema, INBOX_SORTS, InboxQuerySchema, MessageListQuerySchema, StatsExportQuerySchema, BoardStatsQuerySchema, UNIT_STATS_SCOPES, UnitStatsQuerySchema } from './schemas/query.js'
export type { ExportFormat, ExportQuery, InboxQuery, InboxSort, MessageListQuery, StatsExportQuery, BoardStatsQuery, UnitStatsQuery, UnitStatsScope } from './schemas/query.js'
export { MonthFiguresSchema, UnitFiguresSchema, UnitStatsSchema } from './schemas/stats.js'
export type { MonthFigures, UnitFigures, UnitStats } from './schemas/stats.js'
export { createOpenAPIDocument } from './openapi.js'
export type { OpenAPIOptions } from './openapi.js'
export { DEFAULT_BODY_BYTES, pathParamNames, responsesOf, ROUTES, TRACKING_CODE_PARAM } from './routes.js'
export type {
  OperationId,
  PathParamNames,
  PathParams,
  RateLimitClass,
  ResponseSchemaName,
  Route,
  RouteAuth,
  RouteDefinition,
  RouteIdempotency,
  RouteMethod,
  RouteResponse,
} from './routes.js'
export { bandHashes, bigramKeys, jaccard, minHash, shingles, similarity, SIMILARITY, similarityText } from './similarity.js'
export { linkDuplicate } from './duplicates.js'
export type { DuplicateLinkErrorCode, DuplicateLinkResult } from './duplicates.js'
export {
  DUPLICATE_ROLES,
  DuplicateLinkSchema,
  GroupMessagesQuerySchema,
  GroupPlaceSchema,
  HEAT_MAX_MONTHS,
  HeatRowSchema,
  HeatQuerySchema,
  HeatTableSchema,
  MonthSchema,
  SIMILAR_GROUP_COUNT_CAP,
  SIMILAR_GROUPS_MAX,
  SimilarGroupSchema,
  SimilarGroupsQuerySchema,
  SimilarGroupsSchema,
} from './schemas/hotspots.js'
export type {
  DuplicateLink,
  GroupMessagesQuery,
  GroupPlace,
  HeatRow,
  HeatQuery,
  HeatTable,
  SimilarGroup,
  SimilarGroups,
  SimilarGroupsQuery,
} from './schemas/hotspots.js'
export {
  BULK_ACTION_LIMIT,
  BulkActionResultSchema,
  BulkActionSchema,
  BulkItemResultSchema,
  InboxCountsQuerySchema,
  InboxCountsSchema,
  NewReplyTemplateSchema,
  REPLY_TEMPLATE_PLACEHOLDERS,
  REPLY_TEMPLATES_PER_BOARD,
  ReplyTemplateSchema,
  unknownPlaceholders,
} from './schemas/staff-tools.js'
export type {
  BulkAction,
  BulkActionInput,
  BulkActionResult,
  BulkItemResult,
  InboxCounts,
  InboxCountsQuery,
  NewReplyTemplate,
  NewReplyTemplateInput,
  ReplyTemplate,
  ReplyTemplatePlaceholder,
} from './schemas/staff-tools.js'
export { fillReplyTemplate, formatChinaDate, replyTemplateValues, workingDaysSince } from './reply-templates.js'
export type { ReplyTemplateContext, ReplyTemplateValues } from './reply-templates.js'
