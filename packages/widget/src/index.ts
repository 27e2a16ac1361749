/**
 * @liuyan/widget: Lit web components of a Liuyan message board. This entry has no side effects;
 * import `@liuyan/widget/define` (or the script-tag build) to register the `liuyan-*` tags.
 *
 * @packageDocumentation
 */
export { LiuyanBoard, type BoardView } from './components/board/board.js'
export { LiuyanBoardStats } from './components/board-stats/board-stats.js'
export { LiuyanMessageForm } from './components/message-form/message-form.js'
export { LiuyanMessageList, LiuyanOpenEvent } from './components/message-list/message-list.js'
export { LiuyanThread } from './components/thread/thread.js'
export { LiuyanTracking } from './components/tracking/tracking.js'
export { LiuyanElement } from './base.js'
export { LiuyanErrorEvent } from './events.js'
export { LiuyanBeforeSubmitEvent, LiuyanSubmittedEvent } from './form-events.js'
