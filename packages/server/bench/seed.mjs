// The bench's data: a generated province tree (1 province, 14 cities, 10 counties each, 2 units
// per county: 435 boards) and messages spread over its units in every status, written straight
// into a store (not over HTTP) in batched transactions. Messages are numbered: seed(store, from, to)
// adds numbers from..to-1, so a database can grow from one size of the bench to the next.
import { createHash } from 'node:crypto'
import { createId, DOMAINS, MESSAGE_TYPES, toChinaISOString } from '@liuyan/core'

export const ROOT = '220000-gov'

/** Province → cities → counties → units, each county and unit taking messages. */
export function provinceTree() {
  const boards = [{ id: ROOT, name: '省人民政府', kind: 'agency', level: 'province', parentId: null, region: '220000', acceptsMessages: true }]
  for (let c = 1; c <= 14; c++) {
    const city = `22${String(c).padStart(2, '0')}00`
    boards.push({ id: `${city}-gov`, name: `第${c}市人民政府`, kind: 'agency', level: 'city', parentId: ROOT, region: city, acceptsMessages: true })
    for (let k = 1; k <= 10; k++) {
      const county = `22${String(c).padStart(2, '0')}${String(k).padStart(2, '0')}`
      boards.push({ id: `${county}-gov`, name: `第${c}市第${k}县人民政府`, kind: 'agency', level: 'county', parentId: `${city}-gov`, region: county, acceptsMessages: true })
      for (const unit of ['zjj', 'cgj']) {
        boards.push({ id: `${county}-${unit}`, name: `第${c}市第${k}县${unit}`, kind: 'agency', level: 'unit', parentId: `${county}-gov`, region: county, acceptsMessages: true })
      }
    }
  }
  return boards
}

const BOARDS = provinceTree()
const UNITS = BOARDS.filter((b) => b.level === 'unit').map((b) => b.id)
const COUNTIES = BOARDS.filter((b) => b.level === 'county').map((b) => b.id)
/** One title in six has 路灯坏 (the bench's common keyword); none has 火星 (its absent one). */
const TITLES = ['小区门口路灯坏了', '公交站台缺少遮雨棚', '学校周边交通拥堵', '老旧小区加装电梯', '农村道路坑洼不平', '医院挂号难问题']
/**
 * Two years of messages: number i of `total` takes slot (i × 7919) mod total of the span, so the
 * first messages of a growing database already cover the two years (7919 is prime to 2 and 5).
 */
const SPAN_MS = 2 * 365 * 86_400_000
const HOUR = 3_600_000

/** Message number i of a bench of `total` messages, ending about now. */
export function benchMessage(i, total, now = Date.now()) {
  const step = Math.floor(SPAN_MS / total)
  const createdMs = now - SPAN_MS + ((i * 7919) % total) * step
  const at = new Date(createdMs).toISOString()
  const kind = i % 20
  const base = {
    id: createId(),
    boardId: i % 7 === 0 ? COUNTIES[i % COUNTIES.length] : UNITS[i % UNITS.length],
    type: MESSAGE_TYPES[i % MESSAGE_TYPES.length],
    domain: DOMAINS[i % DOMAINS.length],
    title: `${TITLES[i % TITLES.length]}${i % 1000}`,
    content: `第${i}号留言：${TITLES[i % TITLES.length]}，已经持续一段时间，附近居民出行很不方便，希望有关部门尽快协调解决，谢谢。`,
    place: { text: '朝阳区某小区', public: i % 2 === 0 },
    images: [],
    imagesPublic: false,
    author: { nickname: `市民${i % 500}`, realName: '王小明', phone: '13812345678', maskNickname: i % 3 === 0 },
    remark: '白天不在家',
    publish: i % 10 !== 0,
    channel: 'web',
    createdAt: at,
    supervised: i % 50 === 0,
    reminders: 0,
    posts: [],
  }
  const timeline = [{ id: createId(), type: 'submit', at, actor: { role: 'citizen' }, to: 'pending' }]
  if (kind === 0) return { ...base, status: 'pending', timeline }
  const rv = new Date(createdMs + HOUR).toISOString()
  timeline.push({ id: createId(), type: kind === 1 ? 'reject' : 'accept', at: rv, actor: { role: 'reviewer' }, from: 'pending', to: kind === 1 ? 'rejected' : 'accepted' })
  if (kind === 1) return { ...base, status: 'rejected', reviewedAt: rv, timeline }
  const accepted = { ...base, reviewedAt: rv, publishedAt: rv, dueAt: toChinaISOString(new Date(createdMs + HOUR + 15 * 86_400_000)) }
  if (kind < 5) return { ...accepted, status: 'accepted', timeline }
  if (kind < 8) return { ...accepted, status: 'assigned', assigneeBoardId: UNITS[(i * 7) % UNITS.length], timeline }
  if (kind < 10) return { ...accepted, status: 'processing', timeline }
  // Replied or closed, some hours to days after review, half of them rated.
  const replied = new Date(createdMs + HOUR + ((i * 7919) % (10 * 86_400_000))).toISOString()
  timeline.push({ id: createId(), type: 'reply', at: replied, actor: { role: 'handler' }, from: 'accepted', to: 'replied' })
  const rating = (i % 5) + 1
  return {
    ...accepted,
    status: kind < 15 ? 'replied' : 'closed',
    repliedAt: replied,
    ...(i % 2 === 0 ? { evaluation: { overall: rating, resolution: rating, attitude: rating, speed: rating } } : {}),
    timeline,
  }
}

/** Writes the province tree; resolves the root board. */
export async function seedBoards(store) {
  await store.transaction(async (tx) => {
    for (const board of BOARDS) await tx.putBoard(board)
  })
  return ROOT
}

/**
 * Adds messages from..to-1 of a bench of `total`, 5,000 to a transaction, in the order of their
 * creation times (as a board receives them): each transaction then writes a narrow slice of the
 * two years, so the rows it adds to every time-ordered index (keyword terms, lists, counters) sit
 * together instead of all over a large database.
 */
export async function seedMessages(store, from, to, total, now) {
  const slot = (i) => (i * 7919) % total
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => slot(a) - slot(b))
  for (let k = 0; k < order.length; k += 5000) {
    await store.transaction(async (tx) => {
      for (const j of order.slice(k, k + 5000)) {
        const m = benchMessage(j, total, now)
        // The codes of seeded messages are known to no one: any unique 64-hex hash will do.
        await tx.insertMessage(m, createHash('sha256').update(m.id).digest('hex'))
      }
    })
  }
}
