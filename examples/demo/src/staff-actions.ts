// The action forms of the demo staff console: one form per action the token's roles allow now.
// Every piece of text is set with textContent (see h), never as HTML.
import type { LiuyanClient } from '@liuyan/client'
import { REJECT_REASON_TEXTS, REJECT_REASONS, STATUS_LABELS, type Board, type Message, type StaffAction, type StaffActionName } from '@liuyan/core'

export const ACTION_LABELS: Record<StaffActionName, string> = {
  accept: '受理', reject: '不予受理', assign: '交办', transfer: '转办', start: '开始办理', reply: '答复',
  extend: '延期', close: '办结', supervise: '督办', remind: '催办', reopen: '退回重办',
  publish: '公开', unpublish: '撤下', redact: '设置公开版本（隐去）', 'reissue-code': '重发查询码',
}

/** What the forms need of the console. */
export interface ActionContext {
  client: LiuyanClient
  boards: readonly Board[]
  /** Reloads the inbox and the message after a change. */
  refresh(id: string): Promise<void>
  say(text: string, error?: boolean): void
  explain(error: unknown): string
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string | null | undefined)[]) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) if (value !== undefined) element.setAttribute(name, value)
  for (const child of children) if (child != null) element.append(child)
  return element
}

function field(id: string, label: string, control: HTMLElement, hint?: string) {
  control.id = id
  if (!hint) return [h('label', { for: id }, label), control]
  control.setAttribute('aria-describedby', `${id}-hint`)
  return [h('label', { for: id }, label), h('p', { id: `${id}-hint`, class: 'hint' }, hint), control]
}

/** The fields of the public copy a reviewer can rewrite, with the author's text they replace. */
function copyFields(message: Message): [keyof NonNullable<Message['publicCopy']>, string, string][] {
  const fields: [keyof NonNullable<Message['publicCopy']>, string, string][] = [
    ['title', '公开标题', message.title],
    ['content', '公开内容', message.content],
    ['nickname', '公开昵称', message.author.nickname],
  ]
  if (message.place?.public) fields.push(['place', '公开地点', message.place.text])
  return fields
}

export function actionForm(ctx: ActionContext, message: Message, name: StaffActionName): HTMLElement {
  const form = h('form', { class: 'action', 'aria-label': ACTION_LABELS[name] })
  const key = `${name}-${message.id}`
  const inputs: Record<string, Control> = {}
  const add = (fieldName: string, label: string, control: Control, hint?: string) => {
    inputs[fieldName] = control
    form.append(...field(`${key}-${fieldName}`, label, control, hint))
  }
  if (name === 'assign' || name === 'transfer') {
    const select = h('select', { required: '' })
    for (const board of ctx.boards.filter((b) => b.acceptsMessages && b.id !== (message.assigneeBoardId ?? message.boardId))) {
      select.append(h('option', { value: board.id }, board.name))
    }
    add('boardId', '办理单位', select)
  }
  if (name === 'reject') {
    const select = h('select', { required: '' })
    for (const code of REJECT_REASONS) select.append(h('option', { value: code }, REJECT_REASON_TEXTS['zh-CN'][code].label))
    add('code', '不予受理的原因', select, '留言人查询时会看到原因的说明和可以反映的渠道')
  }
  if (name === 'redact') {
    for (const [fieldName, label, original] of copyFields(message)) {
      const current = message.publicCopy?.[fieldName] ?? original
      const control = fieldName === 'content' ? h('textarea', { rows: '5' }) : h('input', { type: 'text' })
      control.value = current
      add(fieldName, label, control)
    }
    form.prepend(h('p', { class: 'hint' }, '公众看到这里的文字；工作人员仍看到原文。公开页面会注明“部分内容已隐去”。'))
  }
  if (name === 'reply') add('content', '答复内容', h('textarea', { required: '' }))
  if (name === 'extend') add('days', '延期工作日', h('input', { type: 'number', min: '1', max: '60', value: '5', required: '' }))
  if (['reject', 'transfer', 'extend', 'reopen', 'unpublish', 'reissue-code'].includes(name)) {
    add('reason', name === 'reject' ? '给留言人的说明' : '理由', h('input', { type: 'text', required: '' }))
  }
  const button = h('button', { type: 'submit', class: 'primary' }, ACTION_LABELS[name])
  form.append(button)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const value = (f: string) => inputs[f]?.value.trim() ?? ''
    const copy: Record<string, string> = {}
    if (name === 'redact') {
      // Only what the reviewer changed: an unchanged field shows the author's text, masked as always.
      for (const [fieldName, , original] of copyFields(message)) if (value(fieldName) && value(fieldName) !== original) copy[fieldName] = value(fieldName)
    }
    const action = {
      action: name,
      ...copy,
      ...(inputs.boardId ? { boardId: value('boardId') } : {}),
      ...(inputs.code ? { code: value('code') } : {}),
      ...(inputs.content && name !== 'redact' ? { content: value('content') } : {}),
      ...(inputs.days ? { days: Number(value('days')) } : {}),
      ...(inputs.reason ? { reason: value('reason') } : {}),
    } as StaffAction
    button.disabled = true
    ctx.client.messages
      .act(message.id, action)
      .then(async (updated) => {
        await ctx.refresh(message.id)
        const done = `已${ACTION_LABELS[name]}：${updated.title}（${STATUS_LABELS['zh-CN'][updated.status]}）`
        // The new code is shown this once: the server keeps only its hash.
        ctx.say(updated.trackingCode ? `${done}。新查询码：${updated.trackingCode}（只显示这一次，请告知留言人）` : done)
      })
      .catch((error: unknown) => {
        ctx.say(ctx.explain(error), true)
        button.disabled = false
      })
  })
  return form
}
