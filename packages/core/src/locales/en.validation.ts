// The validation messages in English: a module per language, so that an application that
// shows one language can carry only its messages (`EN_VALIDATION`), and a public page those of
// the citizen's forms and reads (`EN_PUBLIC_VALIDATION`, without the staff's field labels);
// messages.ts's `VALIDATION_MESSAGES` is made of the three. Keys and placeholders match across
// languages (the `ValidationMessages` type, and locales.test.ts).
import type { ValidationMessages } from '../messages.js'
import { withFields } from './with-fields.js'

/** The messages of the citizen's forms and the public reads (a public page carries these): every field but the staff's. */
export const EN_PUBLIC_VALIDATION: ValidationMessages = {
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
    boardId: 'recipient', type: 'message type', domain: 'subject area', title: 'title',
    content: 'text', place: 'place', 'place.text': 'place', 'place.public': 'place visibility',
    coordinates: 'coordinates', lat: 'latitude', lng: 'longitude', images: 'images',
    imagesPublic: 'image visibility', author: 'author details', nickname: 'display name',
    realName: 'real name', phone: 'mobile number', maskNickname: 'name masking', remark: 'remark',
    publish: 'consent to publish', channel: 'channel', overall: 'overall rating',
    resolution: 'resolution rating', attitude: 'attitude rating', speed: 'speed rating',
    comment: 'comment', trackingCode: 'tracking code', keyword: 'keyword', limit: 'page size',
    cursor: 'cursor',
  },
}

/** Every message: EN_PUBLIC_VALIDATION's and the labels of the staff's fields (templates, actions, replies). */
export const EN_VALIDATION: ValidationMessages = /* @__PURE__ */ withFields(EN_PUBLIC_VALIDATION, {
  name: 'template name', text: 'template text', action: 'action', reason: 'reason', note: 'note',
  days: 'number of working days', organization: 'replying organization',
})
