import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const dist = new URL('../dist/', import.meta.url)
const KB = 1024
const TAGS = ['liuyan-board', 'liuyan-message-list', 'liuyan-thread', 'liuyan-message-form', 'liuyan-tracking', 'liuyan-board-stats']

interface ChunkManifest {
  script: string
  full: string
  firstView: string[]
  parts: Record<string, string[]>
  locales: Record<'zh-TW' | 'en', string[]>
  chunks: { file: string; modules: string[] }[]
}

if (!existsSync(new URL('liuyan-widget.chunks.json', dist))) throw new Error('dist/liuyan-widget.chunks.json is missing: run `npm run build` first (npm test does)')
const manifest = JSON.parse(readFileSync(new URL('liuyan-widget.chunks.json', dist), 'utf8')) as ChunkManifest
const read = (file: string) => readFileSync(new URL(file, dist))
const gzip = (files: Iterable<string>) => [...new Set(files)].reduce((sum, file) => sum + gzipSync(read(file), { level: 9 }).length, 0)
const chunkFiles = manifest.chunks.map((c) => c.file)
const modulesOf = (files: string[]) => manifest.chunks.filter((c) => files.includes(c.file)).flatMap((c) => c.modules)

/**
 * Issue 15's budgets, min+gzip -9, each file compressed on its own as a server sends it: the first
 * view (the script tag and the chunks the list view fetches: none, the figures are in the script)
 * 15 KB; everything together 45 KB; the single file 45 KB. NOT met yet; the ceilings below are
 * the sizes measured when this was written (`npm run bench -w @liuyan/widget` prints them), so the
 * build cannot grow while the rest of the budget is worked on:
 * - first view ≈ 18.4 KB (the script tag ≈ 1, its one chunk ≈ 17.5): Lit ≈ 5.5, the list ≈ 1.4,
 *   core's labels in three languages ≈ 1.2, the board ≈ 1, the reads without the SDK ≈ 1, the
 *   tokens and styles ≈ 1.9, the figures ≈ 1.4; the SDK is no longer in it (a chunk of its own);
 * - everything ≈ 56.4 KB: files compressed apart share no dictionary, zod and core's validation
 *   take ≈ 13.8 KB, and zh-TW and en are counted both though a page fetches at most one;
 * - the single file ≈ 46.8 KB.
 * The merge of the statistics in working days, hot spots' 与…重复 label and the SDK's new staff
 * methods took everything to ≈ 58.0 KB and the single file to ≈ 48.7 KB. Leaving out the SDK's
 * response schemas and staff inputs, which the widget's own clients never load (the SDK keeps them
 * in modules of their own), took everything to ≈ 56.2 KB and the single file to ≈ 44.8 KB: its
 * budget is met and is its ceiling. Core's labels per language (the first view carries zh-CN's
 * only) and the SDK's public client: first view ≈ 18.1 KB, everything ≈ 56.3 KB, single file
 * ≈ 44.6 KB. Core's validation messages per language (the form's chunk carries zh-CN's, 24.3 →
 * 23.4 KB for the form; zh-TW's and en's are in their languages' chunks): everything ≈ 56.6 KB,
 * files compressed apart costing a little more than the table of three did. The first view's reads
 * on the SDK's own rules and error classes (`@liuyan/client/http`) instead of a copy of them: first
 * view ≈ 18.4 KB (+0.3: the error classes weigh more than the copy's plain errors), the thread and
 * the form ≈ 0.9 KB lighter each, everything ≈ 56.0 KB, single file ≈ 44.5 KB. Without rolldown's
 * kept annotation comments: everything ≈ 55.7 KB, single file ≈ 44.2 KB. The script tag is the first
 * view itself (a classic script; the chunks read what they share with it from a one-line module):
 * no 1 KB loader and no second request before the board paints, first view ≈ 17.5 KB, everything
 * ≈ 54.9 KB. Lit's polyfill, hydration and version hooks left out and the CSS without line breaks:
 * first view ≈ 17.2 KB, single file ≈ 43.9 KB. What the form and the tracking view both load (zod,
 * core's schemas and validation, the form controls, the SDK's checks) in one chunk instead of five:
 * everything ≈ 51.6 KB, the form's view 22.3 → 20.5 KB on top of the first view. The unused
 * humanizeSeconds gone, the form's events out of the first view and what it hands to the chunks as
 * an array: first view ≈ 17.0 KB, everything ≈ 51.4 KB (a second copy of the script on a page
 * returns at once: +10 bytes, first view 17,412 bytes). Lit's decorator metadata left out (and with
 * it Lit's `Symbol.metadata` and `litPropertyMetadata` globals on the host page): first view ≈ 16.9 KB,
 * everything ≈ 51.3 KB, single file ≈ 43.7 KB. What is left of the first view, each module's cost
 * (`npm run composition -w @liuyan/widget`; costs overlap, so they add up to less than the file):
 * Lit ≈ 4.9, the list ≈ 1.8, the board ≈ 1.3, the figures ≈ 1.2, the tokens and view styles ≈ 1.2,
 * base, view and context ≈ 1.2, the strings' lookup and formats ≈ 0.9, core's labels and enums ≈ 0.9,
 * the SDK's rules and error classes ≈ 0.9, the reads ≈ 0.5. Lit's controllers and initializers
 * left out, core's public labels and validation messages only (`*_PUBLIC_LABELS`,
 * `*_PUBLIC_VALIDATION`), and no shared module (the chunks destructure the first view's global):
 * first view 17,123 bytes ≈ 16.7 KB, everything 51,766 ≈ 50.6 KB in 8 files, single file ≈ 43.3 KB.
 * Lit's resolution of directives left out (the widget uses none; the build fails if one comes in):
 * first view 17,002 ≈ 16.6 KB, everything 51,645 ≈ 50.4 KB, single file ≈ 43.1 KB.
 * What is left of everything: the first view 16.6, the forms' chunk (zod ≈ 7, core's validation and
 * schemas ≈ 2, the form controls ≈ 2) 13.1, the form 4.0, zh-TW 4.0, en 3.5, the tracking view 3.4,
 * the SDK's client 3.2, the thread 2.5; merging the form and the tracking view into the forms'
 * chunk would save ≈ 2 KB at the cost of each loading the other (a choice, not a cut).
 * The thread reading its message through the first view's reads (no SDK client in its chunk, 5.7 →
 * 2.5 KB on top of the first view), and the SDK's client, the form and the tracking view in the
 * forms' chunk (each view 21.1 KB on top of the first view, was 20.3 and 19.7 + the thread 5.7):
 * first view 17,008 bytes, everything 48,860 ≈ 47.7 KB in 5 files. The SDK's resource classes with
 * only the methods the widget's own clients call (scripts/trim-sdk.mjs: no staff actions, no board
 * lists): everything 48,207 ≈ 47.1 KB, the single file 43,806 ≈ 42.8 KB. Rendering in turns, one
 * per frame (internal/turns.ts), the shell painted before the views' parts, the list's items made
 * once per message (issue 15's long tasks): first view 17,299 bytes ≈ 16.9 KB, everything 48,501
 * ≈ 47.4 KB, single file ≈ 43.0 KB. The figures' chart a turn after the figures: first view 17,343
 * bytes, everything 48,545. The css`` minifier also drops a value's needless zeros and quotes, the
 * spaces of calc()'s `*` and of `/`, and what comments left: first view 17,307 bytes, everything
 * 48,483. A list item in fewer Lit parts (+15 bytes); Lit's MathML, its part for a binding on an
 * element itself, the getters of parts and the hooks of async directives left out (only
 * directives use them): first view 17,106 bytes, everything 48,282, single file 43,952. Lit's
 * `useDefault` option of properties left out: first view 17,012, everything 48,188, single file 43,851.
 * Lit's conversion of Boolean, Object and Array attributes and of custom converters left out (the
 * widget's properties are strings and numbers): first view 16,870, everything 48,046, single file
 * 43,736. LitElement's note of the connection state and Lit's reading of raw-text elements' content
 * (no template of the widget gives a textarea, style, script or title content): first view 16,733,
 * everything 47,909, single file 43,611. Lit's wrapping of an accessor a class defines for a
 * reactive property (none does): first view 16,654, everything 47,830, single file 43,534. With it
 * the `noAccessor` and `hasChanged` options and symbol-named properties: first view 16,598,
 * everything 47,774, single file 43,481. Lit's reading of templates made by its compiler: first
 * view 16,565, everything 47,741, single file 43,438. A second minification with terser
 * (scripts/second-pass.mjs): first view 16,540, everything 47,371, single file 43,073.
 */
