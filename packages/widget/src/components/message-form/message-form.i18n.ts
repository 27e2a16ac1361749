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

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const messageFormStrings: MessageFormStrings = {
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
}
