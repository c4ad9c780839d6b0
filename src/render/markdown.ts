// Lesson Markdown → terminal lines: headings, emphasis, lists, inline code, links, code blocks.
import kleur from 'kleur'
import type { Token, Tokens } from 'marked'
import type { Lang } from '../core/context.js'
import { claimLabel } from '../lesson/claim.js'
import { highlightBash } from './highlight.js'
import { wrapShellLine } from './shell-wrap.js'
import { isWide, wrap } from './width.js'
import { t, type WordKey } from './words/index.js'

export interface RenderOptions {
  width: number
  color: boolean
  lang: Lang
  /** <details> shows only its summary (the run's first view); runnable blocks inside still show */
  fold?: boolean
  /** a check block shows its claim, not its code */
  claimsOnly?: boolean
}

const DETAILS_OPEN = /^<details>\s*(?:<summary>([\s\S]*?)<\/summary>)?/i
const DETAILS_CLOSE = /^<\/details>/i
const RUNNABLE = /^bash (step|try|check|prelude|teardown|exercise)\b/

export async function renderMarkdown(tokens: Token[], opts: RenderOptions): Promise<string[]> {
  const out: string[] = []
  let folded = false
  for (const token of tokens) {
    // (the build's parsed lessons keep a token's text, not its raw source)
    const html = token.type === 'html' ? ((token as Tokens.HTML).text ?? '').trim() : ''
    const open = DETAILS_OPEN.exec(html)
    if (open) {
      const summary = stripTags(open[1] ?? '').trim() || t(opts.lang, 'block.details')
      const line = opts.fold ? t(opts.lang, 'block.folded', { summary }) : `▾ ${summary}`
      out.push(...wrap(opts.color ? kleur.bold(line) : line, opts.width, ''), '')
      folded = opts.fold === true
      continue
    }
    if (DETAILS_CLOSE.test(html)) {
      folded = false
      continue
    }
    if (folded && !(token.type === 'code' && RUNNABLE.test((token as Tokens.Code).lang ?? ''))) continue
    out.push(...(await renderBlock(token, opts, '')))
  }
  while (out.at(-1) === '') out.pop()
  return out
}

const stripTags = (s: string): string => unescapeHtml(s.replace(/<[^>]*>/g, ''))

async function renderBlock(token: Token, opts: RenderOptions, indent: string): Promise<string[]> {
  const k = kleur
  switch (token.type) {
    case 'heading': {
      const text = inline((token as Tokens.Heading).tokens, opts)
      const mark = '#'.repeat((token as Tokens.Heading).depth)
      return ['', ...wrap(`${mark} ${opts.color ? k.bold().underline(text) : text}`, opts.width, indent), '']
    }
    case 'paragraph':
      return [...wrap(joinSoftBreaks(inline((token as Tokens.Paragraph).tokens, opts)), opts.width, indent), '']
    case 'text':
      return wrap(
        joinSoftBreaks('tokens' in token && token.tokens ? inline(token.tokens, opts) : (token as Tokens.Text).text),
        opts.width,
        indent,
      )
    case 'blockquote': {
      const inner: string[] = []
      for (const child of (token as Tokens.Blockquote).tokens)
        inner.push(...(await renderBlock(child, { ...opts, width: opts.width - 2 }, '')))
      while (inner.at(-1) === '') inner.pop()
      return [...inner.map(l => `${indent}${opts.color ? k.dim('│') : '│'} ${l}`), '']
    }
    case 'list': {
      const list = token as Tokens.List
      const lines: string[] = []
      for (const [i, item] of list.items.entries()) {
        const bullet = list.ordered ? `${Number(list.start || 1) + i}. ` : '• '
        const body: string[] = []
        for (const child of item.tokens) body.push(...(await renderBlock(child, { ...opts, width: opts.width - bullet.length }, '')))
        const kept = body.filter(l => l !== '')
        kept.forEach((l, j) => lines.push(indent + (j === 0 ? bullet : ' '.repeat(bullet.length)) + l))
      }
      return [...lines, '']
    }
    case 'code':
      return await renderCode(token as Tokens.Code, opts, indent)
    case 'table': {
      const table = token as Tokens.Table
      const row = (cells: Tokens.TableCell[]): string => cells.map(c => inline(c.tokens, opts)).join(' │ ')
      return [...wrap(row(table.header), opts.width, indent), ...table.rows.flatMap(r => wrap(row(r), opts.width, indent)), '']
    }
    case 'hr':
      return [indent + '─'.repeat(Math.min(opts.width, 40)), '']
    default:
      return [] // space, html comments, definitions
  }
}

