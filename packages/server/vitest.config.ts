import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@liuyan/source'] },
  // Tests of the SQL stores start databases (a throw-away PostgreSQL cluster per file) and run real
  // transactions on two shared cores: the timeouts are safety nets, with room for a busy machine.
  test: { name: 'server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 60_000 },
})
