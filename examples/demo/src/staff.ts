// The demo staff console: plain DOM on @liuyan/client. Every piece of text is set with
// textContent, never as HTML.
import { createClient, isAPIError, isLiuyanError, type LiuyanClient, type StaffPrincipal } from '@liuyan/client'
import { ACTION_LABELS, actionForm, h } from './staff-actions.js'
import {
  allowedActions,
  DOMAIN_LABELS,
  isOverdue,
  MESSAGE_TYPE_LABELS,
  REJECT_REASON_TEXTS,
  STATUS_LABELS,
  STATUSES,
  type Board,
  type Message,
  type StaffActionName,
} from '@liuyan/core'

const API = '/api/v1'
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const EVENT_LABELS: Record<string, string> = { ...ACTION_LABELS, submit: '提交留言', 'follow-up': '留言人追问', evaluate: '留言人评价' }

let client: LiuyanClient
let me: StaffPrincipal
let boards: Board[] = []
let nextCursor: string | null = null

const time = (iso?: string) =>
  iso ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '—'

function say(text: string, error = false) {
  const line = $('status-line')
  line.textContent = text
  line.className = error ? 'status-line error' : 'status-line'
}

function explain(error: unknown): string {
  if (isAPIError(error)) {
    const issues = error.issues.map((i) => i.message).join('；')
    return `${error.problem?.title ?? `请求失败（${error.status}）`}${issues ? `：${issues}` : ''}`
  }
  return isLiuyanError(error) ? '无法连接服务器，请稍后重试。' : '发生未知错误。'
}

async function login(token: string) {
  client = createClient({ baseUrl: new URL(API, location.href).href, token })
  try {
    me = await client.inbox.me()
  } catch (error) {
    say(isAPIError(error) && error.status === 401 ? '令牌无效，请检查后重试。' : explain(error), true)
    $('token').focus()
    return
  }
  sessionStorage.setItem('liuyan-demo-token', token)
  boards = (await client.boards.list()).items
  $('who').textContent = `${me.label}（${me.roles.map((r) => ({ reviewer: '审核', handler: '办理', supervisor: '督办' })[r]).join('、')}）`
  $('login').hidden = true
  $('desk').hidden = false
  await loadInbox(true)
  $('inbox-title').setAttribute('tabindex', '-1')
  $('inbox-title').focus()
}

async function loadInbox(reset: boolean) {
  const status = ($('status') as HTMLSelectElement).value
  const overdue = ($('overdue') as HTMLInputElement).checked
  try {
    const page = await client.inbox.list({
      limit: 15,
      ...(status ? { status: status as Message['status'] } : {}),
      ...(overdue ? { overdue: true } : {}),
      ...(!reset && nextCursor ? { cursor: nextCursor } : {}),
    })
    const rows = $('rows')
    if (reset) rows.replaceChildren()
    for (const message of page.items) rows.append(row(message))
    if (reset && page.items.length === 0) rows.append(h('tr', {}, h('td', { colspan: '4' }, '没有符合条件的留言')))
    nextCursor = page.nextCursor
    $('more').hidden = !nextCursor
    say(`已加载 ${rows.querySelectorAll('tr[data-id]').length} 条留言`)
  } catch (error) {
    say(explain(error), true)
  }
}

function row(message: Message) {
  const open = h('button', { type: 'button', class: 'link' }, message.title)
  open.addEventListener('click', () => void showDetail(message.id))
  const late = isOverdue(message)
  return h('tr', { 'data-id': message.id },
    h('td', {}, open),
    h('td', {}, STATUS_LABELS['zh-CN'][message.status], message.supervised ? '（督办）' : ''),
    h('td', {}, time(message.createdAt)),
    h('td', {}, time(message.dueAt), late ? h('span', { class: 'overdue' }, ' 已超期') : null),
  )
}

