import type { Locale } from './enums.js'

/**
 * The sentences of validation messages in one language. `{label}` is the field's name, `{n}` a
 * limit, `{key}` an unknown field. Written for citizens, not for programmers.
 */
export interface ValidationMessages {
  required: string
  requiredChoice: string
  tooShort: string
  tooLong: string
  tooMany: string
  tooSmall: string
  tooLarge: string
  notInteger: string
  invalidType: string
  invalidOption: string
  invalidFormat: string
  invalidDateTime: string
  invalidPhone: string
  invalidRegion: string
  invalidTrackingCode: string
  /** Text with control characters (a search keyword). */
  invalidCharacters: string
  /** A reply template's `{name}` that is no placeholder. */
  unknownPlaceholder: string
  /** A range whose end comes before its start. */
  invalidRange: string
  unknownField: string
  invalidBody: string
  invalid: string
  /** Used when a field has no label. */
  thisField: string
  /** Field labels by key or dotted path (`place.text`). */
  fields: Readonly<Record<string, string>>
}

const zhCN: ValidationMessages = {
  required: '请填写{label}',
  requiredChoice: '请选择{label}',
  tooShort: '{label}不能少于{n}个字',
  tooLong: '{label}不能超过{n}个字',
  tooMany: '{label}最多{n}项',
  tooSmall: '{label}不能小于{n}',
  tooLarge: '{label}不能大于{n}',
  notInteger: '{label}必须是整数',
  invalidType: '{label}的格式不正确',
  invalidOption: '请选择有效的{label}',
  invalidFormat: '{label}的格式不正确',
  invalidDateTime: '{label}不是有效的时间',
  invalidPhone: '请填写正确的11位手机号码',
  invalidRegion: '{label}应为6位行政区划代码',
  invalidTrackingCode: '查询码应为12位字母或数字，请核对后重新输入',
  invalidCharacters: '{label}不能包含控制字符',
  unknownPlaceholder: '{label}中有不支持的占位符',
  invalidRange: '结束日期不能早于开始日期',
  unknownField: '不支持的字段“{key}”',
  invalidBody: '提交的内容格式不正确',
  invalid: '{label}不符合要求',
  thisField: '该项',
  fields: {
    boardId: '留言对象', type: '留言类型', domain: '留言领域', title: '标题', content: '内容',
    place: '地点', 'place.text': '地点', 'place.public': '地点是否公开', coordinates: '坐标',
    lat: '纬度', lng: '经度', images: '图片', imagesPublic: '图片是否公开', author: '留言人信息',
    nickname: '昵称', realName: '真实姓名', phone: '手机号码', maskNickname: '是否隐藏昵称',
    name: '模板名称', text: '模板内容', remark: '备注', publish: '是否同意公开', channel: '提交渠道', overall: '总体评价',
    resolution: '解决程度', attitude: '办理态度', speed: '办理速度', comment: '评价内容',
    action: '操作', reason: '理由', note: '说明', days: '延期天数', organization: '回复单位',
    trackingCode: '查询码', keyword: '关键词', limit: '每页条数', cursor: '翻页标记',
  },
}

