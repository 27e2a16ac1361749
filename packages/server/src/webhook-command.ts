// `liuyan-server webhook add|list|remove|replay`, and the server's webhook options and worker.
import { EVENT_TYPES, NewWebhookSchema, STAFF_ROLES, WEBHOOK_KINDS } from '@liuyan/core'
import { isServiceError } from './errors.js'
import { createBoardService, type StaffPrincipal } from './service.js'
import { WebhookSubscriptions } from './service/subscriptions.js'
import { createEmailTransport, emailOptionsFromEnv } from './notify/email.js'
import { createTransports } from './notify/registry.js'
import { createWebhookWorker, type AttemptLogEntry, type WebhookWorker } from './service/webhooks.js'
import { createNodeFetch } from './notify/node-fetch.js'
import type { Store } from './store/types.js'
import { CommandFailure, DB_LINE, DB_OPTION, openDatabase, parse, shown, UsageError } from './token-command.js'

const USAGE = `Usage: liuyan-server webhook <command> [options]

Manages the webhook subscriptions of the server's database, also while a server runs on it. The
server delivers each event of a subscription's boards and types as a signed POST (Standard
Webhooks), retried for 24 hours; see docs/webhooks.md.

Commands:
  add      subscribe a URL to events of a board and the boards below it; prints the secret once
  list     list the subscriptions, one per line (never their secrets)
  remove   remove a subscription with its pending deliveries and attempt log
  replay   deliver a stored event again (to one subscription, or to each it matches)

Run "liuyan-server webhook <command> --help" for the options of each.

Exit codes: 0 done; 2 bad usage (an unknown option, board or event type); 1 the database cannot
be opened, or no subscription or event matched.`

const ADD_USAGE = `Usage: liuyan-server webhook add --url URL --board ID --event TYPE [--event TYPE ...]
                                 [--kind KIND] [--private] [--description TEXT] [--db FILE]

Options:
  --url URL          where to POST (http:// or https://)
  --board ID         the board whose subtree's events are delivered
  --event TYPE       an event type (repeatable), or "all": ${EVENT_TYPES.join(', ')}
  --kind KIND        ${WEBHOOK_KINDS.join(', ')}                            (default standard)
  --private          deliver the staff view (real name, phone, remark) instead of the public one
  --description TEXT a name for the list
${DB_LINE}
  -h, --help         show this help`

const LIST_USAGE = `Usage: liuyan-server webhook list [--db FILE]

Lists the subscriptions, oldest first, with tab-separated fields: id, kind, board, events,
public or private, the URL without its query, and the creation time.

Options:
${DB_LINE}`

const REMOVE_USAGE = `Usage: liuyan-server webhook remove --id ID [--db FILE]

Options:
  --id ID        the subscription's id (as "liuyan-server webhook list" shows it)
${DB_LINE}`

const REPLAY_USAGE = `Usage: liuyan-server webhook replay --event EVENT_ID [--id ID] [--db FILE]

Queues a stored event for delivery again, under its own id (receivers that have it drop it): to the
subscription --id, or to every subscription that matches the event.

Options:
  --event EVENT_ID  the event's id (the webhook-id header receivers saw, e.g. evt_…_3)
  --id ID           only this subscription
${DB_LINE}`

/** The command line acts for the operator of the database: every role on every board. */
async function operator(store: Store): Promise<StaffPrincipal> {
  const boards = await store.read.listBoards()
  return {
    tokenHash: 'cli', label: 'liuyan-server webhook', roles: [...STAFF_ROLES],
    boardIds: new Set(boards.map((b) => b.id)), rootBoardIds: boards.filter((b) => !b.parentId).map((b) => b.id),
  }
}

