import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Serves the files of a folder, for the fetch handler's `fallback` option (the demo site next to
 * the API). GET and HEAD only; a folder answers with its `index.html`; every answer says
 * `Cache-Control: no-cache`, so an edited file shows on the next reload. A redirect (a folder
 * without its trailing slash) always stays on this host.
 *
 * It answers `undefined` (and the handler answers a 404 problem) for anything it will not serve:
 * other methods, missing files, paths that decode to a `..` segment, a NUL byte or a dot file,
 * and symbolic links that lead outside the folder.
 *
 * @example
 * ```ts
 * const handle = createFetchHandler(service, { fallback: serveStatic('./public') })
 * ```
 */
export function serveStatic(dir: string): (request: Request) => Promise<Response | undefined> {
  const root = resolve(dir)
  let realRoot: Promise<string> | undefined
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
    const url = new URL(request.url)
    let path: string
    try {
      path = decodeURIComponent(url.pathname)
    } catch {
      return undefined
    }
    // URL parsing already resolved literal and %2e dot segments; an encoded slash (..%2f) or
    // backslash only becomes one here, so check the decoded segments again.
    const segments = path.split(/[/\\]/)
    if (path.includes('\0') || segments.some((s) => s === '..' || (s.startsWith('.') && s !== '.well-known'))) return undefined
    let file = resolve(root, `.${path}`)
    if (!inside(root, file)) return undefined
    let info = await stat(file).catch(() => undefined)
    if (info?.isDirectory()) {
      // Relative links in the page resolve against the folder only with the trailing slash.
      if (!url.pathname.endsWith('/')) {
        // One leading slash: `/.//sub` is the path `//sub`, and `//sub/` as a Location is
        // protocol-relative, a redirect to the host `sub`.
        const location = `/${url.pathname.replace(/^[/\\]+/, '')}/${url.search}`
        return new Response(null, { status: 301, headers: { Location: location, 'Cache-Control': 'no-cache' } })
      }
      file = join(file, 'index.html')
      info = await stat(file).catch(() => undefined)
    }
    if (!info?.isFile()) return undefined
    realRoot ??= realpath(root)
    const real = await realpath(file).catch(() => undefined)
    if (!real || !inside(await realRoot, real)) return undefined

    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'Last-Modified': info.mtime.toUTCString(),
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    }
    // Pages are served under a strict policy: the widget must work without inline scripts or
    // styles, and this keeps the demo honest about it.
    if (headers['Content-Type']!.startsWith('text/html')) headers['Content-Security-Policy'] = STRICT_CSP
    if (request.headers.get('If-None-Match')?.split(',').some((tag) => tag.trim() === etag)) {
      return new Response(null, { status: 304, headers })
    }
    headers['Content-Length'] = String(info.size)
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers })
    const body = Readable.toWeb(createReadStream(real)) as ReadableStream<Uint8Array>
    return new Response(body, { status: 200, headers })
  }
}

/** The Content-Security-Policy of every HTML page served from the static folder. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; require-trusted-types-for 'script'"

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)
}