const zhTW: ValidationMessages = {
  required: '請填寫{label}',
  requiredChoice: '請選擇{label}',
  tooShort: '{label}不能少於{n}個字',
  tooLong: '{label}不能超過{n}個字',
  tooMany: '{label}最多{n}項',
  tooSmall: '{label}不能小於{n}',
  tooLarge: '{label}不能大於{n}',
  notInteger: '{label}必須是整數',
  invalidType: '{label}的格式不正確',
  invalidOption: '請選擇有效的{label}',
  invalidFormat: '{label}的格式不正確',
  invalidDateTime: '{label}不是有效的時間',
  invalidPhone: '請填寫正確的11位手機號碼',
  invalidRegion: '{label}應為6位行政區劃代碼',
  invalidTrackingCode: '查詢碼應為12位字母或數字，請核對後重新輸入',
  invalidCharacters: '{label}不能包含控制字元',
  unknownPlaceholder: '{label}中有不支援的佔位符',
  invalidRange: '結束日期不能早於開始日期',
  unknownField: '不支援的欄位「{key}」',
  invalidBody: '提交的內容格式不正確',
  invalid: '{label}不符合要求',
  thisField: '該項',
  fields: {
    boardId: '留言對象', type: '留言類型', domain: '留言領域', title: '標題', content: '內容',
    place: '地點', 'place.text': '地點', 'place.public': '地點是否公開', coordinates: '座標',
    lat: '緯度', lng: '經度', images: '圖片', imagesPublic: '圖片是否公開', author: '留言人資訊',
    nickname: '暱稱', realName: '真實姓名', phone: '手機號碼', maskNickname: '是否隱藏暱稱',
    name: '範本名稱', text: '範本內容', remark: '備註', publish: '是否同意公開', channel: '提交管道', overall: '總體評價',
    resolution: '解決程度', attitude: '辦理態度', speed: '辦理速度', comment: '評價內容',
    action: '操作', reason: '理由', note: '說明', days: '延期天數', organization: '回覆單位',
    trackingCode: '查詢碼', keyword: '關鍵詞', limit: '每頁筆數', cursor: '翻頁標記',
  },
}

const en: ValidationMessages = {
  required: 'Please enter the {label}.',
  requiredChoice: 'Please choose the {label}.',
  tooShort: 'The {label} must be at least {n} characters.',
  tooLong: 'The {label} must be at most {n} characters.',
  tooMany: 'The {label} can have at most {n} items.',
  tooSmall: 'The {label} must be at least {n}.',
  tooLarge: 'The {label} must be at most {n}.',
  notInteger: 'The {label} must be a whole number.',
  invalidType: 'The {label} is not in the right form.',
  invalidOption: 'Please choose a valid {label}.',
  invalidFormat: 'The {label} is not in the right form.',
  invalidDateTime: 'The {label} is not a valid date and time.',
  invalidPhone: 'Please enter a valid 11-digit mainland mobile number.',
  invalidRegion: 'The {label} must be a 6-digit region code.',
  invalidTrackingCode: 'A tracking code has 12 letters or digits. Please check it and try again.',
  invalidCharacters: 'The {label} must not contain control characters.',
  unknownPlaceholder: 'The {label} has a placeholder that is not supported.',
  invalidRange: 'The end date must not be before the start date.',
  unknownField: 'The field “{key}” is not supported.',
  invalidBody: 'The submitted data is not in the right form.',
  invalid: 'The {label} is not valid.',
  thisField: 'field',
  fields: {
    boardId: 'recipient', type: 'message type', domain: 'subject area', title: 'title', content: 'text',
    place: 'place', 'place.text': 'place', 'place.public': 'place visibility', coordinates: 'coordinates',
    lat: 'latitude', lng: 'longitude', images: 'images', imagesPublic: 'image visibility', author: 'author details',
    nickname: 'display name', realName: 'real name', phone: 'mobile number', maskNickname: 'name masking',
    name: 'template name', text: 'template text', remark: 'remark', publish: 'consent to publish', channel: 'channel', overall: 'overall rating',
    resolution: 'resolution rating', attitude: 'attitude rating', speed: 'speed rating', comment: 'comment',
    action: 'action', reason: 'reason', note: 'note', days: 'number of working days', organization: 'replying organization',
    trackingCode: 'tracking code', keyword: 'keyword', limit: 'page size', cursor: 'cursor',
  },
}

/**
 * Validation messages per locale. Pass your own (or spread one of these) to {@link validate} to
 * reword a message or name a field differently.
 *
 * @example
 * ```ts
 * const messages = { ...VALIDATION_MESSAGES['zh-CN'], fields: { ...VALIDATION_MESSAGES['zh-CN'].fields, content: '追问内容' } }
 * ```
 */
export const VALIDATION_MESSAGES: Readonly<Record<Locale, ValidationMessages>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en }
