import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script of the repository, without types
import { bundleSize } from '../../../scripts/bundle-size.mjs'

/** Issue 3's budget: a browser bundle with only validateNewMessage (zh-CN) ≤ 12 KB min+gzip (goal 10). */
const BUDGET = 12 * 1024
const measure = bundleSize as (code: string, options?: { cwd?: string }) => Promise<{ min: number; gzip: number }>
const cwd = new URL('..', import.meta.url).pathname

describe('bundle size', () => {
  it(`a page that validates submissions ships ≤ ${BUDGET / 1024} KB min+gzip`, async () => {
    const { gzip } = await measure(
      `import { validateNewMessage } from '@liuyan/core'; globalThis.v = (x) => validateNewMessage(x, { locale: 'zh-CN' })`,
      { cwd },
    )
    expect(gzip).toBeGreaterThan(3 * 1024) // it did bundle zod and the schema
    expect(gzip).toBeLessThanOrEqual(BUDGET)
  })
})
