// Entry of dist/liuyan-console.min.js, the one-script-tag build: registers every console tag.
import { config } from 'zod/mini'
import './define.js'

// The bundled zod copy is ours alone; jitless keeps zod from probing `new Function`, which a strict
// CSP reports as a violation on the host page (as in the widget's script-tag build).
config({ jitless: true })
