import type { createPublicClient, PublicClient } from '@liuyan/client'
import type { Locale } from '@liuyan/core'

const clients = new Map<string, PublicClient>()

/**
 * The widget's client of `baseUrl` in `locale`, one for every element with the same URL, made by
 * `create` on first use (the SDK's `createPublicClient`: the widget makes no staff call, so its
 * bundles carry none of the staff resources; the SDK is imported by the modules that call this, so
 * that the first view of the script-tag build does not carry it).
 */
export function clientFor(baseUrl: string, locale: Locale, create: typeof createPublicClient): PublicClient {
  let client = clients.get(`${baseUrl}|${locale}`)
  if (!client) {
    // The widget talks to the board's own API, trusted to answer in the contract's shape, so
    // responses are not checked against the schemas: the first view shows without walking every
    // field of a page of messages. The price: a server out of shape fails inside a component
    // (a blank or odd field) instead of as a clear `invalid_response` error. Only fields the
    // components name are rendered, so extra fields a check would have dropped never reach the
    // page. A client set on `client` keeps its own choice.
    // Nor are list filters checked before sending (the server judges them): with both checks off
    // the reads never load zod or core's schemas, which stay out of the first view.
    client = create({ baseUrl, locale, validateResponses: false, validateQueries: false })
    clients.set(`${baseUrl}|${locale}`, client)
  }
  return client
}
