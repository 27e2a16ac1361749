// Runs deadline escalation now and then, in the background of a server (docs/architecture.md §7).
import type { BoardService } from '../service.js'
import { escalate, type EscalationRun } from './escalate.js'
import { DEFAULT_ESCALATION, type ResolvedEscalation } from './policy.js'

export interface EscalationLoopOptions {
  /** Time between the end of one run and the start of the next. @default 300_000 (five minutes) */
  everyMs?: number
  /** The server's rules where no board sets them. */
  defaults?: ResolvedEscalation
  /** After each run that did something. */
  onRun?(run: EscalationRun): void
  /** A run that failed (the database away, say); the next one tries again. */
  onError?(error: unknown): void
}

/**
 * Starts escalating: a first run at once (catching up on what happened while the server was
 * down), then one every `everyMs`. Every instance may run it: events are written once (see
 * `escalate`). Resolves `stop`, which waits for a run in progress.
 */
export function startEscalation(service: BoardService, options: EscalationLoopOptions = {}): { stop(): Promise<void> } {
  const every = options.everyMs ?? 300_000
  const defaults = options.defaults ?? DEFAULT_ESCALATION
  let stopped = false
  let wake: (() => void) | undefined
  const loop = (async () => {
    while (!stopped) {
      try {
        const run = await escalate(service, { defaults })
        if (run.approaching + run.overdue > 0) options.onRun?.(run)
      } catch (error) {
        options.onError?.(error)
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, every)
        timer.unref?.()
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })()
  return {
    async stop() {
      stopped = true
      wake?.()
      await loop
    },
  }
}
