import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'example-demo',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One Chromium at a time on a 2-core machine.
    fileParallelism: false,
  },
})