async function showDetail(id: string) {
  let message: Message
  try {
    message = await client.inbox.get(id)
  } catch (error) {
    say(explain(error), true)
    return
  }
  const detail = $('detail')
  const boardName = (bid?: string) => boards.find((b) => b.id === bid)?.name ?? bid ?? '—'
  const late = isOverdue(message)
  detail.replaceChildren(
    h('h2', { id: 'detail-title' }, message.title),
    h('dl', {},
      h('dt', {}, '类型 / 领域'), h('dd', {}, `${MESSAGE_TYPE_LABELS['zh-CN'][message.type]} / ${DOMAIN_LABELS['zh-CN'][message.domain]}`),
      h('dt', {}, '状态'), h('dd', { 'data-testid': 'status' }, STATUS_LABELS['zh-CN'][message.status]),
      h('dt', {}, '留言对象'), h('dd', {}, boardName(message.boardId)),
      h('dt', {}, '办理单位'), h('dd', {}, message.assigneeBoardId ? boardName(message.assigneeBoardId) : '未交办'),
      h('dt', {}, '办理期限'), h('dd', {}, time(message.dueAt), late ? h('span', { class: 'overdue' }, ' 已超期') : ''),
      h('dt', {}, '公开'), h('dd', { 'data-testid': 'publication' }, publication(message)),
    ),
    h('p', {}, message.content),
    ...(message.publicCopy ? [publicCopyBlock(message.publicCopy)] : []),
    ...(message.rejection
      ? [h('p', {}, `不予受理：${REJECT_REASON_TEXTS['zh-CN'][message.rejection.code].label}。${message.rejection.reason}`)]
      : []),
    h('div', { class: 'private', role: 'group', 'aria-label': '仅办理单位可见' },
      h('h3', {}, '仅办理单位可见'),
      h('dl', {},
        h('dt', {}, '昵称'), h('dd', {}, message.author.nickname),
        h('dt', {}, '真实姓名'), h('dd', {}, message.author.realName ?? '未填写'),
        h('dt', {}, '手机号码'), h('dd', {}, message.author.phone ?? '未填写'),
        h('dt', {}, '地点'), h('dd', {}, message.place ? `${message.place.text}${message.place.public ? '（可公开）' : '（不公开）'}` : '未填写'),
        h('dt', {}, '备注'), h('dd', {}, message.remark ?? '无'),
      ),
    ),
    h('h3', {}, '办理记录'),
    h('ol', {}, ...message.timeline.map((e) => h('li', {}, `${time(e.at)} ${EVENT_LABELS[e.type] ?? e.type}${e.actor.name ? `（${e.actor.name}）` : ''}${e.note ? `：${e.note}` : ''}`))),
    ...message.posts.map((p) => h('p', {}, p.kind === 'reply' ? `【${p.organization}答复】${p.content}` : `【追问】${p.content}`)),
    h('h3', {}, '可执行的操作'),
    ...actionsFor(message),
  )
  detail.hidden = false
  detail.focus()
}

function publication(message: Message): string {
  if (!message.publish) return '留言人不同意公开'
  if (message.status === 'pending' || message.status === 'rejected') return '留言人同意公开（未受理）'
  if (message.hiddenAt) return '已撤下'
  return message.publishedAt ? '已公开' : '待公开（审核后发布）'
}

function publicCopyBlock(copy: NonNullable<Message['publicCopy']>): HTMLElement {
  const labels = { title: '标题', content: '内容', place: '地点', nickname: '昵称' } as const
  return h('div', { class: 'public-copy', role: 'group', 'aria-label': '公开版本' },
    h('h3', {}, '公开版本（部分内容已隐去）'),
    h('dl', {}, ...(Object.keys(labels) as (keyof typeof labels)[]).flatMap((k) => (copy[k] ? [h('dt', {}, labels[k]), h('dd', {}, copy[k])] : []))),
  )
}

function actionsFor(message: Message): HTMLElement[] {
  const names = new Set<StaffActionName>()
  for (const role of me.roles) for (const name of allowedActions(message, role)) names.add(name as StaffActionName)
  if (names.size === 0) return [h('p', {}, '当前没有可执行的操作。')]
  const ctx = {
    client,
    boards,
    refresh: async (id: string) => {
      await loadInbox(true)
      await showDetail(id)
    },
    say,
    explain,
  }
  return [...names].map((name) => actionForm(ctx, message, name))
}

function start() {
  const select = $('status') as HTMLSelectElement
  for (const status of STATUSES) select.append(h('option', { value: status }, STATUS_LABELS['zh-CN'][status]))
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault()
    void login(($('token') as HTMLInputElement).value.trim())
  })
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault()
    void loadInbox(true)
  })
  $('more').addEventListener('click', () => void loadInbox(false))
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('liuyan-demo-token')
  if (token) void login(token)
}

start()
