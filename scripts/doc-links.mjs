// Checks the relative links of the repository's Markdown (README.md, docs/*.md, packages/*/README.md,
// examples/README.md, examples/*/README.md): every linked file exists and every `#anchor` into a
// Markdown file names one of its headings, with GitHub's ids (lower case, punctuation dropped,
// spaces as `-`, `-1`, `-2`… for repeated headings). Headings and links inside code are not counted.
// Used by packages/core/test/doc-links.test.ts; `node scripts/doc-links.mjs` lists what is broken.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** GitHub's id of a heading's text. */
export function slug(text) {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-')
}

/** The lines of a Markdown text with fenced code blocks blanked (line numbers kept). */
function prose(markdown) {
  let fence = null
  return markdown.split('\n').map((line) => {
    const open = /^\s*(```+|~~~+)/.exec(line)
    if (open && (fence === null || open[1].startsWith(fence))) {
      fence = fence === null ? open[1] : null
      return ''
    }
    return fence === null ? line : ''
  })
}

/** The anchors a Markdown text offers: its headings' ids and explicit `<a id>`/`<a name>`. */
export function anchorsOf(markdown) {
  const seen = new Map()
  const anchors = new Set()
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)
    if (!heading) continue
    const id = slug(heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'))
    const n = seen.get(id) ?? 0
    seen.set(id, n + 1)
    anchors.add(n === 0 ? id : `${id}-${n}`)
  }
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1])
  return anchors
}

/** The relative links (`[text](href)`) of a Markdown text outside code, with their line numbers. */
export function linksOf(markdown) {
  const links = []
  prose(markdown).forEach((line, index) => {
    for (const match of line.replace(/`[^`]*`/g, '').matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(match[1])) links.push({ line: index + 1, href: match[1] })
    }
  })
  return links
}

/** The Markdown files checked, absolute paths. */
export function markdownFiles(root) {
  const inDir = (dir, pick) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map(pick).filter((f) => f && existsSync(f)) : [])
  return [
    join(root, 'README.md'),
    ...inDir('docs', (f) => f.endsWith('.md') && join(root, 'docs', f)),
    ...inDir('packages', (p) => join(root, 'packages', p, 'README.md')),
    join(root, 'examples', 'README.md'),
    ...inDir('examples', (p) => join(root, 'examples', p, 'README.md')),
  ].filter((f) => existsSync(f) && statSync(f).isFile())
}

/** Every broken relative link of the checked files, as `file:line href (why)`, paths from `root`. */
export function brokenLinks(root) {
  const anchors = new Map()
  const anchorsOfFile = (file) => {
    if (!anchors.has(file)) anchors.set(file, anchorsOf(readFileSync(file, 'utf8')))
    return anchors.get(file)
  }
  const broken = []
  for (const file of markdownFiles(root)) {
    for (const { line, href } of linksOf(readFileSync(file, 'utf8'))) {
      const hash = href.indexOf('#')
      const path = hash === -1 ? href : href.slice(0, hash)
      const target = path ? resolve(dirname(file), decodeURI(path)) : file
      const where = `${relative(root, file)}:${line} ${href}`
      if (!existsSync(target)) broken.push(`${where} (no such file)`)
      else if (hash !== -1 && target.endsWith('.md') && statSync(target).isFile() && !anchorsOfFile(target).has(decodeURIComponent(href.slice(hash + 1)))) {
        broken.push(`${where} (no such heading)`)
      }
    }
  }
  return broken
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const broken = brokenLinks(resolve(dirname(fileURLToPath(import.meta.url)), '..'))
  for (const line of broken) console.log(line)
  console.log(`${broken.length} broken link(s)`)
  process.exitCode = broken.length ? 1 : 0
}
