// Private: checks input with core's schemas before anything is sent. The schemas are loaded on
// first use (see schemas.ts).
import type { InputName, InputOf } from './schemas.js'

/** Loads the SDK's schemas and checks (once; later calls reuse the module). */
export const loadSchemas = () => import('./schemas.js')

export async function check<N extends InputName>(name: N, input: unknown, locale: string): Promise<InputOf<N>> {
  return (await loadSchemas()).checkInput(name, input, locale)
}

/** Query-string form of list filters. */
export function toQuery(filters: object): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue
    query[key] = Array.isArray(value) ? value.join(',') : String(value)
  }
  return query
}
