// The build parses every lesson once (scripts/build-caches.mjs); a command reads that parse only
// while the file is unchanged. Both must give exactly the lesson a parse now gives.
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LESSONS_DIR } from '../../src/lesson/catalog.js'
import { parseLesson } from '../../src/lesson/parse.js'
import type { Lesson } from '../../src/lesson/types.js'

const DIST = new URL('../../dist/lesson/read.js', import.meta.url)
const lessons = ['ja', 'en'].flatMap(lang =>
  readdirSync(`${LESSONS_DIR}/${lang}`)
    .filter(f => f.endsWith('.md'))
    .map(f => ({ lang: lang as 'ja' | 'en', name: f.slice(0, -3) })),
)

describe.runIf(existsSync(DIST))('readLesson (the built one)', () => {
  it.each(lessons)("$lang/$name: the build's parse is the parse of the file as it is", async ({ lang, name }) => {
    const { readLesson } = (await import(DIST.href)) as { readLesson: (ref: object) => Promise<Lesson> }
    const file = `${LESSONS_DIR}/${lang}/${name}.md`
    const fresh = parseLesson(readFileSync(file, 'utf8'), file, name, lang)
    // the build leaves out each token's raw text, which only the parser reads
    const withoutRaw = (key: string, value: unknown): unknown => (key === 'raw' ? undefined : value)
    expect(JSON.parse(JSON.stringify(await readLesson({ name, lang, file, outside: false })))).toEqual(
      JSON.parse(JSON.stringify(fresh, withoutRaw)),
    )
  })

  it('a lesson changed after the build is parsed again', async () => {
    const { readLesson } = (await import(DIST.href)) as { readLesson: (ref: object) => Promise<Lesson> }
    const dir = mkdtempSync(join(tmpdir(), 'bl-read-'))
    try {
      const { lang, name } = lessons[0]!
      const file = join(dir, `${name}.md`)
      copyFileSync(`${LESSONS_DIR}/${lang}/${name}.md`, file)
      appendFileSync(file, '\n---\n\n## added later\n\n```bash step id=added-later\ntrue\n```\n')
      const lesson = await readLesson({ name, lang, file, outside: false })
      expect(lesson.steps.at(-1)!.id).toBe('added-later')
      expect(lesson.file).toBe(file)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
