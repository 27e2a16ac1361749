// Registers every console tag. Importing this module has that side effect (listed in
// `sideEffects`); import the classes from `@liuyan/console` to register them under names of your
// own as well (<liuyan-console> renders the parts by their liuyan-* names).
import { LiuyanBoardPicker } from './components/board-picker/board-picker.js'
import { LiuyanCase } from './components/case/case.js'
import { LiuyanConsole } from './components/console/console.js'
import { LiuyanHotspots } from './components/hotspots/hotspots.js'
import { LiuyanInbox } from './components/inbox/inbox.js'
import { LiuyanSupervision } from './components/supervision/supervision.js'
import { LiuyanTemplates } from './components/templates/templates.js'

// The event classes' types, so that a page importing only this module gets the typed listeners of
// `GlobalEventHandlersEventMap` (declared with them in events.ts). Erased at run time.
export type { LiuyanActedEvent, LiuyanDrillDownEvent, LiuyanDuplicateLinkedEvent, LiuyanErrorEvent, LiuyanOpenCaseEvent, LiuyanSignInEvent, LiuyanSignOutEvent } from './events.js'

// A page may load the script twice; the second load must not throw.
if (!customElements.get('liuyan-board-picker')) customElements.define('liuyan-board-picker', LiuyanBoardPicker)
if (!customElements.get('liuyan-inbox')) customElements.define('liuyan-inbox', LiuyanInbox)
if (!customElements.get('liuyan-case')) customElements.define('liuyan-case', LiuyanCase)
if (!customElements.get('liuyan-hotspots')) customElements.define('liuyan-hotspots', LiuyanHotspots)
if (!customElements.get('liuyan-supervision')) customElements.define('liuyan-supervision', LiuyanSupervision)
if (!customElements.get('liuyan-templates')) customElements.define('liuyan-templates', LiuyanTemplates)
if (!customElements.get('liuyan-console')) customElements.define('liuyan-console', LiuyanConsole)

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-board-picker': LiuyanBoardPicker
    'liuyan-inbox': LiuyanInbox
    'liuyan-case': LiuyanCase
    'liuyan-hotspots': LiuyanHotspots
    'liuyan-supervision': LiuyanSupervision
    'liuyan-templates': LiuyanTemplates
    'liuyan-console': LiuyanConsole
  }
}
