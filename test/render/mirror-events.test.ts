// `follow --lang`: a teacher's events shown with the learner's copy of the lesson in the other language.
import { describe, expect, it } from 'vitest'
import { courseOrder } from '../../src/course/order.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { claimLabel } from '../../src/lesson/claim.js'
import { mirrors } from '../../src/lesson/mirror.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { mirrorEvent } from '../../src/render/mirror-events.js'

const both = (name: string) => ({ ja: loadLesson(findLesson(name, 'ja')), en: loadLesson(findLesson(name, 'en')) })

describe('the course in ja and en', () => {
  it.each(courseOrder())('%s: en mirrors ja step for step (ids, checks, hints)', name => {
    const { ja, en } = both(name)
    expect(mirrors(ja, en)).toBe(true)
    expect(mirrors(en, ja)).toBe(true)
  })

  it('a lesson with a step less, or another lesson, is not a mirror', () => {
    const { ja, en } = both('bocker_run')
    expect(mirrors(ja, { ...en, steps: en.steps.slice(1) })).toBe(false)
    expect(mirrors(ja, both('bocker_rm').en)).toBe(false)
  })
})

describe('mirrorEvent', () => {
  const { ja, en } = both('bocker_run')
  const step = ja.steps.find(s => s.checks.length > 1)!
  const enStep = en.steps.find(s => s.id === step.id)!

  it('a claim: the label of the check at the same position, in the other language', () => {
    for (const [i, check] of step.checks.entries()) {
      const e = {
        type: 'claim',
        step: step.id,
        line: check.line,
        label: claimLabel(check.code),
        status: 'held',
        exitStatus: 0,
        output: 'x',
      } as const
      const mirrored = mirrorEvent(e, ja, en)
      expect(mirrored).toEqual({ ...e, line: enStep.checks[i]!.line, label: claimLabel(enStep.checks[i]!.code) })
      expect(mirrored).not.toEqual(e)
    }
  })

  it('a hint and an exercise check: from the learner’s lesson', () => {
    const ex = ja.steps.find(s => s.exercise && s.exercise.hints.length > 0)!
    const enEx = en.steps.find(s => s.id === ex.id)!.exercise!
    const hint = { type: 'hint', step: ex.id, n: 1, total: ex.exercise!.hints.length, text: ex.exercise!.hints[0]! } as const
    expect(mirrorEvent(hint, ja, en)).toEqual({ ...hint, text: enEx.hints[0] })
    const checked = { type: 'exercise-checked', step: ex.id, label: 'ja', after: 'try', solved: true, output: '' } as const
    expect(mirrorEvent(checked, ja, en)).toEqual({ ...checked, label: claimLabel(enEx.check.code) })
  })

  it('what has no words, or a step it does not know, passes unchanged', () => {
    const output = { type: 'block-output', step: step.id, chunk: 'こんにちは' } as const
    expect(mirrorEvent(output, ja, en)).toBe(output)
    const stray = { type: 'claim', step: 'no-such-step', line: 1, label: 'x', status: 'held', exitStatus: 0, output: '' } as const
    expect(mirrorEvent(stray, ja, en)).toBe(stray)
  })
})
