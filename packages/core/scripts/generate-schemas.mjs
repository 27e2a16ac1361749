// Writes schema/<name>.json from the built package (`npm run build` first, or `npm run schemas`).
// src/json-schema.test.ts fails when the committed files differ from what the schemas produce.
import { mkdirSync, writeFileSync } from 'node:fs'
import { SCHEMA_NAMES, toJSONSchema } from '../dist/index.js'

const dir = new URL('../schema/', import.meta.url)
mkdirSync(dir, { recursive: true })
for (const name of SCHEMA_NAMES) {
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(toJSONSchema(name), null, 2)}\n`)
}
console.log(`wrote ${SCHEMA_NAMES.length} JSON Schemas to packages/core/schema/`)
