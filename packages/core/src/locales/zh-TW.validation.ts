// The validation messages in Traditional Chinese: a module per language, so that an application that
// shows one language can carry only its messages (`ZH_TW_VALIDATION`), and a public page those of
// the citizen's forms and reads (`ZH_TW_PUBLIC_VALIDATION`, without the staff's field labels);
// messages.ts's `VALIDATION_MESSAGES` is made of the three. Keys and placeholders match across
// languages (the `ValidationMessages` type, and locales.test.ts).
import type { ValidationMessages } from '../messages.js'
import { withFields } from './with-fields.js'

/** The messages of the citizen's forms and the public reads (a public page carries these): every field but the staff's. */
export const ZH_TW_PUBLIC_VALIDATION: ValidationMessages = {
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
    boardId: '留言對象', type: '留言類型', domain: '留言領域', title: '標題', content: '內容', place: '地點',
    'place.text': '地點', 'place.public': '地點是否公開', coordinates: '座標', lat: '緯度', lng: '經度',
    images: '圖片', imagesPublic: '圖片是否公開', author: '留言人資訊', nickname: '暱稱', realName: '真實姓名',
    phone: '手機號碼', maskNickname: '是否隱藏暱稱', remark: '備註', publish: '是否同意公開', channel: '提交管道',
    overall: '總體評價', resolution: '解決程度', attitude: '辦理態度', speed: '辦理速度', comment: '評價內容',
    trackingCode: '查詢碼', keyword: '關鍵詞', limit: '每頁筆數', cursor: '翻頁標記',
  },
}

/** Every message: ZH_TW_PUBLIC_VALIDATION's and the labels of the staff's fields (templates, actions, replies). */
export const ZH_TW_VALIDATION: ValidationMessages = /* @__PURE__ */ withFields(ZH_TW_PUBLIC_VALIDATION, {
  name: '範本名稱', text: '範本內容', action: '操作', reason: '理由', note: '說明', days: '延期天數',
  organization: '回覆單位',
})
