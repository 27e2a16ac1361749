// npm run bench -w @liuyan/client (after the build): what an application pays for the SDK, from
// dist/ as it is published. The budget counts the SDK alone (zod and core's schemas are
// shared with any form that validates); the total is what a page that only uses the client ships.
import { bundleSize, kb } from '../../../scripts/bundle-size.mjs'

const cwd = new URL('..', import.meta.url).pathname
const entry = `import { createClient } from '@liuyan/client'; globalThis.client = createClient`
const alone = await bundleSize(entry, { cwd, source: false, external: [/^@liuyan\/core/, /^zod/] })
const total = await bundleSize(entry, { cwd, source: false })
console.log(`createClient, zod and core external: ${kb(alone.min)} min, ${kb(alone.gzip)} min+gzip (budget ≤ 6 KB)`)
console.log(`createClient with zod/mini and core:  ${kb(total.min)} min, ${kb(total.gzip)} min+gzip`)
