// The shape of a language's strings: one entry per component (and per shared part), and core's
// labels of the vocabularies (types, domains, statuses, satisfaction) and validation messages in
// that language.
import type { PublicLabels, ValidationMessages } from '@liuyan/core'
import type { BoardStrings } from '../components/board/board.i18n.js'
import type { BoardStatsStrings } from '../components/board-stats/board-stats.i18n.js'
import type { MessageListStrings } from '../components/message-list/message-list.i18n.js'
import type { ThreadStrings } from '../components/thread/thread.i18n.js'
import type { MessageFormStrings } from '../components/message-form/message-form.i18n.js'
import type { TrackingStrings } from '../components/tracking/tracking.i18n.js'
import type { ViewStrings } from '../internal/view.i18n.js'
import type { FormStrings } from '../internal/form.i18n.js'

/** Every string of the widget in one language. */
export interface Catalog {
  board: BoardStrings
  boardStats: BoardStatsStrings
  messageList: MessageListStrings
  thread: ThreadStrings
  messageForm: MessageFormStrings
  tracking: TrackingStrings
  view: ViewStrings
  form: FormStrings
  /** Core's labels that a public page shows (`ZH_TW_PUBLIC_LABELS`, `EN_PUBLIC_LABELS`), so a page carries those of its language only. */
  labels: PublicLabels
  /** Core's validation messages of a public page (`ZH_TW_PUBLIC_VALIDATION`, `EN_PUBLIC_VALIDATION`): in the script-tag build, the form's checks read them from here. */
  validation: ValidationMessages
}