/** Runs `liuyan-server webhook …` (what follows `webhook`) and resolves the exit code. */
export async function runWebhookCommand(argv: readonly string[]): Promise<number> {
  process.stdout.on('error', () => {})
  const [command, ...rest] = argv
  const commands: Record<string, [string, (argv: readonly string[]) => Promise<number>]> = {
    add: [ADD_USAGE, add], list: [LIST_USAGE, list], remove: [REMOVE_USAGE, remove], replay: [REPLAY_USAGE, replay],
  }
  const name = `liuyan-server webhook${command && commands[command] ? ` ${command}` : ''}`
  try {
    if (command === '-h' || command === '--help') return write(USAGE)
    const found = command ? commands[command] : undefined
    if (!found) throw new UsageError(command ? 'unknown command; the commands are add, list, remove and replay' : 'say what to do: add, list, remove or replay')
    if (rest.includes('-h') || rest.includes('--help')) return write(found[0])
    return await found[1](rest)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\nRun "${name} --help" for the options.\n`)
      return 2
    }
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}

async function add(argv: readonly string[]): Promise<number> {
  const values = parse(argv, {
    ...DB_OPTION, url: { type: 'string' }, board: { type: 'string' }, event: { type: 'string', multiple: true },
    kind: { type: 'string' }, private: { type: 'boolean' }, description: { type: 'string' },
  })
  const events = values.event?.includes('all') ? [...EVENT_TYPES] : values.event
  const input = NewWebhookSchema.safeParse({
    url: values.url, boardId: values.board, events, ...(values.kind ? { kind: values.kind } : {}),
    ...(values.private ? { private: true } : {}), ...(values.description ? { description: values.description } : {}),
  })
  if (!input.success) {
    const fields = [...new Set(input.error.issues.map((issue) => ({ url: '--url', boardId: '--board', events: '--event', kind: '--kind', description: '--description' })[String(issue.path[0])] ?? String(issue.path[0])))]
    throw new UsageError(`check ${fields.join(', ')}: give --url http(s)://…, --board ID and at least one --event (${EVENT_TYPES.slice(0, 3).join(', ')}, … or all)`)
  }
  const { store, path } = await openDatabase(values.db, { writable: true })
  try {
    const service = createBoardService({ store })
    let created
    try {
      created = await new WebhookSubscriptions(service).create(await operator(store), input.data)
    } catch (error) {
      if (isServiceError(error) && error.status === 404) throw new UsageError(`no board ${JSON.stringify(shown(input.data.boardId))} in ${path}`)
      throw error
    }
    write([`id:      ${created.id}`, `secret:  ${created.secret}`, `url:     ${shown(created.url)}`, `board:   ${created.boardId}`, `events:  ${created.events.join(', ')}`].join('\n'))
    process.stderr.write('The secret above is shown this once: give it to the receiver, which verifies each delivery with it.\n')
    return 0
  } finally {
    await store.close()
  }
}

async function list(argv: readonly string[]): Promise<number> {
  const values = parse(argv, DB_OPTION)
  const { store, path } = await openDatabase(values.db, { writable: false })
  try {
    const webhooks = await store.read.outbox.listWebhooks()
    if (webhooks.length === 0) {
      process.stderr.write(`No webhook subscriptions in ${path}. Add one with "liuyan-server webhook add".\n`)
      return 0
    }
    const lines = webhooks.map((w) => [w.id, w.kind, w.boardId, w.events.join(','), w.private ? 'private' : 'public', shown(w.url.split('?')[0]), w.createdAt].join('\t'))
    return write(lines.join('\n'))
  } finally {
    await store.close()
  }
}

async function remove(argv: readonly string[]): Promise<number> {
  const values = parse(argv, { ...DB_OPTION, id: { type: 'string' } })
  if (!values.id) throw new UsageError('say which subscription: --id ID')
  const { store, path } = await openDatabase(values.db, { writable: true })
  try {
    if (!(await store.transaction((tx) => tx.outbox.deleteWebhook(values.id!)))) throw new CommandFailure(`no subscription ${shown(values.id)} in ${path}`)
    return write(`removed ${values.id}`)
  } finally {
    await store.close()
  }
}

