// The source-map decoding the widget's size and profile scripts share (scripts/composition.mjs,
// bench/profile.mjs): a map's `mappings` (base64 VLQ) as segments.
const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]))

/**
 * A source map's mappings, per generated line: its segments as [generated column, source index,
 * original line, original column] (the last three -1 for a segment that maps to no source).
 */
export function decodeMappings(mappings) {
  const lines = []
  let source = 0
  let line = 0
  let column = 0
  for (const text of mappings.split(';')) {
    const segments = []
    let generated = 0
    for (const segment of text.split(',').filter(Boolean)) {
      const values = []
      let value = 0
      let shift = 0
      for (const c of segment) {
        const digit = B64[c]
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = shift = 0
        }
      }
      generated += values[0]
      if (values.length >= 4) {
        source += values[1]
        line += values[2]
        column += values[3]
        segments.push([generated, source, line, column])
      } else segments.push([generated, -1, -1, -1])
    }
    lines.push(segments)
  }
  return lines
}
