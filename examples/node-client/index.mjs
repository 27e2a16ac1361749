// Lists the boards, submits a message and follows it by its tracking code, against a running
// Board API (start one with `npm start` at the repository root).
//
//   LIUYAN_API=http://127.0.0.1:8787/api/v1 node index.mjs
import { createClient, isAPIError, isValidationError } from '@liuyan/client'

const baseUrl = process.env.LIUYAN_API ?? 'http://127.0.0.1:8787/api/v1'
const client = createClient({ baseUrl, locale: 'zh-CN' })

try {
  const { items: boards } = await client.boards.list()
  console.log(`${boards.length} 个留言对象：`)
  for (const board of boards) console.log(`  ${board.id}  ${board.name}${board.acceptsMessages ? '' : '（暂停受理）'}`)

  const target = boards.find((b) => b.acceptsMessages && b.parentId) ?? boards.find((b) => b.acceptsMessages)
  if (!target) throw new Error('No board accepts messages.')

  const { id, trackingCode, status } = await client.messages.submit({
    boardId: target.id,
    type: 'suggest',
    domain: 'transport',
    title: '建议增开夜间公交线路',
    content: '晚上十点以后从火车站到南部新城没有公交车，打车很贵。建议增开一条夜间公交线路，方便夜班职工回家。',
    author: { nickname: '夜班职工', phone: '13800000000' },
    publish: true,
  })
  console.log(`已提交：${id}（${status}），查询码 ${trackingCode}`)

  const mine = await client.tracking.get(trackingCode)
  console.log(`查询结果：状态 ${mine.status}，可追问 ${mine.canFollowUp ? '是' : '否'}，可评价 ${mine.canEvaluate ? '是' : '否'}`)

  let count = 0
  for await (const message of client.messages.list({ boardId: target.id, limit: 5 })) {
    if (++count > 10) break
    console.log(`  · ${message.title}`)
  }
} catch (error) {
  if (isValidationError(error)) console.error('提交内容有误：', error.issues.map((i) => i.message).join('；'))
  else if (isAPIError(error)) console.error(`服务器返回 ${error.status}：${error.problem?.title ?? error.message}`)
  else console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
