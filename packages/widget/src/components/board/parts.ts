// The parts of <liuyan-board>'s views, registered under their liuyan-* names on first use. The list
// view's (the list and its figures) come with the board; in the script-tag build each other part's
// `import()` is a chunk of its own, fetched from beside the script; with `@liuyan/widget/define`
// they are registered already and nothing is fetched.
import { defineOnce } from '../../internal/define-once.js'
import { LiuyanBoardStats } from '../board-stats/board-stats.js'
import { LiuyanMessageList } from '../message-list/message-list.js'

export type Part = 'liuyan-message-list' | 'liuyan-board-stats' | 'liuyan-thread' | 'liuyan-message-form' | 'liuyan-tracking'

export const PARTS: Record<Part, () => Promise<void>> = {
  // The list view's parts come with the board (in the script-tag build, in the script tag itself).
  'liuyan-message-list': async () => defineOnce('liuyan-message-list', LiuyanMessageList),
  'liuyan-board-stats': async () => defineOnce('liuyan-board-stats', LiuyanBoardStats),
  'liuyan-thread': () => import('../thread/thread.js').then((m) => defineOnce('liuyan-thread', m.LiuyanThread)),
  'liuyan-message-form': () => import('../message-form/message-form.js').then((m) => defineOnce('liuyan-message-form', m.LiuyanMessageForm)),
  // The tracking view renders the thread.
  'liuyan-tracking': () =>
    Promise.all([import('../tracking/tracking.js'), PARTS['liuyan-thread']()]).then(([m]) => defineOnce('liuyan-tracking', m.LiuyanTracking)),
}
