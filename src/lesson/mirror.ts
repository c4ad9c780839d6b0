// A lesson's mirror: the same lesson in the other language, step for step with the same code (ja is
// written first, en follows it). A teacher's run can then be shown to a learner in either.
import type { Lang } from '../core/context.js'
import { findLesson } from './catalog.js'
import { readLesson } from './read.js'
import type { Lesson } from './types.js'

/** the same steps in the same order, each with as many checks and hints */
export function mirrors(a: Lesson, b: Lesson): boolean {
  return (
    a.name === b.name &&
    a.steps.length === b.steps.length &&
    a.steps.every((s, i) => {
      const o = b.steps[i]!
      return s.id === o.id && s.checks.length === o.checks.length && (s.exercise?.hints.length ?? 0) === (o.exercise?.hints.length ?? 0)
    })
  )
}

/** this machine's copy of the lesson in `lang`, if it mirrors `lesson` step for step */
export async function mirrorLesson(lesson: Lesson, lang: Lang): Promise<Lesson | undefined> {
  if (lesson.lang === lang) return lesson
  try {
    const ref = findLesson(lesson.name, lang)
    if (ref.lang !== lang) return undefined
    const mirror = await readLesson(ref)
    return mirrors(lesson, mirror) ? mirror : undefined
  } catch {
    return undefined
  }
}
