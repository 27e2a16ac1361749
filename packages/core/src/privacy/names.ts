/**
 * Finding people's names in free text: after the cues people use to introduce themselves, and,
 * when the caller knows it, the author's own name wherever it is. Private to core's privacy module;
 * `findPII` and `maskPII` are the public face.
 */
import { COMPOUND_SURNAMES, SURNAMES } from './surnames.js'

/** Where a name sits in the text, as UTF-16 offsets (`end` exclusive). */
export interface NameSpan {
  start: number
  end: number
}

// 我叫 / 名叫 and the form labels are strong cues: a name may run straight into the next words
// (我叫张伟住在…). 我是 and 本人 start ordinary sentences as often as names (我是本小区居民,
// 本人认为), so there the name must end at punctuation, a space, a digit or the end of the text.
const CUE_RE = /(?<loose>我叫|名叫|(?:姓名|联系人|申请人|投诉人|反映人)[ \t]*[:：][ \t]*)|(?<strict>我是|本人)/gu
const HAN_RE = /^\p{Script=Han}$/u

// Words that may follow a name after a loose cue, shortest tried first (我叫张伟住在… is 张伟).
const FOLLOWERS = ['今年', '家住', '住在', '现住', '现年', '电话', '手机', '联系', '身份', '性别', '年龄', '来自', '是', '在', '住', '男', '女', '系']

// Forms of address that stand where a given name would: 联系人：张女士 names nobody.
const TITLES = new Set(['先生', '女士', '小姐', '老师', '师傅', '阿姨', '大爷', '大妈', '大姐', '同学', '经理', '主任', '医生', '律师', '警官', '书记', '校长', '老板'])

// Last characters that make a "name" an occupation or an origin: 我是安徽人, 我是程序员, 我是租户.
const NOUN_ENDINGS = new Set([...'人员户工者士们'])

// Words after 我是 / 本人 that begin with a surname, end at punctuation and are not names.
const NOT_NAMES = new Set(['高中生', '高三生', '钟点工', '包工头', '白领', '常客', '文员', '申请', '关注', '安全', '方便', '单身', '金主', '高管', '华侨', '江湖', '向导', '齐全', '康复', '乔迁', '柴油', '温和', '宁愿', '毕业', '曾经', '任职'])

/**
 * Names after a self-introduction cue: a common surname (see surnames.ts) and one or two more Han
 * characters, e.g. `我叫张伟，` → `张伟`, `姓名：欧阳娜娜` → `欧阳娜娜`.
 */
export function findCuedNames(text: string): NameSpan[] {
  const found: NameSpan[] = []
  for (const m of text.matchAll(CUE_RE)) {
    const at = m.index + m[0].length
    const strict = m.groups?.strict !== undefined
    const length = nameLengthAt(text, at, strict, m.groups?.strict === '本人')
    if (length > 0) found.push({ start: at, end: at + length })
  }
  return found
}

/**
 * Every occurrence of the given names as literal substrings. Names shorter than two characters are
 * ignored (one character is a word far more often than a name), and so is one that is already
 * masked, which would otherwise be found again in its own mask.
 */
export function findGivenNames(text: string, names: readonly string[]): NameSpan[] {
  const found: NameSpan[] = []
  for (const raw of names) {
    const name = raw.trim()
    if ([...name].length < 2 || name.includes('*')) continue
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
      found.push({ start: at, end: at + name.length })
    }
  }
  return found
}

/**
 * Masks a name, keeping its surname (both characters of a compound one) and hiding each other
 * character behind one `*`: `张伟` → `张*`, `王小明` → `王**`, `欧阳娜娜` → `欧阳**`.
 */
export function maskName(name: string): string {
  const chars = [...name]
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep)
}

function nameLengthAt(text: string, at: number, strict: boolean, afterBenRen: boolean): number {
  // Candidates as [surname length, name length]; names are Han, one UTF-16 unit per character in
  // the basic block this reads (a name with an extension-plane character is missed, not cut).
  const candidates: [number, number][] = []
  if (COMPOUND_SURNAMES.has(text.slice(at, at + 2))) candidates.push([2, 4], [2, 3])
  if (SURNAMES.has(text.charAt(at))) candidates.push([1, 3], [1, 2])
  const plausible = candidates.filter(([surname, length]) => {
    const name = text.slice(at, at + length)
    if (name.length !== length || ![...name].every((ch) => HAN_RE.test(ch))) return false
    if (TITLES.has(name.slice(surname)) || NOUN_ENDINGS.has(name.charAt(length - 1))) return false
    // After 本人, 于 is the preposition (本人于今日…), not the surname.
    return !(strict && (NOT_NAMES.has(name) || (afterBenRen && name.startsWith('于'))))
  })
  // Longest first when the name ends at a boundary, so 王小明 is not cut to 王小.
  for (const [, length] of plausible) if (!HAN_RE.test(text.charAt(at + length) || 'x')) return length
  if (strict) return 0
  for (const [, length] of [...plausible].reverse()) {
    if (FOLLOWERS.some((word) => text.startsWith(word, at + length))) return length
  }
  return 0
}
