// @custom-elements-manifest/analyzer settings: the widget's (its plugin hides Lit's `state: true`
// properties, keeps only the liuyan-* events and sorts the modules), over the console's files, and
// without the classes' #private members, which are nobody's API.
import widget from '../widget/custom-elements-manifest.config.mjs'

const hashPrivatePlugin = {
  name: 'liuyan-hash-private',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) declaration.members = declaration.members?.filter((m) => !m.name.startsWith('#'))
    }
  },
}

export default {
  ...widget,
  globs: ['src/components/**/*.ts', 'src/base.ts', 'src/events.ts', 'src/define.ts'],
  plugins: [...widget.plugins, hashPrivatePlugin],
}
