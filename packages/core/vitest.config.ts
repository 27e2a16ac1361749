import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@liuyan/source'] },
  test: {
    name: 'core',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
  },
})
