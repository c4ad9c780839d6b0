// Lesson Markdown → HTML for the page: prose, bocker's line and the experiments highlighted, each
// check as its claim (its code folded), an exercise's hints and model solution folded. A runnable
// block gets an id from its line, so a run's output and its claims land next to it.
import type { Token, Tokens } from 'marked'
import type { Lang } from '../core/context.js'
import { claimLabel } from '../lesson/claim.js'
import { isWide } from '../render/width.js'
import { t, type WordKey } from '../render/words/index.js'
import { esc, stripTags } from './escape.js'
import { codeHtml } from './highlight-html.js'

export interface ProseOptions {
  lang: Lang
  /** the element ids' prefix (`step-<id>`, `intro`) */
  prefix: string
  /** the file lines of the section's runnable blocks, by role, in document order */
  lines?: Partial<Record<string, number[]>>
  /** the first heading is the step's title: left out of the prose, returned on its own */
  title?: boolean
}

export interface Prose {
  html: string
  /** the first heading's inline HTML, when `title` was asked for */
  title?: string
}

const DETAILS_OPEN = /^<details>\s*(?:<summary>([\s\S]*?)<\/summary>)?/i
const DETAILS_CLOSE = /^<\/details>/i
const SHOWS_OUTPUT = /^bash (step|try)\b/

/** the ids a section's runnable blocks get: `<prefix>-L<line>` (outputs), `<prefix>-claim-L<line>` */
export const runsId = (prefix: string, line: number): string => `${prefix}-L${line}`
export const claimId = (prefix: string, line: number): string => `${prefix}-claim-L${line}`

export async function proseHtml(tokens: Token[], o: ProseOptions): Promise<Prose> {
  const seen: Record<string, number> = {}
  const out: string[] = []
  let title: string | undefined
  for (const [i, token] of tokens.entries()) {
    if (o.title && title === undefined && token.type === 'heading') {
      title = inline((token as Tokens.Heading).tokens)
      continue
    }
    const html = token.type === 'html' ? ((token as Tokens.HTML).text ?? '').trim() : ''
    const open = DETAILS_OPEN.exec(html)
    if (open) {
      const summary = stripTags(open[1] ?? '').trim() || t(o.lang, 'block.details')
      // runnable blocks inside still run and show: their details stay open
      const runs = detailsHoldRuns(tokens, i + 1)
      out.push(`<details class="more"${runs ? ' open' : ''}><summary>${esc(summary)}</summary>`)
      continue
    }
    if (DETAILS_CLOSE.test(html)) {
      out.push('</details>')
      continue
    }
    out.push(await blockHtml(token, o, seen))
  }
  // a lesson's unclosed <details> must not swallow the rest of the page
  const opened = out.filter(s => s.startsWith('<details class="more"')).length
  const closed = out.filter(s => s === '</details>').length
  for (let k = closed; k < opened; k++) out.push('</details>')
  return { html: out.join('\n'), title }
}

function detailsHoldRuns(tokens: Token[], from: number): boolean {
  for (const token of tokens.slice(from)) {
    if (token.type === 'html' && DETAILS_CLOSE.test(((token as Tokens.HTML).text ?? '').trim())) return false
    if (token.type === 'code' && SHOWS_OUTPUT.test((token as Tokens.Code).lang ?? '')) return true
  }
  return false
}

async function blockHtml(token: Token, o: ProseOptions, seen: Record<string, number>): Promise<string> {
  switch (token.type) {
    case 'heading': {
      const h = token as Tokens.Heading
      // the page's own h1/h2 are the lesson and the step: a lesson's headings sit below them
      const depth = Math.min(6, h.depth + 2)
      return `<h${depth}>${inline(h.tokens)}</h${depth}>`
    }
    case 'paragraph':
      return `<p>${inline((token as Tokens.Paragraph).tokens)}</p>`
    case 'text':
      return 'tokens' in token && token.tokens ? inline(token.tokens) : softBreaks(esc((token as Tokens.Text).text))
    case 'blockquote': {
      const inner: string[] = []
      for (const child of (token as Tokens.Blockquote).tokens) inner.push(await blockHtml(child, o, seen))
      return `<blockquote>${inner.join('\n')}</blockquote>`
    }
    case 'list': {
      const list = token as Tokens.List
      const items: string[] = []
      for (const item of list.items) {
        const body: string[] = []
        for (const child of item.tokens) body.push(await blockHtml(child, o, seen))
        items.push(`<li>${body.join('\n')}</li>`)
      }
      const tag = list.ordered ? 'ol' : 'ul'
      const start = list.ordered && Number(list.start || 1) !== 1 ? ` start="${Number(list.start)}"` : ''
      return `<${tag}${start}>${items.join('')}</${tag}>`
    }
    case 'code':
      return await codeBlock(token as Tokens.Code, o, seen)
    case 'table': {
      const table = token as Tokens.Table
      const row = (cells: Tokens.TableCell[], tag: string): string =>
        `<tr>${cells.map(c => `<${tag}>${inline(c.tokens)}</${tag}>`).join('')}</tr>`
      return `<div class="table"><table><thead>${row(table.header, 'th')}</thead><tbody>${table.rows.map(r => row(r, 'td')).join('')}</tbody></table></div>`
    }
    case 'hr':
      return '<hr>'
    default:
      return '' // space, html comments, definitions
  }
}

