// How the PostgreSQL store reads the driver's errors: which mean "try the transaction again", which
// mean "the database is away", and a connection string fit for a message (no password).
import { StoreUnavailableError } from '../types.js'

/** A serialization failure or a deadlock: PostgreSQL rolled the transaction back, and it may run again. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '40001' || code === '40P01'
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'])

/**
 * Whether `error` says the database cannot be reached or went away: a refused or cut connection,
 * a server shutting down or starting (SQLSTATE class 08, 57P01–57P03), too many connections.
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error instanceof StoreUnavailableError) return true
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300')) return true
  if (error.name === 'AggregateError') return (error as AggregateError).errors.some(isConnectionError)
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/.test(error.message)
}

/** `error` as the store throws it: a {@link StoreUnavailableError} when the database is away, else as it was. */
export function translate(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isConnectionError(error)) return error
  return new StoreUnavailableError(`The PostgreSQL database is unavailable: ${summary(error)}`, { cause: error })
}

/** A short cause: the driver's code and message, which never hold the password. */
function summary(error: unknown): string {
  if (error instanceof Error && error.name === 'AggregateError') {
    const first = (error as AggregateError).errors[0]
    if (first) return summary(first)
  }
  const code = (error as { code?: unknown }).code
  const message = (error as Error).message || String(code ?? 'connection error')
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message
}

/** A connection string with its password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    // Not a URL: keep the scheme and host-ish part only, never what could be a password.
    return url.replace(/\/\/[^@/]*@/, '//***@')
  }
}
