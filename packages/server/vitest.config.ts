import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@liuyan/source'] },
  test: { name: 'server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
})
