import type { Translations } from '../../i18n/index.js'

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

export const trackingStrings: Translations<TrackingStrings> = {
  'zh-CN': {
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
  },
  'zh-TW': {
    code: '查詢碼',
    codeHint: '提交留言後得到的 12 位字母和數字，區分大小寫，可以帶空格或短橫線。',
    lookup: '查詢',
    looking: '正在查詢…',
    notFound: '沒有找到這個查詢碼對應的留言。請核對後重新輸入，注意區分大小寫。',
    result: '留言辦理情況',
    status: '辦理狀態',
    listing: '是否公開',
    listed: '已公開（正在留言板上展示）',
    awaiting: '同意公開（審核通過後在留言板展示）',
    unlisted: '不公開（您沒有同意公開，留言只有您和辦理單位能看到）',
    withdrawn: '已撤下（留言現在不在留言板上展示）',
    refused: '不公開（留言未被受理，不會在留言板上展示）',
    rejection: '不予受理的原因',
    reviewerNote: '審核說明',
    whereToTurn: '您可以',
    followUp: '追問',
    followUpLabel: '追問內容',
    followUpHint: '對答覆還有疑問或情況有變化，可以在這裡補充，辦理單位會繼續處理。',
    sendFollowUp: '送出追問',
    followUpSent: '追問已送出。',
    rate: '評價辦理結果',
    rateHint: '每則留言只能評價一次，送出後不能修改。',
    overall: '總體評價',
    resolution: '解決程度',
    attitude: '辦理態度',
    speed: '辦理速度',
    comment: '評價內容',
    sendRating: '送出評價',
    sending: '正在送出…',
    rated: '您已評價',
    ratedThanks: '感謝您的評價。',
    alreadyRated: '您已經評價過了，每則留言只能評價一次。',
    conflict: '留言的辦理狀態已經變化，頁面已更新，請查看後再操作。',
  },
  en: {
    code: 'Tracking code',
    codeHint: 'The 12 letters and digits you got when you sent your message. Case matters; spaces and hyphens are fine.',
    lookup: 'Look up',
    looking: 'Looking up…',
    notFound: 'No message has this tracking code. Please check it and try again; capital and small letters differ.',
    result: 'Your message',
    status: 'Status',
    listing: 'Public',
    listed: 'Yes, it is shown on the board now',
    awaiting: 'You agreed; it is shown once reviewed',
    unlisted: 'No, you did not agree: only you and the handling unit see it',
    withdrawn: 'Withdrawn: it is no longer shown on the board',
    refused: 'No: the message was not accepted, so it is not shown on the board',
    rejection: 'Why your message was not accepted',
    reviewerNote: 'The reviewer’s explanation',
    whereToTurn: 'What you can do',
    followUp: 'Follow-up question',
    followUpLabel: 'Your follow-up',
    followUpHint: 'Still have a question, or has something changed? Add it here and the unit will continue.',
    sendFollowUp: 'Send follow-up',
    followUpSent: 'Follow-up sent.',
    rate: 'Rate the handling',
    rateHint: 'You can rate once; a rating cannot be changed.',
    overall: 'Overall',
    resolution: 'Resolution',
    attitude: 'Attitude',
    speed: 'Speed',
    comment: 'Comment',
    sendRating: 'Send rating',
    sending: 'Sending…',
    rated: 'You have rated this message',
    ratedThanks: 'Thank you for your rating.',
    alreadyRated: 'You have already rated this message; a rating is given once.',
    conflict: 'The status of the message has changed. The page is updated: please check it and try again.',
  },
}
