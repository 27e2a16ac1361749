/**
 * The CLI as a child process, for the tests that run it: start it, wait for its start-up block,
 * stop it, and clean up what is left (call `cleanUp` in afterAll).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI } from './built.js'

export interface Cli {
  child: ChildProcess
  url: string
  stdout(): string
  stderr(): string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export const children = new Set<ChildProcess>()
export const temps: string[] = []

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'liuyan-cli-'))
  temps.push(dir)
  return dir
}

export function run(args: string[], env: Record<string, string> = {}): Omit<Cli, 'url'> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  children.add(child)
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child)
      resolve({ code, signal })
    })
  })
  return { child, exited, stdout: () => out, stderr: () => err }
}

/** Starts the CLI and waits for the start-up block, which prints the real port of `--port 0`. */
export async function start(args: string[], env: Record<string, string> = {}): Promise<Cli> {
  const cli = run(args, env)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /site:\s+(http:\/\/[^\s/]+)\//.exec(cli.stdout())
      if (match) {
        clearInterval(timer)
        resolve(match[1]!)
      }
    }, 20)
    void cli.exited.then(({ code }) => {
      clearInterval(timer)
      reject(new Error(`liuyan-server exited with ${code} before listening: ${cli.stderr()}`))
    })
  })
  return { ...cli, url }
}

export async function stop(cli: Cli): Promise<number | null> {
  cli.child.kill('SIGTERM')
  return (await cli.exited).code
}

/** Kills the children still running and removes the temporary folders. */
export function cleanUp(): void {
  for (const child of children) child.kill('SIGKILL')
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
}
