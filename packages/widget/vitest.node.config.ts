import { defineProject } from 'vitest/config'

// Node-side checks of the built package (size, manifest); the components are tested in Chromium
// by vitest.config.ts.
export default defineProject({
  test: { name: 'widget-build', include: ['test/**/*.test.ts'], environment: 'node' },
})
