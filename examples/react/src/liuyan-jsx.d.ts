// React 19 passes attributes and properties to custom elements as they are; this tells TypeScript
// which tags exist and what they take.
import type { DetailedHTMLProps, HTMLAttributes } from 'react'
import type { LiuyanBoard } from '@liuyan/widget'

type LiuyanBoardProps = DetailedHTMLProps<HTMLAttributes<LiuyanBoard>, LiuyanBoard> & {
  api: string
  board: string
  lang?: 'zh-CN' | 'zh-TW' | 'en'
  size?: 'normal' | 'large'
  theme?: 'light' | 'dark'
  view?: 'list' | 'new' | 'track' | 'thread'
  'page-size'?: number
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'liuyan-board': LiuyanBoardProps
    }
  }
}
