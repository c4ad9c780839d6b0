import { marked, type Token } from 'marked'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/render/markdown.js'
import { displayWidth } from '../../src/render/width.js'

const render = async (md: string, width = 60): Promise<string> =>
  (await renderMarkdown(marked.lexer(md), { width, color: false, lang: 'ja' })).join('\n')

describe('terminal Markdown', () => {
  it('renders headings, emphasis, inline code, links and lists without colour', async () => {
    expect(await render('## 見出し\n\n**太字**と `ip link` と [man](https://man7.org/x)\n\n- 一つ目\n- 二つ目\n\n1. a\n2. b')).toBe(
      '\n## 見出し\n\n*太字*と `ip link` と man <https://man7.org/x>\n\n• 一つ目\n• 二つ目\n\n1. a\n2. b',
    )
  })
  it('labels code blocks by role, so meaning never rests on colour', async () => {
    const out = await render('```bash step id=x\nip link add\n```\n\n```bash check\ntrue\n```\n\n```console\n$ out\n```')
    expect(out).toContain('┃ ▶ 実行する行（bocker）\n┃   ip link add')
    expect(out).toContain('│ ✓ 確かめる\n│   true')
    expect(out).toContain('│ 例（実行しません）\n│   $ out')
  })
  it('joins soft line breaks: nothing between Japanese, a space in English', async () => {
    expect(await render('これは\n日本語です。\nThis is\nEnglish.')).toBe('これは日本語です。 This is English.')
  })
  it('wraps prose to the width', async () => {
    const out = await render(
      'ブリッジ（bridge）は、仮想的なスイッチです。veth の片方をブリッジにつなぐと、ポートになります。'.repeat(3),
      30,
    )
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30)
  })
})

describe('folded details', () => {
  const md =
    'Before.\n\n<details><summary>More about it</summary>\n\nHidden **text**.\n\n```bash try\necho runs\n```\n\n</details>\n\nAfter.\n'
  // the build's parsed lessons keep no token's raw source: render must not need it
  const withoutRaw = (tokens: Token[]): Token[] => JSON.parse(JSON.stringify(tokens, (k, v) => (k === 'raw' ? undefined : v)))
  it.each([
    ['parsed now', marked.lexer(md)],
    ['from the build', withoutRaw(marked.lexer(md))],
  ])('%s: the first view shows the summary and the runnable block, not the text', async (_how, tokens) => {
    const folded = (await renderMarkdown(tokens, { width: 80, color: false, lang: 'en', fold: true })).join('\n')
    expect(folded).toContain('▸ More about it')
    expect(folded).not.toContain('Hidden')
    expect(folded).toContain('echo runs')
    const open = (await renderMarkdown(tokens, { width: 80, color: false, lang: 'en' })).join('\n')
    expect(open).toContain('▾ More about it')
    expect(open).toContain('Hidden *text*.')
  })

  it('a check shows its claim only, when asked', async () => {
    const tokens = marked.lexer('```bash check\n# claim: the veth is up\nip link show | grep -q UP\n```\n')
    const lines = await renderMarkdown(tokens, { width: 80, color: false, lang: 'en', claimsOnly: true })
    expect(lines.join('\n')).toBe('│ ✓ Check: the veth is up')
  })
})
