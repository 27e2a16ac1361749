// `npm start`: the demo. Builds whatever is missing, then runs liuyan-server on
// http://127.0.0.1:8787 with the SQLite file .liuyan/board.db (seeded with the demo data on first
// start, kept across restarts), the agency page at / and the staff console at /staff/.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const need = [
  'packages/core/dist/index.js',
  'packages/server/dist/cli.js',
  'packages/client/dist/index.js',
  'packages/widget/dist/liuyan-widget.min.js',
  'packages/console/dist/liuyan-console.min.js',
  'examples/demo/site/staff/liuyan-console.min.js',
  'examples/demo/site/liuyan-widget.min.js',
]
if (need.some((file) => !existsSync(join(root, file)))) {
  console.log('Building the packages and the demo site (first start only) …')
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

// The demo token lives beside the database, so it stays the same across restarts.
mkdirSync(join(root, '.liuyan'), { recursive: true })
const tokenFile = join(root, '.liuyan', 'demo-token')
const token =
  process.env.LIUYAN_DEMO_TOKEN ??
  (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : randomBytes(18).toString('base64url'))
writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 })

const port = process.env.PORT ?? '8787'
const args = [
  join(root, 'packages/server/dist/cli.js'),
  '--port', port,
  '--host', process.env.HOST ?? '127.0.0.1',
  '--db', join(root, '.liuyan/board.db'),
  '--seed', 'demo',
  `--demo-token=${token}`,
  '--static', join(root, 'examples/demo/site'),
]
// liuyan-server shows the token on the terminal (stderr) only, never in its log on stdout; the
// file is where to find it when stderr is not a terminal.
process.stderr.write(`The demo staff token is kept in ${tokenFile}.\n`)
const server = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
