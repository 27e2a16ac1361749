// Entry of dist/liuyan-widget.min.js, the one-script-tag build: registers every tag.
import { config } from 'zod/mini'
import './define.js'

// The bundled zod copy is ours alone: skip its eval-based fast path, which a strict CSP (no
// 'unsafe-eval', Trusted Types) refuses and would report as a violation on the host page.
config({ jitless: true })
