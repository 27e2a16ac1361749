import { defineConfig } from 'vite'

// The page uses render functions, so no template compiler (and no Vue plugin) is needed.
// No inline module-preload polyfill, so the page runs under a strict CSP.
export default defineConfig({
  build: { modulePreload: { polyfill: false } },
})
