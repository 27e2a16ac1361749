/** Full-width folding shared by core's privacy module. Private to it. */

// Full-width forms (U+FF01–FF5E) and the ideographic space map one UTF-16 unit to one, so offsets
// found in the folded text are valid in the original.
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/gu, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  )
}
