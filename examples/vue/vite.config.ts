import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The single-file component is compiled at build time (no template compiler at run time, so no
// 'unsafe-eval'); tags starting with liuyan- are custom elements, not Vue components.
// No inline module-preload polyfill, so the page runs under a strict CSP.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('liuyan-') } } })],
  build: { modulePreload: { polyfill: false } },
})
