/**
 * `@liuyan/server/notify`: every notification transport, e-mail included (Node only, it needs a
 * socket), for a Node host to register with the webhook delivery worker (docs/architecture.md §7).
 * The robots alone, without e-mail, come from `@liuyan/server` too and run in workers.
 */
export * from './index.js'
export { createEmailTransport, emailOptionsFromEnv, mailtoRecipients } from './email.js'
export type { EmailTransportOptions } from './email.js'
