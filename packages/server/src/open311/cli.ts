import type { BoardService } from '../service.js'
import type { FetchHandlerOptions } from '../http.js'
import { createOpen311Handler } from './handler.js'

/** What `--open311 JURISDICTION=BOARD` (repeatable) and `--open311-extended` ask for. */
export interface Open311Settings {
  jurisdictions: Record<string, string>
  extended: boolean
}

export const OPEN311_USAGE = `  --open311 JURISDICTION=BOARD
                         serve Open311 GeoReport v2 at /open311/v2 for the jurisdiction_id
                         JURISDICTION, with the messages of BOARD and below (repeatable)
  --open311-extended     answer mySociety's extended statuses for open requests`

/** The jurisdictions of `--open311` values, or the problem with one. */
export function parseOpen311(values: readonly string[], extended: boolean): Open311Settings | string {
  const jurisdictions: Record<string, string> = {}
  for (const value of values) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(value)
    if (!match) return `--open311 must be JURISDICTION=BOARD, e.g. changchun.gov.cn=220100-gov, got "${value}"`
    if (Object.hasOwn(jurisdictions, match[1]!)) return `--open311: the jurisdiction ${match[1]} is given twice`
    jurisdictions[match[1]!] = match[2]!
  }
  return { jurisdictions, extended }
}

/** The fallback that answers /open311/v2 and hands the rest to `then` (the static site, if any). */
export async function open311Fallback(service: BoardService, settings: Open311Settings, limits: Pick<FetchHandlerOptions, 'submissionsPerMinute' | 'trackingPerMinute'>, then?: FetchHandlerOptions['fallback']): Promise<NonNullable<FetchHandlerOptions['fallback']>> {
  for (const [jurisdiction, board] of Object.entries(settings.jurisdictions)) {
    if (!(await service.store.read.getBoard(board))) throw new Error(`--open311 ${jurisdiction}=${board}: there is no board "${board}"`)
  }
  const open311 = createOpen311Handler(service, {
    jurisdictions: settings.jurisdictions,
    extendedStatuses: settings.extended,
    ...(limits.submissionsPerMinute !== undefined ? { submissionsPerMinute: limits.submissionsPerMinute } : {}),
    ...(limits.trackingPerMinute !== undefined ? { tokensPerMinute: limits.trackingPerMinute } : {}),
  })
  return (request, context) => (new URL(request.url).pathname.startsWith('/open311/') ? open311(request, context) : then?.(request, context))
}
