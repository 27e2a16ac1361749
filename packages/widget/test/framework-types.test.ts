// The framework types are generated from custom-elements.json (scripts/framework-types.mjs): they
// must match the manifest as it is, and React's must accept the tags' real use and refuse misuse.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script of the package, without types
import { frameworkTypes } from '../scripts/framework-types.mjs'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
const manifest = JSON.parse(read('../custom-elements.json')) as { modules: { declarations?: { tagName?: string; events?: { name: string; type?: { text: string } }[] }[] }[] }

describe('framework types', () => {
  it('give every event in the manifest its class', () => {
    const events = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => d.events ?? [])
    expect(events.length).toBeGreaterThan(8)
    for (const event of events) expect(event.type?.text, event.name).toMatch(/^Liuyan\w+Event$/)
  })

  it('are the files generated from the manifest as it is (npm run build writes them)', () => {
    const { react, vue } = (frameworkTypes as (m: unknown) => { react: string; vue: string })(manifest)
    expect(read('../types/react.d.ts')).toBe(react)
    expect(read('../types/vue.d.ts')).toBe(vue)
    for (const tag of ['liuyan-board', 'liuyan-board-stats', 'liuyan-message-form', 'liuyan-message-list', 'liuyan-thread', 'liuyan-tracking']) {
      expect(react).toContain(`'${tag}': `)
      expect(vue).toContain(`'${tag}': DefineComponent<`)
    }
    expect(vue).toContain('onLiuyanSubmitted?: (event: LiuyanSubmittedEvent) => void')
  })

  it('type React 19 JSX: real use compiles, a wrong value, handler or tag does not', { timeout: 60_000 }, () => {
    const file = fileURLToPath(new URL('./fixtures/react-jsx.tsx', import.meta.url))
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, types: [], jsx: ts.JsxEmit.ReactJSX,
      module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    })
    const source = program.getSourceFile(file)!
    const errorLines = ts.getPreEmitDiagnostics(program).filter((d) => d.file === source).map((d) => source.getLineAndCharacterOfPosition(d.start!).line)
    const expected = source.text.split('\n').flatMap((line, i) => (line.endsWith('// error') ? [i] : []))
    expect(expected).toHaveLength(3)
    expect([...new Set(errorLines)].sort()).toEqual(expected)
  })
})
