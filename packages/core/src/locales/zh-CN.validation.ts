// The validation messages in Simplified Chinese (the default): a module per language, so that an
// application that shows one language can carry only its messages (`ZH_CN_VALIDATION`), and a public
// page those of the citizen's forms and reads (`ZH_CN_PUBLIC_VALIDATION`, without the staff's field
// labels); messages.ts's `VALIDATION_MESSAGES` is made of the three. Keys and placeholders match
// across languages (the `ValidationMessages` type, and locales.test.ts).
import type { ValidationMessages } from '../messages.js'
import { withFields } from './with-fields.js'

/** The messages of the citizen's forms and the public reads (a public page carries these): every field but the staff's. */
export const ZH_CN_PUBLIC_VALIDATION: ValidationMessages = {
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
    boardId: '留言对象', type: '留言类型', domain: '留言领域', title: '标题', content: '内容', place: '地点',
    'place.text': '地点', 'place.public': '地点是否公开', coordinates: '坐标', lat: '纬度', lng: '经度',
    images: '图片', imagesPublic: '图片是否公开', author: '留言人信息', nickname: '昵称', realName: '真实姓名',
    phone: '手机号码', maskNickname: '是否隐藏昵称', remark: '备注', publish: '是否同意公开', channel: '提交渠道',
    overall: '总体评价', resolution: '解决程度', attitude: '办理态度', speed: '办理速度', comment: '评价内容',
    trackingCode: '查询码', keyword: '关键词', limit: '每页条数', cursor: '翻页标记',
  },
}

/** Every message: ZH_CN_PUBLIC_VALIDATION's and the labels of the staff's fields (templates, actions, replies). */
export const ZH_CN_VALIDATION: ValidationMessages = /* @__PURE__ */ withFields(ZH_CN_PUBLIC_VALIDATION, {
  name: '模板名称', text: '模板内容', action: '操作', reason: '理由', note: '说明', days: '延期天数',
  organization: '回复单位',
})
