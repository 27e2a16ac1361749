// Shared by the browser tests: the real Board API (the server's own handler over an in-memory store
// with the demo data) in a service worker through msw, and an axe-core check.
import { createMswHandlers, type MswBoard } from '@liuyan/server/msw'
import axe from 'axe-core'
import { setupWorker, type SetupWorker } from 'msw/browser'

let worker: SetupWorker | undefined
let board: MswBoard | undefined

/** The API base URL the tests use. */
export const API = '/api/v1'
/** The msw demo staff token (every role on every board). */
export const DEMO_TOKEN = 'demo-token'

/**
 * Starts (once per test file) the service worker that answers `/api/v1/*` with the real server
 * rules, seeded with the demo boards and messages. Returns the board, to arrange or inspect state.
 */
export async function startBoard(): Promise<MswBoard> {
  if (!board) {
    board = createMswHandlers({ baseUrl: `${location.origin}${API}` })
    worker = setupWorker(...board.handlers)
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' })
    await board.ready
  }
  return board
}

/** The service worker of {@link startBoard}, to answer some requests otherwise (`use`, `resetHandlers`). */
export function apiWorker(): SetupWorker {
  if (!worker) throw new Error('startBoard() first')
  return worker
}

/** Makes the API fail (network error) until `restore()` is called: the "API down" state. */
export async function breakApi(): Promise<() => void> {
  const { http, HttpResponse } = await import('msw')
  worker!.use(http.all(`${location.origin}${API}/*`, () => HttpResponse.error()))
  return () => worker!.resetHandlers()
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on an element and fails with readable violations. */
export async function expectAccessible(element: Element): Promise<void> {
  const result = await axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    resultTypes: ['violations'],
  })
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  )
  if (violations.length) throw new Error(`axe found ${violations.length} violation(s):\n${violations.join('\n')}`)
}

/** axe in the element's current state, in the light and then the dark theme, then back to the page's. */
export async function expectAccessibleInBothThemes(el: Element & { theme?: 'light' | 'dark' | undefined; updateComplete: Promise<unknown> }): Promise<void> {
  await expectAccessible(el)
  el.theme = 'dark'
  await el.updateComplete
  await expectAccessible(el)
  el.theme = undefined
  await el.updateComplete
}

/** Mounts HTML in a fresh container and returns its first element. */
export function mount<T extends Element = HTMLElement>(html: string): T {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.replaceChildren(container)
  return container.firstElementChild as T
}

/** Waits until `check` returns a truthy value (polling), or fails after `timeout` ms. */
export async function until<T>(check: () => T | undefined | null | false, timeout = 5000, what = 'condition'): Promise<T> {
  const started = performance.now()
  for (;;) {
    const value = check()
    if (value) return value
    if (performance.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}
