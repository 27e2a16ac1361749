// BENCH_PROFILE=<variant> for bench/first-frame.mjs: a V8 CPU profile of each trial of that variant
// (CDP Profiler, from the page's start to the list frame), and a timeline trace of its tasks over
// 50 ms. Prints where the time went: the self time per function (mapped through dist/'s source maps
// when the function is in one of our files) and, per long task, its main events (script, style,
// layout, paint, garbage collection).
import { readFileSync, writeFileSync } from 'node:fs'
import { decodeMappings } from '../scripts/source-map.mjs'

/** Starts profiling a tab; the returned function stops and prints the summary. */
export async function profile(browser, tab, cdp, dist) {
  // The sampling profiler slows the page down (about 2x here): only with BENCH_PROFILE_CPU=1.
  const cpu = !!process.env.BENCH_PROFILE_CPU
  if (cpu) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  }
  await browser.startTracing(tab, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] })
  return async () => {
    if (cpu) printProfile((await cdp.send('Profiler.stop')).profile, dist)
    const buffer = await browser.stopTracing()
    // BENCH_PROFILE_TRACE=file.json keeps the trace, for chrome://tracing or Perfetto.
    if (process.env.BENCH_PROFILE_TRACE) writeFileSync(process.env.BENCH_PROFILE_TRACE, buffer)
    const trace = JSON.parse(buffer.toString())
    printTrace(trace.traceEvents ?? trace)
  }
}

const maps = new Map()
/** The original position of a line:column of one of dist/'s files, from its source map. */
function original(url, line, column, dist) {
  const file = url.split('/').pop()
  if (!/^liuyan-widget\./.test(file)) return undefined
  if (!maps.has(file)) {
    try {
      maps.set(file, decode(JSON.parse(readFileSync(new URL(`${file}.map`, dist), 'utf8'))))
    } catch {
      maps.set(file, null)
    }
  }
  const map = maps.get(file)
  const segments = map?.lines[line]
  if (!segments) return undefined
  let best
  for (const s of segments) if (s[0] <= column && s[1] >= 0) best = s
  return best && `${map.sources[best[1]].replace(/^.*?(packages|node_modules)\//, '')}:${best[2] + 1}`
}

/** A source map's segments per line and its sources. */
function decode(map) {
  return { lines: decodeMappings(map.mappings), sources: map.sources }
}

function printProfile(p, dist) {
  const self = new Map()
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const dt = p.timeDeltas
  const counts = new Map()
  p.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i + 1] ?? 0)))
  for (const [id, us] of counts) {
    const { callFrame: f } = byId.get(id)
    const where = original(f.url, f.lineNumber, f.columnNumber, dist) ?? `${f.url.split('/').pop() || '(native)'}:${f.lineNumber + 1}`
    const key = `${f.functionName || '(anonymous)'} ${where}`
    self.set(key, (self.get(key) ?? 0) + us)
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  console.log(`CPU profile: ${(total / 1000).toFixed(0)} ms sampled; self time by function:`)
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`)
}

function printTrace(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (!main) return
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur)
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur > 50_000)
  for (const task of tasks) {
    const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur)
    const sums = new Map()
    for (const e of inside) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur)
    const top = [...sums].filter(([, d]) => d > 2_000).sort((a, b) => b[1] - a[1]).slice(0, 12)
    // tdur: the main thread's own CPU time in the task, which neither the throttling nor other
    // processes on a busy machine add to.
    console.log(`task of ${(task.dur / 1000).toFixed(0)} ms (${(task.tdur / 1000).toFixed(0)} ms on the CPU): ${top.map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`).join(', ')}`)
    if (process.env.BENCH_PROFILE_TREE) {
      const stack = []
      for (const e of [task, ...inside].sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
        while (stack.length && stack.at(-1).ts + stack.at(-1).dur < e.ts + e.dur) stack.pop()
        stack.push(e)
        if (e.dur < 3_000 || stack.length > 9 || /^(Blink\.|LocalFrameView::|HTMLDocumentParser::|V8\.GC_)/.test(e.name)) continue
        const extra = e.name === "Layout" ? ` dirty ${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects} partial ${e.args?.beginData?.partialLayout}` : ""
        const frames = (e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace ?? []).slice(0, 3).map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`)
        console.log(`${'  '.repeat(stack.length)}${e.name} ${(e.dur / 1000).toFixed(1)}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : ''}${extra}${frames.length ? ` [${frames.join(' < ')}]` : ''}`)
      }
    }
  }
}
