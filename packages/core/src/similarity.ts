import { publicText } from './public-view.js'
import type { Message } from './schemas/message.js'

/**
 * How similar messages are found (源头治理, docs/architecture.md §6 "Hot spots"): by character
 * bigrams, so Chinese needs no word breaks. Two messages are similar when the Jaccard index of
 * their bigram sets is at least `threshold` and they were created at most `windowDays` apart.
 * Stores find the candidates through MinHash signatures cut into LSH bands (`bands` bands of
 * `rows` hashes each): two messages are compared only when some band of theirs hashes equal, and
 * for each band of a new message only the `perBand` candidates created nearest before it and the
 * `perBand` nearest after it count.
 * Changing any of these numbers changes which messages group together: stores keep the bands and
 * groups they computed when each message came in.
 */
export const SIMILARITY = {
  threshold: 0.4,
  windowDays: 30,
  bands: 12,
  rows: 2,
  perBand: 4,
} as const

/**
 * The text similarity reads: the public title and content (core's `publicText`: personal data
 * masked, the reviewer's public copy where one was set), lower-cased: what keyword search reads
 * too, so similarity never sees a phone number or a name. A message keeps the group it joined
 * when it came in.
 *
 * @example
 * ```ts
 * similarityText(message) // '小区门口路灯坏了\n小区门口的路灯已经坏了两个星期……'
 * ```
 */
export function similarityText(message: Pick<Message, 'title' | 'content' | 'publicCopy' | 'author'>): string {
  const { title, content } = publicText(message)
  return `${title}\n${content}`.toLowerCase()
}

/** Letters and digits of a text, NFKC-normalized and lower-cased, one code point each. */
function letters(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')]
}

/**
 * The character bigrams of a text, letters and digits only (punctuation and spaces are dropped
 * first, so 路灯，坏了 and 路灯坏了 read alike). A text of one character is its own shingle.
 */
export function shingles(text: string): Set<string> {
  const chars = letters(text)
  const out = new Set<string>()
  if (chars.length === 1) out.add(chars[0]!)
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!)
  return out
}

/** One more than the largest code point: a bigram's key is first × SPAN + second. */
const SPAN = 0x110000

/**
 * The bigrams of {@link shingles} as numbers, sorted and each once: the pair of code points a, b
 * is a × 0x110000 + b (exact: below 2^53), a text of one character c is c × 0x110000 (no pair
 * has a second code point 0, which is no letter). Two texts' key sets compare as their shingle
 * sets do ({@link jaccard}), without building a string per bigram: for a store that compares a
 * new message with many candidates, and may keep the keys of a text it meets again.
 *
 * @example
 * ```ts
 * jaccard(bigramKeys('朝阳区建设街路灯坏了'), bigramKeys('朝阳区建设街的路灯坏了')) // 8 / 11
 * ```
 */
export function bigramKeys(text: string): Float64Array {
  const chars = letters(text)
  if (chars.length === 1) return Float64Array.of(chars[0]!.codePointAt(0)! * SPAN)
  const keys = new Float64Array(Math.max(0, chars.length - 1))
  let previous = chars.length > 0 ? chars[0]!.codePointAt(0)! : 0
  for (let i = 1; i < chars.length; i++) {
    const next = chars[i]!.codePointAt(0)!
    keys[i - 1] = previous * SPAN + next
    previous = next
  }
  keys.sort()
  let size = 0
  for (let i = 0; i < keys.length; i++) if (size === 0 || keys[i] !== keys[size - 1]) keys[size++] = keys[i]!
  return keys.subarray(0, size)
}

/**
 * The Jaccard index of two key sets of {@link bigramKeys}: what {@link similarity} gives for the
 * two texts (0 when either is empty).
 */
export function jaccard(x: Float64Array, y: Float64Array): number {
  if (x.length === 0 || y.length === 0) return 0
  let common = 0
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      common++
      i++
      j++
    }
  }
  return common / (x.length + y.length - common)
}

/**
 * The Jaccard index of the bigram sets of two texts: 1 for the same words, 0 for nothing in
 * common (or two empty texts).
 *
 * @example
 * ```ts
 * similarity('朝阳区建设街路灯坏了', '朝阳区建设街的路灯坏了') // 8 of 11 bigrams: ≈ 0.73
 * ```
 */
export function similarity(a: string, b: string): number {
  return jaccard(bigramKeys(a), bigramKeys(b))
}

/** FNV-1a over the UTF-16 units of a string: a 32-bit unsigned hash. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** murmur3's finalizer: mixes 32 bits. */
function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const SEEDS = /* @__PURE__ */ Array.from({ length: SIMILARITY.bands * SIMILARITY.rows }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab))

/**
 * The MinHash signature of a text's bigrams: for each of `bands × rows` hash functions, the least
 * hash of any bigram. Two texts agree at one position with a probability equal to their Jaccard
 * index. Empty for a text without letters or digits.
 */
export function minHash(text: string): number[] {
  const set = shingles(text)
  if (set.size === 0) return []
  const base = [...set].map((s) => fnv1a(s))
  return SEEDS.map((seed) => {
    let least = 0xffffffff
    for (const h of base) {
      const v = mix(h ^ seed)
      if (v < least) least = v
    }
    return least
  })
}

/**
 * The LSH band hashes of a text: one 31-bit non-negative integer per band (band number and its
 * `rows` MinHash values hashed together), distinct between bands. Messages that share a band hash
 * are the candidates of each other's similarity. Empty for a text without letters or digits.
 *
 * @example
 * ```ts
 * bandHashes('小区门口路灯坏了').length // 12
 * ```
 */
export function bandHashes(text: string): number[] {
  const signature = minHash(text)
  if (signature.length === 0) return []
  const out: number[] = []
  for (let band = 0; band < SIMILARITY.bands; band++) {
    let h = mix(0x2545f491 ^ band)
    for (let row = 0; row < SIMILARITY.rows; row++) h = mix(h ^ signature[band * SIMILARITY.rows + row]!)
    out.push(h >>> 1)
  }
  return out
}
