// npm run bench -w @liuyan/server (also: node bench/import.mjs): `liuyan-server import --format
// people-daily` of a generated JSON-lines file of BENCH_IMPORT_RECORDS records (default 1,000,000)
// into a new SQLite database, through the built CLI in a child process. Prints records/s (goal
// ≥ 5,000) and the child's peak anonymous resident memory (JS heap, SQLite's page cache of at most
// 64 MiB; not the mapped database file), sampled from /proc while it runs: the file is streamed, so
// it must not grow with the file, and the child's CPU time per record (user + system, from /proc):
// on a machine shared with other work, a figure the load changes less than records/s. Then runs the
// same file again, which adds nothing.
import { spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { createSqliteStore } from '../dist/store/sqlite.js'

const COUNT = Number(process.env.BENCH_IMPORT_RECORDS ?? 1_000_000)
const dir = mkdtempSync(join(tmpdir(), 'liuyan-bench-import-'))
const db = join(dir, 'board.db')
const file = join(dir, 'records.jsonl')
const cli = new URL('../dist/cli.js', import.meta.url).pathname
const sample = JSON.parse(readFileSync(new URL('../../core/test/fixtures/liuyan_legacy_queryThreadsList_item.json', import.meta.url), 'utf8'))

const SUBJECTS = ['新兴路路面损坏严重', '小区门口路灯坏了', '公交站台缺少遮雨棚', '学校周边交通拥堵', '老旧小区加装电梯', '农村道路坑洼不平']
const TYPES = ['投诉', '咨询', '建言', '求助', '投诉/求助']
const DOMAINS = ['城建', '交通', '教育', '三农', '环保', '医疗', '就业']

async function generate() {
  const out = createWriteStream(file)
  const start = 1_600_000_000
  for (let i = 0; i < COUNT; i++) {
    const answered = i % 3 === 0
    const record = {
      ...sample,
      tid: 10_000_000 + i,
      fid: 3611 + (i % 8),
      typeName: TYPES[i % TYPES.length],
      domainName: DOMAINS[i % DOMAINS.length],
      subject: `${SUBJECTS[i % SUBJECTS.length]}${i % 997}`,
      content: `${sample.content}第${i}号。`,
      dateline: start + i * 30,
      threadsCheckTime: start + i * 30 + 3600,
      stateInfo: answered ? '已办理' : '待回复',
      answerContent: answered ? '您好，经核实，相关部门已安排修复，感谢您的监督。' : null,
      answerDateline: answered ? start + i * 30 + 86_400 : null,
      answerOrganization: answered ? '灵山县交通运输局' : null,
    }
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function importOnce(args) {
  const child = spawn(process.execPath, [cli, 'import', '--format', 'people-daily', '--db', db, ...args, file], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (c) => (out += c))
  let peak = 0
  let cpu = 0
  const sampler = setInterval(() => {
    try {
      const rss = /RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      if (rss) peak = Math.max(peak, Number(rss[1]) * 1024)
      // utime + stime (fields 14 and 15, in clock ticks of 10 ms), as of the last sample.
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
      cpu = (Number(fields[11]) + Number(fields[12])) * 10
    } catch {}
  }, 50)
  const [code] = await once(child, 'exit')
  clearInterval(sampler)
  if (code !== 0) throw new Error(`import exited ${code}: ${out}`)
  return { out: out.trim(), peak, cpu }
}

try {
  const store = createSqliteStore(db)
  await store.transaction(async (tx) => {
    await tx.putBoard({ id: '450721-sw', name: '灵山县委书记', kind: 'leader', level: 'county', parentId: null, region: '450721', acceptsMessages: true })
  })
  await store.close()
  const t0 = performance.now()
  await generate()
  console.log(`generated ${COUNT.toLocaleString('en')} People's Daily records (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB JSON lines) in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  for (const [label, args] of [['first run', ['--board', '450721-sw']], ['second run (adds nothing)', ['--board', '450721-sw']]]) {
    const { out, peak, cpu } = await importOnce(args)
    console.log(`import, ${label}: ${out.split('\n').slice(0, 2).join('; ')}; CPU ${((cpu * 1000) / COUNT).toFixed(0)} µs per record; peak anonymous RSS ${(peak / 2 ** 20).toFixed(0)} MiB`)
  }
  console.log(`database: ${(statSync(db).size / COUNT).toFixed(0)} B per record`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
