// How much a learner reads before running anything: prose per step (Japanese characters without
// whitespace; English words), outside code blocks and outside folded <details>, for one cgroup mode.
// Usage: npm run build && node bench/prose-size.mjs [lesson=bocker_run] [mode=v2] [file-or-git-rev:path]
//   e.g. node bench/prose-size.mjs bocker_run v2   or   node bench/prose-size.mjs bocker_run v1 HEAD~3
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const dist = new URL('../dist', import.meta.url).pathname
const { parseLesson } = await import(`${dist}/lesson/parse.js`)
const { planSteps } = await import(`${dist}/plan/plan.js`)
const [name = 'bocker_run', mode = 'v2', rev] = process.argv.slice(2)

const text = lang => {
  const path = `lessons/${lang}/${name}.md`
  return rev ? execFileSync('git', ['show', `${rev}:${path}`], { encoding: 'utf8' }) : readFileSync(path, 'utf8')
}
const OPEN = /^<details>/i
const CLOSE = /^<\/details>/i
function prose(tokens) {
  let folded = false
  let out = ''
  for (const t of tokens) {
    const html = t.type === 'html' ? t.raw.trim() : ''
    if (OPEN.test(html)) folded = true
    else if (CLOSE.test(html)) folded = false
    else if (!folded && t.type !== 'code' && t.type !== 'space' && t.type !== 'html') out += `${t.raw}\n`
  }
  return out
}
const size = { ja: s => s.replace(/\s/g, '').length, en: s => s.split(/\s+/).filter(Boolean).length }
const rows = new Map()
const totals = {}
for (const lang of ['ja', 'en']) {
  let src
  try {
    src = text(lang)
  } catch {
    continue
  }
  const lesson = parseLesson(src, `${lang}.md`, name, lang)
  const steps = planSteps(lesson, mode).steps
  const intro = size[lang](prose(lesson.intro))
  rows.set('(intro)', { ...rows.get('(intro)'), [lang]: intro })
  totals[lang] = intro
  for (const s of steps) {
    const n = size[lang](prose(s.tokens))
    rows.set(s.id, { ...rows.get(s.id), [lang]: n })
    totals[lang] += n
  }
}
console.log(`${name}, cgroup ${mode}${rev ? ` at ${rev}` : ''}: prose a learner reads (ja characters, en words)`)
for (const [id, r] of rows) console.log(`  ${id.padEnd(22)} ${String(r.ja ?? '-').padStart(6)} ${String(r.en ?? '-').padStart(6)}`)
console.log(`  ${'total'.padEnd(22)} ${String(totals.ja ?? '-').padStart(6)} ${String(totals.en ?? '-').padStart(6)}`)
