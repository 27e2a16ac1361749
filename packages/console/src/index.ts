/**
 * @liuyan/console: the staff workspace of a Liuyan message board, as Lit web components. This entry
 * has no side effects; import `@liuyan/console/define` (or the script-tag build) to register the tags.
 *
 * @packageDocumentation
 */
export { LiuyanConsole } from './components/console/console.js'
export { LiuyanInbox } from './components/inbox/inbox.js'
export { LiuyanCase } from './components/case/case.js'
export { LiuyanHotspots } from './components/hotspots/hotspots.js'
export { LiuyanSupervision } from './components/supervision/supervision.js'
export { LiuyanTemplates } from './components/templates/templates.js'
export { LiuyanBoardPicker } from './components/board-picker/board-picker.js'
export { LiuyanConsoleElement, LiuyanStaffElement } from './base.js'
export type { DrillDownFigure } from './events.js'
export { LiuyanActedEvent, LiuyanDrillDownEvent, LiuyanDuplicateLinkedEvent, LiuyanErrorEvent, LiuyanOpenCaseEvent, LiuyanSignInEvent, LiuyanSignOutEvent } from './events.js'
export { deadlineStanding } from './internal/deadline.js'
export { scopeTree, type ScopedBoard } from './internal/scope.js'
