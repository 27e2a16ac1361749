import type { NewReplyTemplateInput, Page, ReplyTemplate } from '@liuyan/core'
import type { RequestOptions, Transport } from '../internal/transport.js'
import { check } from '../internal/validate.js'

/**
 * Reply templates (标准模板化): a board's standard replies with `{title}`, `{unit}`… placeholders
 * (see core's `REPLY_TEMPLATE_PLACEHOLDERS` and `fillReplyTemplate`). Any staff token lists those
 * of its boards; supervisors write them. Needs a token.
 */
export class ReplyTemplates {
  constructor(readonly transport: Transport) {}

  /**
   * The templates that apply to a board: its own and those of the boards above it, nearest first.
   *
   * @example
   * ```ts
   * const { items } = await staff.templates.list('220102-zjj')
   * const text = fillReplyTemplate(items[0].text, replyTemplateValues(message, { unit: '南关区住建局', now: new Date() }))
   * ```
   */
  list(boardId: string, options?: RequestOptions): Promise<Page<ReplyTemplate>> {
    return this.transport.request({ method: 'GET', path: `/boards/${encodeURIComponent(boardId)}/reply-templates`, schema: 'replyTemplates', options })
  }

  /** A new template of a board (supervisors). Retries reuse one `Idempotency-Key`. */
  async create(boardId: string, template: NewReplyTemplateInput, options?: RequestOptions): Promise<ReplyTemplate> {
    const body = await check('replyTemplate', template, this.transport.config.locale)
    return this.transport.request({ method: 'POST', path: `/boards/${encodeURIComponent(boardId)}/reply-templates`, body, schema: 'replyTemplate', options })
  }

  /** Replaces a template's name and text (supervisors). */
  async update(id: string, template: NewReplyTemplateInput, options?: RequestOptions): Promise<ReplyTemplate> {
    const body = await check('replyTemplate', template, this.transport.config.locale)
    return this.transport.request({ method: 'PUT', path: `/reply-templates/${encodeURIComponent(id)}`, body, schema: 'replyTemplate', options })
  }

  /** Removes a template (supervisors); resolves the template removed. A second call is a `NotFoundError`. */
  delete(id: string, options?: RequestOptions): Promise<ReplyTemplate> {
    return this.transport.request({ method: 'DELETE', path: `/reply-templates/${encodeURIComponent(id)}`, schema: 'replyTemplate', options })
  }
}
