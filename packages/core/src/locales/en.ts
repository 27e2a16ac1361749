// The labels of the closed vocabularies in English: a module per language, so that an
// application that shows one language can carry only its labels (`EN_LABELS`), and a public
// page only those it shows (`EN_PUBLIC_LABELS`); the tables by locale of labels.ts
// (`MESSAGE_TYPE_LABELS` …) are made of the three. Keys match across languages (the `LocaleLabels`
// type, and locales.test.ts).
import type { LocaleLabels, PublicLabels } from '../enums.js'

const messageTypes: LocaleLabels['messageTypes'] = { consult: 'Enquiry', suggest: 'Suggestion', complain: 'Complaint', help: 'Request for help', thank: 'Thanks' }
const domains: LocaleLabels['domains'] = {
  urban: 'Urban development', transport: 'Transport', agriculture: 'Agriculture',
  environment: 'Environment', education: 'Education', health: 'Health care',
  security: 'Public security', tourism: 'Tourism', employment: 'Employment', culture: 'Culture',
  finance: 'Finance', enterprise: 'Business', government: 'Government affairs', other: 'Other',
}
const statuses: LocaleLabels['statuses'] = { pending: 'Awaiting review', accepted: 'Accepted', assigned: 'Assigned', processing: 'In progress', replied: 'Replied', closed: 'Closed', rejected: 'Not accepted' }
const publicStatuses: LocaleLabels['publicStatuses'] = { pending: 'Awaiting reply', accepted: 'Awaiting reply', assigned: 'Awaiting reply', processing: 'In progress', replied: 'Answered', closed: 'Answered', rejected: 'Not accepted' }
const roles: LocaleLabels['roles'] = { citizen: 'Author', reviewer: 'Reviewer', handler: 'Handling unit', supervisor: 'Supervisor' }
const satisfaction: LocaleLabels['satisfaction'] = ['Very dissatisfied', 'Dissatisfied', 'Fairly satisfied', 'Satisfied', 'Very satisfied']

/** The labels a public page shows, without the staff's statuses and the roles. */
export const EN_PUBLIC_LABELS: PublicLabels = { messageTypes, domains, publicStatuses, satisfaction }

export const EN_LABELS: LocaleLabels = { messageTypes, domains, statuses, publicStatuses, roles, satisfaction }
