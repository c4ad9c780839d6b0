// The build highlights every bash block of every lesson once (scripts/highlight-cache.mjs): the
// cache must hold each block, and each exactly as shiki highlights it now.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import type { Token } from 'marked'
import { describe, expect, it } from 'vitest'
import { LESSONS_DIR } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { highlightBash } from '../../src/render/highlight.js'

const CACHE = new URL('../../dist/highlight-cache.json', import.meta.url)

function bashBlocks(tokens: Token[]): string[] {
  return tokens.flatMap(t => {
    const own = t.type === 'code' && /^(bash|sh)\b/.test(t.lang ?? '') ? [t.text as string] : []
    const inner = ['tokens', 'items'].flatMap(k =>
      Array.isArray((t as Record<string, unknown>)[k]) ? bashBlocks((t as Record<string, Token[]>)[k]!) : [],
    )
    return [...own, ...inner]
  })
}

describe.runIf(existsSync(CACHE))("the build's highlight cache", () => {
  it('holds every bash block of every lesson, as shiki highlights it', async () => {
    const cache = JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, string[]>
    const blocks = ['ja', 'en'].flatMap(lang =>
      readdirSync(`${LESSONS_DIR}/${lang}`)
        .filter(f => f.endsWith('.md'))
        .flatMap(f => {
          const lesson = loadLesson({ file: `${LESSONS_DIR}/${lang}/${f}`, name: f.slice(0, -3), lang: lang as 'ja', outside: false })
          return [...bashBlocks(lesson.intro), ...lesson.steps.flatMap(s => bashBlocks(s.tokens))]
        }),
    )
    expect(blocks.length).toBeGreaterThan(100)
    for (const code of blocks.slice(0, 12)) {
      expect(cache[createHash('sha256').update(code).digest('hex')]).toEqual(await highlightBash(code, true, { cache: false }))
    }
    for (const code of blocks) expect(cache[createHash('sha256').update(code).digest('hex')], code).toBeDefined()
  })
})
