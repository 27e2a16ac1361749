import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script of the package, without types
import { bindsElement, bindsInRawText, minifyCss } from '../scripts/minify-templates.mjs'

describe('the css`` minifier of the script-tag build (scripts/minify-templates.mjs)', () => {
  // (The plugin trims the ends of a whole stylesheet.)
  it('drops comments, spaces and what a value does not need', () => {
    expect(minifyCss(`
      :host([theme='dark']) {
        /* a comment's apostrophe */
        gap: calc(var(--_gap, var(--x)) * 2) calc(var(--_gap) / 2);
        opacity: 0.7;
        padding: 0 0.5em;
        color: #ffffff !important;
      }
    `).trim()).toBe(':host([theme=dark]){gap:calc(var(--_gap,var(--x))*2) calc(var(--_gap)/2);opacity:.7;padding:0 .5em;color:#fff!important}')
  })

  it('keeps strings, selectors with `*` and the spaces calc() needs around + and -', () => {
    expect(minifyCss(`.a * .b, .item > * + * { content: '⚠ ' / ''; width: calc(100% - 2px); font-family: 'Noto Sans'; }`)).toBe(
      ".a * .b,.item>* + *{content:'⚠ '/'';width:calc(100% - 2px);font-family:'Noto Sans'}",
    )
    // A quoted value that is not a name keeps its quotes.
    expect(minifyCss(`[data-x='a b'] {}`)).toBe(`[data-x='a b']{}`)
  })
})

describe('the check of html`` templates against bindings on an element itself', () => {
  it('finds `<div ${…}>` and leaves attribute bindings alone', () => {
    expect(bindsElement(['<div ', '>x</div>'])).toBe(true)
    expect(bindsElement(['<input id="a" ', ' />'])).toBe(true)
    expect(bindsElement(['<a href=', ' class="x ', '">', '</a><p ?hidden=', '>', '</p>'])).toBe(false)
    expect(bindsElement(["<p title='a > b ", "'>", '</p>'])).toBe(false)
  })
})

describe('the check of html`` templates against content in raw-text elements', () => {
  it('finds a binding or markup inside <textarea>, <style>, <script> or <title>, not in their attributes', () => {
    expect(bindsInRawText(['<textarea>', '</textarea>'])).toBe(true)
    expect(bindsInRawText(['<title>a <b> c</title>'])).toBe(true)
    expect(bindsInRawText(['<textarea id=', ' .value=', '></textarea><p>', '</p>'])).toBe(false)
    expect(bindsInRawText(['<style>'])).toBe(true)
  })
})
