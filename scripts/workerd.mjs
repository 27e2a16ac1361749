// Runs a worker in workerd (Cloudflare's runtime, the `workerd` npm package) on loopback: bundles
// an entry with esbuild for a worker (no Node built-ins or globals unless asked), writes a
// Cap'n Proto config beside it and starts `workerd serve`, which reports its port on a control
// descriptor. The tests use it to run the fetch handler and the SDK inside workerd
// (docs/architecture.md §1). By hand: `node scripts/workerd.mjs ENTRY.ts` serves ENTRY until ^C.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const require = createRequire(import.meta.url)

/** The newest compatibility date this workerd supports (its release), from the package. */
export const COMPATIBILITY_DATE = require('workerd').compatibilityDate

/**
 * Bundles `entry` into one ES module for a worker. `alias` maps bare import specifiers (`vitest`,
 * `node:util`) to files, `redirect` maps files (absolute, without extension) to others: a test's
 * stand-ins. `conditions` picks source over dist where a package offers it.
 * @returns {Promise<string>}
 */
export async function bundleWorker({ entry, alias = {}, redirect = {}, conditions = ['@liuyan/source'], define = {}, nodeCompat = false }) {
  const standIns = {
    name: 'stand-ins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined
        if (Object.hasOwn(alias, args.path)) return { path: resolve(alias[args.path]) }
        if (!args.path.startsWith('.')) return undefined
        const target = resolve(args.resolveDir, args.path).replace(/\.(js|ts|mjs)$/, '')
        return Object.hasOwn(redirect, target) ? { path: resolve(redirect[target]) } : undefined
      })
    },
  }
  const result = await build({
    plugins: [standIns],
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: nodeCompat ? 'node' : 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser', ...conditions],
    mainFields: ['module', 'main'],
    define,
    logLevel: 'silent',
    // Node built-ins stay imports: workerd refuses them unless nodejs_compat is on, which is the check.
    external: nodeCompat ? ['node:*'] : [],
  })
  return result.outputFiles[0].text
}

function capnpString(value) {
  return JSON.stringify(value)
}

/**
 * Starts workerd serving `code` (an ES module with a default `fetch`) on 127.0.0.1 at a free port.
 * Outbound fetches may reach loopback and private addresses only (the tests' servers).
 * @returns {Promise<{ url: string, close: () => Promise<void>, stderr: () => string }>}
 */
export async function startWorkerd({ code, compatibilityFlags = [], bindings = {}, nodeCompat = false }) {
  // Recent compatibility dates turn Node's globals (Buffer, process) and node: modules on by
  // default; without nodeCompat both are turned off, so only web-standard code runs.
  const flags = [...(nodeCompat ? ['nodejs_compat'] : ['no_nodejs_compat', 'no_nodejs_compat_v2']), ...compatibilityFlags]
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-workerd-'))
  writeFileSync(join(dir, 'worker.js'), code)
  const textBindings = Object.entries(bindings)
    .map(([name, text]) => `(name = ${capnpString(name)}, text = ${capnpString(String(text))})`)
    .join(', ')
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["private"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = ${capnpString(COMPATIBILITY_DATE)},
  compatibilityFlags = [${flags.map(capnpString).join(', ')}],
  bindings = [${textBindings}],
  globalOutbound = "loopback",
);
`,
  )
  // The workerd package's main export is the path of the platform's binary.
  const binary = require('workerd').default
  const child = spawn(binary, ['serve', join(dir, 'config.capnp'), '--control-fd=3'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stdout.on('data', (chunk) => (stderr += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit))
  const port = await new Promise((resolvePort, reject) => {
    let control = ''
    child.stdio[3].on('data', (chunk) => {
      control += chunk
      for (const line of control.split('\n')) {
        if (!line.trim()) continue
        try {
          const message = JSON.parse(line)
          if (message.event === 'listen' && message.socket === 'http') resolvePort(message.port)
        } catch {
          // A partial line: wait for the rest.
        }
      }
    })
    child.once('exit', (code) => reject(new Error(`workerd exited (${code}) before listening:\n${stderr}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// By hand: node scripts/workerd.mjs ENTRY [--node-compat]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, ...flags] = process.argv.slice(2)
  if (!entry) {
    console.error('usage: node scripts/workerd.mjs ENTRY.ts [--node-compat]')
    process.exit(2)
  }
  const nodeCompat = flags.includes('--node-compat')
  const worker = await startWorkerd({ code: await bundleWorker({ entry, nodeCompat }), nodeCompat })
  console.log(`workerd serving ${entry} at ${worker.url}`)
  process.on('SIGINT', () => void worker.close().then(() => process.exit(0)))
}
