import { localizeIssues, type Locale, type Problem } from '@liuyan/core'
import type * as z from 'zod/mini'
import { isServiceError, ServiceError } from '../errors.js'
import type { Reply } from './reply.js'

const PROBLEM_TITLES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    bad_request: '请求有误', malformed_json: '请求内容不是有效的 JSON', validation_failed: '提交的内容有误',
    unauthorized: '需要登录', forbidden: '没有权限', not_found: '找不到请求的内容', method_not_allowed: '不支持此请求方法',
    conflict: '与当前状态冲突', idempotency_in_progress: '相同的请求正在处理，请稍后重试',
    idempotency_key_reused: '该幂等键已用于不同的请求', payload_too_large: '提交的内容过大',
    headers_too_large: '请求的地址或请求头过长', malformed_target: '请求地址含有不是 UTF-8 的字节，请对非 ASCII 字符进行百分号编码', request_timeout: '请求超时，请重试',
    unsupported_media_type: '请以 JSON 格式提交', rate_limited: '操作太频繁，请稍后再试', internal_error: '服务器出错了，请稍后再试', service_unavailable: '服务暂时不可用，请稍后重试',
    invalid_action: '操作内容有误', reason_required: '请填写理由', same_board: '不能转办给当前办理单位',
    forbidden_role: '当前身份不能进行此操作', invalid_status: '留言当前的状态不允许此操作', not_replied: '留言答复后才能评价',
    already_evaluated: '您已经评价过了，每条留言只能评价一次', already_supervised: '该留言已在督办中', deadline_unavailable: '无法计算办理期限',
    no_consent: '留言人未同意公开，不能公开此留言', already_published: '该留言已经公开', not_published: '该留言没有公开',
    same_message: '留言不能与自身重复', already_linked: '该留言已标记为与这条留言重复',
    workbook_unavailable: '此服务器不提供 XLSX 导出，请改用 CSV', too_many_templates: '该留言对象的答复模板已达上限',
  },
  'zh-TW': {
    bad_request: '請求有誤', malformed_json: '請求內容不是有效的 JSON', validation_failed: '提交的內容有誤',
    unauthorized: '需要登入', forbidden: '沒有權限', not_found: '找不到請求的內容', method_not_allowed: '不支援此請求方法',
    conflict: '與目前狀態衝突', idempotency_in_progress: '相同的請求正在處理，請稍後重試',
    idempotency_key_reused: '該冪等鍵已用於不同的請求', payload_too_large: '提交的內容過大',
    headers_too_large: '請求的網址或標頭過長', malformed_target: '請求網址含有不是 UTF-8 的位元組，請對非 ASCII 字元進行百分比編碼', request_timeout: '請求逾時，請重試',
    unsupported_media_type: '請以 JSON 格式提交', rate_limited: '操作太頻繁，請稍後再試', internal_error: '伺服器出錯了，請稍後再試', service_unavailable: '服務暫時無法使用，請稍後重試',
    invalid_action: '操作內容有誤', reason_required: '請填寫理由', same_board: '不能轉辦給目前辦理單位',
    forbidden_role: '目前身分不能進行此操作', invalid_status: '留言目前的狀態不允許此操作', not_replied: '留言答覆後才能評價',
    already_evaluated: '您已經評價過了，每則留言只能評價一次', already_supervised: '該留言已在督辦中', deadline_unavailable: '無法計算辦理期限',
    no_consent: '留言人未同意公開，不能公開此留言', already_published: '該留言已經公開', not_published: '該留言沒有公開',
    same_message: '留言不能與自身重複', already_linked: '該留言已標記為與這則留言重複',
    workbook_unavailable: '此伺服器不提供 XLSX 匯出，請改用 CSV', too_many_templates: '該留言對象的答覆範本已達上限',
  },
  en: {
    bad_request: 'Bad request', malformed_json: 'The request body is not valid JSON', validation_failed: 'The submitted data is not valid',
    unauthorized: 'Authentication required', forbidden: 'Not allowed', not_found: 'Not found', method_not_allowed: 'Method not allowed',
    conflict: 'Conflicts with the current state', idempotency_in_progress: 'The same request is still being processed; retry shortly',
    idempotency_key_reused: 'This Idempotency-Key was used for a different request', payload_too_large: 'The request body is too large',
    headers_too_large: 'The request line or headers are too long', malformed_target: 'The request target has bytes that are not UTF-8; percent-encode non-ASCII characters', request_timeout: 'The request took too long to arrive; try again',
    unsupported_media_type: 'Send the body as application/json', rate_limited: 'Too many requests; try again later', internal_error: 'Something went wrong on the server; try again later', service_unavailable: 'The service is unavailable for the moment; try again shortly',
    invalid_action: 'The action is not valid', reason_required: 'Please give a reason', same_board: 'The message is already with that unit',
    forbidden_role: 'Your role cannot do this', invalid_status: 'The message’s status does not allow this', not_replied: 'A message can be rated only after a reply',
    already_evaluated: 'You have already rated this message; a rating is given once', already_supervised: 'The message is already under supervision', deadline_unavailable: 'The deadline cannot be computed',
    no_consent: 'The author did not consent to publication', already_published: 'The message is already public', not_published: 'The message is not public',
    same_message: 'A message cannot duplicate itself', already_linked: 'The message is already marked as a duplicate of that message',
    workbook_unavailable: 'This server does not write XLSX exports; ask for CSV', too_many_templates: 'This board has as many reply templates as it may keep',
  },
}