async function renderCode(code: Tokens.Code, opts: RenderOptions, indent: string): Promise<string[]> {
  const words = (code.lang ?? '').split(/\s+/)
  const hint = words[0] === 'text' && words[1] === 'hint'
  const role = words[0] === 'bash' ? words[1] : hint ? 'hint' : undefined
  // an exercise's hints and model solution wait until the learner asks for them
  if (opts.claimsOnly && (role === 'hint' || role === 'solution')) return []
  const label = t(opts.lang, role ? (`block.${role}` as WordKey) : 'block.example')
  if ((role === 'check' || role === 'exercise') && opts.claimsOnly) {
    const line = `${label}: ${claimLabel(code.text)}`
    return [...wrap(opts.color ? kleur.dim(line) : line, opts.width - indent.length - 2).map(l => `${indent}│ ${l}`), '']
  }
  const body = words[0] === 'bash' || words[0] === 'sh' ? await highlightBash(code.text, opts.color) : code.text.split('\n')
  const bar = role === 'step' ? '┃' : '│'
  const head = `${indent}${bar} ${opts.color ? kleur.bold(label) : label}`
  // a long shell line breaks only where the shell could (with ` \`); other text at spaces
  const width = opts.width - indent.length - 4
  const shell = words[0] === 'bash' || words[0] === 'sh' || words[0] === 'console'
  const lines = body.flatMap(l =>
    (shell ? wrapShellLine(l, width) : wrap(l, width).map((part, i) => (i > 0 ? `    ${part}` : part))).map(
      part => `${indent}${bar}   ${part}`,
    ),
  )
  return [head, ...lines, '']
}

function inline(tokens: Token[] | undefined, opts: RenderOptions): string {
  if (!tokens) return ''
  const k = kleur
  return tokens
    .map(tok => {
      switch (tok.type) {
        case 'strong':
          return opts.color ? k.bold(inline((tok as Tokens.Strong).tokens, opts)) : `*${inline((tok as Tokens.Strong).tokens, opts)}*`
        case 'em':
          return opts.color ? k.italic(inline((tok as Tokens.Em).tokens, opts)) : `_${inline((tok as Tokens.Em).tokens, opts)}_`
        case 'codespan':
          return opts.color
            ? k.cyan(`\`${unescapeHtml((tok as Tokens.Codespan).text)}\``)
            : `\`${unescapeHtml((tok as Tokens.Codespan).text)}\``
        case 'link': {
          const l = tok as Tokens.Link
          const text = inline(l.tokens, opts)
          return text === l.href ? l.href : `${text} <${l.href}>`
        }
        case 'br':
          return HARD_BREAK
        case 'del':
          return `~${inline((tok as Tokens.Del).tokens, opts)}~`
        case 'text':
          return 'tokens' in tok && tok.tokens ? inline(tok.tokens, opts) : unescapeHtml((tok as Tokens.Text).text)
        case 'escape':
          return (tok as Tokens.Escape).text
        case 'html':
          return ''
        default:
          return 'text' in tok ? String(tok.text) : ''
      }
    })
    .join('')
}

const HARD_BREAK = '\u2028'

/** A line break inside a paragraph is a space in English and nothing between Japanese characters. */
export function joinSoftBreaks(text: string): string {
  return text
    .replace(/(.)\n(.)/gsu, (_, a: string, b: string) => (isWide(a.codePointAt(0)!) && isWide(b.codePointAt(0)!) ? a + b : `${a} ${b}`))
    .replace(/\n/g, ' ')
    .replace(new RegExp(HARD_BREAK, 'g'), '\n')
}

const unescapeHtml = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
