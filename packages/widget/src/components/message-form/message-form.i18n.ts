import type { Translations } from '../../i18n/index.js'

/** The strings of `<liuyan-message-form>`. Field names in error messages come from core. */
export interface MessageFormStrings {
  draftFound: string
  restore: string
  discard: string
  restored: string
  type: string
  domain: string
  title: string
  titleHint: string
  content: string
  contentHint: string
  place: string
  placeHint: string
  placePublic: string
  nickname: string
  nicknameHint: string
  maskNickname: string
  contact: string
  privateNote: string
  realName: string
  phone: string
  /** Label of the private remark; the agency pages call the field by it (“仅办理单位可见”栏目). */
  remark: string
  /** Who reads the remark, and what it is for. */
  remarkHint: string
  /** The remark as named inside an error message from core, e.g. “{label}不能超过500个字”. */
  remarkName: string
  publish: string
  publishNote: string
  honeypot: string
  submit: string
  sending: string
  done: string
  codeLabel: string
  keep: string
  copy: string
  copied: string
  copyFailed: string
  thanks: string
  another: string
}

export const messageFormStrings: Translations<MessageFormStrings> = {
  'zh-CN': {
    draftFound: '您有未提交的草稿，是否恢复？',
    restore: '恢复草稿',
    discard: '放弃草稿',
    restored: '草稿已恢复',
    type: '留言类型',
    domain: '留言领域',
    title: '标题',
    titleHint: '用一句话概括您要反映的事情（4–22 个字）。',
    content: '内容',
    contentHint: '请写清时间、地点和经过（10–1000 个字）。请不要在这里填写身份证号、手机号等个人信息。',
    place: '地点',
    placeHint: '例如：朝阳区某小区门口',
    placePublic: '地点可以公开显示',
    nickname: '昵称',
    nicknameHint: '公开显示的称呼，例如“市民”。',
    maskNickname: '公开时隐藏昵称（显示为“陈***”）',
    contact: '联系方式',
    privateNote: '真实姓名和手机号码只提供给办理单位，用于联系您了解情况，任何时候都不会公开显示。',
    realName: '真实姓名',
    phone: '手机号码',
    remark: '仅办理单位可见',
    remarkHint: '这里的内容不会公开，只有审核和办理您留言的工作人员能看到。适合填写门牌号、联系时间等。',
    remarkName: '“仅办理单位可见”的内容',
    publish: '同意公开：我同意在留言板上公开本留言的标题、内容、昵称和办理回复',
    publishNote: '依照《个人信息保护法》，公开前须征得您的同意。不同意也会正常受理和答复，只是不公开展示。公开时手机号、身份证号等信息会被遮盖，真实姓名和手机号码不会公开。',
    honeypot: '请勿填写此项',
    submit: '提交留言',
    sending: '正在提交…',
    done: '留言已提交',
    codeLabel: '您的查询码：',
    keep: '请抄下或复制并妥善保存查询码：凭它查看办理进度、追问和评价。查询码只显示这一次，丢失后无法找回。',
    copy: '复制查询码',
    copied: '查询码已复制。',
    copyFailed: '无法自动复制，查询码已选中，请手动复制或抄下来。',
    thanks: '感谢您的留言',
    another: '再写一条留言',
  },
  'zh-TW': {
    draftFound: '您有未提交的草稿，是否恢復？',
    restore: '恢復草稿',
    discard: '放棄草稿',
    restored: '草稿已恢復',
    type: '留言類型',
    domain: '留言領域',
    title: '標題',
    titleHint: '用一句話概括您要反映的事情（4–22 個字）。',
    content: '內容',
    contentHint: '請寫清時間、地點和經過（10–1000 個字）。請不要在這裡填寫身分證號、手機號等個人資料。',
    place: '地點',
    placeHint: '例如：朝陽區某社區門口',
    placePublic: '地點可以公開顯示',
    nickname: '暱稱',
    nicknameHint: '公開顯示的稱呼，例如「市民」。',
    maskNickname: '公開時隱藏暱稱（顯示為「陳***」）',
    contact: '聯絡方式',
    privateNote: '真實姓名和手機號碼只提供給辦理單位，用於聯絡您了解情況，任何時候都不會公開顯示。',
    realName: '真實姓名',
    phone: '手機號碼',
    remark: '僅辦理單位可見',
    remarkHint: '這裡的內容不會公開，只有審核和辦理您留言的工作人員能看到。適合填寫門牌號、聯絡時間等。',
    remarkName: '「僅辦理單位可見」的內容',
    publish: '同意公開：我同意在留言板上公開本留言的標題、內容、暱稱和辦理回覆',
    publishNote: '依照《個人信息保護法》，公開前須徵得您的同意。不同意也會正常受理和答覆，只是不公開展示。公開時手機號、身分證號等資訊會被遮蓋，真實姓名和手機號碼不會公開。',
    honeypot: '請勿填寫此項',
    submit: '提交留言',
    sending: '正在提交…',
    done: '留言已提交',
    codeLabel: '您的查詢碼：',
    keep: '請抄下或複製並妥善保存查詢碼：憑它查看辦理進度、追問和評價。查詢碼只顯示這一次，遺失後無法找回。',
    copy: '複製查詢碼',
    copied: '查詢碼已複製。',
    copyFailed: '無法自動複製，查詢碼已選取，請手動複製或抄下來。',
    thanks: '感謝您的留言',
    another: '再寫一則留言',
  },
  en: {
    draftFound: 'You have a message you did not send. Restore it?',
    restore: 'Restore draft',
    discard: 'Discard draft',
    restored: 'Draft restored',
    type: 'Type of message',
    domain: 'Subject area',
    title: 'Title',
    titleHint: 'Say in one line what it is about (4–22 characters).',
    content: 'Message',
    contentHint: 'Say when, where and what happened (10–1,000 characters). Please do not write ID or phone numbers here.',
    place: 'Place',
    placeHint: 'For example: the gate of a housing estate in Chaoyang District',
    placePublic: 'The place may be shown publicly',
    nickname: 'Display name',
    nicknameHint: 'The name shown in public, e.g. “Resident”.',
    maskNickname: 'Hide my display name in public (shown as “Ch***”)',
    contact: 'Contact details',
    privateNote: 'Your real name and mobile number go only to the unit handling your message, to contact you. They are never shown publicly.',
    realName: 'Real name',
    phone: 'Mobile number',
    remark: 'Only for the handling unit',
    remarkHint: 'This is never published: only the staff who review and handle your message can read it. Use it for details such as your house number or when to reach you.',
    remarkName: 'note for the handling unit',
    publish: 'Consent to publish: I agree that the title, text, display name and official reply of this message are shown on the board',
    publishNote: 'Under the Personal Information Protection Law we publish only with your consent. Without it your message is still handled and answered, but not listed publicly. Phone and ID numbers are masked in public; your real name and mobile number are never shown.',
    honeypot: 'Leave this field empty',
    submit: 'Send message',
    sending: 'Sending…',
    done: 'Your message has been sent',
    codeLabel: 'Your tracking code:',
    keep: 'Write down or copy this tracking code and keep it: you need it to follow your message, ask a follow-up question and rate the reply. It is shown only once and cannot be recovered.',
    copy: 'Copy tracking code',
    copied: 'Tracking code copied.',
    copyFailed: 'Could not copy automatically. The code is selected: copy it or write it down.',
    thanks: 'Thank you for your message',
    another: 'Write another message',
  },
}
