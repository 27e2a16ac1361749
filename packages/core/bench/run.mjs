// npm run bench -w @liuyan/core: validations per second of NewMessageSchema against Ajv on the
// exported JSON Schema, and the size of a browser bundle that only validates submissions.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import * as z from 'zod/mini'
import { NewMessageSchema, toJSONSchema, validateNewMessage } from '../dist/index.js'
import { bundleSize, kb } from '../../../scripts/bundle-size.mjs'

const message = {
  boardId: '220100-gov',
  type: 'complain',
  domain: 'urban',
  title: '小区门口路灯坏了两个星期',
  content:
    '朝阳路12号小区门口的路灯已经坏了两个星期，晚上出行很不方便，老人孩子容易摔倒。物业说归市政管，市政热线说要等排期。希望相关部门尽快派人修复，并告知大概的维修时间。谢谢！',
  place: { text: '朝阳区朝阳路12号', public: false },
  images: ['https://img.example.gov.cn/a/1.jpg', 'https://img.example.gov.cn/a/2.jpg'],
  imagesPublic: false,
  author: { nickname: '老王', realName: '王小明', phone: '13812345678', maskNickname: true },
  remark: '白天不在家，请晚上六点后联系',
  publish: true,
}

function opsPerSecond(fn, ms = 1500) {
  for (let i = 0; i < 2000; i++) fn() // warm up the JIT
  let n = 0
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    for (let i = 0; i < 500; i++) fn()
    n += 500
    now = performance.now()
  }
  return (n * 1000) / (now - start)
}

const ajv = new Ajv2020({ strict: true })
addFormats(ajv)
const ajvValidate = ajv.compile(toJSONSchema('new-message'))
if (!ajvValidate(message) || !z.safeParse(NewMessageSchema, message).success) throw new Error('the sample must be valid')

const zodOps = opsPerSecond(() => z.safeParse(NewMessageSchema, message))
const localizedOps = opsPerSecond(() => validateNewMessage(message))
const ajvOps = opsPerSecond(() => ajvValidate(message))
const fmt = (n) => Math.round(n).toLocaleString('en-US')
console.log(`NewMessageSchema (zod/mini)        ${fmt(zodOps)} validations/s`)
console.log(`validateNewMessage (localized)     ${fmt(localizedOps)} validations/s`)
console.log(`Ajv on schema/new-message.json     ${fmt(ajvOps)} validations/s`)
console.log(`ratio zod/Ajv                      ${(zodOps / ajvOps).toFixed(2)}`)

const size = await bundleSize(
  `import { validateNewMessage } from '@liuyan/core'; globalThis.v = (x) => validateNewMessage(x, { locale: 'zh-CN' })`,
  { cwd: new URL('..', import.meta.url).pathname, source: false },
)
console.log(`browser bundle, validateNewMessage zh-CN: ${kb(size.min)} min, ${kb(size.gzip)} min+gzip (goal ≤ 10 KB, test budget 12 KB)`)
