/**
 * What an application pays for the SDK (issue budget: ≤ 6 KB min+gzip for `createClient`, not
 * counting zod and core's schemas, which an application that validates forms shares anyway), and
 * that the published types compile without the DOM lib.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script of the repository, without types
import { bundleSize } from '../../../scripts/bundle-size.mjs'

const BUDGET = 6 * 1024
const TOTAL_BOUND = 20 * 1024
type Measure = (code: string, options?: { cwd?: string; external?: (string | RegExp)[] }) => Promise<{ min: number; gzip: number }>
const measure = bundleSize as Measure
const cwd = new URL('..', import.meta.url).pathname
const ENTRY = `import { createClient } from '@liuyan/client'; globalThis.client = createClient`
const DTS = new URL('../dist/index.d.ts', import.meta.url).pathname

describe('bundle size', () => {
  it(`createClient alone ships ≤ ${BUDGET / 1024} KB min+gzip (zod and core external)`, async () => {
    const { gzip } = await measure(ENTRY, { cwd, external: [/^@liuyan\/core/, /^zod/] })
    console.info(`@liuyan/client createClient, zod and core external: ${(gzip / 1024).toFixed(2)} KB min+gzip`)
    expect(gzip).toBeGreaterThan(1024) // it did bundle the SDK
    expect(gzip).toBeLessThanOrEqual(BUDGET)
  })

  it(`with zod/mini and core's schemas it stays ≤ ${TOTAL_BOUND / 1024} KB min+gzip`, async () => {
    const { gzip } = await measure(ENTRY, { cwd })
    console.info(`@liuyan/client createClient with zod and core: ${(gzip / 1024).toFixed(2)} KB min+gzip`)
    expect(gzip).toBeLessThanOrEqual(TOTAL_BOUND)
  })

  it('createPublicClient ships less than createClient: not the staff resources', async () => {
    const external = [/^@liuyan\/core/, /^zod/]
    const all = await measure(ENTRY, { cwd, external })
    const citizen = await measure(`import { createPublicClient } from '@liuyan/client'; globalThis.client = createPublicClient`, { cwd, external })
    console.info(`@liuyan/client createPublicClient, zod and core external: ${(citizen.gzip / 1024).toFixed(2)} KB min+gzip`)
    expect(citizen.gzip).toBeLessThan(all.gzip - 256)
  })
})

describe('the checks, each kind a module of its own (dist/)', () => {
  const dist = new URL('../dist/', import.meta.url)
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'))
  const text = (prefix: string) => {
    const file = files.find((f) => f.startsWith(prefix))
    if (!file) throw new Error(`no dist/${prefix}*.js: run \`npm run build\` first`)
    return readFileSync(new URL(file, dist), 'utf8')
  }

  it('are loaded by import(), so a client that checks nothing loads none of them', () => {
    const index = text('index.js')
    for (const module of ['responses-', 'inputs.public-', 'inputs.staff-', 'problem-']) expect(index).toMatch(new RegExp(`import\\("\\./${module.replace('.', '\\.')}`))
    expect(index).not.toMatch(/from "zod|Schema\b/)
  })

  it('keep the staff’s inputs and the responses out of a citizen’s checks and of a failure’s', () => {
    for (const prefix of ['inputs.public-', 'problem-']) {
      const code = text(prefix)
      for (const name of ['InboxQuerySchema', 'StaffActionSchema', 'BulkActionSchema', 'PublicMessageSchema', 'BoardStatsSchema']) expect(code, `${prefix} ${name}`).not.toContain(name)
    }
    expect(text('inputs.staff-')).toContain('InboxQuerySchema')
    expect(text('responses-')).toContain('PublicMessageSchema')
  })
})

describe('published types (dist/index.d.ts)', () => {
  if (!existsSync(DTS)) throw new Error('dist/index.d.ts is missing: run `npm run build` first (npm test does)')
  it('name no DOM type', () => {
    // Prose may mention them; declarations may not.
    const code = readFileSync(DTS, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
    for (const name of ['AbortSignal', 'RequestInit', 'Response', 'Headers', 'HTMLElement', 'Request', 'EventTarget']) {
      expect(code, name).not.toMatch(new RegExp(`\\b${name}\\b`))
    }
  })

  it('compile without the DOM lib, and a platform-neutral fetch fits', () => {
    const consumer = new URL('../dist/__consumer.ts', import.meta.url).pathname
    const source = `import { createClient, type FetchLike } from './index.js'
const fetch: FetchLike = async (url, init) => {
  init.signal?.addEventListener('abort', () => {})
  return { status: 200, ok: true, headers: { get: () => null }, text: async () => url + init.method }
}
createClient({ baseUrl: 'https://board.example.gov.cn/api/v1', fetch }).messages.list({ status: 'replied' })
`
    const options: ts.CompilerOptions = {
      noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: false,
    }
    const host = ts.createCompilerHost(options)
    const read = host.readFile.bind(host)
    host.readFile = (file) => (file === consumer ? source : read(file))
    const exists = host.fileExists.bind(host)
    host.fileExists = (file) => file === consumer || exists(file)
    const program = ts.createProgram([consumer], options, host)
    const mine = [consumer, DTS].map((f) => program.getSourceFile(f)!)
    const diagnostics = mine.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)])
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([])
  })
})
