/**
 * @liuyan/client: the SDK of the Liuyan Board API.
 *
 * @packageDocumentation
 */
export { createClient, createPublicClient } from './client.js'
export type { ClientOptions, LiuyanClient, PublicClient } from './client.js'
export {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  isAPIError,
  isConnectionError,
  isLiuyanError,
  isNotFoundError,
  isRateLimitError,
  isTimeoutError,
  isValidationError,
  LiuyanError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
  ValidationError,
} from './core/errors.js'
export { PagePromise } from './core/pagination.js'
export type { AbortSignalLike, DownloadedFile, FetchInit, FetchLike, FetchResponse, FetchSignal, RequestOptions } from './internal/transport.js'
export type { Boards } from './resources/boards.js'
export type { Exports } from './resources/exports.js'
export type { Hotspots } from './resources/hotspots.js'
export type { Inbox, StaffPrincipal } from './resources/inbox.js'
export type { Messages } from './resources/messages.js'
export type { ReplyTemplates } from './resources/templates.js'
export type { Tracking } from './resources/tracking.js'
export type { Webhooks, WebhookReplayed } from './resources/webhooks.js'
// The contract's types, so an application needs no direct import of @liuyan/core to name them.
export type {
  Board,
  BoardStats,
  BulkActionInput,
  BulkActionResult,
  BulkItemResult,
  BoardStatsQuery,
  CreatedWebhook,
  DeliveryAttempt,
  DeliveryState,
  Evaluation,
  EventType,
  InboxCounts,
  InboxCountsQuery,
  InboxQuery,
  Locale,
  Message,
  MessageListQuery,
  MessageStatus,
  NewEvaluation,
  NewFollowUp,
  NewMessageInput,
  NewReplyTemplateInput,
  NewWebhook,
  Page,
  Post,
  Problem,
  PublicCopy,
  PublicMessage,
  RejectReason,
  Rejection,
  ReplyTemplate,
  StaffAction,
  StaffActionResult,
  SubmissionResult,
  TrackedMessage,
  UnitFigures,
  UnitStats,
  UnitStatsQuery,
  ValidationIssue,
  Webhook,
  WebhookAttemptsQuery,
  WebhookKind,
} from '@liuyan/core'
