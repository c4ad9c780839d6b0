// The shipped lessons: they lint clean, and each English lesson mirrors its Japanese one step for step.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { courseOrder } from '../../src/course/order.js'
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
      needs: l.needs,
      sources: l.sources.map(x => ({ ...x, line: 0 })),
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
        exercise: s.exercise && { check: code(s.exercise.check.code), solution: s.exercise.solution.code, hints: s.exercise.hints.length },
      })),
    })
    expect(shape(en!)).toEqual(shape(ja!))
  })
})

describe('the course', () => {
  it('lists lessons that exist in Japanese and English, each once', () => {
    const order = courseOrder()
    expect(new Set(order).size).toBe(order.length)
    for (const name of order) {
      expect(load('ja', name), name).toBeDefined()
      expect(load('en', name), name).toBeDefined()
    }
  })
  it.each(courseOrder())('%s ends with at least one exercise, with hints', name => {
    const exercises = load('ja', name)?.steps.filter(s => s.exercise) ?? []
    expect(exercises.length).toBeGreaterThan(0)
    for (const e of exercises) expect(e.exercise!.hints.length, e.id).toBeGreaterThan(0)
  })
})
