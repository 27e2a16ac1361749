// The parts of <liuyan-board>'s views, registered under their liuyan-* names on first use. In the
// script-tag build each `import()` is a chunk of its own, fetched from beside the script; with
// `@liuyan/widget/define` they are registered already and nothing is fetched.
import { defineOnce } from '../../internal/define-once.js'

export type Part = 'liuyan-message-list' | 'liuyan-board-stats' | 'liuyan-thread' | 'liuyan-message-form' | 'liuyan-tracking'

export const PARTS: Record<Part, () => Promise<void>> = {
  'liuyan-message-list': () => import('../message-list/message-list.js').then((m) => defineOnce('liuyan-message-list', m.LiuyanMessageList)),
  'liuyan-board-stats': () => import('../board-stats/board-stats.js').then((m) => defineOnce('liuyan-board-stats', m.LiuyanBoardStats)),
  'liuyan-thread': () => import('../thread/thread.js').then((m) => defineOnce('liuyan-thread', m.LiuyanThread)),
  'liuyan-message-form': () => import('../message-form/message-form.js').then((m) => defineOnce('liuyan-message-form', m.LiuyanMessageForm)),
  // The tracking view renders the thread.
  'liuyan-tracking': () =>
    Promise.all([import('../tracking/tracking.js'), PARTS['liuyan-thread']()]).then(([m]) => defineOnce('liuyan-tracking', m.LiuyanTracking)),
}
