import type { Locale } from './enums.js'
import { EN_VALIDATION } from './locales/en.validation.js'
import { ZH_CN_VALIDATION } from './locales/zh-CN.validation.js'
import { ZH_TW_VALIDATION } from './locales/zh-TW.validation.js'

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

/**
 * Validation messages per locale (each language is also a module of its own: `ZH_CN_VALIDATION`,
 * `ZH_TW_VALIDATION`, `EN_VALIDATION`). Pass your own (or spread one of these) to {@link validate} to
 * reword a message or name a field differently.
 *
 * @example
 * ```ts
 * const messages = { ...VALIDATION_MESSAGES['zh-CN'], fields: { ...VALIDATION_MESSAGES['zh-CN'].fields, content: '追问内容' } }
 * ```
 */
export const VALIDATION_MESSAGES: Readonly<Record<Locale, ValidationMessages>> = { 'zh-CN': ZH_CN_VALIDATION, 'zh-TW': ZH_TW_VALIDATION, en: EN_VALIDATION }
