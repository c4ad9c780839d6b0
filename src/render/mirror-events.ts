// A run's events in the other language: `follow --lang en` of a teacher's ja run. The two lessons
// mirror each other step for step with the same code, so only what the events carry in words —
// claims and hints — is looked up in the learner's lesson, by step and position.
import { claimLabel } from '../lesson/claim.js'
import type { Lesson } from '../lesson/types.js'
import type { RunEvent } from '../run/events.js'

export function mirrorEvent(e: RunEvent, from: Lesson, to: Lesson): RunEvent {
  if (e.type === 'claim') {
    const index = from.steps.find(s => s.id === e.step)?.checks.findIndex(c => c.line === e.line) ?? -1
    const check = to.steps.find(s => s.id === e.step)?.checks[index]
    return check ? { ...e, line: check.line, label: claimLabel(check.code) } : e
  }
  if (e.type === 'exercise-checked') {
    const check = to.steps.find(s => s.id === e.step)?.exercise?.check
    return check ? { ...e, label: claimLabel(check.code) } : e
  }
  if (e.type === 'hint') {
    const text = to.steps.find(s => s.id === e.step)?.exercise?.hints[e.n - 1]
    return text === undefined ? e : { ...e, text }
  }
  return e
}
