import { defineConfig } from 'tsup'

// ESM keeps one file per module so that applications' bundlers drop what they do not import (a page
// that only validates submissions must not carry the lifecycle, calendars and every schema). CJS
// consumers do not tree-shake, so CJS is one bundled file.
const shared = {
  sourcemap: true,
  target: 'es2022',
  dts: { entry: 'src/index.ts', compilerOptions: { ignoreDeprecations: '6.0' } },
} as const

export default defineConfig([
  {
    ...shared,
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts'],
    format: ['esm'],
    bundle: false,
    clean: true,
  },
  { ...shared, entry: ['src/index.ts'], format: ['cjs'], treeshake: true },
])
