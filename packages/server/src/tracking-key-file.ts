import { readFileSync, writeFileSync } from 'node:fs'
import type { Store } from './store/types.js'
import { hasTrackingKeyCheck } from './tracking-codes.js'
import { TRACKING_KEY_MIN_BYTES, randomTrackingKey } from './tracking-key.js'

/** Where the CLI's tracking key came from, for the banner. */
export interface LoadedTrackingKey {
  key: string
  /** `LIUYAN_TRACKING_KEY`, a file path, or `random` for a memory database. */
  source: string
  /** Whether the file was created by this start. */
  created: boolean
}

/** A tracking key that cannot be used: reported with exit code 2. */
export class TrackingKeyFileError extends Error {
  override name = 'TrackingKeyFileError'
}

/**
 * The tracking key of `liuyan-server`: `LIUYAN_TRACKING_KEY` when set (every instance on one
 * database needs the same), else the key file (by default beside the database), created with a
 * random key (mode 0600) on the first start of a database that has none yet. A database whose
 * codes were stored under a key (`hasKeyedCodes`) never gets a new key file: that would void every
 * author's code, so a missing file is an error to fix by restoring it.
 */
export function loadTrackingKey(options: { env: string | undefined; file: string | undefined; hasKeyedCodes: boolean }): LoadedTrackingKey {
  if (options.env !== undefined) {
    checkLength(options.env.trim(), 'LIUYAN_TRACKING_KEY')
    return { key: options.env.trim(), source: 'LIUYAN_TRACKING_KEY', created: false }
  }
  if (options.file === undefined) return { key: randomTrackingKey(), source: 'random', created: false }
  let text: string | undefined
  try {
    text = readFileSync(options.file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new TrackingKeyFileError(`cannot read the tracking key file ${options.file}: ${(error as Error).message}`)
    }
  }
  if (text === undefined) {
    if (options.hasKeyedCodes) {
      throw new TrackingKeyFileError(
        `the tracking key file ${options.file} is missing, but the database's tracking codes were stored under a key: restore the file (or set LIUYAN_TRACKING_KEY), or no author can follow a message`,
      )
    }
    const key = randomTrackingKey()
    try {
      writeFileSync(options.file, `${key}\n`, { mode: 0o600, flag: 'wx' })
    } catch (error) {
      throw new TrackingKeyFileError(`cannot create the tracking key file ${options.file}: ${(error as Error).message}`)
    }
    return { key, source: options.file, created: true }
  }
  checkLength(text.trim(), options.file)
  return { key: text.trim(), source: options.file, created: false }
}

/**
 * The tracking key of the CLI's commands for `store`: {@link loadTrackingKey} with
 * `LIUYAN_TRACKING_KEY` and whether the store's codes were stored under a key already.
 */
export async function loadTrackingKeyFor(store: Store, file: string | undefined): Promise<LoadedTrackingKey> {
  return loadTrackingKey({ env: process.env['LIUYAN_TRACKING_KEY'], file, hasKeyedCodes: await hasTrackingKeyCheck(store) })
}

function checkLength(key: string, where: string): void {
  if (new TextEncoder().encode(key).byteLength < TRACKING_KEY_MIN_BYTES) {
    throw new TrackingKeyFileError(`the tracking key in ${where} is shorter than ${TRACKING_KEY_MIN_BYTES} bytes; generate one with \`openssl rand -base64 32\``)
  }
}
