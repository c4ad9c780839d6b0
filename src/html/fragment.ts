// A piece of the run's page: the HTML renderer makes them, the live page and the handout apply them.
// The rule is the same in the browser (page's script) and here (assemble): an element with the
// fragment's id is replaced; otherwise the html is appended to the element whose id is `parent`.

export interface Fragment {
  id: string
  /** the element to append to when `id` is new; null: the page's main */
  parent: string | null
  /** one element whose root carries `id` */
  html: string
  /** 0, 1, 2… in the order the fragments were made */
  seq: number
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** where the element with this id sits in html: [start, end) and the index of its closing tag */
export function findElement(html: string, id: string): { start: number; closeStart: number; end: number } | undefined {
  const needle = ` id="${id}"`
  let from = 0
  for (;;) {
    const at = html.indexOf(needle, from)
    if (at < 0) return undefined
    from = at + needle.length
    const start = html.lastIndexOf('<', at)
    // inside a tag, not text that looks like one (text is escaped: no '<' or '>' in it)
    if (start < 0 || html.lastIndexOf('>', at) > start) continue
    const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(start, start + 40))?.[1]?.toLowerCase()
    if (!name) continue
    const openEnd = html.indexOf('>', at)
    if (openEnd < 0) return undefined
    if (VOID.has(name) || html[openEnd - 1] === '/') return { start, closeStart: openEnd + 1, end: openEnd + 1 }
    const close = matchingClose(html, name, openEnd + 1)
    if (!close) return undefined
    return { start, closeStart: close.start, end: close.end }
  }
}

function matchingClose(html: string, name: string, from: number): { start: number; end: number } | undefined {
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*>`, 'gi')
  tags.lastIndex = from
  let depth = 1
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    if (m[1] === '/') depth--
    else if (!m[0].endsWith('/>')) depth++
    if (depth === 0) return { start: m.index, end: m.index + m[0].length }
  }
  return undefined
}

/** one fragment applied to body html (the page's main content) */
export function applyFragment(body: string, f: Fragment): string {
  const own = findElement(body, f.id)
  if (own) return body.slice(0, own.start) + f.html + body.slice(own.end)
  const parent = f.parent === null ? undefined : findElement(body, f.parent)
  // a parent that is not there (yet): the fragment still shows, at the end
  if (!parent) return body + f.html
  return body.slice(0, parent.closeStart) + f.html + body.slice(parent.closeStart)
}

/** the fragments applied in order: the page's main content, as a late joiner or a handout gets it */
export function assemble(fragments: Fragment[]): string {
  let body = ''
  for (const f of fragments) body = applyFragment(body, f)
  return body
}
