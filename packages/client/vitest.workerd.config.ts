import { defineProject } from 'vitest/config'

// The SDK's tests inside workerd (test/workerd/sdk.workerd-test.ts): one worker runs the test files,
// against real boards this process serves on loopback.
export default defineProject({
  resolve: { conditions: ['@liuyan/source'] },
  test: { name: 'client-workerd', include: ['test/workerd/*.workerd-test.ts'], testTimeout: 30_000, hookTimeout: 300_000 },
})
