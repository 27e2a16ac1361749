// Entry of dist/liuyan-widget.min.js, the one-script-tag build: registers every tag.
import { config } from 'zod/mini'
import './define.js'

// The bundled zod copy is ours alone. zod/mini's objects never compile parsers, but zod's JIT
// objects probe `new Function` once, and a strict CSP (no 'unsafe-eval', Trusted Types) reports that
// probe as a violation on the host page even though zod catches it: jitless rules the probe out for
// any schema this bundle may come to hold.
config({ jitless: true })
