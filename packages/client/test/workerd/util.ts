/**
 * `node:util`'s `inspect` as the privacy tests use it, inside workerd (no nodejs_compat): every own
 * property, enumerable or not, symbols included, recursively to `depth`, so a secret hidden in a
 * non-enumerable field or a cause is still found.
 */
export function inspect(value: unknown, options: { depth?: number; showHidden?: boolean } = {}): string {
  const seen = new Set<unknown>()
  const walk = (v: unknown, depth: number): string => {
    if (typeof v === 'string') return JSON.stringify(v)
    if (typeof v !== 'object' && typeof v !== 'function') return String(v)
    if (v === null) return 'null'
    if (seen.has(v) || depth < 0) return '[…]'
    seen.add(v)
    const keys: Array<string | symbol> = options.showHidden ? Reflect.ownKeys(v) : Object.keys(v)
    if (v instanceof Error) for (const key of ['name', 'message', 'stack', 'cause']) if (!keys.includes(key) && key in v) keys.push(key)
    const parts = keys.map((key) => {
      let inner: unknown
      try {
        inner = (v as Record<string | symbol, unknown>)[key]
      } catch {
        inner = '[getter threw]'
      }
      return `${String(key)}: ${walk(inner, depth - 1)}`
    })
    return `${typeof v === 'function' ? '[Function]' : (v.constructor?.name ?? 'Object')} { ${parts.join(', ')} }`
  }
  return walk(value, options.depth ?? 2)
}
