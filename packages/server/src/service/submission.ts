// What a citizen's submission becomes: a `pending` message of an open board, with its first
// timeline event (the service stores it with its tracking code in one transaction).
import { createId, type Board, type Message, type NewMessage } from '@liuyan/core'
import { ServiceError } from '../errors.js'

/**
 * The message of a submission (already validated with `NewMessageSchema`) made at `at`, on
 * `board` (the submission's board as the service knows it); a board that is unknown or takes no
 * messages is a 422 on `boardId`.
 */
export function newMessageOf(input: NewMessage, board: Board | undefined, at: string): Message {
  if (!board || !board.acceptsMessages) {
    throw new ServiceError(422, 'validation_failed', '提交的内容有误', [
      board ? { path: ['boardId'], code: 'board_closed', message: '该留言对象暂不接受留言' } : { path: ['boardId'], code: 'unknown_board', message: '请选择有效的留言对象' },
    ])
  }
  const message: Message = {
    id: createId(),
    boardId: input.boardId,
    type: input.type,
    domain: input.domain,
    title: input.title,
    content: input.content,
    images: input.images ?? [],
    imagesPublic: input.imagesPublic ?? false,
    author: input.author,
    publish: input.publish,
    channel: input.channel ?? 'web',
    status: 'pending',
    createdAt: at,
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [{ id: createId(), type: 'submit', at, actor: { role: 'citizen' }, to: 'pending' }],
  }
  if (input.place) message.place = input.place
  if (input.remark) message.remark = input.remark
  return message
}
