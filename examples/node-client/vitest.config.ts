import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@liuyan/source'] },
  test: { name: 'example-node-client', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
})
