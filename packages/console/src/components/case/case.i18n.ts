import type { Translations } from '../../i18n.js'

export interface CaseStrings {
  empty: string
  loadFailed: string
  loading: string
  typeDomain: string
  status: string
  board: string
  unit: string
  unassigned: string
  due: string
  supervised: string
  publication: string
  noConsent: string
  unreviewed: string
  hidden: string
  published: string
  awaiting: string
  content: string
  publicCopy: string
  copyTitle: string
  copyContent: string
  copyPlace: string
  copyNickname: string
  rejection: string
  private: string
  nickname: string
  realName: string
  phone: string
  place: string
  placePublic: string
  placePrivate: string
  remark: string
  none: string
  posts: string
  reply: string
  followUp: string
  timeline: string
  by: string
  days: string
  actions: string
  noActions: string
  note: string
  reason: string
  reasonToAuthor: string
  rejectCode: string
  replyContent: string
  template: string
  noTemplate: string
  useTemplate: string
  templateUsed: string
  templateHint: string
  extendDays: string
  unitPicker: string
  redactHint: string
  newCode: string
  dueLeft: string
  dueLate: string
}

export const caseStrings: Translations<CaseStrings> = {
  'zh-CN': {
    empty: '请在待办留言中选择一条留言。', loadFailed: '无法打开这条留言', loading: '正在加载留言…',
    typeDomain: '类型 / 领域', status: '状态', board: '留言对象', unit: '办理单位', unassigned: '未交办', due: '办理期限',
    supervised: '督办中', publication: '公开', noConsent: '留言人不同意公开', unreviewed: '留言人同意公开（未受理）',
    hidden: '已撤下', published: '已公开', awaiting: '待公开（审核后发布）', content: '留言内容',
    publicCopy: '公开版本（部分内容已隐去）', copyTitle: '公开标题', copyContent: '公开内容', copyPlace: '公开地点', copyNickname: '公开昵称',
    rejection: '不予受理', private: '仅办理单位可见', nickname: '昵称', realName: '真实姓名', phone: '手机号码', place: '地点',
    placePublic: '（可公开）', placePrivate: '（不公开）', remark: '备注', none: '未填写', posts: '答复与追问',
    reply: '{organization}答复', followUp: '留言人追问', timeline: '办理记录', by: '{name}（{role}）', days: '{days} 个工作日',
    actions: '可执行的操作', noActions: '您的令牌当前不能对这条留言执行任何操作。', note: '备注（可不填）', reason: '理由',
    reasonToAuthor: '给留言人的说明', rejectCode: '不予受理的原因', replyContent: '答复内容', template: '答复模板', noTemplate: '不用模板', useTemplate: '填入模板', templateUsed: '已填入模板“{name}”，发送前可修改', templateHint: '模板中的标题、单位、日期等已按这条留言填好。', extendDays: '延期工作日（1–60）',
    unitPicker: '办理单位', redactHint: '公众看到这里的文字；工作人员仍看到原文。公开页面会注明“部分内容已隐去”。',
    newCode: '新查询码：{code}（只显示这一次，请告知留言人）', dueLeft: '剩 {days} 个工作日', dueLate: '已超期 {days} 个工作日',
  },
  'zh-TW': {
    empty: '請在待辦留言中選擇一則留言。', loadFailed: '無法開啟這則留言', loading: '正在載入留言…',
    typeDomain: '類型 / 領域', status: '狀態', board: '留言對象', unit: '辦理單位', unassigned: '未交辦', due: '辦理期限',
    supervised: '督辦中', publication: '公開', noConsent: '留言人不同意公開', unreviewed: '留言人同意公開（未受理）',
    hidden: '已撤下', published: '已公開', awaiting: '待公開（審核後發布）', content: '留言內容',
    publicCopy: '公開版本（部分內容已隱去）', copyTitle: '公開標題', copyContent: '公開內容', copyPlace: '公開地點', copyNickname: '公開暱稱',
    rejection: '不予受理', private: '僅辦理單位可見', nickname: '暱稱', realName: '真實姓名', phone: '手機號碼', place: '地點',
    placePublic: '（可公開）', placePrivate: '（不公開）', remark: '備註', none: '未填寫', posts: '答覆與追問',
    reply: '{organization}答覆', followUp: '留言人追問', timeline: '辦理紀錄', by: '{name}（{role}）', days: '{days} 個工作日',
    actions: '可執行的操作', noActions: '您的權杖目前不能對這則留言執行任何操作。', note: '備註（可不填）', reason: '理由',
    reasonToAuthor: '給留言人的說明', rejectCode: '不予受理的原因', replyContent: '答覆內容', template: '答覆範本', noTemplate: '不用範本', useTemplate: '填入範本', templateUsed: '已填入範本「{name}」，送出前可修改', templateHint: '範本中的標題、單位、日期等已依這則留言填好。', extendDays: '延期工作日（1–60）',
    unitPicker: '辦理單位', redactHint: '公眾看到這裡的文字；工作人員仍看到原文。公開頁面會註明「部分內容已隱去」。',
    newCode: '新查詢碼：{code}（只顯示這一次，請告知留言人）', dueLeft: '剩 {days} 個工作日', dueLate: '已逾期 {days} 個工作日',
  },
  en: {
    empty: 'Pick a message in the inbox.', loadFailed: 'The message could not be opened', loading: 'Loading the message…',
    typeDomain: 'Type / domain', status: 'Status', board: 'Board', unit: 'Handling unit', unassigned: 'Not assigned', due: 'Deadline',
    supervised: 'Under supervision', publication: 'Publication', noConsent: 'The author did not consent to publication', unreviewed: 'Consented (not reviewed yet)',
    hidden: 'Unpublished', published: 'Public', awaiting: 'Awaiting publication (after review)', content: 'Message',
    publicCopy: 'Public copy (some text withheld)', copyTitle: 'Public title', copyContent: 'Public text', copyPlace: 'Public place', copyNickname: 'Public nickname',
    rejection: 'Rejected', private: 'Seen by the handling units only', nickname: 'Nickname', realName: 'Real name', phone: 'Mobile', place: 'Place',
    placePublic: ' (may be public)', placePrivate: ' (not public)', remark: 'Remark', none: 'Not given', posts: 'Replies and follow-ups',
    reply: 'Reply of {organization}', followUp: 'Follow-up by the author', timeline: 'Handling record', by: '{name} ({role})', days: '{days} working days',
    actions: 'Actions you can take', noActions: 'Your token can take no action on this message now.', note: 'Note (optional)', reason: 'Reason',
    reasonToAuthor: 'Explanation to the author', rejectCode: 'Reason for rejecting', replyContent: 'Reply', template: 'Reply template', noTemplate: 'No template', useTemplate: 'Use template', templateUsed: 'Template “{name}” filled in; edit it before sending', templateHint: 'The title, unit, dates… of the template are filled in for this message.', extendDays: 'Working days to add (1–60)',
    unitPicker: 'Handling unit', redactHint: 'The public reads this text; staff still see the original. The public page says that text was withheld.',
    newCode: 'New tracking code: {code} (shown this once; tell the author)', dueLeft: '{days} working days left', dueLate: '{days} working days overdue',
  },
}
