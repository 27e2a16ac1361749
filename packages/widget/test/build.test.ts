import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const dist = new URL('../dist/liuyan-widget.min.js', import.meta.url)
const KB = 1024
/**
 * Issue 6 sets a budget of 25 KB min+gzip (goal 20) for the script-tag build. It is NOT met: the
 * build is 42.1 KB, and `npm run bench -w @liuyan/widget` shows its floor, the same build with zod,
 * core's schemas and validation and the SDK replaced by empty stand-ins: 26.6 KB for Lit, the six
 * components, their strings in three languages, their styles and core's labels alone. No change to
 * the SDK or to validation reaches 25 KB; the budget needs revising or the components cutting
 * (issue 6 is reported blocked on that decision). This ceiling keeps the build from growing meanwhile.
 */
const CEILING = 45 * KB

describe('the script-tag build (dist/liuyan-widget.min.js)', () => {
  if (!existsSync(dist)) throw new Error('dist/liuyan-widget.min.js is missing: run `npm run build` first (npm test does)')
  const code = readFileSync(dist)
  const text = code.toString('utf8')

  it(`stays under the ${CEILING / KB} KB min+gzip ceiling (issue budget 25 KB not met)`, () => {
    const gzip = gzipSync(code, { level: 9 }).length
    expect(gzip).toBeGreaterThan(10 * KB) // it did bundle lit, zod, core, the client and the components
    expect(gzip).toBeLessThanOrEqual(CEILING)
  })

  it('is one self-contained IIFE: no imports, and it registers every tag', () => {
    expect(text).not.toMatch(/^\s*import[\s{]/m)
    expect(text).not.toMatch(/\brequire\(/)
    for (const tag of ['liuyan-board', 'liuyan-message-list', 'liuyan-thread', 'liuyan-message-form', 'liuyan-tracking', 'liuyan-board-stats']) {
      expect(text).toMatch(new RegExp(`["'\`]${tag}["'\`]`))
    }
  })

  it('never renders markup from strings: no unsafeHTML directive and no eval', () => {
    // Lit itself fills a <template> from the components' own template literals (through a Trusted
    // Types policy); user text only ever reaches text nodes and attributes.
    expect(text).not.toMatch(/unsafeHTML|unsafe-html|\beval\(/)
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
  it('type the tags and their events for a page that imports only the define entry', () => {
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
