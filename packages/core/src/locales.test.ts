// The labels and the validation messages of each language live in modules of their own
// (src/locales/<locale>.ts, <locale>.validation.ts): these checks keep the three saying the same
// things, and the tables by locale made of them.
import { describe, expect, it } from 'vitest'
import {
  DOMAIN_LABELS,
  DOMAINS,
  EN_LABELS,
  EN_PUBLIC_LABELS,
  EN_PUBLIC_VALIDATION,
  EN_VALIDATION,
  LOCALES,
  MESSAGE_TYPE_LABELS,
  MESSAGE_TYPES,
  MessageListQuerySchema,
  NewEvaluationSchema,
  NewFollowUpSchema,
  NewMessageSchema,
  PUBLIC_STATUS_LABELS,
  ROLE_LABELS,
  ROLES,
  satisfactionLabel,
  satisfactionLevel,
  STATUS_LABELS,
  STATUSES,
  VALIDATION_MESSAGES,
  ZH_CN_LABELS,
  ZH_CN_PUBLIC_LABELS,
  ZH_CN_PUBLIC_VALIDATION,
  ZH_CN_VALIDATION,
  ZH_TW_LABELS,
  ZH_TW_PUBLIC_LABELS,
  ZH_TW_PUBLIC_VALIDATION,
  ZH_TW_VALIDATION,
  type Locale,
  type LocaleLabels,
  type PublicLabels,
} from './index.js'

const BY_LOCALE: Record<Locale, LocaleLabels> = { 'zh-CN': ZH_CN_LABELS, 'zh-TW': ZH_TW_LABELS, en: EN_LABELS }
const VOCABULARIES = { messageTypes: MESSAGE_TYPES, domains: DOMAINS, statuses: STATUSES, publicStatuses: STATUSES, roles: ROLES }

describe('the labels of each language', () => {
  it('name every value of every vocabulary, and nothing else, in zh-CN, zh-TW and en', () => {
    for (const locale of LOCALES) {
      const labels = BY_LOCALE[locale]
      expect(Object.keys(labels).sort(), locale).toEqual([...Object.keys(VOCABULARIES), 'satisfaction'].sort())
      for (const [name, values] of Object.entries(VOCABULARIES)) {
        const table = labels[name as keyof typeof VOCABULARIES] as Record<string, string>
        expect(Object.keys(table).sort(), `${locale} ${name}`).toEqual([...values].sort())
        for (const value of values) expect(table[value]!.trim(), `${locale} ${name}.${value}`).not.toBe('')
      }
      expect(labels.satisfaction).toHaveLength(5)
      expect(new Set(labels.satisfaction).size, `${locale} satisfaction`).toBe(5)
    }
  })

  it('are translated: en differs from zh-CN everywhere, zh-TW where the script differs', () => {
    for (const name of Object.keys(VOCABULARIES) as (keyof typeof VOCABULARIES)[]) {
      for (const value of VOCABULARIES[name]) expect(EN_LABELS[name][value as never]).not.toBe(ZH_CN_LABELS[name][value as never])
    }
    expect(ZH_TW_LABELS.publicStatuses.replied).toBe('已辦理')
    expect(ZH_TW_LABELS.satisfaction[4]).toBe('很滿意')
  })

  it('a public page shows the same ones, without the staff\'s statuses and the roles', () => {
    const PUBLIC: Record<Locale, PublicLabels> = { 'zh-CN': ZH_CN_PUBLIC_LABELS, 'zh-TW': ZH_TW_PUBLIC_LABELS, en: EN_PUBLIC_LABELS }
    for (const locale of LOCALES) {
      const { statuses, roles, ...shown } = BY_LOCALE[locale]
      expect(Object.keys(PUBLIC[locale]).sort(), locale).toEqual(Object.keys(shown).sort())
      for (const [name, labels] of Object.entries(shown)) expect(PUBLIC[locale][name as keyof PublicLabels], `${locale} ${name}`).toBe(labels)
      expect(statuses, locale).toBeDefined()
      expect(roles, locale).toBeDefined()
    }
  })

  it('make up the tables by locale', () => {
    for (const locale of LOCALES) {
      expect(MESSAGE_TYPE_LABELS[locale]).toBe(BY_LOCALE[locale].messageTypes)
      expect(DOMAIN_LABELS[locale]).toBe(BY_LOCALE[locale].domains)
      expect(STATUS_LABELS[locale]).toBe(BY_LOCALE[locale].statuses)
      expect(PUBLIC_STATUS_LABELS[locale]).toBe(BY_LOCALE[locale].publicStatuses)
      expect(ROLE_LABELS[locale]).toBe(BY_LOCALE[locale].roles)
    }
  })
})

