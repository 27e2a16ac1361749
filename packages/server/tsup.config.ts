import { defineConfig } from 'tsup'

// The library entries get declarations; the CLI is a program and needs none. One config, so a
// single `clean` cannot race another build writing into dist/. Output paths follow package.json's
// `exports` and `bin`: dist/index.js, dist/node.js, dist/msw.js, dist/notify/node.js, dist/store/sqlite.js,
// dist/store/postgres.js, dist/cli.js.
const library = {
  index: 'src/index.ts',
  node: 'src/node.ts',
  msw: 'src/msw.ts',
  'notify/node': 'src/notify/node.ts',
  'store/sqlite': 'src/store/sqlite.ts',
  'store/postgres': 'src/store/postgres.ts',
}

export default defineConfig({
  // The SQLite store's read worker is a script of its own, which the store starts (read-pool.ts).
  entry: { ...library, cli: 'src/cli.ts', 'store/sqlite-read-worker': 'src/store/sqlite/read-worker.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Keep `node:http` and friends as written (tsup 8 strips the prefix by default).
  removeNodeProtocol: false,
  clean: true,
  dts: { entry: library, compilerOptions: { ignoreDeprecations: '6.0' } },
  // Dependencies stay imports: one copy of core and zod in an application, better-sqlite3's
  // native binding can only be loaded from its own package, and pg is an optional peer.
  external: [/^better-sqlite3(\/|$)/, /^pg(\/|$)/, /^msw(\/|$)/, /^zod(\/|$)/, /^@liuyan\/core(\/|$)/],
  // esbuild keeps the `#!/usr/bin/env node` line of src/cli.ts; npm links the bin, but a direct
  // `./dist/cli.js` needs the mode bit as well.
  onSuccess: 'chmod +x dist/cli.js',
})
