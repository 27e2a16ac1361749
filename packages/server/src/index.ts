/**
 * @liuyan/server: the reference Board API. A board service over a store, behind a web-standard
 * fetch handler.
 *
 * @packageDocumentation
 */
export { BoardService, createBoardService, sha256Hex, TrackingKeyMismatchError } from './service.js'
export { randomTrackingKey, TRACKING_KEY_MIN_BYTES, TrackingKeyError } from './tracking-key.js'
export type { TrackingKey } from './tracking-key.js'
export type { BoardServiceOptions, CommitHook, InboxQuery, PublicListQuery, StaffPrincipal } from './service.js'
export { createFetchHandler } from './http.js'
export { createOpen311Handler, OPEN311_MAX_REQUESTS } from './open311/handler.js'
export type { Open311Options } from './open311/handler.js'
export type { FetchHandler, FetchHandlerOptions, RequestContext, RequestLogEntry } from './http.js'
export { isServiceError, ServiceError } from './errors.js'
export type { ProblemCode } from './errors.js'
export { createMemoryStore } from './store/memory.js'
export { InvalidCursorError, StoreUnavailableError } from './store/types.js'
export type {
  IdempotencyRecord,
  MessageQuery,
  StaffToken,
  StatsRow,
  Store,
  StoreReader,
  StoreTransaction,
  StoredResponse,
} from './store/types.js'
export { createWebhookWorker, WebhookWorker } from './service/webhooks.js'
export type { AttemptLogEntry, RunSummary, WebhookWorkerOptions } from './service/webhooks.js'
export { WebhookSubscriptions, createWebhookSecret } from './service/subscriptions.js'
export { eventId, messageEvent, timelineEvents } from './service/events.js'
export { createTransports, TRANSPORTS } from './notify/registry.js'
export type { TransportOptions } from './notify/registry.js'
export { createStandardTransport } from './notify/standard.js'
export type {
  AttemptRecord,
  ClaimedDelivery,
  ClaimQuery,
  DeliveryRecord,
  LeasedAttempt,
  OutboxEvent,
  OutboxReader,
  OutboxTransaction,
  WebhookRecord,
} from './store/outbox-types.js'
export { computeStats } from './stats.js'
export { DEMO_BOARDS, seedDemo } from './seed.js'
export type { SeedOptions } from './seed.js'
export {
  createDingTalkTransport,
  createFeishuTransport,
  createNotifyTransports,
  createRobotTransports,
  createWeComTransport,
  formatNotifyEvent,
  NOTIFY_EVENT_TYPES,
  NOTIFY_TEXTS,
} from './notify/index.js'
export type {
  DeliveryResult,
  NotifyEvent,
  NotifyEventType,
  NotifyFormatOptions,
  NotifyMessage,
  NotifyTarget,
  NotifyTransport,
  NotifyTransportsOptions,
  RobotOptions,
} from './notify/index.js'
