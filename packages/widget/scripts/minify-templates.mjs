// A rolldown plugin of the script-tag build: the static text of the widget's css``, html`` and svg``
// templates loses what the minifier keeps (it never rewrites a template literal): CSS comments and
// the spaces around its punctuation and its line breaks, and the indentation of both (the source
// maps follow the edits); a run of spaces in HTML text stays one space, as the browser shows it
// anyway. Quoted CSS strings (`content: '⚠ '`) are left as written.
import { RolldownMagicString } from 'rolldown'
import ts from 'typescript'

/** The CSS of one static span of a css`` template, minified. */
export function minifyCss(text) {
  let out = ''
  // Strings and comments in one pass, so a quote in a comment (`list's`) opens no string.
  const parts = text.split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\/\*[\s\S]*?\*\/)/)
  for (const [i, part] of parts.entries()) {
    if (i % 2) {
      if (part.startsWith('/*')) out += ' '
      // An attribute selector's value that is a name needs no quotes: `[theme='light']`.
      else out += out.endsWith('=') && parts[i + 1]?.startsWith(']') && /^.[a-z][a-z-]*.$/.test(part) ? part.slice(1, -1) : part
      continue
    }
    out += part
  }
  // Again over the whole text, strings set aside, so the runs of spaces a comment left are one.
  const strings = []
  out = out.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, (s) => `\0${strings.push(s) - 1}\0`)
  out = out
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>/]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/ !important/g, '!important')
    .replace(/;}/g, '}')
    // `0.5` is `.5`, `#ffffff` is `#fff`.
    .replace(/([ :,(])0\.(\d)/g, '$1.$2')
    .replace(/#([\da-f])\1([\da-f])\2([\da-f])\3\b/gi, '#$1$2$3')
    // In calc(), `*` needs no spaces (`+` and `-` do); a `*` elsewhere may be a selector's.
    .replace(/calc\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)/g, (calc) => calc.replace(/ ?\* ?/g, '*'))
  return out.replace(/\0(\d+)\0/g, (_, n) => strings[n])
}

/** The HTML of one static span of an html`` template: indentation dropped, a line break kept. */
export const minifyHtml = (text) => text.replace(/[ \t]*\n\s*/g, '\n').replace(/[ \t]{2,}/g, ' ')

/**
 * Whether the static spans of an html`` or svg`` template put a binding on an element itself
 * (`<div ${…}>`, not in an attribute's value): Lit's part for it is cut out (trim-lit.mjs).
 */
export function bindsElement(spans) {
  let state = 'text'
  let tag = ''
  for (const [n, span] of spans.entries()) {
    if (n > 0 && state === 'tag' && !/=\s*$/.test(tag)) return true
    for (const [i, c] of [...span].entries()) {
      if (state === 'text') {
        if (c === '<' && /[a-zA-Z]/.test(span[i + 1] ?? '')) (state = 'tag'), (tag = '')
      } else if (state === 'tag') {
        if (c === '"' || c === "'") state = c
        else if (c === '>') state = 'text'
        tag += c
      } else if (c === state) state = 'tag'
    }
  }
  return false
}

/**
 * Whether an html`` template gives a `<textarea>`, `<style>`, `<script>` or `<title>` content with a
 * binding or markup in it, which Lit's bundled copy no longer reads as raw text (trim-lit.mjs).
 */
export function bindsInRawText(spans) {
  const text = spans.join('\0')
  const opened = text.match(/<(script|style|textarea|title)\b/gi)?.length ?? 0
  const whole = [...text.matchAll(/<(script|style|textarea|title)\b[^>]*>([^]*?)<\/\1/gi)]
  return whole.length !== opened || whole.some((m) => /[\0<]/.test(m[2]))
}

export const minifyTemplates = {
  name: 'minify-templates',
  transform(code, id) {
    if (!/\/widget\/src\/.*\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return null
    const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true)
    const edits = []
    const visit = (node) => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'css' || node.tag.text === 'html' || node.tag.text === 'svg')) {
        const minify = node.tag.text === 'css' ? minifyCss : minifyHtml
        const t = node.template
        const spans = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)]
        if (node.tag.text !== 'css') {
          const texts = spans.map((span) => span.text)
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source))
          if (bindsElement(texts)) throw new Error(`scripts/minify-templates.mjs: ${id}:${line + 1} binds a value to an element itself, whose part Lit's bundled copy leaves out (trim-lit.mjs)`)
          if (bindsInRawText(texts)) throw new Error(`scripts/minify-templates.mjs: ${id}:${line + 1} gives a textarea, style, script or title content that Lit's bundled copy no longer reads as raw text (trim-lit.mjs)`)
        }
        for (const span of spans) {
          // The raw text between the backtick or `}` and the backtick or `${`.
          const start = span.getStart(source) + 1
          const end = span.getEnd() - (span.kind === ts.SyntaxKind.TemplateHead || span.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1)
          const raw = code.slice(start, end)
          let min = minify(raw)
          // The spaces at either end of a stylesheet.
          if (minify === minifyCss && span === spans[0]) min = min.trimStart()
          if (minify === minifyCss && span === spans.at(-1)) min = min.trimEnd()
          if (min !== raw) edits.push([start, end, min])
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
    if (!edits.length) return null
    const out = new RolldownMagicString(code)
    for (const [start, end, text] of edits) out.overwrite(start, end, text)
    return { code: out }
  },
}
