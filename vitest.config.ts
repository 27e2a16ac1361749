import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['packages/*', 'packages/server/vitest.workerd.config.ts', 'packages/client/vitest.workerd.config.ts', 'packages/widget/vitest.node.config.ts', 'packages/widget/vitest.cdn.config.ts', 'packages/console/vitest.node.config.ts', 'examples/*/vitest.config.ts'],
  },
})
