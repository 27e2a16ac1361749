// The labels of the closed vocabularies in Simplified Chinese (the default): a module per language, so that an
// application that shows one language can carry only its labels (`ZH_CN_LABELS`), and a public
// page only those it shows (`ZH_CN_PUBLIC_LABELS`); the tables by locale of labels.ts
// (`MESSAGE_TYPE_LABELS` …) are made of the three. Keys match across languages (the `LocaleLabels`
// type, and locales.test.ts).
import type { LocaleLabels, PublicLabels } from '../enums.js'

const messageTypes: LocaleLabels['messageTypes'] = { consult: '咨询', suggest: '建言', complain: '投诉', help: '求助', thank: '感谢' }
const domains: LocaleLabels['domains'] = {
  urban: '城建', transport: '交通', agriculture: '三农', environment: '环保', education: '教育',
  health: '医疗', security: '治安', tourism: '旅游', employment: '就业', culture: '文娱',
  finance: '金融', enterprise: '企业', government: '政务', other: '其他',
}
const statuses: LocaleLabels['statuses'] = { pending: '待审核', accepted: '已受理', assigned: '已交办', processing: '办理中', replied: '已回复', closed: '已办结', rejected: '不予受理' }
const publicStatuses: LocaleLabels['publicStatuses'] = { pending: '待回复', accepted: '待回复', assigned: '待回复', processing: '办理中', replied: '已办理', closed: '已办理', rejected: '不予受理' }
const roles: LocaleLabels['roles'] = { citizen: '留言人', reviewer: '审核员', handler: '办理单位', supervisor: '督办员' }
const satisfaction: LocaleLabels['satisfaction'] = ['很不满意', '不满意', '基本满意', '满意', '很满意']

/** The labels a public page shows, without the staff's statuses and the roles. */
export const ZH_CN_PUBLIC_LABELS: PublicLabels = { messageTypes, domains, publicStatuses, satisfaction }

export const ZH_CN_LABELS: LocaleLabels = { messageTypes, domains, statuses, publicStatuses, roles, satisfaction }
