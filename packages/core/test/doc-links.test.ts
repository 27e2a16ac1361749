import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { anchorsOf, brokenLinks, linksOf, markdownFiles, slug } from '../../../scripts/doc-links.mjs'

const repo = new URL('../../..', import.meta.url).pathname

describe('links in the docs and READMEs', () => {
  it('every relative link and #anchor resolves', () => {
    expect(markdownFiles(repo).length).toBeGreaterThan(10)
    expect(brokenLinks(repo)).toEqual([])
  })
})

describe('the link check', () => {
  it("names headings as GitHub does", () => {
    expect(slug('Testing your code with `@liuyan/server/msw`')).toBe('testing-your-code-with-liuyanservermsw')
    expect(slug('3. 办理流程（状态机）')).toBe('3-办理流程状态机')
    expect(slug('CORS 允许列表')).toBe('cors-允许列表')
    expect(slug('运维指南 · For operators')).toBe('运维指南--for-operators')
  })

  it('numbers repeated headings and skips headings in code', () => {
    const md = '# Guide\n\n## CORS\n\n```sh\n# not a heading\n```\n\n## CORS\n\n<a id="kept"></a>\n'
    expect([...anchorsOf(md)]).toEqual(['guide', 'cors', 'cors-1', 'kept'])
  })

  it('reads relative links only, outside code', () => {
    const md = 'See [a](a.md#x) and [web](https://example.gov.cn/) `[no](b.md)`.\n\n```md\n[no](c.md)\n```\n[here](#top)\n'
    expect(linksOf(md)).toEqual([
      { line: 1, href: 'a.md#x' },
      { line: 6, href: '#top' },
    ])
  })

  const root = mkdtempSync(join(tmpdir(), 'liuyan-doc-links-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reports a missing file and a missing heading, with file and line', () => {
    mkdirSync(join(root, 'docs'))
    writeFileSync(join(root, 'README.md'), '# Top\n\n[ok](docs/guide.md#part-two) [gone](docs/old.md)\n')
    writeFileSync(join(root, 'docs', 'guide.md'), '# Guide\n\n## Part two\n\n[moved](guide.md#part-three) [self](#guide)\n')
    expect(brokenLinks(root)).toEqual([
      'README.md:3 docs/old.md (no such file)',
      'docs/guide.md:5 guide.md#part-three (no such heading)',
    ])
  })
})