async function codeBlock(code: Tokens.Code, o: ProseOptions, seen: Record<string, number>): Promise<string> {
  const words = (code.lang ?? '').split(/\s+/)
  const hint = words[0] === 'text' && words[1] === 'hint'
  const role =
    words[0] === 'bash' && words[1] && /^(step|try|check|prelude|teardown|exercise|solution|source)$/.test(words[1])
      ? words[1]
      : hint
        ? 'hint'
        : undefined
  const label = esc(t(o.lang, role ? (`block.${role}` as WordKey) : 'block.example'))
  const n = role ? (seen[role] ?? 0) : 0
  if (role) seen[role] = n + 1
  const line = role ? o.lines?.[role]?.[n] : undefined
  if (role === 'hint')
    return `<details class="hint"><summary>${label} ${n + 1}</summary><div class="hint-text">${softBreaks(esc(code.text))}</div></details>`
  const body = await codeHtml(code.text, words[0] ?? '')
  if (role === 'check' || role === 'exercise') {
    const claim = claimLabel(code.text)
    const id = line === undefined ? '' : ` id="${claimId(o.prefix, line)}"`
    return `<div class="check ${role}"${id} data-label="${esc(claim)}"><span class="mark">□</span> <span class="label">${esc(claim)}</span><details class="code"><summary>${label}</summary>${body}</details></div>`
  }
  if (role === 'solution') return `<details class="solution"><summary>${label}</summary>${body}</details>`
  const runs = (role === 'step' || role === 'try') && line !== undefined ? `<div class="runs" id="${runsId(o.prefix, line)}"></div>` : ''
  return `<figure class="block ${role ?? 'example'}"><figcaption>${label}</figcaption>${body}${runs}</figure>`
}

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return ''
  return softBreaks(tokens.map(inlineOne).join(''))
}

function inlineOne(tok: Token): string {
  switch (tok.type) {
    case 'strong':
      return `<strong>${inline((tok as Tokens.Strong).tokens)}</strong>`
    case 'em':
      return `<em>${inline((tok as Tokens.Em).tokens)}</em>`
    case 'codespan':
      // marked leaves a code span's text escaped already
      return `<code>${esc(stripTags((tok as Tokens.Codespan).text))}</code>`
    case 'link': {
      const l = tok as Tokens.Link
      const href = /^(https?:|#|\.{0,2}\/|[\w.-]+(\.md)?$)/i.test(l.href) ? l.href : '#'
      return `<a href="${esc(href)}" rel="noopener noreferrer">${inline(l.tokens)}</a>`
    }
    case 'br':
      return '<br>'
    case 'del':
      return `<del>${inline((tok as Tokens.Del).tokens)}</del>`
    case 'text':
      return 'tokens' in tok && tok.tokens ? inline(tok.tokens) : esc(stripTags((tok as Tokens.Text).text))
    case 'escape':
      return esc((tok as Tokens.Escape).text)
    case 'html':
      return ''
    default:
      return 'text' in tok ? esc(String(tok.text)) : ''
  }
}

/** a line break in a paragraph is nothing between Japanese characters (a space would show) */
function softBreaks(html: string): string {
  return html.replace(/(.)\n(.)/gsu, (_, a: string, b: string) =>
    isWide(a.codePointAt(0)!) && isWide(b.codePointAt(0)!) ? a + b : `${a}\n${b}`,
  )
}
