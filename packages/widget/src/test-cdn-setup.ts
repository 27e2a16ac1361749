// Setup of the widget-cdn test project (vitest.cdn.config.ts): before each test file, the tags are
// registered by the built script tag and its chunks (dist/), not by the sources, so the browser
// tests check the chunked build too. A tag on the page pulls its chunk; the probes below make every
// part load before the tests start (`import '../../define.js'` then finds them registered).
const TAGS = ['liuyan-board', 'liuyan-message-list', 'liuyan-thread', 'liuyan-message-form', 'liuyan-tracking', 'liuyan-board-stats']

const script = document.createElement('script')
script.src = '/liuyan-cdn/liuyan-widget.min.js'
document.head.append(script)
const probes = document.createElement('div')
probes.hidden = true
for (const tag of TAGS.slice(2)) probes.append(document.createElement(tag))
document.body.append(probes)
const failed = new Promise<never>((_, reject) => {
  script.onerror = () => reject(new Error(`${script.src} did not load: run \`npm run build\` first`))
  setTimeout(() => reject(new Error(`the script tag did not register ${TAGS.filter((t) => !customElements.get(t)).join(', ')}`)), 15_000)
})
await Promise.race([Promise.all(TAGS.map((tag) => customElements.whenDefined(tag))), failed])
probes.remove()

export {}
