import { marked } from 'marked'
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