const BUDGET = { firstView: 15 * KB, all: 45 * KB, full: 45 * KB }
const CEILING = { firstView: 16.16 * KB, all: 46.27 * KB, full: BUDGET.full }

describe('the script tag (dist/liuyan-widget.min.js) and its chunks', () => {
  const script = read(manifest.script).toString('utf8')
  const firstView = [manifest.script, ...manifest.firstView, ...manifest.parts['liuyan-board-stats']!]

  it(`loads a first view of ≤ ${CEILING.firstView / KB} KB min+gzip (budget ${BUDGET.firstView / KB} KB, not met)`, () => {
    const size = gzip(firstView)
    console.info(`first view: ${(size / KB).toFixed(1)} KB min+gzip in ${new Set(firstView).size} files`)
    expect(size).toBeGreaterThan(8 * KB) // it did bundle Lit, the SDK, the board and the list
    expect(size).toBeLessThanOrEqual(CEILING.firstView)
  })

  it('keeps the SDK, zod, core validation, the form, the thread, the tracking view and the other languages out of the first view', () => {
    const modules = modulesOf(firstView)
    expect(modules.some((m) => m.includes('/src/components/message-list/'))).toBe(true)
    expect(modules.some((m) => m.includes('/src/components/board-stats/'))).toBe(true)
    // The SDK's rules and errors (`@liuyan/client/http`) are in it; its client, resources and schemas are not.
    expect(modules.filter((m) => m.includes('client/dist/index'))).toEqual([])
    for (const absent of ['zod/', 'core/dist/validation', 'core/dist/schemas/', 'client/dist/inputs', 'client/dist/problem', '/message-form/', '/thread/', '/tracking/', '/i18n/en.ts', '/i18n/zh-TW.ts']) {
      expect(modules.filter((m) => m.includes(absent)), absent).toEqual([])
    }
  })

  it(`with every chunk is ≤ ${CEILING.all / KB} KB min+gzip (budget ${BUDGET.all / KB} KB, not met)`, () => {
    const size = gzip([manifest.script, ...chunkFiles])
    console.info(`script tag and every chunk: ${(size / KB).toFixed(1)} KB min+gzip in ${new Set([manifest.script, ...chunkFiles]).size} files`)
    expect(size).toBeLessThanOrEqual(CEILING.all)
  })

  it('is a classic script that fetches its chunks from its own URL, and chunks import each other relatively', () => {
    expect(script).not.toMatch(/^\s*(?:import|export)[\s{]/m)
    expect(script).not.toMatch(/\bimport\(\s*["'`]|\brequire\(/)
    expect(script).toMatch(/^"use strict";/)
    expect(script).toContain('currentScript')
    // Each part and language the board fetches, resolved against the script's URL.
    for (const file of [...Object.values(manifest.parts).flat(), ...Object.values(manifest.locales).flat()].filter((f) => f !== manifest.script)) {
      if (manifest.chunks.find((c) => c.file === file)!.modules.some((m) => /\/src\/(components\/[\w-]+\/[\w-]+|i18n\/[\w-]+)\.ts$/.test(m))) expect(script, file).toMatch(new RegExp(`import\\(new URL\\(["'\`]\\./${file.replaceAll('.', '\\.')}["'\`]`))
    }
    // What the chunks share with it, they read from the global it sets, last, which they destructure
    // first (the second minification may write a constant in place of its name).
    expect(script).toMatch(/globalThis\[Symbol\.for\((["'`])liuyan-widget\1\)\]=\[[^\n]+\]\}\)?\(\);\s*(\/\/# sourceMappingURL=\S+\s*)?$/)
    const sharing = chunkFiles.filter((f) => f !== manifest.script && /globalThis\[Symbol\.for\((["'`])liuyan-widget\1\)\]/.test(read(f).toString('utf8')))
    expect(sharing.length).toBeGreaterThanOrEqual(2) // the thread; the forms' chunk (the SDK's client, the form, the tracking view)
    for (const file of sharing) expect(read(file).toString('utf8'), file).toMatch(/^const\[[\w$,]*\]=globalThis\[Symbol\.for\((["'`])liuyan-widget\1\)\][;,]/) // `,`: the minifier joined the next const
    for (const file of chunkFiles.filter((f) => f !== manifest.script)) {
      const code = read(file).toString('utf8')
      // Static and dynamic imports name siblings only: the files work from any one folder.
      for (const [, specifier] of code.matchAll(/(?:from|import\()\s*["'`]([^"'`]+)["'`]/g)) expect(specifier, file).toMatch(/^\.\/liuyan-widget\.[\w.-]+\.js$/)
    }
  })

  it('registers every tag between the first view and the parts', () => {
    const code = [...manifest.firstView, ...Object.values(manifest.parts).flat()].filter((f, i, all) => all.indexOf(f) === i).map((f) => read(f).toString('utf8')).join('\n')
    for (const tag of TAGS) expect(code).toMatch(new RegExp(`["'\`]${tag}["'\`]`))
  })

  it('never renders markup from strings: no unsafeHTML directive and no eval', () => {
    // Lit itself fills a <template> from the components' own template literals (through a Trusted
    // Types policy); user text only ever reaches text nodes and attributes.
    for (const file of [manifest.script, manifest.full, ...chunkFiles]) expect(read(file).toString('utf8'), file).not.toMatch(/unsafeHTML|unsafe-html|\beval\(/)
  })
})

describe('the single file (dist/liuyan-widget.full.min.js)', () => {
  const code = read(manifest.full)
  const text = code.toString('utf8')

  it(`is ≤ ${CEILING.full / KB} KB min+gzip (the budget)`, () => {
    const size = gzipSync(code, { level: 9 }).length
    console.info(`single file: ${(size / KB).toFixed(1)} KB min+gzip`)
    expect(size).toBeGreaterThan(20 * KB) // it did bundle everything
    expect(size).toBeLessThanOrEqual(CEILING.full)
  })

  it('is one self-contained IIFE: no imports of any kind, and it registers every tag', () => {
    expect(text).not.toMatch(/^\s*import[\s{]/m)
    expect(text).not.toMatch(/\bimport\(|\brequire\(/)
    for (const tag of TAGS) expect(text).toMatch(new RegExp(`["'\`]${tag}["'\`]`))
  })
})

describe('custom-elements.json', () => {
  const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8')) as {
    modules: { declarations?: { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[] }[] }[]
  }
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName)

  it('describes every tag with its attributes and events', () => {
    const byTag = Object.fromEntries(elements.map((e) => [e.tagName, e]))
    expect(Object.keys(byTag).sort()).toEqual(['liuyan-board', 'liuyan-board-stats', 'liuyan-message-form', 'liuyan-message-list', 'liuyan-thread', 'liuyan-tracking'])
    expect(byTag['liuyan-board']!.attributes!.map((a) => a.name)).toEqual(expect.arrayContaining(['api', 'board', 'lang', 'size', 'view', 'page-size']))
    expect(byTag['liuyan-message-form']!.events!.map((e) => e.name)).toEqual(expect.arrayContaining(['liuyan-before-submit', 'liuyan-submitted', 'liuyan-error']))
  })
})

describe('published types (dist/*.d.ts)', () => {
  it('type the tags and their events for a page that imports only the define entry', { timeout: 60_000 }, () => {
    // Resolved as a consumer resolves it: through the package's exports to dist, not to src.
    const file = fileURLToPath(new URL('./fixtures/define-only.ts', import.meta.url))
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, types: [],
      module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    })
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(diagnostics).toEqual([])
  })
})
