// Shared by the console's browser tests: the widget's test utilities (the real Board API through
// msw, axe, mount, until) and what the staff side adds: tokens of a chosen scope, messages to
// work on, and reading through shadow roots. Not shipped (excluded in package.json `files`).
import type { MswBoard } from '@liuyan/server/msw'
import { NewMessageSchema, validate, type NewMessageInput } from '@liuyan/core'
export { API, apiWorker, breakApi, DEMO_TOKEN, expectAccessible, expectAccessibleInBothThemes, mount, startBoard, until } from '../../widget/src/test-utils.js'

/** A staff token of the board with these roles and boards (each with the boards below it). */
export async function tokenFor(board: MswBoard, label: string, roles: ('reviewer' | 'handler' | 'supervisor')[], boardIds: string[]): Promise<string> {
  const { token } = await board.service.createToken({ label, roles, boardIds })
  return token
}

/** Keeps `token` as the tab's sign-in for the test API (as <liuyan-console> does). */
export function signInTab(token: string | undefined): void {
  const key = `liuyan-console-token|${new URL('/api/v1', document.baseURI).href}`
  if (token) sessionStorage.setItem(key, token)
  else sessionStorage.removeItem(key)
}

let counter = 0
/** Submits a fresh message (pending) and returns its id and title. */
export async function submit(board: MswBoard, input: Partial<NewMessageInput> = {}): Promise<{ id: string; title: string }> {
  const title = input.title ?? `测试留言第${++counter}号路灯`
  const checked = validate(NewMessageSchema, {
    boardId: '220100-gov', type: 'complain', domain: 'urban', title,
    content: '朝阳路十二号小区门口的路灯已经坏了两个星期，晚上很黑。', author: { nickname: '测试市民', realName: '王测试', phone: '13900002222' },
    publish: true, ...input,
  })
  if (!checked.success) throw new Error(checked.issues.map((i) => i.message).join('; '))
  const result = await board.service.submit(checked.data)
  return { id: result.id, title }
}

/** The shadow root of `el`, or fails. */
export const shadow = (el: Element): ShadowRoot => {
  if (!el.shadowRoot) throw new Error(`${el.tagName} has no shadow root`)
  return el.shadowRoot
}

/** The first element matching `selector` inside the shadow roots along `path` (host selectors). */
export function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T | null {
  let node: Element | null = root
  for (const selector of selectors) {
    node = node?.shadowRoot?.querySelector(selector) ?? null
  }
  return node as T | null
}

/** The element focused now, through shadow roots. */
export function activeDeep(): Element | null {
  let el = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el
}

/** Sets a control's value as typing does (an `input` event, then `change`). */
export function type(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  control.value = value
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }))
}
