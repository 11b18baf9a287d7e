/** Notes render as Markdown that is shown, never run: whatever a note holds, nothing in it executes or loads. */
import { describe, expect, it } from 'vitest'
import { linkWikiNames, renderMarkdown } from '../../../src/renderer/lib/markdown'

const names = new Map([
  ['cecop', 'cecop'],
  ['co op union', 'coop-union'],
])
/** The rendered note as a DOM, as `{@html}` puts it in the page. */
function rendered(source: string): HTMLElement {
  const div = document.createElement('div')
  div.innerHTML = renderMarkdown(source, names)
  return div
}

describe('renderMarkdown', () => {
  it('renders Markdown, with a single line break kept', () => {
    const html = rendered('**Congress** in *Brussels*\nnext line\n\n- one\n- two')
    expect(html.querySelector('strong')?.textContent).toBe('Congress')
    expect(html.querySelector('em')?.textContent).toBe('Brussels')
    expect(html.querySelector('br')).not.toBeNull()
    expect(html.querySelectorAll('li')).toHaveLength(2)
  })

  it("steps a note's headings down two levels, so that none outranks the page's, and keeps its text", () => {
    const note = rendered('# Trip to Mondragón\n## Day one\n###### Small\nText')
    expect([...note.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.tagName} ${h.textContent}`)).toEqual([
      'H3 Trip to Mondragón',
      'H4 Day one',
      'H6 Small',
    ])
  })

  it('drops scripts, event handlers, styles and ids, keeping the text around them', () => {
    const html = rendered('before <script>alert(1)</script> after\n\n<p onclick="x()" style="color:red" id="app" name="n">para</p>')
    expect(html.querySelector('script')).toBeNull()
    expect(html.textContent).toContain('before')
    expect(html.textContent).toContain('after')
    const p = [...html.querySelectorAll('p')].find((e) => e.textContent === 'para')!
    expect(p.getAttributeNames()).toEqual([])
  })

  it('keeps no javascript:, data: or file: link, however it is spelled, but keeps web, mail and in-app links', () => {
    const html = rendered(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) <a href="javascript:alert(2)">c</a> [d](data:text/html,hi) [e](file:///etc/passwd) ' +
        '[w](https://cecop.coop) [m](mailto:info@cecop.coop) [p](#/org/cicopa)',
    )
    const hrefs = Object.fromEntries([...html.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]))
    expect(hrefs).toEqual({
      a: null,
      b: null,
      c: null,
      d: null,
      e: null,
      w: 'https://cecop.coop',
      m: 'mailto:info@cecop.coop',
      p: '#/org/cicopa',
    })
  })

  it('loads nothing: images, frames, media, SVG and forms are removed', () => {
    const html = rendered(
      '![logo](https://example.org/x.png)\n\n<img src="x" onerror="alert(1)">\n\n<iframe src="https://example.org"></iframe>' +
        '<video src="v.mp4"></video><svg><a href="#">s</a></svg><form><input><button>go</button></form><style>body{}</style>',
    )
    expect(html.querySelector('img, iframe, video, svg, form, input, button, style')).toBeNull()
  })

  it('links wiki-links to known organisations whatever their case or accents, and leaves unknown ones as typed', () => {
    const html = rendered('See [[CECOP]], [[cécop]] and [[Nobody]].')
    expect([...html.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['CECOP', '#/org/cecop'],
      ['cécop', '#/org/cecop'],
    ])
    expect(html.textContent).toContain('[[Nobody]]')
  })

  it('shows a wiki-link’s label as typed, never as Markdown', () => {
    const html = rendered('[[Co_op *Union*]]')
    expect(html.querySelector('a')?.textContent).toBe('Co_op *Union*')
    expect(html.querySelector('em')).toBeNull()
  })

  it('links nothing without a name index', () => {
    expect(linkWikiNames('[[CECOP]]', null)).toBe('[[CECOP]]')
    expect(renderMarkdown('[[CECOP]]')).not.toContain('<a')
  })
})
