// A rolldown plugin of the script-tag build: leaves out of Lit's published (production) modules what
// the widget's bundled copy never uses: the hooks for the ShadyDOM/ShadyCSS polyfills and for SSR
// hydration (the widget renders in the browser, in browsers with shadow DOM), the lists of Lit
// versions on the page (read by Lit's development build only, to warn of several copies), the
// decorators' metadata (the widget declares `static properties`; Lit would also define
// `Symbol.metadata` and `globalThis.litPropertyMetadata` on the host page), and the long sentences
// of two errors thrown only when `css` is misused (the widget's styles are literals), and the
// reactive controllers and class initializers (`addController`, `addInitializer`, which decorators
// and libraries such as @lit/context use: the widget's elements use neither; the script tag's
// elements have no `addController` method, the npm entries keep Lit whole), and the resolution of
// directives (the widget's templates use none: the build fails if a module of Lit's directives
// comes into it, which would need it back), MathML templates (the build fails if the widget imports
// `mathml`) and the parts of bindings on an element itself (`<div ${…}>`, which only directives
// use: scripts/minify-templates.mjs fails the build on one), the reading of `<textarea>`, `<style>`,
// `<script>` and `<title>` content as raw text with bindings in it (none has content in the widget's
// templates: minify-templates.mjs fails the build on one that has), templates made by Lit's
// compiler (the widget's are html`` and svg`` literals), and the getters of a part that only
// directives read (`parentNode`, `startNode`, `endNode`, `tagName`) and the hooks of async
// directives (`_$AP`, `_$AN`, and `_$AU` with the connection state it reads, which LitElement's
// first update and its connected and disconnected callbacks set), the `useDefault` option of properties (the build
// fails if the widget sets it) and the conversion of Boolean, Object and Array attributes (the
// widget's properties are strings and numbers: the build fails if one declares another type) and
// of custom converters (none: the build fails if one declares one), and the wrapping of an accessor
// a class defines for one of its reactive properties, with the `noAccessor` and `hasChanged` options
// and symbol-named properties (none: the build fails on one).
// Each cut must match Lit's code exactly once, so an update of Lit that moves it fails the build.
import ts from 'typescript'

