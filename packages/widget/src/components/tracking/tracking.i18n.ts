/** The strings of `<liuyan-tracking>`. Status and satisfaction labels come from core. */
export interface TrackingStrings {
  code: string
  codeHint: string
  lookup: string
  looking: string
  notFound: string
  result: string
  status: string
  listing: string
  /** The public can see the message now. */
  listed: string
  /** The author consented; the message is not public yet (review or publication pending). */
  awaiting: string
  /** The author did not consent: it stays private. */
  unlisted: string
  /** It was public and has been withdrawn (撤下). */
  withdrawn: string
  /** Refused messages are never public. */
  refused: string
  /** Heading of why the message was refused. */
  rejection: string
  /** The reviewer's own words. */
  reviewerNote: string
  whereToTurn: string
  followUp: string
  followUpLabel: string
  followUpHint: string
  sendFollowUp: string
  followUpSent: string
  rate: string
  rateHint: string
  overall: string
  resolution: string
  attitude: string
  speed: string
  comment: string
  sendRating: string
  sending: string
  rated: string
  ratedThanks: string
  alreadyRated: string
  conflict: string
}

/** In zh-CN, the default language, bundled with the component; zh-TW and en are in `src/i18n/<locale>.ts`, loaded when a page needs them. */
export const trackingStrings: TrackingStrings = {
  code: '查询码',
  codeHint: '提交留言后得到的 12 位字母和数字，区分大小写，可以带空格或短横线。',
  lookup: '查询',
  looking: '正在查询…',
  notFound: '没有找到这个查询码对应的留言。请核对后重新输入，注意区分大小写。',
  result: '留言办理情况',
  status: '办理状态',
  listing: '是否公开',
  listed: '已公开（正在留言板上展示）',
  awaiting: '同意公开（审核通过后在留言板展示）',
  unlisted: '不公开（您没有同意公开，留言只有您和办理单位能看到）',
  withdrawn: '已撤下（留言现在不在留言板上展示）',
  refused: '不公开（留言未被受理，不会在留言板上展示）',
  rejection: '不予受理的原因',
  reviewerNote: '审核说明',
  whereToTurn: '您可以',
  followUp: '追问',
  followUpLabel: '追问内容',
  followUpHint: '对答复还有疑问或情况有变化，可以在这里补充，办理单位会继续处理。',
  sendFollowUp: '发送追问',
  followUpSent: '追问已发送。',
  rate: '评价办理结果',
  rateHint: '每条留言只能评价一次，提交后不能修改。',
  overall: '总体评价',
  resolution: '解决程度',
  attitude: '办理态度',
  speed: '办理速度',
  comment: '评价内容',
  sendRating: '提交评价',
  sending: '正在提交…',
  rated: '您已评价',
  ratedThanks: '感谢您的评价。',
  alreadyRated: '您已经评价过了，每条留言只能评价一次。',
  conflict: '留言的办理状态已经变化，页面已更新，请查看后再操作。',
}
