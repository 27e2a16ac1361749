import type { Locale } from './enums.js'

/**
 * The standard reasons a reviewer refuses a message for (不予受理的理由), as the provincial boards
 * word them. A refusal names one of these and adds free text; the author's tracking view shows
 * both, with the reason's explanation and, where one fits, where to turn instead.
 *
 * @example
 * ```ts
 * REJECT_REASONS.includes('duplicate') // true
 * ```
 */
export const REJECT_REASONS = [
  'out_of_scope',
  'duplicate',
  'not_specific',
  'legal_process',
  'abusive',
  'advertising',
  'other',
] as const
/** One of {@link REJECT_REASONS}. */
export type RejectReason = (typeof REJECT_REASONS)[number]

/** How a refusal reason reads to the author: a short label, what it means, and where to turn. */
export interface RejectReasonText {
  /** A short label, e.g. `不属于受理范围`. */
  label: string
  /** One or two sentences telling the author what the reason means. */
  explanation: string
  /** Where the author can take the matter instead, when there is such a place. */
  whereToTurn?: string
}

/**
 * The localized texts of {@link REJECT_REASONS}.
 *
 * @example
 * ```ts
 * REJECT_REASON_TEXTS['zh-CN'].out_of_scope.whereToTurn // '可拨打 12345 政务服务便民热线…'
 * ```
 */
export const REJECT_REASON_TEXTS: Readonly<Record<Locale, Readonly<Record<RejectReason, RejectReasonText>>>> = {
  'zh-CN': {
    out_of_scope: {
      label: '不属于受理范围',
      explanation: '您反映的事项不属于本留言板的受理范围。',
      whereToTurn: '可拨打 12345 政务服务便民热线，或向对该事项有管辖权的部门反映。',
    },
    duplicate: {
      label: '重复留言',
      explanation: '您已就同一事项留言，该事项将在原留言中办理。',
      whereToTurn: '请用原留言的查询码查看办理进展。',
    },
    not_specific: {
      label: '诉求不具体',
      explanation: '留言没有写明具体的事项、地点或诉求，无法交办。',
      whereToTurn: '欢迎补充具体的时间、地点和诉求后重新留言。',
    },
    legal_process: {
      label: '已进入法定程序',
      explanation: '该事项已进入诉讼、仲裁、行政复议或信访等法定程序，留言板不能代替这些程序。',
      whereToTurn: '请依照相应的法定途径继续办理。',
    },
    abusive: {
      label: '含有不文明内容',
      explanation: '留言含有辱骂、人身攻击或其他不文明的内容。',
      whereToTurn: '欢迎文明、理性地表达诉求后重新留言。',
    },
    advertising: {
      label: '广告或无关内容',
      explanation: '留言是商业广告或与政务无关的内容。',
    },
    other: {
      label: '其他原因',
      explanation: '具体原因见审核说明。',
    },
  },
  'zh-TW': {
    out_of_scope: {
      label: '不屬於受理範圍',
      explanation: '您反映的事項不屬於本留言板的受理範圍。',
      whereToTurn: '可撥打 12345 政務服務便民熱線，或向對該事項有管轄權的部門反映。',
    },
    duplicate: {
      label: '重複留言',
      explanation: '您已就同一事項留言，該事項將在原留言中辦理。',
      whereToTurn: '請用原留言的查詢碼查看辦理進展。',
    },
    not_specific: {
      label: '訴求不具體',
      explanation: '留言沒有寫明具體的事項、地點或訴求，無法交辦。',
      whereToTurn: '歡迎補充具體的時間、地點和訴求後重新留言。',
    },
    legal_process: {
      label: '已進入法定程序',
      explanation: '該事項已進入訴訟、仲裁、行政復議或信訪等法定程序，留言板不能代替這些程序。',
      whereToTurn: '請依照相應的法定途徑繼續辦理。',
    },
    abusive: {
      label: '含有不文明內容',
      explanation: '留言含有辱罵、人身攻擊或其他不文明的內容。',
      whereToTurn: '歡迎文明、理性地表達訴求後重新留言。',
    },
    advertising: {
      label: '廣告或無關內容',
      explanation: '留言是商業廣告或與政務無關的內容。',
    },
    other: {
      label: '其他原因',
      explanation: '具體原因見審核說明。',
    },
  },
  en: {
    out_of_scope: {
      label: 'Outside this board’s remit',
      explanation: 'The matter you raised is not one this board handles.',
      whereToTurn: 'Call the 12345 government service hotline, or contact the authority responsible for the matter.',
    },
    duplicate: {
      label: 'Duplicate message',
      explanation: 'You have already written about the same matter; it is handled under your earlier message.',
      whereToTurn: 'Follow its progress with the earlier message’s tracking code.',
    },
    not_specific: {
      label: 'Not a specific request',
      explanation: 'The message does not say what, where or what you ask for, so it cannot be handed to a unit.',
      whereToTurn: 'You are welcome to write again with the time, place and what you ask for.',
    },
    legal_process: {
      label: 'In a legal procedure',
      explanation: 'The matter is before a court, an arbitration, an administrative review or a petition procedure, which the board cannot replace.',
      whereToTurn: 'Please continue through that procedure.',
    },
    abusive: {
      label: 'Abusive content',
      explanation: 'The message contains insults, personal attacks or other abusive content.',
      whereToTurn: 'You are welcome to write again, calmly and civilly.',
    },
    advertising: {
      label: 'Advertising or unrelated',
      explanation: 'The message is advertising or has nothing to do with government work.',
    },
    other: {
      label: 'Other reason',
      explanation: 'See the reviewer’s explanation.',
    },
  },
}
