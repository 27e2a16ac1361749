// Builds the script-tag files into dist/ with rolldown (it drops the zod code a page never calls;
// esbuild keeps it):
// - liuyan-widget.min.js: the classic script a page includes, which is the first view itself
//   (src/cdn/first-view.ts: the board shell, the list and its figures), so the board paints after
//   one request. What it shares with the later chunks (Lit, the base classes, the strings' lookup…)
//   it hands to them on a global, which each chunk reads where it would import them.
// - liuyan-widget.<name>-<hash>.js: ES module chunks fetched on first use, from beside the script:
//   each part of a view, each language but zh-CN, and the SDK's client and schemas.
// - liuyan-widget.full.min.js: everything in one classic script, for sites that host one file.
// - liuyan-widget.chunks.json: which chunk is which, for the size checks and the tests.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { RolldownMagicString, rolldown } from 'rolldown'
import ts from 'typescript'
import { inputOptions, minify, root } from './iife-options.mjs'
import { secondPass } from './second-pass.mjs'
import { trimSdk } from './trim-sdk.mjs'

const dist = `${root}dist/`
for (const file of readdirSync(dist)) if (file.startsWith('liuyan-widget.')) rmSync(dist + file)

// Every module the first view imports statically goes into its chunk, also when a later chunk
// shares it: rolldown would otherwise cut Lit, the tokens and core's labels into chunks of their
// own, and the first view would cost more requests and bytes. A first pass finds those modules.
const entry = `${root}src/cdn/first-view.ts`
// The SDK's entry and the modules it imports statically (its schemas and checks are loaded lazily).
const clientDist = new URL('../client/dist/', `file://${root}`).pathname
// The chunks read the list and the figures without the SDK's client (src/internal/reads.fetch.ts, on
// its rules and errors); the single file carries the SDK anyway, so it keeps the reads through it
// (src/internal/reads.ts).
const fetchReads = {
  name: 'fetch-reads',
  resolveId: (source, importer) => (/\/internal\/reads\.js$|^\.\/reads\.js$/.test(source) && importer?.startsWith(`${root}src/`) && !importer.endsWith('reads.fetch.ts') ? `${root}src/internal/reads.fetch.ts` : null),
}
// The SDK's modules that the widget's own clients never load (clients.ts: responses are not checked,
// and no staff call is made) are left out of both builds: a call that would load one fails as a
// chunk that cannot be fetched does. A client a page gives the widget brings its own SDK.
const unusedSdk = {
  name: 'unused-sdk',
  transform(code, id) {
    if (!id.startsWith(clientDist) || !/\bimport\("\.\/(responses|inputs\.staff)-/.test(code)) return null
    unusedSdk.found = true
    return { code: code.replace(/\bimport\("\.\/(?:responses|inputs\.staff)-[^"]+"\)/g, 'Promise.reject(new Error("not in the widget\'s build"))'), map: null }
  },
}
/** Fails the build when a plugin that swaps a module of the SDK or core found nothing to swap (they renamed it). */
const swapped = (plugin) => {
  if (!plugin.found) throw new Error(`scripts/build-script-tag.mjs: the ${plugin.name} plugin found nothing to swap; update it to the SDK's and core's dist`)
  plugin.found = false
}
// Core's table of validation messages in three languages (core/dist/messages.js) becomes, in the
// chunks, one whose zh-CN messages come with the form and whose zh-TW and en messages are those of
// the language's chunk (src/i18n/<locale>.ts: `validation`), zh-CN's until it is loaded, as every
// string of the widget: so the form's chunk carries one language. The single file has all three
// anyway: its table is made of core's three public ones. Both leave out the labels of the staff's
// fields (core's `*_PUBLIC_VALIDATION`), which no form of the widget has.
const coreDist = new URL('../core/dist/', `file://${root}`).pathname
const validationMessages = {
  name: 'validation-messages',
  resolveId(source, importer) {
    if (!importer?.startsWith(coreDist) || source !== './messages.js') return null
    validationMessages.found = true
    return '\0liuyan-validation-messages'
  },
  load: (id) =>
    id === '\0liuyan-validation-messages'
      ? `import { ZH_CN_PUBLIC_VALIDATION as zh } from ${JSON.stringify(`${coreDist}locales/zh-CN.validation.js`)}
import { pick } from ${JSON.stringify(`${root}src/i18n/index.ts`)}
export const VALIDATION_MESSAGES = { 'zh-CN': zh, get 'zh-TW'() { return pick('validation', zh, 'zh-TW') }, get en() { return pick('validation', zh, 'en') } }`
      : null,
}
const publicValidationMessages = {
  name: 'public-validation-messages',
  resolveId(source, importer) {
    if (!importer?.startsWith(coreDist) || source !== './messages.js') return null
    publicValidationMessages.found = true
    return '\0liuyan-public-validation-messages'
  },
  load: (id) =>
    id === '\0liuyan-public-validation-messages'
      ? `${['zh-CN', 'zh-TW', 'en'].map((l) => `import { ${l.replace('-', '_').toUpperCase()}_PUBLIC_VALIDATION } from ${JSON.stringify(`${coreDist}locales/${l}.validation.js`)}`).join('\n')}
export const VALIDATION_MESSAGES = { 'zh-CN': ZH_CN_PUBLIC_VALIDATION, 'zh-TW': ZH_TW_PUBLIC_VALIDATION, en: EN_PUBLIC_VALIDATION }`
      : null,
}
// The SDK's methods the widget's own clients call: in the chunks only the form's submission and the
// tracking view's (the reads go without the SDK: reads.fetch.ts, which calls a given client only);
// the single file reads through the SDK too (reads.ts).
const chunkSdk = trimSdk(`${clientDist}index.js`, `${root}src/`, { messages: ['submit'], boards: [] }, ['internal/reads.ts', 'internal/reads.fetch.ts'])
const fullSdk = trimSdk(`${clientDist}index.js`, `${root}src/`, { messages: ['list', 'get', 'submit'], boards: ['stats'] }, ['internal/reads.fetch.ts'])
const chunkOptions = { ...inputOptions, plugins: [...inputOptions.plugins, fetchReads, unusedSdk, chunkSdk, validationMessages] }
// The figures are part of the list view, so their modules join the first view too: one file
// less to fetch and to compress on its own.
const probe = await rolldown({
  ...chunkOptions,
  input: [entry, `${root}src/components/board-stats/board-stats.ts`],
  logLevel: 'silent',
  plugins: [...chunkOptions.plugins, { name: 'no-dynamic', resolveDynamicImport: () => false }],
})
// Modules of which nothing is left (core's labels of the other languages, imported by its tables
// by locale, which the widget does not use) are not the first view's: they go with their users.
const staticModules = new Set(
  (await probe.generate({ format: 'es' })).output.flatMap((o) => (o.type === 'chunk' ? Object.entries(o.modules).filter(([, m]) => m.renderedLength > 0).map(([id]) => id) : [])),
)
await probe.close()

const clientStatic = new Set(['index.js', ...[...readFileSync(`${clientDist}index.js`, 'utf8').matchAll(/^import\s[^;]*?from\s+"\.\/([^"]+)"/gm)].map((m) => m[1])])
const isClient = (id) => id.startsWith(clientDist) && clientStatic.has(id.slice(clientDist.length))
const FORM_VIEWS = /\/widget\/src\/(components\/(message-form|tracking)\/|form-events\.ts$)|\/core\/dist\/tracking-code\.js$/
const isForms = (id) =>
  id.includes('/node_modules/zod/') ||
  id === '\0liuyan-validation-messages' ||
  (id.startsWith(coreDist) && /^(schemas\/|validation|rejection|locales\/zh-CN\.validation)/.test(id.slice(coreDist.length))) ||
  (id.startsWith(clientDist) && !isClient(id)) ||
  id.startsWith(`${root}src/internal/form`)

// The first view is the script tag: its chunk, built as the shared root of the others, is turned
// into a classic script (one function run at once) that resolves each chunk it fetches against its
// own URL, and puts what the other chunks import from it on a global under a registered symbol.
// Each chunk reads those from the global where rolldown wrote an import of the first view's chunk
// (no module of its own to fetch: one file and one request less). The exports are read when a
// chunk runs: the build fails if the first view assigns to a binding it exports after defining it
// (the chunks would keep the old value). The array is in the order of the exported names, sorted,
// so that a chunk can destructure it without waiting for the first view's rendering.
const GLOBAL = 'globalThis[Symbol.for("liuyan-widget")]'
/** A chunk's import of the first view, turned into a destructuring of the global. */
function readFirstView(code, chunk, meta) {
  const first = Object.values(meta.chunks).find((c) => c.isEntry)
  if (!chunk.imports.includes(first.fileName)) return null
  const order = [...first.exports].sort()
  const m = new RegExp(`\\bimport\\s*\\{([^}]*)\\}\\s*from\\s*(["'])\\./${first.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2;?`).exec(code)
  if (!m) throw new Error(`scripts/build-script-tag.mjs: ${chunk.fileName} imports the first view in a form this build cannot read`)
  const slots = []
  for (const [name, local = name] of m[1].split(',').map((e) => e.trim()).filter(Boolean).map((e) => e.split(/\s+as\s+/))) {
    if (!order.includes(name)) throw new Error(`scripts/build-script-tag.mjs: ${chunk.fileName} imports ${name}, which the first view does not export`)
    slots[order.indexOf(name)] = local
  }
  const s = new RolldownMagicString(code)
  s.overwrite(m.index, m.index + m[0].length, `const [${Array.from(slots, (local) => local ?? '').join(', ')}] = ${GLOBAL};`)
  return { code: s }
}
const classicScript = {
  name: 'classic-script',
  renderChunk(code, chunk, _options, meta) {
    if (!chunk.isEntry) return readFirstView(code, chunk, meta)
    if (chunk.imports.length) throw new Error(`scripts/build-script-tag.mjs: the first view imports ${chunk.imports.join(', ')} statically (${code.match(/^import\b[^;]*;/gm)?.join(' ')}); a classic script cannot`)
    if (/\bimport\.meta\b/.test(code)) throw new Error('scripts/build-script-tag.mjs: the first view reads import.meta, which a classic script cannot')
    const s = new RolldownMagicString(code)
    let imports = 0
    for (const m of code.matchAll(/\bimport\(\s*(["'`])\.\/liuyan-widget\.[^"'`]+\1\s*\)/g)) {
      imports++
      s.overwrite(m.index, m.index + 'import('.length, 'import(new URL(')
      s.appendLeft(m.index + m[0].lastIndexOf(')'), ', __liuyanBase).href')
    }
    if (!imports) throw new Error('scripts/build-script-tag.mjs: the first view fetches no chunk; is src/cdn/first-view.ts still the entry?')
    const exported = /\bexport\s*\{([^}]*)\};?\s*$/.exec(code)
    if (!exported) throw new Error('scripts/build-script-tag.mjs: the first view exports nothing for the chunks')
    const names = exported[1].split(',').map((e) => e.trim()).filter(Boolean).map((e) => e.split(/\s+as\s+/))
    names.sort(([a, x = a], [b, y = b]) => (x < y ? -1 : 1))
    if (names.map(([local, name = local]) => name).join() !== [...chunk.exports].sort().join()) throw new Error('scripts/build-script-tag.mjs: the first view\'s export statement is not its exports')
    // An array, shorter than an object.
    s.overwrite(exported.index, exported.index + exported[0].length, `${GLOBAL} = [${names.map(([local]) => local).join(', ')}];\n`)
    // A second copy of the script on the page does nothing: the chunks keep reading the first's.
    // The URL is read while the script runs: `document.currentScript` is null afterwards.
    s.prepend(`(function () {\nif (${GLOBAL}) return;\nconst __liuyanBase = document.currentScript?.src || document.querySelector(\'script[src*="liuyan-widget"]\')?.src || document.baseURI;\n`)
    s.append('\n})();\n')
    return { code: s }
  },
}

/** Fails when the classic script assigns, after its definition, to a binding it hands to the chunks. */
function assertNotReassigned(file) {
  const program = ts.createProgram([file], { allowJs: true, noEmit: true, target: ts.ScriptTarget.ES2022 })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  const handed = new Set()
  const writes = []
  const visit = (node) => {
    // `globalThis[Symbol.for("liuyan-widget")] = [local, …]`
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left) && ts.isArrayLiteralExpression(node.right) && node.left.getText(source).includes('liuyan-widget')) {
      for (const element of node.right.elements) handed.add(checker.getSymbolAtLocation(element))
      return
    }
    const target = ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? node.left
      : (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) ? node.operand
      : undefined
    if (target && ts.isIdentifier(target)) writes.push(target)
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (!handed.size) throw new Error(`scripts/build-script-tag.mjs: ${file} hands nothing to the chunks`)
  const reassigned = writes.filter((id) => handed.has(checker.getSymbolAtLocation(id))).map((id) => id.text)
  if (reassigned.length) throw new Error(`scripts/build-script-tag.mjs: the first view assigns to ${reassigned.join(', ')} after handing it to the chunks, which keep the first value`)
}

const chunks = await rolldown({ ...chunkOptions, input: { shared: entry }, preserveEntrySignatures: false })
const { output } = await chunks.write({
  ...minify,
  format: 'es',
  dir: dist,
  plugins: [classicScript],
  codeSplitting: {
    groups: [
      { name: 'shared', test: (id) => staticModules.has(id) },
      // The form and the tracking view in one file rather than seven: what both need (the SDK's
      // client, zod, core's schemas and validation, the form controls, the SDK's input checks and its
      // reading of a failed answer) and the two views themselves. Each loads the other's ~1.6 KB
      // min+gzip, and the build saves ~2.4 KB of files compressed apart. The SDK's rules and errors
      // are in the first view; the thread reads through them (reads.fetch.ts), without the SDK.
      { name: 'forms', test: (id) => isClient(id) || isForms(id) || FORM_VIEWS.test(id) },
    ],
  },
  entryFileNames: 'liuyan-widget.[name]-[hash].js',
  chunkFileNames: 'liuyan-widget.[name]-[hash].js',
  sourcemap: true,
})
await chunks.close()
swapped(unusedSdk)
swapped(chunkSdk)
swapped(validationMessages)
const files0 = output.filter((o) => o.type === 'chunk')
const byName = new Map(files0.map((c) => [c.fileName, c]))
const entryChunk = files0.find((c) => c.isEntry)
const script = 'liuyan-widget.min.js'
// The minifier drops "use strict" from a module, where it is implied; a classic script needs it,
// on a line of its own (the source map moves down a line).
writeFileSync(dist + script, `"use strict";\n${entryChunk.code.replace(`sourceMappingURL=${entryChunk.fileName}.map`, `sourceMappingURL=${script}.map`)}`)
assertNotReassigned(dist + script)
const map = JSON.parse(readFileSync(`${dist}${entryChunk.fileName}.map`, 'utf8'))
writeFileSync(`${dist}${script}.map`, JSON.stringify({ ...map, file: script, mappings: `;${map.mappings}` }))
rmSync(`${dist}${entryChunk.fileName}.map`)
rmSync(dist + entryChunk.fileName)
for (const c of files0) if (c.fileName !== entryChunk.fileName && c.code.includes(entryChunk.fileName)) throw new Error(`scripts/build-script-tag.mjs: ${c.fileName} still names ${entryChunk.fileName}`)

// In the one file, each `import('…')` of a chunk becomes a static import: inlined dynamic imports
// would wrap every module they reach in a lazy initializer, which costs ~3 KB min+gzip.
const staticImports = {
  name: 'static-imports',
  transform(code) {
    let n = 0
    const head = []
    const out = code.replace(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g, (_, quote, specifier) => {
      head.push(`import * as __liuyan_chunk_${n} from ${JSON.stringify(specifier)};`)
      return `Promise.resolve(__liuyan_chunk_${n++})`
    })
    // Appended, so the lines of the module keep their place (the imports are hoisted all the same).
    return n ? { code: `${out}\n${head.join('')}`, map: null } : null
  },
}
const full = await rolldown({ ...inputOptions, input: `${root}src/iife.ts`, plugins: [...inputOptions.plugins, unusedSdk, fullSdk, publicValidationMessages, staticImports] })
await full.write({ ...minify, format: 'iife', file: `${dist}liuyan-widget.full.min.js`, sourcemap: true })
await full.close()
swapped(unusedSdk)
swapped(fullSdk)
swapped(publicValidationMessages)

// terser after rolldown's minifier (scripts/second-pass.mjs); the classic script is checked again.
await secondPass(dist, script, false)
await secondPass(dist, 'liuyan-widget.full.min.js', false)
for (const c of files0) if (!c.isEntry) await secondPass(dist, c.fileName, true)
assertNotReassigned(dist + script)

/**
 * The files a page fetches for the module `src/<path>` beyond the script tag: its chunk and every
 * chunk that imports statically (the first view's, which they read from the global, is none).
 */
const closure = (path) => {
  const files = []
  const add = (file) => {
    if (files.includes(file) || file === entryChunk.fileName) return
    files.push(file)
    for (const imported of byName.get(file).imports) add(imported)
  }
  const chunk = files0.find((c) => Object.keys(c.modules).includes(`${root}src/${path}`))
  if (!chunk) throw new Error(`no chunk for src/${path}`)
  if (chunk.isEntry) return [script]
  add(chunk.fileName)
  return files
}
const modulesOf = (c) => Object.keys(c.modules).map((id) => id.replace(/^.*\/(node_modules|packages)\//, ''))
const manifest = {
  script,
  full: 'liuyan-widget.full.min.js',
  // The files of the first view: the script tag alone.
  firstView: [script],
  // What each part of a view and each language needs on top of the script tag (the tracking view
  // renders the thread: components/board/parts.ts fetches both).
  parts: Object.fromEntries(
    ['board-stats', 'thread', 'message-form', 'tracking'].map((tag) => [
      `liuyan-${tag}`,
      [...new Set([closure(`components/${tag}/${tag}.ts`), tag === 'tracking' ? closure('components/thread/thread.ts') : []].flat())],
    ]),
  ),
  locales: { 'zh-TW': closure('i18n/zh-TW.ts'), en: closure('i18n/en.ts') },
  // Every file of the build but the single file, with the modules in it.
  chunks: files0.map((c) => ({ file: c.isEntry ? script : c.fileName, modules: modulesOf(c) })),
}
writeFileSync(`${dist}liuyan-widget.chunks.json`, `${JSON.stringify(manifest, null, 2)}\n`)
