// Private: checks input with core's schemas before anything is sent, and loads the other checks.
// Every schema module is loaded on first use (`import()`), so a client loads zod and core's
// schemas only for what it checks: a bundler puts each module in a chunk of its own.
import type { Problem } from '@liuyan/core'
import type * as z from 'zod/mini'
import type { INPUTS as PublicInputs } from './inputs.public.js'
import type { INPUTS as StaffInputs } from './inputs.staff.js'

type Inputs = typeof PublicInputs & typeof StaffInputs
export type InputName = keyof Inputs
export type InputOf<N extends InputName> = z.output<Inputs[N]>
export type { ResponseName, ResponseOf } from './responses.js'

const publicInputs = () => import('./inputs.public.js')
const staffInputs = () => import('./inputs.staff.js')
/** Which module holds each input's schema. */
type InputModule = { INPUTS: Partial<Record<InputName, z.ZodMiniType>>; checkWith: (schema: z.ZodMiniType, input: unknown, locale: string) => unknown }
const INPUT_MODULES: Record<InputName, () => Promise<InputModule>> = {
  messageListQuery: publicInputs,
  boardStatsQuery: publicInputs,
  newMessage: publicInputs,
  followUp: publicInputs,
  evaluation: publicInputs,
  inboxQuery: staffInputs,
  unitStatsQuery: staffInputs,
  staffAction: staffInputs,
  duplicateLink: staffInputs,
  inboxCountsQuery: staffInputs,
  bulkAction: staffInputs,
  replyTemplate: staffInputs,
  newWebhook: staffInputs,
  webhookAttemptsQuery: staffInputs,
  webhookReplay: staffInputs,
}

/** Loads the check of the server's answers (once; later calls reuse the module). */
export const loadResponses = () => import('./responses.js')

/** Reads a failed call's problem with core's schema (loaded on the first failure). */
export const parseProblem = async (text: string): Promise<Problem | undefined> => (await import('./problem.js')).parseProblem(text)

/** Checks input with core's rules: a `ValidationError` with localized issues when it fails. */
export async function check<N extends InputName>(name: N, input: unknown, locale: string): Promise<InputOf<N>> {
  const inputs = await INPUT_MODULES[name]()
  return inputs.checkWith(inputs.INPUTS[name]!, input, locale) as InputOf<N>
}

export { toQuery } from './rules.js'
