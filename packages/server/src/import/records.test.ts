import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readJsonRecords, type ReadRecord } from './records.js'

/** The records of a text fed in the given chunk sizes (the last size repeats). */
async function read(text: string, chunkSizes: number[] = [65_536]): Promise<ReadRecord[]> {
  const chunks: Buffer[] = []
  const bytes = Buffer.from(text, 'utf8')
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, chunkSizes[Math.min(i, chunkSizes.length - 1)]!)
    chunks.push(bytes.subarray(at, at + size))
    at += size
  }
  const out: ReadRecord[] = []
  for await (const record of readJsonRecords(Readable.from(chunks))) out.push(record)
  return out
}

describe('readJsonRecords', () => {
  it('reads JSON lines, skipping blank lines, and names the line of text that is not JSON', async () => {
    const text = '{"tid":1}\n\n{"tid":2,"subject":"路灯，坏了]"}\r\n{"tid":3, 13812345678\n[{"tid":4},{"tid":5}]\n'
    expect(await read(text)).toEqual([
      { line: 1, value: { tid: 1 } },
      { line: 3, value: { tid: 2, subject: '路灯，坏了]' } },
      { line: 4, error: 'the line is not valid JSON' },
      { line: 5, value: { tid: 4 } },
      { line: 5, value: { tid: 5 } },
    ])
  })

  it('reads one JSON array in any layout, with the line where each element starts', async () => {
    const text = '\uFEFF  [\n  {"tid": 1, "content": "逗号, 括号 ] } [ { 和 \\"引号\\" \\\\"},\n  {"tid": 2,\n   "posts": [{"a": [1, 2]}]},\n\n  {"tid": oops},\n  "文本", 7\n]\n'
    expect(await read(text)).toEqual([
      { line: 2, value: { tid: 1, content: '逗号, 括号 ] } [ { 和 "引号" \\' } },
      { line: 3, value: { tid: 2, posts: [{ a: [1, 2] }] } },
      { line: 6, error: 'the record is not valid JSON' },
      { line: 7, value: '文本' },
      { line: 7, value: 7 },
    ])
  })

  it('never quotes the text it could not read', async () => {
    const records = await read('{"realName":"王小明","phone":"13812345678"\n[{"phone":"13812345678",}]')
    expect(records.map((r) => ('error' in r ? r.error : '')).join(' ')).not.toMatch(/王小明|13812345678/)
  })

  it('says when an array is not closed or is followed by more text', async () => {
    expect(await read('[{"tid":1},\n{"tid":2')).toEqual([
      { line: 1, value: { tid: 1 } },
      { line: 2, error: 'the array is not closed: the file ends inside it' },
    ])
    expect(await read('[{"tid":1}]\n\n{"tid":2}')).toEqual([
      { line: 1, value: { tid: 1 } },
      { line: 3, error: 'there is more text after the closing ] of the array' },
    ])
    expect(await read('[]')).toEqual([])
    expect(await read('  \n ')).toEqual([])
  })

  it('gives the same records whatever the chunks and the layout (property)', async () => {
    const record = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(null)), { maxKeys: 4 })
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), fc.boolean(), async (records, sizes, pretty) => {
        const array = (await read(JSON.stringify(records, null, pretty ? 2 : undefined), sizes)).map((r) => ('value' in r ? r.value : r))
        expect(array).toEqual(records)
        const lines = (await read(records.map((r) => JSON.stringify(r)).join('\n'), sizes)).map((r) => ('value' in r ? r.value : r))
        expect(lines).toEqual(records.filter((r) => !Array.isArray(r)))
      }),
      { numRuns: 200 },
    )
  })
})
