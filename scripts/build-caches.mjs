// Part of the build (npm run build): every lesson parsed once into dist/lessons/<lang>/<name>.json,
// and every bash block highlighted once, by shiki itself, into dist/highlight-cache.json (lines keyed
// by the code's sha256). A lesson edited after the build is parsed and highlighted live, as before.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LESSONS_DIR } from '../dist/lesson/catalog.js'
import { parseLesson } from '../dist/lesson/parse.js'
import { PARSED_FORMAT, parsedLessonFile, sha256 } from '../dist/lesson/read.js'
import { HIGHLIGHT_CACHE, highlightBash } from '../dist/render/highlight.js'

// a token's `raw` text serves the parser (line numbers, fences) and nothing after it: left out, the
// file is 40 % smaller, which is what a command reads before its first line
const withoutRaw = x =>
  Array.isArray(x)
    ? x.map(withoutRaw)
    : x && typeof x === 'object'
      ? Object.fromEntries(
          Object.entries(x)
            .filter(([k]) => k !== 'raw')
            .map(([k, v]) => [k, withoutRaw(v)]),
        )
      : x

const highlighted = {}
const visit = async tokens => {
  for (const t of tokens) {
    if (t.type === 'code' && /^(bash|sh)\b/.test(t.lang ?? '')) {
      highlighted[createHash('sha256').update(t.text).digest('hex')] = await highlightBash(t.text, true, { cache: false })
    }
    for (const k of ['tokens', 'items']) if (Array.isArray(t[k])) await visit(t[k])
  }
}
for (const lang of readdirSync(LESSONS_DIR).filter(d => d === 'ja' || d === 'en')) {
  for (const f of readdirSync(`${LESSONS_DIR}/${lang}`).filter(f => f.endsWith('.md'))) {
    const name = f.slice(0, -3)
    const text = readFileSync(`${LESSONS_DIR}/${lang}/${f}`, 'utf8')
    let lesson
    try {
      lesson = parseLesson(text, `${LESSONS_DIR}/${lang}/${f}`, name, lang)
    } catch (e) {
      // every lesson is still parsed (and the rest built); the build fails at the end
      console.error(String(e.message ?? e))
      process.exitCode = 1
      continue
    }
    const out = fileURLToPath(parsedLessonFile(lang, name))
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify({ format: PARSED_FORMAT, sha256: sha256(text), lesson: withoutRaw(lesson) }))
    await visit(lesson.intro)
    for (const s of lesson.steps) await visit(s.tokens)
  }
}
writeFileSync(HIGHLIGHT_CACHE, JSON.stringify(highlighted))
