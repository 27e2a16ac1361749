// The labels of the closed vocabularies in English: a module per language, so that an
// application that shows one language can carry only its labels (`EN_LABELS`); the tables by
// locale of labels.ts (`MESSAGE_TYPE_LABELS` …) are made of the three. Keys match across languages
// (the `LocaleLabels` type, and locales.test.ts).
import type { LocaleLabels } from '../enums.js'

export const EN_LABELS: LocaleLabels = {
  messageTypes: { consult: 'Enquiry', suggest: 'Suggestion', complain: 'Complaint', help: 'Request for help', thank: 'Thanks' },
  domains: {
    urban: 'Urban development', transport: 'Transport', agriculture: 'Agriculture',
    environment: 'Environment', education: 'Education', health: 'Health care',
    security: 'Public security', tourism: 'Tourism', employment: 'Employment', culture: 'Culture',
    finance: 'Finance', enterprise: 'Business', government: 'Government affairs', other: 'Other',
  },
  statuses: { pending: 'Awaiting review', accepted: 'Accepted', assigned: 'Assigned', processing: 'In progress', replied: 'Replied', closed: 'Closed', rejected: 'Not accepted' },
  publicStatuses: { pending: 'Awaiting reply', accepted: 'Awaiting reply', assigned: 'Awaiting reply', processing: 'In progress', replied: 'Answered', closed: 'Answered', rejected: 'Not accepted' },
  roles: { citizen: 'Author', reviewer: 'Reviewer', handler: 'Handling unit', supervisor: 'Supervisor' },
  satisfaction: ['Very dissatisfied', 'Dissatisfied', 'Fairly satisfied', 'Satisfied', 'Very satisfied'],
}
