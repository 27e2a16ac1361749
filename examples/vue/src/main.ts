import '@liuyan/widget/define'
import type { LiuyanSubmittedEvent } from '@liuyan/widget'
import { createApp, defineComponent, h, ref } from 'vue'

const App = defineComponent({
  name: 'LiuyanPage',
  setup() {
    const code = ref<string | null>(null)
    // Vue turns `onLiuyanSubmitted` into a listener for the `liuyan-submitted` DOM event.
    const onLiuyanSubmitted = (event: LiuyanSubmittedEvent) => {
      code.value = event.trackingCode
    }
    return () =>
      h('main', [
        h('h1', '网上留言（Vue）'),
        h('p', { role: 'status' }, code.value ? `Last tracking code: ${code.value}` : 'No message sent yet'),
        h('liuyan-board', { api: '/api/v1', board: '220100-gov', 'page-size': '5', onLiuyanSubmitted }),
      ])
  },
})

const app = createApp(App)
// Tags starting with liuyan- are custom elements, not Vue components.
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('liuyan-')
app.mount('#app')
