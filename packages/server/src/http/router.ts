import { TRACKING_CODE_PARAM, type RouteDefinition } from '@liuyan/core'
import { ServiceError } from '../errors.js'

/** A request matched to its route, with the path's parameters by name, still percent-encoded. */
export interface Match<R extends RouteDefinition = RouteDefinition> {
  route: R
  rawParams: Record<string, string>
}

interface Node<R> {
  literals: Map<string, Node<R>>
  param?: { name: string; node: Node<R> }
  /** The routes of the path that ends here, by method. */
  methods: Map<string, R>
}

/** What the router makes of a path and a method. */
export type Routing<R extends RouteDefinition> =
  | { kind: 'found'; match: Match<R> }
  /** A known path without this method: answer 405 with `Allow`. */
  | { kind: 'method'; allow: string; private: boolean }
  | { kind: 'unknown'; private: boolean }

/**
 * A router compiled from path templates (`/boards/{id}/stats`): one segment per level, a literal
 * segment before a parameter, parameters by name. Matching reads the raw (still percent-encoded)
 * path, so an encoded `/` stays inside its segment; {@link decodeParams} decodes the parameters.
 */
export function createRouter<R extends RouteDefinition>(routes: readonly R[]) {
  const root: Node<R> = node()
  for (const route of routes) {
    let at = root
    for (const segment of route.path.split('/').slice(1)) {
      const name = /^\{([^}]+)\}$/.exec(segment)?.[1]
      if (name === undefined) {
        let next = at.literals.get(segment)
        if (!next) at.literals.set(segment, (next = node()))
        at = next
      } else {
        if (at.param && at.param.name !== name) throw new Error(`${route.path}: {${name}} where another route has {${at.param.name}}`)
        at.param ??= { name, node: node() }
        at = at.param.node
      }
    }
    if (at.methods.has(route.method)) throw new Error(`${route.method} ${route.path} is declared twice`)
    at.methods.set(route.method, route)
  }

  // Privacy of what no route answers (docs/architecture.md §5): a path whose routes are all
  // private, and an unknown path under a first segment whose routes are all private, answer
  // `no-store` too, so that a 404 or 405 that says something about a code or a token is not kept.
  const privateFirstSegments = new Set<string>()
  for (const first of new Set(routes.map((r) => firstSegment(r.path)))) {
    if (allPrivate(routes.filter((r) => firstSegment(r.path) === first))) privateFirstSegments.add(first)
  }

  return {
    /** Routes `path` (relative to the base path); `method` HEAD is routed as GET. */
    route(method: string, path: string): Routing<R> {
      const raw: Record<string, string> = {}
      const found = walk(root, path.split('/'), 1, raw)
      if (!found) return { kind: 'unknown', private: privateFirstSegments.has(firstSegment(path)) }
      const route = found.methods.get(method === 'HEAD' ? 'GET' : method)
      if (!route) return { kind: 'method', allow: [...found.methods.keys()].join(', '), private: allPrivate([...found.methods.values()]) }
      return { kind: 'found', match: { route, rawParams: raw } }
    },
  }
}

function node<R>(): Node<R> {
  return { literals: new Map(), methods: new Map() }
}

function walk<R>(at: Node<R>, segments: string[], index: number, params: Record<string, string>): Node<R> | undefined {
  if (index === segments.length) return at.methods.size > 0 ? at : undefined
  const segment = segments[index]!
  const literal = at.literals.get(segment)
  const viaLiteral = literal && walk(literal, segments, index + 1, params)
  if (viaLiteral) return viaLiteral
  if (!at.param || segment === '') return undefined
  const viaParam = walk(at.param.node, segments, index + 1, params)
  if (viaParam) params[at.param.name] = segment
  return viaParam
}

function firstSegment(path: string): string {
  return path.split('/')[1] ?? ''
}

function allPrivate(routes: readonly RouteDefinition[]): boolean {
  return routes.length > 0 && routes.every((r) => r.private)
}

/** The parameters of a match, percent-decoded: a segment that is not UTF-8 answers 400. */
export function decodeParams(raw: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {}
  try {
    for (const [name, value] of Object.entries(raw)) params[name] = decodeURIComponent(value)
  } catch {
    throw new ServiceError(400, 'bad_request', '')
  }
  return params
}

/**
 * Replaces, in a path for the log, every segment that follows the literal segment before a
 * tracking code's `{code}` in the table (`/tracking/***`), whether or not a route matched.
 */
export function createPathRedactor(routes: readonly RouteDefinition[]): (path: string) => string {
  const before = new Set<string>()
  for (const route of routes) {
    if (route.auth !== 'tracking-code') continue
    const segments = route.path.split('/')
    const at = segments.indexOf(`{${TRACKING_CODE_PARAM}}`)
    if (at > 0) before.add(segments[at - 1]!)
  }
  if (before.size === 0) return (path) => path
  const pattern = new RegExp(`(/(?:${[...before].map(escapeRegExp).join('|')})/)[^/]+`)
  return (path) => path.replace(pattern, '$1***')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