/** Messages of the issues the service and this layer raise themselves (schema issues come localized from core). */
const ISSUE_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': { board_closed: '该留言对象暂不接受留言', unknown_board: '请选择有效的留言对象', unknown_unit: '请选择有效的办理单位', invalid_idempotency_key: 'Idempotency-Key 的长度应为1到255个字符', idempotency_key_required: '请提供 Idempotency-Key', invalid_month_range: '起止月份有误（最多36个月）', unknown_message: '找不到这条留言' },
  'zh-TW': { board_closed: '該留言對象暫不接受留言', unknown_board: '請選擇有效的留言對象', unknown_unit: '請選擇有效的辦理單位', invalid_idempotency_key: 'Idempotency-Key 的長度應為1到255個字元', idempotency_key_required: '請提供 Idempotency-Key', invalid_month_range: '起迄月份有誤（最多36個月）', unknown_message: '找不到這則留言' },
  en: { board_closed: 'This recipient does not take messages at the moment.', unknown_board: 'Please choose a valid recipient.', unknown_unit: 'Please choose a valid handling unit.', invalid_idempotency_key: 'Idempotency-Key must be 1–255 characters.', idempotency_key_required: 'Send an Idempotency-Key header.', invalid_month_range: 'The months do not make a range of at most 36 months.', unknown_message: 'There is no such message.' },
}

/**
 * A problem document in the API's shape and the given language: the one builder of every error
 * answer, the Node adapter's answers to requests its parser refused included. @internal
 */
export function problemReply(locale: Locale, requestId: string, error: ServiceError): Reply {
  const title = problemTitle(locale, error)
  const detail = locale === 'zh-CN' && error.detail ? error.detail : undefined
  const problem: Problem = {
    type: `urn:liuyan:problem:${error.code}`,
    title,
    status: error.status,
    code: error.code,
    requestId,
    ...(detail && detail !== title ? { detail } : {}),
    ...(error.issues ? { issues: error.issues.map((i) => (ISSUE_MESSAGES[locale][i.code] ? { ...i, message: ISSUE_MESSAGES[locale][i.code]! } : i)) } : {}),
  }
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Language': locale, ...error.headers },
    body: JSON.stringify(problem),
  }
}

/** The title of a problem in the given language, from its code (else its status). @internal */
export function problemTitle(locale: Locale, error: ServiceError): string {
  const titles = PROBLEM_TITLES[locale]
  return titles[error.code] ?? titles[statusCode(error.status)] ?? titles.bad_request!
}

function statusCode(status: number): string {
  return status === 409 ? 'conflict' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status >= 500 ? 'internal_error' : 'bad_request'
}

/**
 * The error a request ends with, as a problem the API answers: a cursor the store did not issue
 * is the caller's mistake (422), not the server's; anything unexpected is a 500 that says nothing
 * of its cause (`logged` carries that for the log line).
 */
export function toServiceError(caught: unknown, locale: Locale): { error: ServiceError; logged?: string } {
  if (caught instanceof Error && caught.name === 'InvalidCursorError') return { error: cursorProblem(locale) }
  if (isServiceError(caught)) return { error: caught }
  // The store's database is away (a networked store): nothing was stored, and a retry will do.
  if (isStoreUnavailable(caught)) return { error: UNAVAILABLE, logged: caught.name }
  const logged = caught instanceof Error ? `${caught.name}: ${caught.message}` : 'non-error thrown'
  return { error: new ServiceError(500, 'internal_error', ''), logged }
}

/** Thrown by a networked store while its database is away (see the PostgreSQL store). */
export function isStoreUnavailable(error: unknown): error is Error {
  return error instanceof Error && error.name === 'StoreUnavailableError'
}

const UNAVAILABLE = new ServiceError(503, 'service_unavailable', '', undefined, { 'Retry-After': '5' })

function cursorProblem(locale: Locale): ServiceError {
  // Worded by core's localization, like every other issue: as a format error of the field.
  const issue = { code: 'invalid_format', format: 'cursor', path: ['cursor'], message: '' } as unknown as z.core.$ZodIssue
  return new ServiceError(422, 'validation_failed', '', localizeIssues([issue], { locale }))
}
