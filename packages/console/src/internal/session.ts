// The staff token of a tab: kept in sessionStorage (docs/console.md), so it goes when the tab is
// closed and is never written to localStorage, a cookie or the URL. One token per API base URL.

const key = (baseUrl: string) => `liuyan-console-token|${baseUrl}`

/** The token signed in for `baseUrl` in this tab, if any. */
export function readToken(baseUrl: string): string | undefined {
  try {
    return sessionStorage.getItem(key(baseUrl)) ?? undefined
  } catch {
    return undefined // storage blocked (a sandboxed frame): sign in each time
  }
}

/** Keeps the token for this tab, or forgets it with `undefined`. */
export function writeToken(baseUrl: string, token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(key(baseUrl), token)
    else sessionStorage.removeItem(key(baseUrl))
  } catch {
    // storage blocked: the token lives in the element only
  }
}
