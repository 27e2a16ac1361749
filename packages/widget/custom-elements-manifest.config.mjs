// @custom-elements-manifest/analyzer settings. Lit's `static properties` entries marked
// `state: true` are internal reactive state, not attributes: this plugin hides them.
function litStatePlugin() {
  const states = new Set()
  return {
    name: 'liuyan-lit-state',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue
        const init = member.initializer
        if (!init || !ts.isObjectLiteralExpression(init)) continue
        for (const prop of init.properties) {
          if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue
          const isState = prop.initializer.properties.some(
            (p) => ts.isPropertyAssignment(p) && p.name.getText() === 'state' && p.initializer.kind === ts.SyntaxKind.TrueKeyword,
          )
          if (isState) states.add(`${node.name.getText()}#${prop.name.getText()}`)
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists modules in the order the file system gives: sorted, a build does not
      // reorder the committed manifest.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          // A state may be declared by a base class: look it up on the class that declares it.
          const hidden = (item, name) => states.has(`${item.inheritedFrom?.name ?? declaration.name}#${name}`)
          declaration.attributes = declaration.attributes?.filter((a) => !hidden(a, a.fieldName ?? a.name))
          declaration.members = declaration.members?.filter((m) => !hidden(m, m.name))
          // Only the documented liuyan-* events; the analyzer also guesses at dispatchEvent arguments.
          declaration.events = declaration.events?.filter((e) => e.name?.startsWith('liuyan-'))
        }
      }
    },
  }
}

export default {
  globs: ['src/components/**/*.ts', 'src/base.ts', 'src/internal/*.ts', 'src/events.ts', 'src/define.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.i18n.ts'],
  litelement: true,
  plugins: [litStatePlugin()],
}
