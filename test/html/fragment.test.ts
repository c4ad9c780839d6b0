import { describe, expect, it } from 'vitest'
import { applyFragment, assemble, type Fragment, findElement } from '../../src/html/fragment.js'

let seq = 0
const f = (id: string, parent: string | null, html: string): Fragment => ({ id, parent, html, seq: seq++ })

describe('assemble', () => {
  it('appends new fragments to the main, or to their parent, in order', () => {
    const body = assemble([
      f('a', null, '<section id="a"><div id="a-log"></div></section>'),
      f('b', null, '<section id="b"></section>'),
      f('a-1', 'a-log', '<p id="a-1">one</p>'),
      f('a-2', 'a-log', '<p id="a-2">two</p>'),
    ])
    expect(body).toBe('<section id="a"><div id="a-log"><p id="a-1">one</p><p id="a-2">two</p></div></section><section id="b"></section>')
  })

  it('replaces an element with the same id, wherever it is, children and all', () => {
    const body = assemble([
      f('s', null, '<section id="s"><div><div id="c">old</div></div><div id="log"></div></section>'),
      f('x', 'log', '<p id="x">x</p>'),
      f('c', 'log', '<div id="c" class="new">new</div>'),
      f('s2', null, '<section id="s2"></section>'),
    ])
    expect(body).toBe(
      '<section id="s"><div><div id="c" class="new">new</div></div><div id="log"><p id="x">x</p></div></section><section id="s2"></section>',
    )
    expect(
      assemble([
        f('s', null, '<section id="s"><div id="log"></div></section>'),
        f('x', 'log', '<p id="x"></p>'),
        f('s', null, '<section id="s">again</section>'),
      ]),
    ).toBe('<section id="s">again</section>')
  })

  it('matches nested elements of the same tag to find the parent’s end', () => {
    const body = assemble([
      f('p', null, '<div id="p"><div><div>deep</div></div><div></div></div><div id="q"></div>'),
      f('n', 'p', '<i id="n"></i>'),
    ])
    expect(body).toBe('<div id="p"><div><div>deep</div></div><div></div><i id="n"></i></div><div id="q"></div>')
  })

  it('does not take text that looks like an id for the element', () => {
    // escaped text has no '<' or '>', but quotes may stay (shiki leaves them)
    const body = assemble([f('o', null, '<pre id="o"><span>echo id="t" x</span></pre>'), f('t', null, '<p id="t">t</p>')])
    expect(body).toBe('<pre id="o"><span>echo id="t" x</span></pre><p id="t">t</p>')
    expect(findElement(body, 't')?.start).toBe(body.indexOf('<p id="t">'))
  })

  it('shows a fragment whose parent is not there at the end of the page', () => {
    expect(applyFragment('<p id="a"></p>', f('b', 'missing', '<p id="b"></p>'))).toBe('<p id="a"></p><p id="b"></p>')
  })

  it('handles void elements and self-closed SVG elements', () => {
    const body = assemble([f('s', null, '<div id="s"><svg><line x1="0"/><rect id="r"/></svg><br></div>'), f('k', 's', '<hr id="k">')])
    expect(body).toBe('<div id="s"><svg><line x1="0"/><rect id="r"/></svg><br><hr id="k"></div>')
    expect(findElement(body, 'r')).toBeDefined()
  })

  it('keeps up with a long run: 5000 output chunks in under a second', () => {
    const frags = [f('s', null, '<section id="s"><pre id="s-pre"></pre></section>')]
    for (let i = 0; i < 5000; i++) frags.push(f(`c${i}`, 's-pre', `<span id="c${i}">line ${i}\n</span>`))
    const t0 = performance.now()
    const body = assemble(frags)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(body.match(/<span/g)).toHaveLength(5000)
  })
})
