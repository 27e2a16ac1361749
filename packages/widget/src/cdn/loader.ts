// dist/liuyan-widget.min.js, the one script tag: a classic script that imports the first view's
// chunks from beside itself, so the files sit together on any CDN or agency server. Chunks are
// ES modules fetched by `import()` (no inline script, no Trusted Types sink, no directive beyond
// the script's own origin; a chunk from another origin needs `Access-Control-Allow-Origin`, as
// CDNs send). If they cannot be fetched, each board on the page says so, with a retry button.
import { resolveLocale } from '@liuyan/core'
import { BOARD_FAILED, RELOAD } from '../i18n/load-failed.js'

/** The first view's chunk files, the entry first; written in by scripts/build-iife.mjs. */
declare const LIUYAN_FIRST_VIEW: readonly string[]

// Read while the script runs: `document.currentScript` is null afterwards.
const script = document.currentScript as HTMLScriptElement | null
const base = script?.src || document.querySelector<HTMLScriptElement>('script[src*="liuyan-widget"]')?.src || document.baseURI

function start(): void {
  // Every first-view chunk at once, rather than one after another as the entry's imports are found.
  Promise.all(LIUYAN_FIRST_VIEW.map((file) => import(new URL(file, base).href))).then(
    () => document.querySelectorAll('[data-liuyan-failed]').forEach((notice) => notice.remove()),
    failed,
  )
}

function failed(): void {
  for (const board of document.querySelectorAll('liuyan-board:not(:defined)')) {
    board.querySelector('[data-liuyan-failed]')?.remove()
    const locale = resolveLocale(board.closest('[lang]')?.getAttribute('lang'))
    const notice = document.createElement('div')
    notice.setAttribute('role', 'alert')
    notice.dataset.liuyanFailed = ''
    const p = document.createElement('p')
    p.textContent = BOARD_FAILED[locale]
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = RELOAD[locale]
    button.addEventListener('click', start)
    notice.append(p, button)
    board.append(notice)
  }
}

start()
