// A rolldown plugin of the script-tag build: the SDK's resource classes keep, in the widget's files,
// only the methods the widget's own clients call (internal/clients.ts makes them; nothing outside
// the widget sees them). The staff's actions on a message, the lists of boards and the supervision
// table are left out: class methods are never tree-shaken. A client a page gives the widget brings
// its own SDK, whole. Each build names what it keeps (`keep`), and fails when the widget's sources
// call another method of a resource it trims, or when a class or method it names is gone from the
// SDK's dist (renamed: update this list).
import { readdirSync, readFileSync } from 'node:fs'
import { RolldownMagicString } from 'rolldown'
import ts from 'typescript'

const RESOURCES = { messages: 'Messages', boards: 'Boards' }

/**
 * The calls `<resource>.<method>(` in the widget's sources but those in `except` (paths under src/),
 * which reach the SDK's client: `{ messages: Set { 'submit', … }, … }`.
 */
function calledIn(src, except) {
  const calls = Object.fromEntries(Object.keys(RESOURCES).map((r) => [r, new Set()]))
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}${entry.name}`
      if (entry.isDirectory()) walk(`${path}/`)
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$|test-/.test(entry.name) && !except.includes(path.slice(src.length))) {
        for (const [, resource, method] of readFileSync(path, 'utf8').matchAll(/\.(messages|boards)\.(\w+)\(/g)) calls[resource].add(method)
      }
    }
  }
  walk(src)
  return calls
}

/**
 * @param {string} sdkIndex the path of the SDK's dist/index.js
 * @param {string} src the widget's src/ folder
 * @param {Record<keyof RESOURCES, string[]>} keep the methods kept, by resource
 * @param {string[]} except the sources whose calls go elsewhere in this build (swapped out, or on a given client only)
 */
export function trimSdk(sdkIndex, src, keep, except) {
  for (const [resource, methods] of Object.entries(calledIn(src, except))) {
    const missing = [...methods].filter((m) => !keep[resource].includes(m))
    if (missing.length) throw new Error(`scripts/trim-sdk.mjs: the widget calls ${resource}.${missing.join(', ')}, which this build leaves out of the SDK; keep it`)
  }
  const plugin = {
    name: 'trim-sdk',
    found: false,
    transform(code, id) {
      if (id !== sdkIndex) return null
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true)
      const out = new RolldownMagicString(code)
      const seen = new Set()
      const visit = (node) => {
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isClassExpression(node.initializer)) {
          const resource = Object.keys(RESOURCES).find((r) => RESOURCES[r] === node.name.text)
          if (resource) {
            seen.add(resource)
            const names = node.initializer.members.filter(ts.isMethodDeclaration).map((m) => m.name.getText(source))
            const absent = keep[resource].filter((m) => !names.includes(m))
            if (absent.length) throw new Error(`scripts/trim-sdk.mjs: ${node.name.text} has no ${absent.join(', ')} in the SDK's dist; update the list`)
            for (const member of node.initializer.members) {
              if (ts.isMethodDeclaration(member) && !keep[resource].includes(member.name.getText(source))) out.remove(member.getFullStart(), member.getEnd())
            }
          }
        }
        ts.forEachChild(node, visit)
      }
      visit(source)
      const absent = Object.keys(RESOURCES).filter((r) => !seen.has(r))
      if (absent.length) throw new Error(`scripts/trim-sdk.mjs: no class ${absent.map((r) => RESOURCES[r]).join(', ')} in the SDK's dist; update it`)
      plugin.found = true
      return { code: out }
    },
  }
  return plugin
}
