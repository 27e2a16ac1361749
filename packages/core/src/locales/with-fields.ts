import type { ValidationMessages } from '../messages.js'

/** `messages` with more field labels: a language's full table made of its public one (locales/<locale>.validation.ts). */
export const withFields = (messages: ValidationMessages, fields: Readonly<Record<string, string>>): ValidationMessages => ({
  ...messages,
  fields: { ...messages.fields, ...fields },
})
