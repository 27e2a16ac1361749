import { createId, createTrackingCode, isWorkingDay, LIFECYCLE, transition, type Actor, type Board, type DeadlineOptions, type Message, type Role } from '@liuyan/core'
import { DEMO_BOARDS } from './demo/boards.js'
import { ANSWERED, type DemoMessage } from './demo/messages.js'
import { OPEN_OR_REFUSED } from './demo/messages-open.js'
import type { BoardService } from './service.js'
import type { StoreReader } from './store/types.js'

export { DEMO_BOARDS }

/** Every demo message, in the order they are written down. */
const DEMO_MESSAGES: readonly DemoMessage[] = [...ANSWERED, ...OPEN_OR_REFUSED]

/** Options of {@link seedDemo}. */
export interface SeedOptions {
  /**
   * The moment the demo history leads up to: every event lies before it.
   * @default service.now()
   */
  now?: Date
}

/**
 * Loads, into an empty store, the demo boards and about thirty messages in realistic Chinese that
 * cover every type, domain and status: official replies signed by the handling unit, follow-ups,
 * ratings, supervision, reminders, an extension, transfers, refusals, and open messages past their
 * deadline. Every message's history is built by applying core's `transition()` step by step at
 * past times (staff in office hours on working days, China time), so each timeline is a real
 * sequence of allowed actions.
 *
 * Touches nothing in a store that already holds any board or message: demo boards carry real
 * region codes and ids such as `220100-gov`, and writing them over an agency's own boards would
 * replace its settings. So seeding again a store it seeded before (a restart with `--seed demo`)
 * changes nothing either, and `seeded` is false with nothing counted. Boards and messages are
 * written in one transaction: a store is seeded whole or not at all, even when seeds race.
 *
 * @returns whether it seeded, and how many boards and messages it wrote
 * @example
 * ```ts
 * const service = createBoardService({ store: createMemoryStore() })
 * const { seeded, messages } = await seedDemo(service)
 * ```
 */
export async function seedDemo(service: BoardService, options: SeedOptions = {}): Promise<{ seeded: boolean; boards: number; messages: number }> {
  const untouched = { seeded: false, boards: 0, messages: 0 }
  if (!(await isEmpty(service.store.read))) return untouched
  const messages = buildDemoMessages(options.now ?? service.now())
  // Demo authors are made up: their codes are known to no one (a supervisor can reissue one).
  const hashes = await Promise.all(messages.map(() => service.hashTrackingCode(createTrackingCode())))
  // Checked again inside the transaction: a write since the first look must win over the demo.
  const seeded = await service.store.transaction(async (tx) => {
    if (!(await isEmpty(tx))) return false
    for (const board of DEMO_BOARDS) await tx.putBoard(board)
    for (const [index, message] of messages.entries()) await tx.insertMessage(message, hashes[index]!)
    return true
  })
  if (!seeded) return untouched
  service.forgetBoards()
  return { seeded, boards: DEMO_BOARDS.length, messages: messages.length }
}

async function isEmpty(reader: StoreReader): Promise<boolean> {
  return (await reader.countMessages()) === 0 && (await reader.listBoards()).length === 0
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const CHINA_OFFSET = 8 * HOUR
// Like the service's default: a year without a State Council notice counts weekends only.
const CALENDAR: DeadlineOptions = { outsideCalendar: 'weekends' }

function buildDemoMessages(now: Date): Message[] {
  const boards = new Map(DEMO_BOARDS.map((b) => [b.id, b]))
  return DEMO_MESSAGES.map((spec) => build(spec, schedule(spec, now.getTime()), boards))
}

function build(spec: DemoMessage, times: readonly number[], boards: ReadonlyMap<string, Board>): Message {
  const createdAt = new Date(times[0]!).toISOString()
  let message: Message = {
    id: createId(),
    boardId: spec.boardId,
    type: spec.type,
    domain: spec.domain,
    title: spec.title,
    content: spec.content,
    images: [],
    imagesPublic: false,
    author: { ...spec.author, maskNickname: spec.author.maskNickname ?? false },
    publish: spec.publish,
    channel: spec.channel,
    status: 'pending',
    createdAt,
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [{ id: createId(), type: 'submit', at: createdAt, actor: { role: 'citizen' }, to: 'pending' }],
  }
  if (spec.place) message.place = { ...spec.place }
  if (spec.remark) message.remark = spec.remark
  spec.steps.forEach(([, , action, role], index) => {
    const actorRole = role ?? LIFECYCLE[action.action].roles[0]!
    const handling = boards.get(message.assigneeBoardId ?? message.boardId)
    const result = transition(message, action, {
      actor: actor(actorRole, handling),
      now: new Date(times[index + 1]!),
      policy: boards.get(message.boardId)?.deadlines ?? {},
      calendar: CALENDAR,
      // The demo's history was published on acceptance, before the mayor's board began to review
      // publication: new messages there wait for the publish action.
      publishOnAccept: true,
      ...(handling ? { organization: handling.name } : {}),
    })
    // The demo data is fixed: a refused step is a mistake in this file, not a runtime condition.
    if (!result.ok) throw new Error(`Demo message "${spec.title}", step ${index + 1} (${action.action}): ${result.error.message}`)
    message = result.message
  })
  return message
}

function actor(role: Role, handling: Board | undefined): Actor {
  switch (role) {
    case 'citizen':
      return { role }
    case 'reviewer':
      return { role, name: '留言审核员' }
    case 'supervisor':
      return { role, name: '督查室' }
    case 'handler':
      return { role, name: handling?.name ?? '办理单位' }
  }
}

/**
 * The instants of the submission and of each step, all before `now`. When a history would reach
 * `now` (a short one starting a day or two back, a long holiday in between), it starts earlier.
 */
function schedule(spec: DemoMessage, now: number): number[] {
  let daysAgo = spec.daysAgo
  for (;;) {
    const times = [at(chinaDay(now) - daysAgo, spec.time)]
    for (const [after, time, action, role] of spec.steps) {
      const staff = (role ?? LIFECYCLE[action.action].roles[0]) !== 'citizen'
      times.push(next(times[times.length - 1]!, after, time, staff))
    }
    const overrun = times[times.length - 1]! - (now - MINUTE)
    if (overrun < 0) return times
    daysAgo += Math.ceil(overrun / DAY) + 1
  }
}

/** `after` days (working days for staff) after `previous`, at `time` China time. */
function next(previous: number, after: number, time: string, staff: boolean): number {
  const open = (day: number) => !staff || isWorkingDay(new Date(at(day, '12:00')), CALENDAR)
  let day = chinaDay(previous)
  if (after === 0) {
    if (!open(day) || at(day, time) <= previous) {
      do day++
      while (!open(day))
    }
  } else {
    for (let left = after; left > 0; ) {
      day++
      if (open(day)) left--
    }
  }
  return at(day, time)
}

/** The China calendar day of an instant, as days since 1970-01-01. */
function chinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET) / DAY)
}

/** The instant of `HH:MM` China time on a China calendar day. */
function at(day: number, time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  return day * DAY - CHINA_OFFSET + hours * HOUR + minutes * MINUTE
}
