import type { ReplyTemplatePlaceholder } from '@liuyan/core'
import type { Translations } from '../../i18n.js'

export interface TemplatesStrings {
  title: string
  intro: string
  board: string
  own: string
  inherited: string
  from: string
  none: string
  name: string
  text: string
  placeholders: string
  placeholder: Record<ReplyTemplatePlaceholder, string>
  create: string
  edit: string
  editing: string
  save: string
  cancel: string
  remove: string
  created: string
  saved: string
  removed: string
  loading: string
  readOnly: string
}

export const templatesStrings: Translations<TemplatesStrings> = {
  'zh-CN': {
    title: '答复模板', intro: '本单位及上级单位的模板都可在答复时选用；督办员可以新增、修改和删除所管单位的模板。',
    board: '留言对象', own: '本单位的模板', inherited: '上级单位的模板', from: '来自{board}', none: '暂无模板。',
    name: '模板名称', text: '模板内容', placeholders: '可用的占位符（答复时自动填入）',
    placeholder: { title: '留言标题', nickname: '留言人昵称', unit: '办理单位', received: '留言日期', date: '今天的日期', days: '受理以来的工作日数' },
    create: '新增模板', edit: '修改', editing: '修改模板“{name}”', save: '保存修改', cancel: '取消', remove: '删除',
    created: '已新增模板“{name}”', saved: '已保存模板“{name}”', removed: '已删除模板“{name}”', loading: '正在加载…',
    readOnly: '只有督办员可以管理模板。',
  },
  'zh-TW': {
    title: '答覆範本', intro: '本單位及上級單位的範本都可在答覆時選用；督辦員可以新增、修改和刪除所管單位的範本。',
    board: '留言對象', own: '本單位的範本', inherited: '上級單位的範本', from: '來自{board}', none: '暫無範本。',
    name: '範本名稱', text: '範本內容', placeholders: '可用的佔位符（答覆時自動填入）',
    placeholder: { title: '留言標題', nickname: '留言人暱稱', unit: '辦理單位', received: '留言日期', date: '今天的日期', days: '受理以來的工作日數' },
    create: '新增範本', edit: '修改', editing: '修改範本「{name}」', save: '儲存修改', cancel: '取消', remove: '刪除',
    created: '已新增範本「{name}」', saved: '已儲存範本「{name}」', removed: '已刪除範本「{name}」', loading: '正在載入…',
    readOnly: '只有督辦員可以管理範本。',
  },
  en: {
    title: 'Reply templates', intro: 'Templates of a board and of the boards above it can be used in a reply; supervisors add, change and remove those of their boards.',
    board: 'Board', own: 'Templates of this board', inherited: 'Templates of the boards above', from: 'from {board}', none: 'No templates yet.',
    name: 'Template name', text: 'Template text', placeholders: 'Placeholders (filled in when replying)',
    placeholder: { title: 'the message’s title', nickname: 'the author’s display name', unit: 'the handling unit', received: 'the day it was submitted', date: 'today', days: 'working days since it was accepted' },
    create: 'Add template', edit: 'Edit', editing: 'Editing “{name}”', save: 'Save changes', cancel: 'Cancel', remove: 'Remove',
    created: 'Template “{name}” added', saved: 'Template “{name}” saved', removed: 'Template “{name}” removed', loading: 'Loading…',
    readOnly: 'Only supervisors manage templates.',
  },
}
