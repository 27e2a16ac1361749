// The first view of the script-tag build (an ES module chunk that dist/liuyan-widget.min.js
// imports): the board shell and the list. Everything else is a chunk fetched on first use: by the
// board (components/board/parts.ts), by the elements (a language: i18n/index.ts) or by the SDK
// (its schemas). A part used on its own, without a board, is fetched and registered from here.
import { PARTS, type Part } from '../components/board/parts.js'
import { LiuyanBoard } from '../components/board/board.js'
import { LiuyanMessageList } from '../components/message-list/message-list.js'
import { defineOnce } from '../internal/define-once.js'

defineOnce('liuyan-message-list', LiuyanMessageList)
defineOnce('liuyan-board', LiuyanBoard)

const wanted = () => {
  for (const tag of Object.keys(PARTS) as Part[]) if (!customElements.get(tag) && document.querySelector(tag)) void PARTS[tag]().catch(() => {})
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wanted, { once: true })
else wanted()
