import * as z from 'zod/mini'
import { DEFAULT_LOCALE, type Locale } from './enums.js'
import { VALIDATION_MESSAGES, type ValidationMessages } from './messages.js'
import { NewMessageSchema, type NewMessage } from './schemas/message.js'
import type { ValidationIssue } from './schemas/problem.js'

/** Options of {@link validate}. */
export interface ValidateOptions {
  /**
   * Language of the messages. Unknown values fall back to zh-CN.
   * @default 'zh-CN'
   */
  locale?: Locale | undefined
  /** Field labels that replace the defaults, by key or dotted path, e.g. `{ content: '追问内容' }`. */
  labels?: Readonly<Record<string, string>> | undefined
}

/** The outcome of {@link validate}: the parsed data, or localized issues. */
export type ValidationResult<T> =
  | { success: true; data: T }
  | { success: false; issues: ValidationIssue[] }

const CHOICE_FIELDS = /* @__PURE__ */ new Set(['boardId', 'type', 'domain', 'channel', 'action', 'publish', 'overall', 'resolution', 'attitude', 'speed'])
const CUSTOM_CODES: Record<string, keyof ValidationMessages> = {
  invalid_phone: 'invalidPhone',
  invalid_region: 'invalidRegion',
  invalid_tracking_code: 'invalidTrackingCode',
  invalid_characters: 'invalidCharacters',
  unknown_placeholder: 'unknownPlaceholder',
  invalid_range: 'invalidRange',
}

/**
 * Checks any schema of this package and returns localized, citizen-friendly issues instead of
 * zod's programmer messages. Paths and stable codes are kept for machines.
 *
 * Codes: `required`, `too_small`, `too_big`, `invalid_type`, `not_integer`, `invalid_option`,
 * `invalid_format`, `invalid_datetime`, `invalid_phone`, `invalid_region`,
 * `invalid_tracking_code`, `invalid_characters` (control characters in a search keyword),
 * `unknown_placeholder` (a `{name}` a reply template does not know),
 * `invalid_range` (a date range that ends before it starts),
 * `unknown_field`, `invalid`.
 *
 * @example
 * ```ts
 * const result = validate(NewEvaluationSchema, body, { locale: 'en' })
 * if (!result.success) console.log(result.issues[0].message) // 'Please choose the speed rating.'
 * ```
 */
export function validate<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  options: ValidateOptions = {},
): ValidationResult<z.output<S>> {
  const result = z.safeParse(schema, input, { reportInput: true })
  if (result.success) return { success: true, data: result.data }
  return { success: false, issues: localizeIssues(result.error.issues, options) }
}

/**
 * Validates a citizen's submission (the wire shape of `POST /messages`).
 *
 * @example
 * ```ts
 * const result = validateNewMessage({ ...draft, title: '关于小区门口路灯长期损坏无人维修的问题反映' })
 * // { success: false, issues: [{ path: ['title'], code: 'too_big', message: '标题不能超过22个字' }] }
 * ```
 */
export function validateNewMessage(input: unknown, options: ValidateOptions = {}): ValidationResult<NewMessage> {
  return validate(NewMessageSchema, input, options)
}

/**
 * Turns zod issues into localized {@link ValidationIssue}s. Use it when you parse with zod yourself.
 *
 * @example
 * ```ts
 * const parsed = NewMessageSchema.safeParse(body, { reportInput: true })
 * if (!parsed.success) return localizeIssues(parsed.error.issues, { locale: 'zh-TW' })
 * ```
 */
export function localizeIssues(
  issues: readonly z.core.$ZodIssue[],
  options: ValidateOptions = {},
): ValidationIssue[] {
  const messages = VALIDATION_MESSAGES[options.locale ?? DEFAULT_LOCALE] ?? VALIDATION_MESSAGES[DEFAULT_LOCALE]
  const out: ValidationIssue[] = []
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: [...path, key], code: 'unknown_field', message: fill(messages.unknownField, { key }) })
      }
      continue
    }
    const [code, template, n] = classify(issue, path)
    const label = labelOf(path, messages, options.labels)
    out.push({ path, code, message: fill(messages[template] as string, { label, n: n ?? '' }) })
  }
  return out
}

type Classified = [code: string, template: keyof ValidationMessages, n?: number]

function classify(issue: z.core.$ZodIssue, path: readonly (string | number)[]): Classified {
  const missing = 'input' in issue ? issue.input === undefined : true
  const last = path[path.length - 1]
  const choice = typeof last === 'string' && CHOICE_FIELDS.has(last)
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return ['required', choice ? 'requiredChoice' : 'required']
      if (path.length === 0) return ['invalid_type', 'invalidBody']
      if (issue.expected === 'int') return ['not_integer', 'notInteger']
      return ['invalid_type', 'invalidType']
    case 'too_small':
      if (issue.origin === 'string') {
        // After trimming, whitespace-only text is empty: the citizen left the field blank.
        return issue.input === '' ? ['required', 'required'] : ['too_small', 'tooShort', Number(issue.minimum)]
      }
      return ['too_small', issue.origin === 'array' ? 'tooShort' : 'tooSmall', Number(issue.minimum)]
    case 'too_big':
      if (issue.origin === 'string') return ['too_big', 'tooLong', Number(issue.maximum)]
      if (issue.origin === 'array' || issue.origin === 'set') return ['too_big', 'tooMany', Number(issue.maximum)]
      return ['too_big', 'tooLarge', Number(issue.maximum)]
    case 'invalid_value':
      if (missing) return ['required', choice ? 'requiredChoice' : 'required']
      return ['invalid_option', 'invalidOption']
    case 'invalid_union': {
      const input = 'input' in issue ? issue.input : undefined
      const discriminator = (issue as { discriminator?: string }).discriminator
      if (discriminator && (input == null || typeof input !== 'object')) {
        return path.length === 0 ? ['invalid_type', 'invalidBody'] : ['invalid_type', 'invalidType']
      }
      if (discriminator && (input as Record<string, unknown>)[discriminator] === undefined) {
        return ['required', 'requiredChoice']
      }
      return ['invalid_option', 'invalidOption']
    }
    case 'invalid_format': {
      const custom = CUSTOM_CODES[issue.message]
      if (custom) return [issue.message, custom]
      if (issue.format === 'datetime' || issue.format === 'date') return ['invalid_datetime', 'invalidDateTime']
      return ['invalid_format', 'invalidFormat']
    }
    case 'custom': {
      const custom = CUSTOM_CODES[issue.message]
      return custom ? [issue.message, custom] : ['invalid', 'invalid']
    }
    default:
      return ['invalid', 'invalid']
  }
}

function labelOf(
  path: readonly (string | number)[],
  messages: ValidationMessages,
  overrides: Readonly<Record<string, string>> | undefined,
): string {
  const keys = path.filter((p): p is string => typeof p === 'string')
  const dotted = keys.join('.')
  const last = keys[keys.length - 1] ?? ''
  return (
    overrides?.[dotted] ?? overrides?.[last] ?? messages.fields[dotted] ?? messages.fields[last] ?? messages.thisField
  )
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))
}
