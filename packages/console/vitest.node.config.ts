import { defineProject } from 'vitest/config'

// Node-side checks of the built package (size, manifest, types); the components are tested in
// Chromium by vitest.config.ts.
export default defineProject({
  test: { name: 'console-build', include: ['test/**/*.test.ts'], environment: 'node' },
})
