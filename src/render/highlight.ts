// Bash highlighting with shiki, mapped onto the terminal's own 16 colours: the terminal's palette
// is chosen for its background, so the result stays legible on light and dark projectors alike.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { HighlighterCore } from 'shiki/core'

let highlighter: Promise<HighlighterCore> | undefined

// shiki loads only when colour is on: plain output (CI, pipes) never pays for it
async function load(): Promise<HighlighterCore> {
  const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, bash, theme] = await Promise.all([
    import('shiki/core'),
    import('shiki/engine/javascript'),
    import('shiki/langs/bash.mjs'),
    import('shiki/themes/github-dark.mjs'),
  ])
  return await createHighlighterCore({ themes: [theme.default], langs: [bash.default], engine: createJavaScriptRegexEngine() })
}

const BASIC: Array<[number, number, number, number]> = [
  [31, 0xd0, 0x40, 0x40],
  [32, 0x40, 0xb0, 0x40],
  [33, 0xc0, 0xa0, 0x30],
  [34, 0x40, 0x70, 0xe0],
  [35, 0xb0, 0x60, 0xd0],
  [36, 0x40, 0xb0, 0xc0],
]

/** nearest of red/green/yellow/blue/magenta/cyan by hue; greys stay the default colour */
export function ansiFor(hex: string): number | undefined {
  const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
  if (Math.max(r, g, b) - Math.min(r, g, b) < 40) return undefined
  let best: number | undefined
  let bestD = Infinity
  for (const [code, R, G, B] of BASIC) {
    const d = (r - R) ** 2 + (g - G) ** 2 + (b - B) ** 2
    if (d < bestD) {
      bestD = d
      best = code
    }
  }
  return best
}

// The lessons' own blocks are highlighted once at build time (scripts/build-caches.mjs writes
// dist/highlight-cache.json, the lines keyed by the code's sha256): shiki's first tokenization of a
// long block costs 100-200 ms (its grammar's regexes compile on first use), which sat before the first prompt.
export const HIGHLIGHT_CACHE = new URL('../highlight-cache.json', import.meta.url)
let cache: Record<string, string[]> | undefined

function cached(code: string): string[] | undefined {
  try {
    cache ??= JSON.parse(readFileSync(HIGHLIGHT_CACHE, 'utf8')) as Record<string, string[]>
  } catch {
    cache = {}
  }
  return cache[createHash('sha256').update(code).digest('hex')]
}

export async function highlightBash(code: string, color: boolean, o: { cache: boolean } = { cache: true }): Promise<string[]> {
  if (!color) return code.split('\n')
  const hit = o.cache ? cached(code) : undefined
  if (hit) return hit
  highlighter ??= load()
  const lines = (await highlighter).codeToTokensBase(code, { lang: 'bash', theme: 'github-dark' })
  return lines.map(tokens =>
    tokens
      .map(t => {
        const c = t.color ? ansiFor(t.color) : undefined
        return c ? `\x1b[${c}m${t.content}\x1b[39m` : t.content
      })
      .join(''),
  )
}
