import { DOMAIN_LABELS, DOMAINS, MESSAGE_TYPE_LABELS, MESSAGE_TYPES, type Domain, type Locale, type MessageType } from '@liuyan/core'

/**
 * Open311 GeoReport v2 services of a Liuyan board: one per message type × domain, coded
 * `<type>.<domain>` (e.g. `complain.urban`, 投诉 · 城建), grouped by domain. See
 * docs/architecture.md (Open311).
 */
export interface Open311Service {
  service_code: string
  service_name: string
  description: string
  metadata: boolean
  type: 'realtime' | 'batch' | 'blackbox'
  keywords: string
  group: string
}

const DESCRIPTION: Record<Locale, (type: string, domain: string) => string> = {
  'zh-CN': (type, domain) => `${domain}领域的${type}留言`,
  'zh-TW': (type, domain) => `${domain}領域的${type}留言`,
  en: (type, domain) => `${type} messages about ${domain.toLowerCase()}`,
}

/** The service code of a type and a domain. */
export function serviceCode(type: MessageType, domain: Domain): string {
  return `${type}.${domain}`
}

/** The type and domain a service code names, or undefined for a code that is no service. */
export function parseServiceCode(code: string): { type: MessageType; domain: Domain } | undefined {
  const [type, domain, ...rest] = code.split('.')
  if (rest.length || !(MESSAGE_TYPES as readonly string[]).includes(type ?? '') || !(DOMAINS as readonly string[]).includes(domain ?? '')) return undefined
  return { type: type as MessageType, domain: domain as Domain }
}

/** The name of a service in a language, e.g. `投诉 · 城建`. */
export function serviceName(type: MessageType, domain: Domain, locale: Locale): string {
  return `${MESSAGE_TYPE_LABELS[locale][type]} · ${DOMAIN_LABELS[locale][domain]}`
}

/** Every service, by type then domain, in a language. Services take no extra attributes (`metadata: false`). */
export function open311Services(locale: Locale): Open311Service[] {
  return MESSAGE_TYPES.flatMap((type) =>
    DOMAINS.map((domain) => ({
      service_code: serviceCode(type, domain),
      service_name: serviceName(type, domain, locale),
      description: DESCRIPTION[locale](MESSAGE_TYPE_LABELS[locale][type], DOMAIN_LABELS[locale][domain]),
      metadata: false,
      type: 'realtime' as const,
      keywords: `${type}, ${domain}, ${MESSAGE_TYPE_LABELS[locale][type]}, ${DOMAIN_LABELS[locale][domain]}`,
      group: DOMAIN_LABELS[locale][domain],
    })),
  )
}
