// A lesson's runnable code as one plain bash script (for the benchmark's raw-bash side, and for reading).
import type { Plan } from '../plan/plan.js'
import { shellQuote } from '../shell/quote.js'
import type { Lesson } from './types.js'

export function lessonScript(lesson: Lesson, plan: Plan, args: string[], opts: { checks: boolean; uuid?: string }): string {
  const parts = [`set -- ${args.map(shellQuote).join(' ')}`, ...lesson.prelude.map(b => b.code)]
  for (const step of plan.steps) {
    parts.push(`# step ${step.id}`)
    for (const b of step.blocks) parts.push(b.code)
    if (step.allocatesUuid && opts.uuid) parts.push(`uuid=${opts.uuid}`)
    if (opts.checks) parts.push(...step.checks.map(c => c.code))
  }
  parts.push(...lesson.teardown.map(b => b.code))
  return parts.join('\n') + '\n'
}