const CUTS = [
  ['lit-html/lit-html.js', /,(\w+)=(\w+)\.litHtmlPolyfillSupport;\1\?\.\(\w+,\w+\),\(\2\.litHtmlVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ';'],
  ['@lit/reactive-element/reactive-element.js', /(\w+)=\w+\.reactiveElementPolyfillSupport,/, ''],
  ['@lit/reactive-element/reactive-element.js', /,\w+\?\.\(\{ReactiveElement:\w+\}\),\(\w+\.reactiveElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ';'],
  ['@lit/reactive-element/reactive-element.js', /Symbol\.metadata\?\?=Symbol\("metadata"\),(\w+)\.litPropertyMetadata\?\?=new WeakMap;/, ''],
  ['@lit/reactive-element/reactive-element.js', /const (\w+)=this\[Symbol\.metadata\];if\(null!==\1\)\{const (\w+)=litPropertyMetadata\.get\(\1\);if\(void 0!==\2\)for\(const\[\w+,\w+\]of \2\)this\.elementProperties\.set\(\w+,\w+\)\}/, ''],
  ['@lit/reactive-element/reactive-element.js', /static addInitializer\((\w+)\)\{this\._\$Ei\(\),\(this\.l\?\?=\[\]\)\.push\(\1\)\}/, ''],
  ['@lit/reactive-element/reactive-element.js', /,void 0!==(\w+)\.l&&\(this\.l=\[\.\.\.\1\.l\]\)/, ''],
  ['@lit/reactive-element/reactive-element.js', /,this\.constructor\.l\?\.forEach\(\(?\w+\)?=>\w+\(this\)\)/, ''],
  ['@lit/reactive-element/reactive-element.js', /addController\(\w+\)\{[^}]*\}removeController\(\w+\)\{[^}]*\}/, ''],
  ['@lit/reactive-element/reactive-element.js', /,this\._\$EO\?\.forEach\(\(?\w+\)?=>\w+\.hostConnected\?\.\(\)\)/, ''],
  ['@lit/reactive-element/reactive-element.js', /disconnectedCallback\(\)\{this\._\$EO\?\.forEach\(\(?\w+\)?=>\w+\.hostDisconnected\?\.\(\)\)\}/, 'disconnectedCallback(){}'],
  ['@lit/reactive-element/reactive-element.js', /,this\._\$EO\?\.forEach\(\(?\w+\)?=>\w+\.hostUpdate\?\.\(\)\)/, ''],
  ['@lit/reactive-element/reactive-element.js', /this\._\$EO\?\.forEach\(\(?\w+\)?=>\w+\.hostUpdated\?\.\(\)\),/, ''],
  ['lit-html/lit-html.js', /function (\w+)\((\w+),(\w+),\w+=\2,\w+\)\{if\(\3===\w+\)return \3;let \w+=void 0!==\w+\?\w+\._\$Co\?\.\[\w+\]:\w+\._\$Cl;[^}]*\}/, 'function $1($2,$3){return $3}'],
  ['lit-element/lit-element.js', /,\w+\.litElementHydrateSupport\?\.\(\{LitElement:\w+\}\);const (\w+)=\w+\.litElementPolyfillSupport;\1\?\.\(\{LitElement:\w+\}\);/, ';'],
  ['lit-element/lit-element.js', /\(\w+\.litElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ''],
  ['lit-html/lit-html.js', /(\w+)=2===(\w+)\?"<svg>":3===\2\?"<math>":""/, '$1=2===$2?"<svg>":""'],
  ['lit-html/lit-html.js', /\(2===(\w+)\?"<\/svg>":3===\1\?"<\/math>":""\)/, '(2===$1?"</svg>":"")'],
  ['lit-html/lit-html.js', /,2===(\w+)\|\|3===\1\)\{/, ',2===$1){'],
  ['lit-html/lit-html.js', /:6===(\w+)\.type&&\(\w+=new \w+\(\w+,this,\w+\)\)/, ':0'],
  ['lit-html/lit-html.js', /get parentNode\(\)\{return this\._\$AM\.parentNode\}get _\$AU\(\)\{return this\._\$AM\._\$AU\}/, ''],
  ['lit-html/lit-html.js', /\{get _\$AU\(\)\{return this\._\$AM\?\._\$AU\?\?this\._\$Cv\}/, '{'],
  ['lit-html/lit-html.js', /,this\._\$Cv=\w+\?\.isConnected\?\?!0/, ''],
  ['lit-html/lit-html.js', /get parentNode\(\)\{let (\w+)=this\._\$AA\.parentNode;const (\w+)=this\._\$AM;return void 0!==\2&&11===\1\?\.nodeType&&\(\1=\2\.parentNode\),\1\}get startNode\(\)\{return this\._\$AA\}get endNode\(\)\{return this\._\$AB\}/, ''],
  ['lit-html/lit-html.js', /get tagName\(\)\{return this\.element\.tagName\}get _\$AU\(\)\{return this\._\$AM\._\$AU\}/, ''],
  ['lit-html/lit-html.js', /this\._\$AP\?\.\(!1,!0,\w+\)(?=;)/, ''],
  ['lit-html/lit-html.js', /setConnected\((\w+)\)\{void 0===this\._\$AM&&\(this\._\$Cv=\1,this\._\$AP\?\.\(\1\)\)\}/, ''],
  ['lit-element/lit-element.js', /this\.hasUpdated\|\|\(this\.renderOptions\.isConnected=this\.isConnected\),/, ''],
  ['lit-element/lit-element.js', /connectedCallback\(\)\{super\.connectedCallback\(\),this\._\$Do\?\.setConnected\(!0\)\}disconnectedCallback\(\)\{super\.disconnectedCallback\(\),this\._\$Do\?\.setConnected\(!1\)\}/, ''],
  ['lit-html/lit-html.js', /this\._\$AV=\[\],this\._\$AN=void 0,/, 'this._$AV=[],'],
  ['lit-html/lit-html.js', /this\.type=2,this\._\$AH=(\w+),this\._\$AN=void 0,/, 'this.type=2,this._$AH=$1,'],
  ['lit-html/lit-html.js', /this\.type=1,this\._\$AH=(\w+),this\._\$AN=void 0,/, 'this.type=1,this._$AH=$1,'],
  ['@lit/reactive-element/reactive-element.js', /this\[(\w+)\]=(\w+)\?\?this\._\$Ej\?\.get\(\1\)\?\?\2,/, 'this[$1]=$2,'],
  ['@lit/reactive-element/reactive-element.js', /\|\|(\w+)\.useDefault&&\1\.reflect&&\w+===this\._\$Ej\?\.get\(\w+\)&&!this\.hasAttribute\(\w+\._\$Eu\(\w+,\1\)\)/, ''],
  ['@lit/reactive-element/reactive-element.js', /C\((\w+),(\w+),\{useDefault:(\w+),reflect:(\w+),wrapped:(\w+)\},(\w+)\)\{\3&&!\(this\._\$Ej\?\?=new Map\)\.has\(\1\)&&\(this\._\$Ej\.set\(\1,\6\?\?\2\?\?this\[\1\]\),!0!==\5\|\|void 0!==\6\)\|\|\(this\._\$AL\.has\(\1\)\|\|\(this\.hasUpdated\|\|\3\|\|\(\2=void 0\),this\._\$AL\.set\(\1,\2\)\),/, 'C($1,$2,{reflect:$4}){(this._$AL.has($1)||(this.hasUpdated||($2=void 0),this._$AL.set($1,$2)),'],
  ['@lit/reactive-element/reactive-element.js', /reflect:!1,useDefault:!1,/, 'reflect:!1,'],
  ['@lit/reactive-element/reactive-element.js', /,(\w+)=(\w+)\.trustedTypes,(\w+)=\1\?\1\.emptyScript:""/, ''],
  ['@lit/reactive-element/reactive-element.js', /(\w+)=\{toAttribute\((\w+),(\w+)\)\{switch\(\3\)\{case Boolean:[^}]*\}return \2\},fromAttribute\((\w+),(\w+)\)\{let (\w+)=\4;switch\(\5\)\{case Boolean:[^}]*\}catch\(\w+\)\{\6=null\}\}return \6\}\}/, '$1={toAttribute:(t)=>t,fromAttribute:(t,s)=>s===Number?null===t?null:Number(t):t}'],
  ['@lit/reactive-element/reactive-element.js', /\(void 0!==(\w+)\.converter\?\.toAttribute\?\1\.converter:(\w+)\)\.toAttribute/, '$2.toAttribute'],
  ['@lit/reactive-element/reactive-element.js', /"function"==typeof (\w+)\.converter\?\{fromAttribute:\1\.converter\}:void 0!==\1\.converter\?\.fromAttribute\?\1\.converter:(\w+);/, '$2;'],
  ['lit-html/lit-html.js', /\((\w+)\.test\((\w+)\[2\]\)&&\((\w+)=RegExp\("<\/"\+\2\[2\],"g"\)\),(\w+)=(\w+)\)/, '$4=$5'],
  ['lit-html/lit-html.js', /if\((\w+)\.test\((\w+)\.tagName\)\)\{const (\w+)=\2\.textContent\.split\((\w+)\),(\w+)=\3\.length-1;if\(\5>0\)\{\2\.textContent=(\w+)\?\6\.emptyScript:"";for\(let (\w+)=0;\7<\5;\7\+\+\)\2\.append\(\3\[\7\],(\w+)\(\)\),(\w+)\.nextNode\(\),(\w+)\.push\(\{type:2,index:\+\+(\w+)\}\);\2\.append\(\3\[\5\],\8\(\)\)\}\}/, ''],
  ['@lit/reactive-element/reactive-element.js', /this\.prototype\.hasOwnProperty\(\w+\)&&\(\(\w+=Object\.create\(\w+\)\)\.wrapped=!0\),/, ''],
  ['@lit/reactive-element/reactive-element.js', /const (\w+)=this\.constructor\.elementProperties;if\(\1\.size>0\)for\(const\[(\w+),(\w+)\]of \1\)\{const\{wrapped:\w+\}=\3,\w+=this\[\2\];[^}]*\}/, ''],
  ['@lit/reactive-element/reactive-element.js', /,!(\w+)\.noAccessor\)\{/, '){'],
  ['@lit/reactive-element/reactive-element.js', /const\{get:(\w+),set:(\w+)\}=\w+\(this\.prototype,(\w+)\)\?\?\{get\(\)\{return this\[(\w+)\]\},set\(\w+\)\{this\[\4\]=\w+\}\};return\{get:\1,set\((\w+)\)\{const (\w+)=\1\?\.call\(this\);\2\?\.call\(this,\5\),this\.requestUpdate\(\3,\6,(\w+)\)\}/, 'return{get(){return this[$4]},set(__v){const $6=this[$4];this[$4]=__v,this.requestUpdate($3,$6,$7)}'],
  ['@lit/reactive-element/reactive-element.js', /\[\.\.\.(\w+)\((\w+)\),\.\.\.\w+\(\2\)\]/, '$1($2)'],
  ['@lit/reactive-element/reactive-element.js', /\((\w+)\.hasChanged\?\?(\w+)\)/, '$2'],
  ['lit-html/lit-html.js', /\{values:(\w+),_\$litType\$:(\w+)\}=(\w+),(\w+)="number"==typeof \2\?this\._\$AC\(\3\):\(void 0===\2\.el&&\(\2\.el=\w+\.createElement\(\w+\(\2\.h,\2\.h\[0\]\),this\.options\)\),\2\);/, '{values:$1}=$3,$4=this._$AC($3);'],
  ['@lit/reactive-element/css-tag.js', /"CSSResult is not constructable\. Use `unsafeCSS` or `css` instead\."/, '"Use css or unsafeCSS"'],
  ['@lit/reactive-element/css-tag.js', /"Value passed to 'css' function must be a 'css' function result: "\+(\w+)\+"\. Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security\."/, '"Not a css result: "+$1'],
]

