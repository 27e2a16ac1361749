// Types of scripts/workerd.mjs for the TypeScript tests that use it.
export declare const COMPATIBILITY_DATE: string
export declare function bundleWorker(options: {
  entry: string
  alias?: Record<string, string>
  redirect?: Record<string, string>
  conditions?: string[]
  define?: Record<string, string>
  nodeCompat?: boolean
}): Promise<string>
export interface RunningWorkerd {
  url: string
  close(): Promise<void>
  stderr(): string
}
export declare function startWorkerd(options: { code: string; compatibilityFlags?: string[]; bindings?: Record<string, string>; nodeCompat?: boolean }): Promise<RunningWorkerd>
