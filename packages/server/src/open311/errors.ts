import type { Locale } from '@liuyan/core'

/** The errors the Open311 endpoint answers, in each language (GeoReport's `description`). */
export type Open311ErrorCode =
  | 'not_found' | 'no_such_request' | 'method_not_allowed' | 'jurisdiction_not_found' | 'jurisdiction_required'
  | 'unknown_service' | 'missing_field' | 'not_a_number' | 'bad_date' | 'date_span' | 'bad_status' | 'bad_form'
  | 'rate_limited' | 'invalid' | 'unavailable'

type Describe = (detail: string) => string

export const OPEN311_ERRORS: Record<Locale, Record<Open311ErrorCode, Describe>> = {
  'zh-CN': {
    not_found: () => '没有这个地址：GeoReport v2 的地址以 .json 或 .xml 结尾',
    no_such_request: () => '没有这条公开的请求',
    method_not_allowed: (allow) => `这个地址只接受 ${allow}`,
    jurisdiction_not_found: (id) => `没有 jurisdiction_id 为“${id}”的辖区`,
    jurisdiction_required: (ids) => `请给出 jurisdiction_id：${ids}`,
    unknown_service: (code) => `没有 service_code 为“${code}”的服务，见 services.json`,
    missing_field: (field) => `缺少 ${field}`,
    not_a_number: (field) => `${field} 应为数字`,
    bad_date: (field) => `${field} 应为带时区的 ISO 8601 时间`,
    date_span: () => 'start_date 到 end_date 不能超过 90 天',
    bad_status: (status) => `status 只能是 open 或 closed（扩展状态另见文档），不是“${status}”`,
    bad_form: () => '请以 application/x-www-form-urlencoded 提交，不超过 64 KB',
    rate_limited: (seconds) => `请求过于频繁，请 ${seconds} 秒后再试`,
    invalid: (issues) => `请求未通过校验：${issues}`,
    unavailable: () => '服务暂时不可用，请稍后再试',
  },
  'zh-TW': {
    not_found: () => '沒有這個位址：GeoReport v2 的位址以 .json 或 .xml 結尾',
    no_such_request: () => '沒有這筆公開的請求',
    method_not_allowed: (allow) => `這個位址只接受 ${allow}`,
    jurisdiction_not_found: (id) => `沒有 jurisdiction_id 為「${id}」的轄區`,
    jurisdiction_required: (ids) => `請給出 jurisdiction_id：${ids}`,
    unknown_service: (code) => `沒有 service_code 為「${code}」的服務，見 services.json`,
    missing_field: (field) => `缺少 ${field}`,
    not_a_number: (field) => `${field} 應為數字`,
    bad_date: (field) => `${field} 應為帶時區的 ISO 8601 時間`,
    date_span: () => 'start_date 到 end_date 不能超過 90 天',
    bad_status: (status) => `status 只能是 open 或 closed（擴充狀態另見文件），不是「${status}」`,
    bad_form: () => '請以 application/x-www-form-urlencoded 送出，不超過 64 KB',
    rate_limited: (seconds) => `請求過於頻繁，請 ${seconds} 秒後再試`,
    invalid: (issues) => `請求未通過驗證：${issues}`,
    unavailable: () => '服務暫時無法使用，請稍後再試',
  },
  en: {
    not_found: () => 'No such endpoint: GeoReport v2 paths end in .json or .xml',
    no_such_request: () => 'There is no public request with this id',
    method_not_allowed: (allow) => `This endpoint takes ${allow} only`,
    jurisdiction_not_found: (id) => `There is no jurisdiction with jurisdiction_id "${id}"`,
    jurisdiction_required: (ids) => `Give a jurisdiction_id: ${ids}`,
    unknown_service: (code) => `There is no service with service_code "${code}"; see services.json`,
    missing_field: (field) => `${field} is required`,
    not_a_number: (field) => `${field} must be a number`,
    bad_date: (field) => `${field} must be an ISO 8601 date-time with a time zone`,
    date_span: () => 'start_date to end_date may not span more than 90 days',
    bad_status: (status) => `status must be open or closed (or an extended status, see the docs), not "${status}"`,
    bad_form: () => 'Post the request as application/x-www-form-urlencoded, at most 64 KB',
    rate_limited: (seconds) => `Too many requests; try again in ${seconds} seconds`,
    invalid: (issues) => `The request is not valid: ${issues}`,
    unavailable: () => 'The service is unavailable for now; try again later',
  },
}

/** An error the handler answers as a GeoReport error document. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly code: Open311ErrorCode,
    readonly detail = '',
    readonly headers: Record<string, string> = {},
  ) {
    super(code)
  }
}