describe('the validation messages of each language', () => {
  /** Every path to a sentence (`fields.content` …) with its `{name}` placeholders. */
  const sentences = (value: object, prefix = ''): Record<string, string[]> =>
    Object.fromEntries(
      Object.entries(value).flatMap(([key, v]) =>
        typeof v === 'string' ? [[`${prefix}${key}`, [...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()]] : Object.entries(sentences(v as object, `${prefix}${key}.`)),
      ),
    )

  it('have the same keys and placeholders in zh-CN, zh-TW and en, none empty', () => {
    const expected = sentences(ZH_CN_VALIDATION)
    expect(Object.keys(expected).length).toBeGreaterThan(40)
    for (const messages of [ZH_TW_VALIDATION, EN_VALIDATION]) {
      expect(sentences(messages)).toEqual(expected)
      for (const path of Object.keys(expected)) expect(path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], messages), path).not.toBe('')
    }
    expect(VALIDATION_MESSAGES).toEqual({ 'zh-CN': ZH_CN_VALIDATION, 'zh-TW': ZH_TW_VALIDATION, en: EN_VALIDATION })
  })

  it('for a public page: the same sentences, and the label of every field of the citizen\'s inputs and the public list', () => {
    /** The keys and dotted paths of an object schema's fields, through optional and default wrappers. */
    const keysOf = (schema: unknown, prefix = ''): string[] => {
      let s = schema as { _zod?: { def?: { innerType?: unknown; shape?: Record<string, unknown> } } } | undefined
      while (s?._zod?.def?.innerType) s = s._zod.def.innerType as typeof s
      return Object.entries(s?._zod?.def?.shape ?? {}).flatMap(([key, field]) => [`${prefix}${key}`, ...keysOf(field, `${prefix}${key}.`)])
    }
    // As validation.ts's labelOf finds a field's label: by dotted path, else by its last key.
    const labelOf = (fields: Readonly<Record<string, string>>, path: string) => fields[path] ?? fields[path.split('.').pop()!]
    const citizens = [NewMessageSchema, NewFollowUpSchema, NewEvaluationSchema, MessageListQuerySchema].flatMap((schema) => keysOf(schema))
    expect(citizens).toContain('author.nickname')
    const pairs = [[ZH_CN_PUBLIC_VALIDATION, ZH_CN_VALIDATION], [ZH_TW_PUBLIC_VALIDATION, ZH_TW_VALIDATION], [EN_PUBLIC_VALIDATION, EN_VALIDATION]] as const
    for (const [open, full] of pairs) {
      const { fields, ...rest } = full
      expect({ ...open, fields: {} }).toEqual({ ...rest, fields: {} })
      for (const [key, label] of Object.entries(open.fields)) expect(fields[key], key).toBe(label)
      for (const path of citizens) expect(labelOf(open.fields, path), path).toBe(labelOf(fields, path))
      // The staff's fields (reply templates, actions, replies) are the full table's only.
      expect(Object.keys(fields).filter((k) => !(k in open.fields)).sort()).toEqual(['action', 'days', 'name', 'note', 'organization', 'reason', 'text'])
    }
  })
})

describe('satisfactionLevel', () => {
  it('cuts at >4, >3, >2 and >1, and satisfactionLabel names the level', () => {
    const cases: [number, number][] = [[5, 4], [4.01, 4], [4, 3], [3.4, 3], [3, 2], [2.01, 2], [2, 1], [1.5, 1], [1, 0], [0, 0]]
    for (const [score, level] of cases) {
      expect(satisfactionLevel(score), String(score)).toBe(level)
      for (const locale of LOCALES) expect(satisfactionLabel(score, locale)).toBe(BY_LOCALE[locale].satisfaction[level])
    }
    expect(satisfactionLabel(5)).toBe('很满意')
    expect(satisfactionLabel(3.4, 'en')).toBe('Satisfied')
    expect(satisfactionLabel(1, 'xx' as Locale)).toBe('很不满意')
  })
})
