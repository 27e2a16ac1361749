// Registers every Liuyan tag. Importing this module has that side effect (listed in `sideEffects`);
// import the classes from `@liuyan/widget` to register them under names of your own as well (the
// composite tags, <liuyan-board> and <liuyan-tracking>, render the parts by their liuyan-* names).
import { LiuyanBoardStats } from './components/board-stats/board-stats.js'
import { LiuyanBoard } from './components/board/board.js'
import { LiuyanMessageForm } from './components/message-form/message-form.js'
import { LiuyanMessageList } from './components/message-list/message-list.js'
import { LiuyanThread } from './components/thread/thread.js'
import { LiuyanTracking } from './components/tracking/tracking.js'

// The event classes' types, so that a page importing only this module gets the typed listeners of
// `GlobalEventHandlersEventMap` (declared with them in events.ts). Erased at run time.
export type { LiuyanErrorEvent } from './events.js'
export type { LiuyanBeforeSubmitEvent, LiuyanSubmittedEvent } from './form-events.js'

// A page may load the script twice (CMS templates do); the second load must not throw. Written out
// (not through defineOnce) so that the custom-elements manifest analyzer sees each tag's class.
if (!customElements.get('liuyan-message-list')) customElements.define('liuyan-message-list', LiuyanMessageList)
if (!customElements.get('liuyan-thread')) customElements.define('liuyan-thread', LiuyanThread)
if (!customElements.get('liuyan-message-form')) customElements.define('liuyan-message-form', LiuyanMessageForm)
if (!customElements.get('liuyan-tracking')) customElements.define('liuyan-tracking', LiuyanTracking)
if (!customElements.get('liuyan-board-stats')) customElements.define('liuyan-board-stats', LiuyanBoardStats)
if (!customElements.get('liuyan-board')) customElements.define('liuyan-board', LiuyanBoard)

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-message-list': LiuyanMessageList
    'liuyan-thread': LiuyanThread
    'liuyan-message-form': LiuyanMessageForm
    'liuyan-tracking': LiuyanTracking
    'liuyan-board-stats': LiuyanBoardStats
    'liuyan-board': LiuyanBoard
  }
}
