import '@liuyan/widget/define'
import { createApp, defineComponent, h, ref } from 'vue'

// h() takes any props for a plain tag name, so this says what <liuyan-board> takes; the listeners
// are typed from GlobalEventHandlersEventMap (declared by @liuyan/widget), so a handler for the
// wrong event type does not compile.
interface LiuyanBoardProps {
  api: string
  board: string
  lang?: 'zh-CN' | 'zh-TW' | 'en'
  size?: 'normal' | 'large'
  theme?: 'light' | 'dark'
  view?: 'list' | 'new' | 'track' | 'thread'
  'page-size'?: string
  onLiuyanSubmitted?: (event: GlobalEventHandlersEventMap['liuyan-submitted']) => void
  onLiuyanError?: (event: GlobalEventHandlersEventMap['liuyan-error']) => void
}

const App = defineComponent({
  name: 'LiuyanPage',
  setup() {
    const code = ref<string | null>(null)
    const boardProps = {
      api: '/api/v1',
      board: '220100-gov',
      'page-size': '5',
      // Vue turns `onLiuyanSubmitted` into a listener for the `liuyan-submitted` DOM event.
      onLiuyanSubmitted: (event) => {
        code.value = event.trackingCode
      },
    } satisfies LiuyanBoardProps
    return () =>
      h('main', [
        h('h1', '网上留言（Vue）'),
        h('p', { role: 'status' }, code.value ? `Last tracking code: ${code.value}` : 'No message sent yet'),
        h('liuyan-board', boardProps),
      ])
  },
})

const app = createApp(App)
// Tags starting with liuyan- are custom elements, not Vue components (for templates compiled at
// runtime; this page uses render functions, which create the elements directly).
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('liuyan-')
app.mount('#app')
