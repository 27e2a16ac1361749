import '@liuyan/widget/define'
// Vue's GlobalComponents for the liuyan-* tags, generated from the widget's custom-elements.json.
import type {} from '@liuyan/widget/vue'
import { createApp } from 'vue'
import App from './App.vue'

createApp(App).mount('#app')
