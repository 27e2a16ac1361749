import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['packages/*', 'packages/widget/vitest.node.config.ts', 'packages/widget/vitest.cdn.config.ts', 'packages/console/vitest.node.config.ts', 'examples/*/vitest.config.ts'],
  },
})
