// The labels of the closed vocabularies in Traditional Chinese: a module per language, so that an
// application that shows one language can carry only its labels (`ZH_TW_LABELS`), and a public
// page only those it shows (`ZH_TW_PUBLIC_LABELS`); the tables by locale of labels.ts
// (`MESSAGE_TYPE_LABELS` …) are made of the three. Keys match across languages (the `LocaleLabels`
// type, and locales.test.ts).
import type { LocaleLabels, PublicLabels } from '../enums.js'

const messageTypes: LocaleLabels['messageTypes'] = { consult: '諮詢', suggest: '建言', complain: '投訴', help: '求助', thank: '感謝' }
const domains: LocaleLabels['domains'] = {
  urban: '城建', transport: '交通', agriculture: '三農', environment: '環保', education: '教育',
  health: '醫療', security: '治安', tourism: '旅遊', employment: '就業', culture: '文娛',
  finance: '金融', enterprise: '企業', government: '政務', other: '其他',
}
const statuses: LocaleLabels['statuses'] = { pending: '待審核', accepted: '已受理', assigned: '已交辦', processing: '辦理中', replied: '已回覆', closed: '已辦結', rejected: '不予受理' }
const publicStatuses: LocaleLabels['publicStatuses'] = { pending: '待回覆', accepted: '待回覆', assigned: '待回覆', processing: '辦理中', replied: '已辦理', closed: '已辦理', rejected: '不予受理' }
const roles: LocaleLabels['roles'] = { citizen: '留言人', reviewer: '審核員', handler: '辦理單位', supervisor: '督辦員' }
const satisfaction: LocaleLabels['satisfaction'] = ['很不滿意', '不滿意', '基本滿意', '滿意', '很滿意']

/** The labels a public page shows, without the staff's statuses and the roles. */
export const ZH_TW_PUBLIC_LABELS: PublicLabels = { messageTypes, domains, publicStatuses, satisfaction }

export const ZH_TW_LABELS: LocaleLabels = { messageTypes, domains, statuses, publicStatuses, roles, satisfaction }
