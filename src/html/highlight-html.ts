// Code to HTML with shiki and a light theme (github-light): dark text on white projects and prints
// well. Colours are inline styles, so the page needs no stylesheet from anywhere.
import type { HighlighterCore } from 'shiki/core'
import { esc } from './escape.js'

const THEME = 'github-light'
let highlighter: Promise<HighlighterCore> | undefined

async function load(): Promise<HighlighterCore> {
  const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, bash, theme] = await Promise.all([
    import('shiki/core'),
    import('shiki/engine/javascript'),
    import('shiki/langs/bash.mjs'),
    import('shiki/themes/github-light.mjs'),
  ])
  return await createHighlighterCore({ themes: [theme.default], langs: [bash.default], engine: createJavaScriptRegexEngine() })
}

/** a <pre> of the code: bash highlighted, anything else as plain text */
export async function codeHtml(code: string, lang: string): Promise<string> {
  if (lang !== 'bash' && lang !== 'sh') return `<pre class="plain"><code>${esc(code)}</code></pre>`
  highlighter ??= load()
  // shiki's own tabindex would put every block in the keyboard's path through the page
  return (await highlighter).codeToHtml(code, { lang: 'bash', theme: THEME }).replace(' tabindex="0"', '')
}
