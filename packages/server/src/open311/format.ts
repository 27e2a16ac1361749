import { XMLBuilder } from 'fast-xml-parser'

/** The two formats of GeoReport v2, named by the path's extension. */
export type Open311Format = 'json' | 'xml'

/**
 * The root and item element names of each GeoReport v2 document in XML (`<services><service>…`).
 * JSON has the items as a bare array, except discovery, which is one object.
 */
export const XML_ELEMENTS = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true })

/** A GeoReport v2 document as a Response: JSON, or XML with the element names of {@link XML_ELEMENTS}. */
export function open311Response(format: Open311Format, document: Open311Document, status = 200, headers: Record<string, string> = {}): Response {
  if (format === 'json') {
    const body = document.kind === 'discovery' || document.kind === 'service_definition' ? document.value : document.items
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } })
  }
  let tree: unknown
  if (document.kind === 'discovery') tree = { discovery: xmlDiscovery(document.value) }
  else if (document.kind === 'service_definition') tree = { service_definition: { service_code: document.value.service_code, attributes: '' } }
  else {
    const [root, item] = XML_ELEMENTS[document.kind]
    tree = { [root]: document.items.length ? { [item]: document.items.map(stripUndefined) } : '' }
  }
  const body = `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(tree)}`
  return new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers } })
}

export type Open311Document =
  | { kind: 'services' | 'requests' | 'errors'; items: readonly object[] }
  | { kind: 'discovery'; value: Open311Discovery }
  | { kind: 'service_definition'; value: { service_code: string; attributes: [] } }

export interface Open311Discovery {
  changeset: string
  contact: string
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[]
}

function xmlDiscovery(discovery: Open311Discovery) {
  return {
    changeset: discovery.changeset,
    contact: discovery.contact,
    endpoints: { endpoint: discovery.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
  }
}

function stripUndefined(item: object): object {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined))
}
