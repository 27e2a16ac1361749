// liuyan-server's options of deadline escalation (docs/architecture.md §7).
import type { BoardService } from '../service.js'
import { startEscalation } from './loop.js'
import { DEFAULT_ESCALATION, type ResolvedEscalation } from './policy.js'
import type { EscalationRun } from './escalate.js'

export const ESCALATION_OPTIONS_USAGE = `  --escalate-every T     how often to look for deadlines near or past, e.g.
                         5m, 30s or off; every instance may run it, each event
                         is written once                                  (default 5m)
  --escalate-days N      working days before a deadline that emit
                         deadline.approaching and an automatic 催办, 0 for
                         none; a board's "escalation" wins                 (default 2)
  --supervise-overdue    put overdue messages under an automatic 督办 where
                         no board says otherwise`

export const ESCALATION_OPTIONS = {
  'escalate-every': { type: 'string' },
  'escalate-days': { type: 'string' },
  'supervise-overdue': { type: 'boolean' },
} as const

export interface EscalationSettings {
  /** 0: this instance does not escalate. */
  everyMs: number
  defaults: ResolvedEscalation
}

/** The settings, or what is wrong with them. */
export function parseEscalationOptions(values: { 'escalate-every'?: string | undefined; 'escalate-days'?: string | undefined; 'supervise-overdue'?: boolean | undefined }): EscalationSettings | string {
  const settings: EscalationSettings = { everyMs: 300_000, defaults: { ...DEFAULT_ESCALATION, superviseOverdue: values['supervise-overdue'] ?? false } }
  const every = values['escalate-every']
  if (every === 'off') settings.everyMs = 0
  else if (every !== undefined) {
    const match = /^(\d{1,5})(s|m|h)$/.exec(every)
    const ms = match ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'] : NaN
    if (!(ms >= 1000 && ms <= 86_400_000)) return `--escalate-every must be from 1s to 24h, as 30s, 5m or 1h, or off, got "${every}"`
    settings.everyMs = ms
  }
  const days = values['escalate-days']
  if (days !== undefined) {
    const n = /^\d{1,2}$/.test(days) ? Number(days) : NaN
    if (!(n >= 0 && n <= 10)) return `--escalate-days must be a whole number from 0 to 10, got "${days}"`
    settings.defaults.approachingDays = n
  }
  return settings
}

/** Starts escalating in the background (nothing with `--escalate-every off`); stop it before the store. */
export function startEscalationLoop(
  service: BoardService,
  settings: EscalationSettings,
  log: (entry: { escalation: EscalationRun } | { escalationError: string }) => void,
): { stop(): Promise<void> } | undefined {
  if (settings.everyMs === 0) return undefined
  return startEscalation(service, {
    everyMs: settings.everyMs,
    defaults: settings.defaults,
    onRun: (run) => log({ escalation: run }),
    onError: (error) => log({ escalationError: error instanceof Error ? error.name + ': ' + error.message : String(error) }),
  })
}

/** The start-up banner's line. */
export function escalationLine(settings: EscalationSettings): string {
  if (settings.everyMs === 0) return 'off on this instance (--escalate-every off)'
  const approaching = settings.defaults.approachingDays ? `催办 ${settings.defaults.approachingDays} working days before a deadline` : 'no 催办 before deadlines'
  return `every ${settings.everyMs / 1000} s; ${approaching}; ${settings.defaults.superviseOverdue ? '督办' : 'no 督办'} when overdue (boards may differ)`
}
