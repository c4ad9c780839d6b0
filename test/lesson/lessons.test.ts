// The shipped lessons: they lint clean, and each English lesson mirrors its Japanese one step for step.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LESSONS_DIR, lessonNames } from '../../src/lesson/catalog.js'
import { parseLesson } from '../../src/lesson/parse.js'
import type { Lesson } from '../../src/lesson/types.js'

const load = (lang: string, name: string): Lesson | undefined => {
  let text: string
  try {
    text = readFileSync(`${LESSONS_DIR}/${lang}/${name}.md`, 'utf8')
  } catch {
    return undefined
  }
  return parseLesson(text, `${lang}/${name}.md`, name, lang)
}
// a check's first line is its label, in the lesson's language; the code after it must match
const code = (c: string): string => c.replace(/^#.*\n/, '')

describe.each(lessonNames())('lesson %s', name => {
  const ja = load('ja', name)
  const en = load('en', name)
  it('exists in Japanese and parses', () => {
    expect(ja?.steps.length).toBeGreaterThan(0)
  })
  it.runIf(en !== undefined)('has the same steps and runnable code in English', () => {
    const shape = (l: Lesson) => ({
      args: l.args,
      timeout: l.timeoutSec,
      services: l.services,
      prelude: l.prelude.map(b => b.code),
      teardown: l.teardown.map(b => b.code),
      steps: l.steps.map(s => ({
        id: s.id,
        when: s.when,
        accept: s.accept,
        probes: s.probes,
        tty: s.tty,
        uuid: s.allocatesUuid,
        holds: s.holds,
        blocks: s.blocks.map(b => [b.role, b.code]),
        checks: s.checks.map(c => code(c.code)),
      })),
    })
    expect(shape(en!)).toEqual(shape(ja!))
  })
})
