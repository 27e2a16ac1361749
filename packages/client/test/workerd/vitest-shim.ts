/**
 * What the SDK's test files import from `vitest`, inside workerd: describe/it and the hooks run by
 * a small runner, and vitest's own `expect` (@vitest/expect on chai) and spies (@vitest/spy), so
 * the assertions are the same ones the Node run makes. The bundle aliases `vitest` to this file
 * (test/workerd.test.ts).
 */
import * as chai from 'chai'
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  getState,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from '@vitest/expect'
import * as spy from '@vitest/spy'

chai.use(JestExtend)
chai.use(JestChaiExpect)
chai.use(JestAsymmetricMatchers)

type ExpectFn = ((value: unknown, message?: string) => any) & Record<string, any>
export const expect = ((value: unknown, message?: string) => {
  const state = getState(expect as never) as { assertionCalls: number }
  setState({ assertionCalls: state.assertionCalls + 1 }, expect as never)
  return chai.expect(value, message)
}) as ExpectFn
Object.assign(expect, chai.expect)
Object.assign(expect, (globalThis as any)[ASYMMETRIC_MATCHERS_OBJECT])
expect.getState = () => getState(expect as never)
expect.setState = (state: object) => setState(state as never, expect as never)
expect.extend = (matchers: object) => (chai.expect as any).extend(expect, matchers)
setState({ assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null, testPath: 'workerd' }, expect as never)
;(globalThis as any)[GLOBAL_EXPECT] = expect

export const vi = {
  fn: spy.fn,
  spyOn: spy.spyOn,
  restoreAllMocks: spy.restoreAllMocks,
  clearAllMocks: spy.clearAllMocks,
  resetAllMocks: spy.resetAllMocks,
  isMockFunction: spy.isMockFunction,
}

type Fn = () => unknown
interface Test {
  kind: 'test'
  name: string
  fn: Fn
  timeout: number | undefined
}
interface Suite {
  kind: 'suite'
  name: string
  children: Array<Suite | Test>
  beforeAll: Fn[]
  afterAll: Fn[]
  beforeEach: Fn[]
  afterEach: Fn[]
}

const newSuite = (name: string): Suite => ({ kind: 'suite', name, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] })
let root = newSuite('')
let current = root

export function describe(name: string, fn: () => void): void {
  const suite = newSuite(name)
  current.children.push(suite)
  const parent = current
  current = suite
  try {
    fn()
  } finally {
    current = parent
  }
}

export function it(name: string, fn: Fn, timeout?: number): void {
  current.children.push({ kind: 'test', name, fn, timeout })
}
export const test = it

export const beforeAll = (fn: Fn) => void current.beforeAll.push(fn)
export const afterAll = (fn: Fn) => void current.afterAll.push(fn)
export const beforeEach = (fn: Fn) => void current.beforeEach.push(fn)
export const afterEach = (fn: Fn) => void current.afterEach.push(fn)

export interface TestResult {
  /** `file > describe > … > test`. */
  name: string
  state: 'pass' | 'fail' | 'skip'
  error?: string
  /** Why a test was skipped. */
  reason?: string
}

/** Collects a file's tests under its name: `load` imports it (its describe calls run then). */
export async function collect(file: string, load: () => Promise<unknown>): Promise<void> {
  const suite = newSuite(file)
  root.children.push(suite)
  current = suite
  try {
    await load()
  } finally {
    current = root
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ''}`.slice(0, 4_000)
  return String(error)
}

async function withTimeout(fn: Fn, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      Promise.resolve().then(fn),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Runs every collected test in order, as vitest does: a suite's beforeAll once before its first
 * test, beforeEach/afterEach around each test (outer first), afterAll after its last; a suite whose
 * tests are all skipped runs no hook. `skip` names the tests left out, with the reason.
 */
export async function run(skip: ReadonlyMap<string, string>, timeoutMs = 30_000): Promise<TestResult[]> {
  const results: TestResult[] = []
  const wanted = (node: Suite | Test, path: string): boolean =>
    node.kind === 'test' ? !skip.has(`${path} > ${node.name}`) : node.children.some((child) => wanted(child, `${path} > ${node.name}`))

  async function runSuite(suite: Suite, path: string, eachBefore: Fn[], eachAfter: Fn[]): Promise<void> {
    const here = path ? `${path} > ${suite.name}` : suite.name
    if (!suite.children.some((child) => wanted(child, here))) {
      for (const child of suite.children) skipAll(child, here, 'needs Node in the test process')
      return
    }
    let setupError: unknown
    for (const hook of suite.beforeAll) {
      try {
        await withTimeout(hook, timeoutMs * 2)
      } catch (error) {
        setupError = error
        break
      }
    }
    const before = [...eachBefore, ...suite.beforeEach]
    const after = [...suite.afterEach, ...eachAfter]
    for (const child of suite.children) {
      if (child.kind === 'suite') {
        if (setupError) skipAll(child, here, `beforeAll failed: ${describeError(setupError)}`)
        else await runSuite(child, here, before, after)
        continue
      }
      const name = `${here} > ${child.name}`
      const reason = skip.get(name)
      if (reason) {
        results.push({ name, state: 'skip', reason })
        continue
      }
      if (setupError) {
        results.push({ name, state: 'fail', error: `beforeAll failed: ${describeError(setupError)}` })
        continue
      }
      let failure: unknown
      try {
        for (const hook of before) await withTimeout(hook, timeoutMs)
        await withTimeout(child.fn, child.timeout ?? timeoutMs)
      } catch (error) {
        failure = error
      }
      for (const hook of after) {
        try {
          await withTimeout(hook, timeoutMs)
        } catch (error) {
          failure ??= error
        }
      }
      results.push(failure === undefined ? { name, state: 'pass' } : { name, state: 'fail', error: describeError(failure) })
    }
    for (const hook of suite.afterAll) {
      try {
        await withTimeout(hook, timeoutMs)
      } catch (error) {
        results.push({ name: `${here} > afterAll`, state: 'fail', error: describeError(error) })
      }
    }
  }

  function skipAll(node: Suite | Test, path: string, reason: string): void {
    if (node.kind === 'test') results.push({ name: `${path} > ${node.name}`, state: 'skip', reason: skip.get(`${path} > ${node.name}`) ?? reason })
    else for (const child of node.children) skipAll(child, `${path} > ${node.name}`, reason)
  }

  const all = root
  root = newSuite('')
  current = root
  for (const file of all.children) if (file.kind === 'suite') await runSuite(file, '', [], [])
  return results
}

/** The names of every collected test, `file > describe > … > test`. */
export function list(): string[] {
  const names: string[] = []
  const walk = (node: Suite | Test, path: string) => {
    const here = path ? `${path} > ${node.name}` : node.name
    if (node.kind === 'test') names.push(here)
    else for (const child of node.children) walk(child, here)
  }
  for (const file of root.children) walk(file, '')
  return names
}