async function replay(argv: readonly string[]): Promise<number> {
  const values = parse(argv, { ...DB_OPTION, id: { type: 'string' }, event: { type: 'string' } })
  if (!values.event) throw new UsageError('say which event: --event EVENT_ID')
  const { store, path } = await openDatabase(values.db, { writable: true })
  try {
    const service = createBoardService({ store })
    const subscriptions = new WebhookSubscriptions(service)
    const staff = await operator(store)
    const targets = values.id ? [values.id] : (await store.read.outbox.listWebhooks()).map((w) => w.id)
    const queued: string[] = []
    for (const id of targets) {
      try {
        await subscriptions.replay(staff, id, values.event)
        queued.push(id)
      } catch (error) {
        if (!(isServiceError(error) && error.status === 404)) throw error
      }
    }
    if (queued.length === 0) throw new CommandFailure(`no ${values.id ? `subscription ${shown(values.id)} with` : 'subscription matches'} the event ${shown(values.event)} in ${path}`)
    return write(queued.map((id) => `queued ${shown(values.event)} for ${id}`).join('\n'))
  } finally {
    await store.close()
  }
}

function write(text: string): 0 {
  process.stdout.write(`${text}\n`)
  return 0
}

// ── The server's side: options and the delivery worker ─────────────────────────────────────

export const WEBHOOK_OPTIONS_USAGE = `  --webhook-timeout T    how long a webhook receiver may take to answer, e.g.
                         10s or 500ms; deliveries run beside requests, never
                         in them                                          (default 10s)
  --webhook-concurrency N  webhook deliveries in flight at once, or off to
                         deliver none from this instance                  (default 16)`

export const WEBHOOK_OPTIONS = { 'webhook-timeout': { type: 'string' }, 'webhook-concurrency': { type: 'string' } } as const

export interface WebhookSettings {
  timeoutMs: number
  /** 0: this instance delivers nothing. */
  concurrency: number
}

/** Reads `--webhook-timeout` and `--webhook-concurrency`; resolves a problem as text. */
export function parseWebhookOptions(values: { 'webhook-timeout'?: string | undefined; 'webhook-concurrency'?: string | undefined }): WebhookSettings | string {
  const settings: WebhookSettings = { timeoutMs: 10_000, concurrency: 16 }
  const timeout = values['webhook-timeout']
  if (timeout !== undefined) {
    const match = /^(\d{1,6})(ms|s)?$/.exec(timeout)
    const ms = match ? Number(match[1]) * (match[2] === 'ms' ? 1 : 1000) : NaN
    if (!(ms >= 100 && ms <= 600_000)) return `--webhook-timeout must be from 100ms to 600s, as 10s or 500ms, got "${timeout}"`
    settings.timeoutMs = ms
  }
  const concurrency = values['webhook-concurrency']
  if (concurrency !== undefined) {
    const n = concurrency === 'off' ? 0 : /^\d{1,4}$/.test(concurrency) ? Number(concurrency) : NaN
    if (!(n >= 0 && n <= 1000) || (n === 0 && concurrency !== 'off')) return `--webhook-concurrency must be 1 to 1000 or off, got "${concurrency}"`
    settings.concurrency = n
  }
  return settings
}

/** Starts delivering the store's webhooks (none with concurrency off); `stop()` before closing the store. */
export function startWebhookWorker(store: Store, settings: WebhookSettings, log: (entry: AttemptLogEntry) => void): WebhookWorker | undefined {
  if (settings.concurrency === 0) return undefined
  // Node's own HTTP client: several times the deliveries per second of its built-in fetch. E-mail
  // needs the operator's SMTP server (LIUYAN_SMTP_URL, LIUYAN_SMTP_FROM); without it an e-mail
  // subscription's deliveries fail with "no transport" in the attempt log.
  const email = emailOptionsFromEnv()
  const transports = createTransports({ fetch: createNodeFetch({ maxSockets: settings.concurrency }) }, email ? [createEmailTransport(email)] : [])
  const worker = createWebhookWorker({ store, transports, timeoutMs: settings.timeoutMs, concurrency: settings.concurrency, log })
  worker.start()
  return worker
}
