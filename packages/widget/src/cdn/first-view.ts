// The first view of the script-tag build, which is dist/liuyan-widget.min.js itself (a classic
// script: scripts/build-script-tag.mjs): the board shell, the list and its figures. Everything else
// is a chunk fetched on first use, from beside the script: by the board (components/board/parts.ts),
// by the elements (a language: i18n/index.ts) or by the SDK (its schemas). A part used on its own,
// without a board, is fetched and registered from here.
import { PARTS, type Part } from '../components/board/parts.js'
import { LiuyanBoard } from '../components/board/board.js'
import { LiuyanMessageList } from '../components/message-list/message-list.js'
import { defineOnce } from '../internal/define-once.js'

defineOnce('liuyan-message-list', LiuyanMessageList)
defineOnce('liuyan-board', LiuyanBoard)

// Parts on the page outside a board (in its HTML, or added later by a script) are fetched when they
// appear; the watch ends once every part is registered.
const waiting = new Set((Object.keys(PARTS) as Part[]).filter((tag) => !customElements.get(tag)))
const check = () => {
  for (const tag of waiting) {
    if (customElements.get(tag)) waiting.delete(tag)
    else if (document.querySelector(tag)) void PARTS[tag]().then(() => waiting.delete(tag), () => {})
  }
  if (!waiting.size) watch.disconnect()
}
const watch = new MutationObserver(check)
watch.observe(document, { childList: true, subtree: true })
check()