/** The widget's reactive properties (the keys of each `static properties`) and the names of its classes' accessors. */
const reactive = new Set()
const accessors = new Map()
function scanClasses(code, id) {
  const visit = (node) => {
    if (ts.isPropertyDeclaration(node) && node.name.getText() === 'properties' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      for (const p of node.initializer.properties) {
        if (!ts.isPropertyAssignment(p)) continue
        if (ts.isComputedPropertyName(p.name)) throw new Error(`scripts/trim-lit.mjs: ${id} names a reactive property ${p.name.getText()}, but Lit's reading of symbol-named ones is cut out`)
        reactive.add(p.name.getText())
      }
    }
    if ((ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && !ts.isPrivateIdentifier(node.name)) accessors.set(node.name.getText(), id)
    ts.forEachChild(node, visit)
  }
  visit(ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true))
}

export const trimLit = {
  name: 'trim-lit',
  buildStart() {
    reactive.clear()
    accessors.clear()
  },
  buildEnd() {
    const wrapped = [...reactive].filter((name) => accessors.has(name))
    if (wrapped.length) this.error(`scripts/trim-lit.mjs: ${wrapped.map((name) => `${accessors.get(name)} defines an accessor for the reactive property ${name}`).join('; ')}, but Lit's wrapping of those is cut out; drop those cuts`)
    const directives = [...this.getModuleIds()].filter((id) => /\/node_modules\/lit-html\/(async-)?directive(-helpers)?\.js$|\/node_modules\/lit-html\/directives\//.test(id))
    if (directives.length) this.error(`scripts/trim-lit.mjs: ${directives.join(', ')} in the build, but Lit's resolution of directives is cut out; drop that cut`)
    const types = [...this.getModuleIds()].filter((id) => /\/widget\/src\//.test(id) && /\btype:\s*(Boolean|Object|Array)\b|\b(converter|noAccessor|hasChanged):/.test(this.getModuleInfo(id)?.code ?? ''))
    if (types.length) this.error(`scripts/trim-lit.mjs: ${types.join(', ')} declares a Boolean, Object or Array property, a converter, noAccessor or hasChanged, but Lit's handling of those is cut out; drop that cut`)
    const useDefault = [...this.getModuleIds()].filter((id) => /\/widget\/src\//.test(id) && /\buseDefault\b/.test(this.getModuleInfo(id)?.code ?? ''))
    if (useDefault.length) this.error(`scripts/trim-lit.mjs: ${useDefault.join(', ')} sets useDefault, but Lit's handling of it is cut out; drop those cuts`)
    const mathml = [...this.getModuleIds()].filter((id) => /\/widget\/src\//.test(id) && /\bimport\s*\{[^}]*\bmathml\b[^}]*\}\s*from\s*['"]lit/.test(this.getModuleInfo(id)?.code ?? ''))
    if (mathml.length) this.error(`scripts/trim-lit.mjs: ${mathml.join(', ')} imports mathml, but Lit's MathML templates are cut out; drop those cuts`)
  },
  transform(code, id) {
    if (/\/widget\/src\/.*\.ts$/.test(id)) scanClasses(code, id)
    const cuts = CUTS.filter(([module]) => id.endsWith(`/node_modules/${module}`))
    if (!cuts.length) return null
    for (const [module, pattern, replacement] of cuts) {
      const found = code.match(new RegExp(pattern, 'g'))?.length ?? 0
      if (found !== 1) throw new Error(`scripts/trim-lit.mjs: ${pattern} matches ${found} times in ${module}; update it to this version of Lit`)
      code = code.replace(pattern, replacement)
    }
    return { code, map: null }
  },
}
