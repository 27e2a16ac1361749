import { readFile } from 'node:fs/promises'
import { defineProject, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

const dist = new URL('./dist/', import.meta.url)

// The browser tests again, with the tags registered by the built script tag and the chunks it
// fetches (dist/; run `npm run build` first) instead of by the sources: src/test-cdn-setup.ts.
// The files are served as they are under /liuyan-cdn/ (Vite would transform them as modules).
export default mergeConfig(
  base,
  defineProject({
    plugins: [
      {
        name: 'liuyan-cdn',
        configureServer(server) {
          server.middlewares.use('/liuyan-cdn/', (request, response, next) => {
            const file = (request.url ?? '').replace(/^\//, '').split('?')[0]!
            if (!/^liuyan-widget\.[\w.-]+\.js$/.test(file)) return next()
            readFile(new URL(file, dist)).then(
              (body) => {
                response.setHeader('Content-Type', 'text/javascript; charset=utf-8')
                response.end(body)
              },
              () => next(),
            )
          })
        },
      },
    ],
    test: { name: 'widget-cdn', setupFiles: ['src/test-cdn-setup.ts'] },
  }),
)
