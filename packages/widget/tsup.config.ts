import { defineConfig } from 'tsup'

// npm: ESM modules with types; the component classes stay side-effect free and `define` registers
// the tags. The script-tag IIFE is built by scripts/build-iife.mjs with rolldown.
export default defineConfig({
  entry: ['src/index.ts', 'src/define.ts'],
  format: ['esm'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: true,
  external: ['lit', /^lit\//, '@liuyan/client', /^@liuyan\/client\//, '@liuyan/core', 'zod', /^zod\//],
})
