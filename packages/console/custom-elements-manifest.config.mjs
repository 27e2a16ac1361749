// @custom-elements-manifest/analyzer settings: the widget's (its plugin hides Lit's `state: true`
// properties, keeps only the liuyan-* events and sorts the modules), over the console's files.
import widget from '../widget/custom-elements-manifest.config.mjs'

export default {
  ...widget,
  globs: ['src/components/**/*.ts', 'src/base.ts', 'src/events.ts', 'src/define.ts'],
}
