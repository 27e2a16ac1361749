// The rolldown input options of dist/liuyan-console.min.js, shared by the build and the size report.
export const root = new URL('..', import.meta.url).pathname

export const inputOptions = {
  input: `${root}src/iife.ts`,
  cwd: root,
  platform: 'browser',
  resolve: { conditionNames: ['browser', 'production', 'import', 'module', 'default'] },
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  logLevel: 'warn',
}

export const outputOptions = { format: 'iife', minify: true, comments: { legal: false } }
