import { defineConfig } from 'vite'

// No React plugin is needed for a production build: Vite compiles TSX with the automatic runtime.
// No inline module-preload polyfill, so the page runs under a strict CSP.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { modulePreload: { polyfill: false } },
})
