import type { Translations } from '../../i18n.js'

export interface ConsoleStrings {
  signInTitle: string
  token: string
  tokenHint: string
  signIn: string
  signingIn: string
  signOut: string
  signedOut: string
  who: string
  scope: string
  nav: string
  inbox: string
  case: string
  supervision: string
  hotspots: string
  templates: string
  noRoles: string
  emptyToken: string
  /** Joins the role names. */
  separator: string
}

export const consoleStrings: Translations<ConsoleStrings> = {
  'zh-CN': {
    signInTitle: '工作人员登录', token: '工作人员令牌', tokenHint: '令牌只保存在本浏览器标签页中，关闭标签页即失效。', signIn: '登录',
    signingIn: '正在登录…', signOut: '退出登录', signedOut: '已退出登录。', who: '{label}（{roles}）', scope: '负责 {count} 个留言对象',
    nav: '工作台', inbox: '待办留言', case: '留言详情', supervision: '督查统计', hotspots: '热点与重复', templates: '答复模板', noRoles: '此令牌没有任何角色，无法办理留言。', emptyToken: '请填写工作人员令牌', separator: '、',
  },
  'zh-TW': {
    signInTitle: '工作人員登入', token: '工作人員權杖', tokenHint: '權杖只保存在本瀏覽器分頁中，關閉分頁即失效。', signIn: '登入',
    signingIn: '正在登入…', signOut: '登出', signedOut: '已登出。', who: '{label}（{roles}）', scope: '負責 {count} 個留言對象',
    nav: '工作台', inbox: '待辦留言', case: '留言詳情', supervision: '督查統計', hotspots: '熱點與重複', templates: '答覆範本', noRoles: '此權杖沒有任何角色，無法辦理留言。', emptyToken: '請填寫工作人員權杖', separator: '、',
  },
  en: {
    signInTitle: 'Staff sign-in', token: 'Staff token', tokenHint: 'The token is kept in this browser tab only and is gone when the tab is closed.', signIn: 'Sign in',
    signingIn: 'Signing in…', signOut: 'Sign out', signedOut: 'Signed out.', who: '{label} ({roles})', scope: '{count} boards in scope',
    nav: 'Workspace', inbox: 'Inbox', case: 'Message', supervision: 'Supervision', hotspots: 'Hot spots', templates: 'Reply templates', noRoles: 'This token has no role; it cannot handle messages.', emptyToken: 'Please enter the staff token', separator: ', ',
  },
}
